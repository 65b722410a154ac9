"""Parsing of the tag input used by the web form, the API and the extension."""


def parse_tags(value):
    """Split a comma separated tag string into a list of tag names.

    Whitespace around names is removed and empty names are dropped,
    duplicates are removed keeping the first occurrence.
    """
    if not value:
        return []
    seen = set()
    tags = []
    for raw in value.split(","):
        name = raw.strip()
        if not name or name in seen:
            continue
        seen.add(name)
        tags.append(name)
    return tags


def format_tags(tags):
    return ", ".join(tags)
