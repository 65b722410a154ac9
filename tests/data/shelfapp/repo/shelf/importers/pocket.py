"""Import of the Pocket CSV export (title,url,time_added,tags,status)."""
import csv
from datetime import datetime, timezone


def parse_row(row):
    return {
        "url": row["url"],
        "title": row.get("title") or "",
        "created_at": datetime.fromtimestamp(int(row["time_added"]), tz=timezone.utc),
        "tags": [t for t in (row.get("tags") or "").split("|") if t],
        "archived": row.get("status") == "archive",
    }


def import_pocket_csv(fileobj):
    """Yield bookmark dicts from a Pocket CSV export."""
    reader = csv.DictReader(fileobj)
    for row in reader:
        if not row.get("url"):
            continue
        yield parse_row(row)
