from shelf.search.query import build_search_query


def test_terms_joined():
    assert build_search_query("rust async") == "rust & async:*"


def test_unbalanced_double_quote():
    assert build_search_query('"rust async') == "rust & async:*"
