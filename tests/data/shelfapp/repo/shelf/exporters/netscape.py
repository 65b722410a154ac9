"""Netscape bookmark file export, readable by all browsers."""

HEADER = """<!DOCTYPE NETSCAPE-Bookmark-file-1>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks</H1>
<DL><p>
"""


def render_netscape(bookmarks):
    """Render an iterable of bookmark dicts (url, title, tags, created_at)."""
    lines = [HEADER]
    for b in bookmarks:
        add_date = int(b["created_at"].timestamp())
        tags = ",".join(b.get("tags") or [])
        lines.append(
            f'    <DT><A HREF="{b["url"]}" ADD_DATE="{add_date}" TAGS="{tags}">{b["title"]}</A>\n'
        )
    lines.append("</DL><p>\n")
    return "".join(lines)
