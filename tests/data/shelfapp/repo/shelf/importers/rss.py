"""RSS and Atom feed import."""
import logging
from datetime import datetime, timezone

import requests
from lxml import etree

from shelf.extractor.fetch import USER_AGENT

log = logging.getLogger("shelf.feeds")

DATE_FORMATS = (
    "%a, %d %b %Y %H:%M:%S %Z",   # RFC 822 with a zone name: 'Mon, 27 Mar 2023 09:00:00 GMT'
    "%d %b %Y %H:%M:%S %Z",
    "%Y-%m-%dT%H:%M:%S%z",        # ISO 8601 / RFC 3339
    "%Y-%m-%dT%H:%M:%S.%f%z",
    "%Y-%m-%d",
)


def parse_feed_date(value):
    """Parse the date of a feed entry into an aware datetime (UTC if no zone)."""
    value = value.strip()
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        return parsed
    raise ValueError(f"Unsupported date format in feed entry: {value!r}")


def fetch_feed(feed_url, etag=None, last_modified=None):
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        resp = requests.get(feed_url, timeout=10, headers=headers)
    except requests.Timeout:
        log.warning("Fetch failed for %s: read timeout after %ss", feed_url, 10)
        raise
    if resp.status_code == 304:
        return None
    resp.raise_for_status()
    return resp


def parse_entries(content, feed_url):
    root = etree.fromstring(content)
    entries = []
    for item in root.iter("item", "{http://www.w3.org/2005/Atom}entry"):
        link = item.findtext("link") or (item.find("{http://www.w3.org/2005/Atom}link").get("href"))
        raw_date = item.findtext("pubDate") or item.findtext("{http://www.w3.org/2005/Atom}updated") or ""
        try:
            published = parse_feed_date(raw_date) if raw_date else None
        except ValueError as exc:
            log.warning("Skipping entry in %s: %s", feed_url, exc)
            continue
        entries.append({"url": link, "title": item.findtext("title") or "", "published": published})
    return entries
