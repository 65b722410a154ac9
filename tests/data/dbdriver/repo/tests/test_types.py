from quarry.types import Range, Record


def test_record_mapping_access():
    r = Record({"id": 0, "name": 1}, (7, "x"))
    assert r[0] == 7 and r["name"] == "x"
    assert list(r.keys()) == ["id", "name"]
    assert dict(r) == {"id": 7, "name": "x"}


def test_range_contains_inner_values():
    r = Range(1, 10)
    assert 1 in r
    assert 5 in r
    assert 0 not in r
    assert 11 not in r


def test_empty_range():
    assert 1 not in Range(empty=True)
    assert repr(Range(empty=True)) == "Range(empty=True)"
