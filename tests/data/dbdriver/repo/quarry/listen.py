"""LISTEN/NOTIFY: per-connection listener registry."""
import logging

log = logging.getLogger("quarry.listen")


class ListenerRegistry:
    def __init__(self, conn):
        self._conn = conn
        self._listeners = {}   # exact channel name -> list of callbacks

    async def add_listener(self, channel, callback):
        if channel not in self._listeners:
            await self._conn.execute(f"LISTEN {channel}")
            self._listeners[channel] = []
        self._listeners[channel].append(callback)

    async def remove_listener(self, channel, callback):
        callbacks = self._listeners.get(channel)
        if not callbacks or callback not in callbacks:
            return
        callbacks.remove(callback)
        if not callbacks:
            del self._listeners[channel]
            await self._conn.execute(f"UNLISTEN {channel}")

    def dispatch(self, pid, channel, payload):
        for cb in list(self._listeners.get(channel, ())):
            try:
                cb(self._conn, pid, channel, payload)
            except Exception:
                log.exception("listener for %r raised", channel)

    def clear(self):
        self._listeners.clear()
