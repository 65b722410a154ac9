"""Proxy selection from HTTP(S)_PROXY and NO_PROXY."""
import os
from urllib.parse import urlsplit


def _env(name):
    return os.environ.get(name) or os.environ.get(name.lower()) or ""


def bypass_proxy(host: str, no_proxy: str) -> bool:
    """Return True when ``host`` matches an entry of the comma separated ``no_proxy``."""
    host = host.lower().rstrip(".")
    for entry in no_proxy.split(","):
        entry = entry.strip().lower()
        if not entry:
            continue
        if entry == "*":
            return True
        if host == entry or host.endswith("." + entry):
            return True
    return False


def proxy_for(url: str):
    """Proxy URL to use for ``url``, or None."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if bypass_proxy(host, _env("NO_PROXY")):
        return None
    if parts.scheme == "https":
        return _env("HTTPS_PROXY") or None
    return _env("HTTP_PROXY") or None
