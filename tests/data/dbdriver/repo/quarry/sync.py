"""Blocking wrapper around the async Connection (one private event loop per connection)."""
import asyncio

from . import connection as _aconn


class Connection:
    def __init__(self, loop, conn):
        self._loop, self._conn = loop, conn

    def _run(self, coro):
        return self._loop.run_until_complete(coro)

    def execute(self, query, *args):
        return self._run(self._conn.execute(query, *args))

    def fetch(self, query, *args):
        return self._run(self._conn.fetch(query, *args))

    def fetchval(self, query, *args):
        return self._run(self._conn.fetchval(query, *args))

    def close(self):
        self._run(self._conn.close())
        self._loop.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def connect(dsn=None, **kwargs):
    loop = asyncio.new_event_loop()
    return Connection(loop, loop.run_until_complete(_aconn.connect(dsn, **kwargs)))
