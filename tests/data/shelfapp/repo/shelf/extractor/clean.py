"""Turn a fetched HTML page into a title and readable content."""
from lxml import html as lxml_html

STRIP_TAGS = ("script", "style", "nav", "footer", "aside", "form", "noscript")


def parse(text):
    return lxml_html.fromstring(text)


def extract_title(tree, fallback=""):
    """Return the page title.

    Falls back to og:title when the page has no <title> element, then to
    ``fallback`` (usually the URL).
    """
    node = tree.find(".//title")
    if node is not None:
        return node.text.strip()
    og = tree.xpath('//meta[@property="og:title"]/@content')
    if og and og[0].strip():
        return og[0].strip()
    return fallback


def extract_content(tree):
    for tag in STRIP_TAGS:
        for el in tree.iter(tag):
            el.drop_tree()
    body = tree.find(".//article") or tree.find(".//main") or tree.find(".//body")
    if body is None:
        return ""
    for img in body.iter("img"):
        if not img.get("src") and img.get("data-src"):
            img.set("src", img.get("data-src"))
    return lxml_html.tostring(body, encoding="unicode")
