"""Connection pool."""
import asyncio
import logging
import time

from .connection import TransactionStatus, connect
from .errors import PoolTimeoutError, QuarryError

log = logging.getLogger("quarry.pool")


class Pool:
    def __init__(self, dsn, *, min_size=1, max_size=10, max_lifetime=None,
                 max_inactive_connection_lifetime=300.0, acquire_timeout=30.0, **connect_kwargs):
        if min_size < 0:
            raise ValueError("min_size must be >= 0")
        if max_size < 1 or max_size < min_size:
            raise ValueError("max_size must be >= 1 and >= min_size")
        self._dsn = dsn
        self._min_size, self._max_size = min_size, max_size
        self._max_lifetime = max_lifetime
        self._max_inactive = max_inactive_connection_lifetime
        self._acquire_timeout = acquire_timeout
        self._connect_kwargs = connect_kwargs
        self._idle = asyncio.LifoQueue()
        self._all = set()
        self._born = {}
        self._closing = False

    def get_size(self):
        return len(self._all)

    def get_idle_size(self):
        return self._idle.qsize()

    async def _new_connection(self):
        conn = await connect(self._dsn, **self._connect_kwargs)
        self._all.add(conn)
        self._born[conn] = time.monotonic()
        return conn

    async def _acquire(self, timeout):
        if self._idle.empty() and len(self._all) < self._max_size:
            return await self._new_connection()
        try:
            return await asyncio.wait_for(self._idle.get(), timeout)
        except asyncio.TimeoutError:
            raise PoolTimeoutError(
                "timed out waiting for a free connection after %.1fs" % timeout) from None

    def acquire(self, *, timeout=None):
        return _AcquireContext(self, self._acquire_timeout if timeout is None else timeout)

    async def _reset_connection(self, conn):
        """Bring a connection back to a clean state before it is reused."""
        if conn.transaction_status is TransactionStatus.INTRANS:
            await conn.execute("ROLLBACK")
        reset = "RESET ALL; UNLISTEN *;"
        if conn._stmt_cache.max_size:
            reset += " DEALLOCATE ALL;"
            conn._stmt_cache.clear()
        try:
            await conn.execute(reset)
        except QuarryError as exc:
            log.warning("could not reset connection: %s", exc)
        conn._listeners.clear()

    async def release(self, conn):
        if self._closing or conn.is_closed():
            await self._discard(conn)
            return
        if self._max_lifetime and time.monotonic() - self._born[conn] > self._max_lifetime:
            await self._discard(conn)
            return
        await self._reset_connection(conn)
        self._idle.put_nowait(conn)

    async def _discard(self, conn):
        self._all.discard(conn)
        self._born.pop(conn, None)
        if not conn.is_closed():
            await conn.close()

    async def close(self, timeout=60.0):
        self._closing = True
        deadline = time.monotonic() + timeout
        while self._idle.qsize() < len(self._all) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        for conn in list(self._all):
            await self._discard(conn)


class _AcquireContext:
    def __init__(self, pool, timeout):
        self._pool, self._timeout, self._conn = pool, timeout, None

    async def __aenter__(self):
        try:
            self._conn = await self._pool._acquire(self._timeout)
        except asyncio.CancelledError:
            # the waiter may have been handed a connection just before being cancelled
            if self._conn is not None:
                await self._pool.release(self._conn)
            raise
        return self._conn

    async def __aexit__(self, *exc):
        await self._pool.release(self._conn)


async def create_pool(dsn, **kwargs):
    pool = Pool(dsn, **kwargs)
    for _ in range(pool._min_size):
        pool._idle.put_nowait(await pool._new_connection())
    return pool
