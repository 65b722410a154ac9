import pytest

from tarn.resolver.specifiers import InvalidSpecifier, SpecifierSet, parse_version


def test_parse_version_order():
    assert parse_version("1.0") == parse_version("1.0.0")
    assert parse_version("1.0rc1") < parse_version("1.0")
    assert parse_version("1.0.dev1") < parse_version("1.0a1")
    assert parse_version("1.0.post1") > parse_version("1.0")


@pytest.mark.parametrize("spec, version, ok", [
    (">=1.2", "1.10", True),
    ("<2", "2.0", False),
    ("==1.4.*", "1.4.9", True),
    ("!=1.4.*", "1.4.9", False),
    ("~=2.2", "2.9", True),
    ("~=2.2", "3.0", False),
])
def test_contains(spec, version, ok):
    assert SpecifierSet(spec).contains(version) is ok


def test_prerelease_skipped():
    assert not SpecifierSet(">=2.26").contains("2.27.0rc1")
    assert SpecifierSet(">=2.27.0rc1").contains("2.27.0rc1")


def test_single_segment_compatible_release_rejected():
    with pytest.raises(InvalidSpecifier):
        SpecifierSet("~=3").contains("3.1")
