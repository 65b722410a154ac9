from tidepool_py.options import to_java_options


def test_lists_joined():
    assert to_java_options({"conflictColumns": ["a", "b"]}) == {"conflictColumns": "a,b"}


def test_none_dropped():
    assert to_java_options({"fetchsize": None}) == {}
