"""Cursor pagination for /api/bookmarks."""
import base64
from urllib.parse import urlencode

DEFAULT_LIMIT = 50
FILTER_PARAMS = ("archived", "q", "limit")


def encode_cursor(value):
    return base64.urlsafe_b64encode(value.isoformat().encode()).decode().rstrip("=")


def decode_cursor(cursor):
    pad = "=" * (-len(cursor) % 4)
    return base64.urlsafe_b64decode(cursor + pad).decode()


def next_link(base_url, params, last_created_at):
    """URL of the next page: the current filters plus a new cursor.

    ``params`` is a QueryDict-like mapping (``getlist`` available).
    """
    query = {k: params.get(k) for k in FILTER_PARAMS if params.get(k) is not None}
    query["cursor"] = encode_cursor(last_created_at)
    return f"{base_url}?{urlencode(query)}"


def paginate(items, params, base_url):
    limit = int(params.get("limit") or DEFAULT_LIMIT)
    page = list(items[: limit + 1])
    nxt = next_link(base_url, params, page[limit - 1]["created_at"]) if len(page) > limit else None
    return {"results": page[:limit], "next": nxt}
