"""Async connection."""
import enum
import itertools

from . import copy as _copy
from .dsn import parse_dsn
from .errors import InterfaceError
from .listen import ListenerRegistry
from .prepared import StatementCache

_stmt_ids = itertools.count(1)


class TransactionStatus(enum.Enum):
    IDLE = "I"
    INTRANS = "T"
    INERROR = "E"
    UNKNOWN = "?"


class Connection:
    def __init__(self, protocol, params, *, statement_cache_size=100, json_loads=None, json_dumps=None):
        self._protocol = protocol
        self._params = params
        self._stmt_cache = StatementCache(statement_cache_size)
        self._json_loads = json_loads
        self._json_dumps = json_dumps
        self._listeners = ListenerRegistry(self)
        self._query_loggers = []
        self._closed = False

    # -- state -------------------------------------------------------------
    @property
    def transaction_status(self):
        return TransactionStatus(self._protocol.transaction_status)

    def is_closed(self):
        return self._closed

    # -- queries -----------------------------------------------------------
    async def execute(self, query, *args, timeout=None):
        if not args:
            return await self._protocol.simple_query(query, timeout=timeout)
        stmt = await self._get_statement(query)
        return await self._protocol.bind_execute(stmt, args, timeout=timeout, want_rows=False)

    async def fetch(self, query, *args, timeout=None):
        stmt = await self._get_statement(query)
        return await self._protocol.bind_execute(stmt, args, timeout=timeout, want_rows=True)

    async def fetchrow(self, query, *args, timeout=None):
        rows = await self.fetch(query, *args, timeout=timeout)
        return rows[0] if rows else None

    async def fetchval(self, query, *args, column=0, timeout=None):
        row = await self.fetchrow(query, *args, timeout=timeout)
        return None if row is None else row[column]

    async def prepare(self, query):
        """Explicitly prepare a named statement (always named, even with the cache disabled)."""
        return await self._protocol.prepare(f"__quarry_stmt_{next(_stmt_ids)}__", query)

    async def _get_statement(self, query):
        key = query
        stmt = self._stmt_cache.get(key)
        if stmt is not None:
            return stmt
        if self._stmt_cache.max_size:
            name = f"__quarry_stmt_{next(_stmt_ids)}__"
        else:
            name = ""  # unnamed statement
        stmt = await self._protocol.prepare(name, query)
        self._stmt_cache.put(key, stmt)
        return stmt

    # -- COPY ----------------------------------------------------------------
    async def copy_records_to_table(self, table, records, *, columns=None):
        return await _copy.copy_records_to_table(self, table, records, columns=columns)

    async def copy_from_query(self, query, *args, output):
        return await _copy.copy_from_query(self, query, *args, output=output)

    # -- LISTEN/NOTIFY -----------------------------------------------------------
    async def add_listener(self, channel, callback):
        await self._listeners.add_listener(channel, callback)

    async def remove_listener(self, channel, callback):
        await self._listeners.remove_listener(channel, callback)

    async def close(self):
        if not self._closed:
            self._closed = True
            await self._protocol.terminate()


async def connect(dsn=None, *, statement_cache_size=100, json_loads=None, json_dumps=None, timeout=60, **kwargs):
    from .protocol.transport import open_protocol  # network layer, not part of this excerpt
    params = parse_dsn(dsn) if dsn else {"hosts": [("localhost", 5432)], "params": {}}
    params["params"].update({k: str(v) for k, v in kwargs.items()})
    if statement_cache_size < 0:
        raise InterfaceError("statement_cache_size must be >= 0")
    protocol = await open_protocol(params, timeout=timeout)
    return Connection(protocol, params, statement_cache_size=statement_cache_size,
                      json_loads=json_loads, json_dumps=json_dumps)
