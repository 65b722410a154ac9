"""quarry: a PostgreSQL client library for Python."""
from .connection import Connection, connect
from .pool import Pool, create_pool
from .types import Interval, Range, Record
from . import errors

__version__ = "2.4.1"
__all__ = ["Connection", "connect", "Pool", "create_pool", "Range", "Record", "Interval", "errors"]
