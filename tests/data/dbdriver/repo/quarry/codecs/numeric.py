"""numeric <-> decimal.Decimal (binary format)."""
import struct
from decimal import Decimal

NUMERIC_POS = 0x0000
NUMERIC_NEG = 0x4000
NUMERIC_NAN = 0xC000

_header = struct.Struct("!hhHh")


def decode_numeric(data, conn=None):
    ndigits, weight, sign, dscale = _header.unpack_from(data)
    if sign == NUMERIC_NAN:
        return Decimal("NaN")
    if sign not in (NUMERIC_POS, NUMERIC_NEG):
        raise ValueError("invalid numeric sign: 0x%04x" % (sign & 0xFFFF))
    digits = struct.unpack_from("!%dh" % ndigits, data, 8)
    # each base-10000 digit is 4 decimal digits
    text = "".join("%04d" % d for d in digits) or "0"
    exp = (weight + 1 - ndigits) * 4
    value = Decimal((1 if sign == NUMERIC_NEG else 0, tuple(int(c) for c in text), exp))
    return value.quantize(Decimal(1).scaleb(-dscale)) if dscale else value.to_integral_value()


def encode_numeric(value, conn=None):
    value = Decimal(value)
    if value.is_nan():
        return _header.pack(0, 0, NUMERIC_NAN, 0)
    if value.is_infinite():
        raise ValueError("cannot encode %r as numeric" % value)
    sign, digits, exp = value.as_tuple()
    dscale = max(0, -exp)
    # pad to a multiple of 4 digits on both sides of the decimal point
    int_len = len(digits) + exp
    lead = (-int_len) % 4
    trail = (-(dscale)) % 4
    s = "0" * lead + "".join(map(str, digits)) + "0" * (trail if exp < 0 else exp)
    groups = [int(s[i:i + 4]) for i in range(0, len(s), 4)]
    while groups and groups[-1] == 0:
        groups.pop()
    weight = (int_len + lead) // 4 - 1
    return _header.pack(len(groups), weight, NUMERIC_NEG if sign else NUMERIC_POS, dscale) + \
        struct.pack("!%dh" % len(groups), *groups)
