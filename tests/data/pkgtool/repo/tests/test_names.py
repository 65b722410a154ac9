import pytest

from tarn.utils.names import canonicalize, is_valid_name, wheel_name


@pytest.mark.parametrize("name, expected", [
    ("requests", "requests"),
    ("Django_Filter", "django-filter"),
    ("PyYAML", "pyyaml"),
    ("typing_extensions", "typing-extensions"),
])
def test_canonicalize(name, expected):
    assert canonicalize(name) == expected


def test_wheel_name():
    assert wheel_name("Acme.Data-Tools") == "acme_data_tools"


def test_valid():
    assert is_valid_name("a.b-c_d")
    assert not is_valid_name("-bad")
