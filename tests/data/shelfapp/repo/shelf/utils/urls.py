"""URL helpers used for duplicate detection."""
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from shelf import settings

DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(key):
    key = key.lower()
    return any(key.startswith(p) if p.endswith("_") else key == p for p in settings.TRACKING_PARAMS)


def normalize_url(url):
    """Return a canonical form of ``url`` so the same link is only saved once.

    - lowercase scheme and host
    - drop tracking parameters (utm_*, fbclid, gclid)
    - drop default ports and a trailing slash
    """
    url = url.strip().lower()
    parts = urlsplit(url)
    scheme = parts.scheme or "http"
    netloc = parts.hostname or ""
    if parts.port and DEFAULT_PORTS.get(scheme) != parts.port:
        netloc = f"{netloc}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)])
    path = parts.path.rstrip("/") or ""
    if scheme == "http" and netloc:
        scheme = "https"
    return urlunsplit((scheme, netloc, path, query, ""))


def domain_of(url):
    return (urlsplit(url).hostname or "").removeprefix("www.")
