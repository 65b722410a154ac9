from tarn.index.simple import parse_links, project_url, usable_files

PAGE = """<html><body>
<a href="../../files/attrs-24.2.0-py3-none-any.whl#sha256=81921e" data-requires-python="&gt;=3.7">attrs-24.2.0-py3-none-any.whl</a>
<a href="../../files/attrs-99.1.0-py3-none-any.whl#sha256=4c1aa9" data-yanked="broken build">attrs-99.1.0-py3-none-any.whl</a>
</body></html>"""


def test_parse_links():
    links = parse_links(PAGE, "https://idx.example/simple/attrs/")
    assert links[0]["url"] == "https://idx.example/files/attrs-24.2.0-py3-none-any.whl"
    assert links[0]["hash"] == "sha256:81921e"
    assert links[0]["requires_python"] == ">=3.7"
    assert [l["yanked"] for l in links] == [False, True]


def test_usable_files():
    links = parse_links(PAGE, "https://idx.example/simple/attrs/")
    assert [l["filename"] for l in usable_files(links)] == ["attrs-24.2.0-py3-none-any.whl"]
    assert len(usable_files(links, pinned_exact=True)) == 2


def test_project_url():
    assert project_url("https://idx.example/simple", "Django_Filter") == "https://idx.example/simple/django-filter/"
