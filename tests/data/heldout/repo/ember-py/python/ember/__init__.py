"""Python bindings for the ember embedded key-value store.

    >>> import ember
    >>> with ember.open("/tmp/demo") as db:
    ...     db.put(b"k", b"v")
    ...     db.get(b"k")
    b'v'
"""

from ember._ember import (  # noqa: F401
    ConflictError,
    CorruptionError,
    Db,
    EmberError,
    Iterator,
    __version__,
    open,
)

__all__ = [
    "open",
    "Db",
    "Iterator",
    "EmberError",
    "ConflictError",
    "CorruptionError",
    "__version__",
]


def prefix_items(db, prefix):
    """Yield (key, value) pairs whose key starts with ``prefix``."""
    for k, v in db.scan(prefix=prefix):
        yield k, v
