"""json and jsonb codecs.

Values are returned as ``str`` unless the connection was created with ``json_loads=``
(or a codec is registered with ``Connection.set_type_codec``).
"""
import json as _json

JSONB_VERSION = b"\x01"


def _hooks(conn):
    if conn is None:
        return None, None
    return conn._json_loads, conn._json_dumps


def decode_json(data, conn=None):
    text = bytes(data).decode("utf-8")
    if conn is not None and conn._json_loads is not None:
        return _json.loads(text)
    return text


def encode_json(value, conn=None):
    if isinstance(value, str):
        return value.encode("utf-8")
    return _json.dumps(value).encode("utf-8")


def decode_jsonb(data, conn=None):
    data = bytes(data)
    if data[:1] != JSONB_VERSION:
        raise ValueError("unsupported jsonb format version %r" % data[:1])
    text = data[1:].decode("utf-8")
    loads, _ = _hooks(conn)
    return loads(text) if loads is not None else text


def encode_jsonb(value, conn=None):
    _, dumps = _hooks(conn)
    if isinstance(value, str):
        text = value
    else:
        text = (dumps or _json.dumps)(value)
    return JSONB_VERSION + text.encode("utf-8")
