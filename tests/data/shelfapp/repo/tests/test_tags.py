from shelf.tags import parse_tags


def test_splits_and_strips():
    assert parse_tags(" a, b ,,c ") == ["a", "b", "c"]


def test_empty():
    assert parse_tags("") == []
