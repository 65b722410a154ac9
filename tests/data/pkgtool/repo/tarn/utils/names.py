"""Project name handling."""
import re

_VALID = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.IGNORECASE)


def is_valid_name(name: str) -> bool:
    return bool(_VALID.match(name))


def canonicalize(name: str) -> str:
    """Return the canonical form of a project name, used as a key everywhere.

    Added in 0.1 for ``Django_Filter`` vs ``django-filter``.
    """
    return name.lower().replace("_", "-")


def wheel_name(name: str) -> str:
    """Name component of wheel file names: canonical name with ``-`` replaced by ``_``."""
    return re.sub(r"[-_.]+", "_", name).lower()
