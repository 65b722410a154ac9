"""Client for the simple repository API (HTML flavour)."""
import html
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin

from ..utils.names import canonicalize


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))


def _is_yanked(attrs: dict) -> bool:
    return bool(attrs.get("data-yanked"))


def parse_links(page: str, base_url: str):
    """Return ``[{"filename", "url", "hash", "requires_python", "yanked"}]`` for a project page."""
    parser = _LinkParser()
    parser.feed(page)
    out = []
    for attrs in parser.links:
        href = attrs.get("href")
        if not href:
            continue
        url, frag = urldefrag(urljoin(base_url, href))
        filename = url.rsplit("/", 1)[-1]
        out.append({
            "filename": filename,
            "url": url,
            "hash": frag.replace("=", ":", 1) if frag else None,
            "requires_python": html.unescape(attrs.get("data-requires-python") or ""),
            "yanked": _is_yanked(attrs),
        })
    return out


def project_url(index_url: str, name: str) -> str:
    return index_url.rstrip("/") + "/" + canonicalize(name) + "/"


def usable_files(links, pinned_exact: bool = False):
    """Drop yanked files unless the requirement pins the version with ``==``."""
    return [l for l in links if pinned_exact or not l["yanked"]]
