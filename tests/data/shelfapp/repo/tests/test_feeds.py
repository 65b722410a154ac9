from datetime import timezone

import pytest

from shelf.importers.rss import parse_feed_date


def test_rfc822_gmt():
    d = parse_feed_date("Mon, 27 Mar 2023 09:00:00 GMT")
    assert d.hour == 9 and d.tzinfo is not None


def test_iso_fractional():
    d = parse_feed_date("2023-03-27T09:00:00.000+02:00")
    assert d.astimezone(timezone.utc).hour == 7


def test_garbage():
    with pytest.raises(ValueError, match="Unsupported date format"):
        parse_feed_date("yesterday")
