"""Binary codecs, keyed by type OID."""
from . import arrays, datetime, json, numeric

DECODERS = {
    1700: numeric.decode_numeric,
    1082: datetime.decode_date,
    1114: datetime.decode_timestamp,
    1184: datetime.decode_timestamptz,
    114: json.decode_json,
    3802: json.decode_jsonb,
}

ENCODERS = {
    1700: numeric.encode_numeric,
    1082: datetime.encode_date,
    1114: datetime.encode_timestamp,
    1184: datetime.encode_timestamptz,
    114: json.encode_json,
    3802: json.encode_jsonb,
}
