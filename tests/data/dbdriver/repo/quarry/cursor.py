"""DB-API-like cursor used by the sync API and by ``Connection.cursor()``."""


class Cursor:
    arraysize = 1

    def __init__(self, conn):
        self._conn = conn
        self._rows = []
        self._pos = 0
        self.rowcount = -1

    async def execute(self, query, *args):
        result = await self._conn._protocol.run(query, args)
        self._rows = result.rows or []
        self._pos = 0
        self.rowcount = result.rowcount if result.rowcount is not None else len(self._rows)

    async def executemany(self, query, args_seq):
        """Run ``query`` once per parameter set, pipelined (one Sync for the whole batch).

        ``rowcount`` is the total number of rows affected over all parameter sets.
        """
        results = await self._conn._protocol.run_many(query, list(args_seq))
        self._rows = []
        self._pos = 0
        self.rowcount = 0
        for result in results:
            if result.rowcount is not None:
                self.rowcount = result.rowcount

    def fetchone(self):
        if self._pos >= len(self._rows):
            return None
        row = self._rows[self._pos]
        self._pos += 1
        return row

    def fetchmany(self, size=None):
        if size is None:
            size = self.arraysize
        end = self._pos + size if size else len(self._rows)
        rows = self._rows[self._pos:end]
        self._pos += len(rows)
        return rows

    def fetchall(self):
        rows = self._rows[self._pos:]
        self._pos = len(self._rows)
        return rows
