import datetime
import decimal
import enum
import uuid

import pytest

from quill.encoders import dumps, jsonable_encoder


class Color(enum.Enum):
    RED = "red"


def test_common_types():
    value = {
        "when": datetime.datetime(2024, 1, 2, 3, 4, 5),
        "id": uuid.UUID(int=1),
        "color": Color.RED,
        "tags": {"a"},
    }
    assert jsonable_encoder(value) == {
        "when": "2024-01-02T03:04:05",
        "id": "00000000-0000-0000-0000-000000000001",
        "color": "red",
        "tags": ["a"],
    }


def test_decimal():
    assert jsonable_encoder(decimal.Decimal("10")) == 10
    assert jsonable_encoder(decimal.Decimal("1.5")) == 1.5


def test_custom_encoder():
    class Money:
        def __init__(self, cents):
            self.cents = cents

    assert jsonable_encoder(Money(250), custom_encoder={Money: lambda m: m.cents / 100}) == 2.5


def test_unknown_type():
    with pytest.raises(TypeError, match="Object of type object is not JSON serializable"):
        dumps({"x": object()})
