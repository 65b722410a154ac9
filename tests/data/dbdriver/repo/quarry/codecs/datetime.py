"""date / timestamp / timestamptz codecs (binary format, integer datetimes)."""
import struct
from datetime import date, datetime, timedelta, timezone

_EPOCH_DATE = date(2000, 1, 1)
_EPOCH = datetime(2000, 1, 1)
_EPOCH_TZ = datetime(2000, 1, 1, tzinfo=timezone.utc)

DATE_POS_INFINITY = 0x7FFFFFFF
DATE_NEG_INFINITY = -0x80000000
TS_POS_INFINITY = 0x7FFFFFFFFFFFFFFF
TS_NEG_INFINITY = -0x8000000000000000

_int4 = struct.Struct("!i")
_int8 = struct.Struct("!q")


def decode_date(data, conn=None):
    days = _int4.unpack(data)[0]
    if days == DATE_POS_INFINITY:
        return date.max
    if days == DATE_NEG_INFINITY:
        return date.min
    return _EPOCH_DATE + timedelta(days=days)


def encode_date(value, conn=None):
    if value == date.max:
        return _int4.pack(DATE_POS_INFINITY)
    if value == date.min:
        return _int4.pack(DATE_NEG_INFINITY)
    return _int4.pack((value - _EPOCH_DATE).days)


def decode_timestamp(data, conn=None):
    micros = _int8.unpack(data)[0]
    return _EPOCH + timedelta(microseconds=micros)


def encode_timestamp(value, conn=None):
    delta = value - _EPOCH
    return _int8.pack((delta.days * 86400 + delta.seconds) * 1000000 + delta.microseconds)


def decode_timestamptz(data, conn=None):
    micros = _int8.unpack(data)[0]
    return _EPOCH_TZ + timedelta(microseconds=micros)


def encode_timestamptz(value, conn=None):
    if value.tzinfo is None:
        raise ValueError("timestamptz parameter must be timezone-aware")
    delta = value - _EPOCH_TZ
    return _int8.pack((delta.days * 86400 + delta.seconds) * 1000000 + delta.microseconds)
