import logging

import requests

from shelf import settings

log = logging.getLogger("shelf.extractor")
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) shelf/1.1 (+https://github.com/shelfhq/shelf)"


class FetchError(Exception):
    pass


def fetch_url(url, timeout=None):
    timeout = timeout or settings.FETCH_TIMEOUT
    try:
        resp = requests.get(url, timeout=timeout, headers={"User-Agent": USER_AGENT})
    except requests.Timeout:
        log.warning("Fetch failed for %s: read timeout after %ss", url, int(timeout))
        raise FetchError(f"read timeout after {int(timeout)}s")
    resp.raise_for_status()
    return resp
