import struct
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from quarry.codecs import datetime as dtc
from quarry.codecs import numeric


@pytest.mark.parametrize("value", ["0", "1", "-1", "123.4500", "10000", "0.0001", "-98765.4321"])
def test_numeric_roundtrip(value):
    d = Decimal(value)
    assert numeric.decode_numeric(numeric.encode_numeric(d)) == d


def test_numeric_nan():
    assert numeric.decode_numeric(numeric.encode_numeric(Decimal("NaN"))).is_nan()


def test_date_infinity():
    assert dtc.decode_date(struct.pack("!i", dtc.DATE_POS_INFINITY)) == date.max
    assert dtc.decode_date(struct.pack("!i", dtc.DATE_NEG_INFINITY)) == date.min
    assert dtc.encode_date(date.max) == struct.pack("!i", dtc.DATE_POS_INFINITY)


def test_timestamptz_roundtrip():
    v = datetime(2024, 2, 29, 12, 30, 1, 5, tzinfo=timezone.utc)
    assert dtc.decode_timestamptz(dtc.encode_timestamptz(v)) == v


def test_timestamptz_naive_rejected():
    with pytest.raises(ValueError):
        dtc.encode_timestamptz(datetime(2024, 1, 1))
