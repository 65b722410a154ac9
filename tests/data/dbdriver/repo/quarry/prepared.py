"""Prepared statement cache."""
from collections import OrderedDict


class PreparedStatement:
    def __init__(self, name, query, param_oids, row_desc):
        self.name = name
        self.query = query
        self.param_oids = param_oids
        self.row_desc = row_desc

    def get_attributes(self):
        return [col.name for col in self.row_desc or ()]


class StatementCache:
    """LRU cache of named prepared statements, keyed by query text.

    ``max_size`` comes from ``statement_cache_size``; 0 disables caching (needed for
    pgbouncer in transaction mode, where named statements cannot be relied upon).
    """

    def __init__(self, max_size=100):
        self.max_size = max_size
        self._entries = OrderedDict()

    def get(self, key):
        stmt = self._entries.get(key)
        if stmt is not None:
            self._entries.move_to_end(key)
        return stmt

    def put(self, key, stmt):
        if len(self._entries) >= self.max_size:
            self._entries.popitem(last=False)
        self._entries[key] = stmt

    def clear(self):
        self._entries.clear()

    def __len__(self):
        return len(self._entries)
