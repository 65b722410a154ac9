"""Minimal console output with NO_COLOR support."""
import os
import sys

_COLORS = {"red": "31", "yellow": "33", "green": "32", "dim": "2"}


def use_color(stream=None) -> bool:
    stream = stream or sys.stderr
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def style(text: str, color: str, stream=None) -> str:
    if not use_color(stream):
        return text
    return f"\033[{_COLORS[color]}m{text}\033[0m"


def warn(msg: str) -> None:
    print(style("warning: ", "yellow") + msg, file=sys.stderr)


def error(msg: str) -> None:
    print(style("error: ", "red") + msg, file=sys.stderr)


def redact(text: str) -> str:
    """Hide credentials in URLs (``https://user:pw@host`` -> ``https://***@host``)."""
    import re

    return re.sub(r"(https?://)[^/@\s]+@", r"\1***@", text)
