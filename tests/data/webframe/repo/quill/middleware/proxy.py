"""Trust ``X-Forwarded-*`` headers set by a reverse proxy."""

from __future__ import annotations

from typing import Any, Sequence

from quill.datastructures import Headers


class ProxyHeadersMiddleware:
    def __init__(self, app: Any, trusted_hosts: Sequence[str] | str = "127.0.0.1") -> None:
        self.app = app
        if isinstance(trusted_hosts, str):
            trusted_hosts = [h.strip() for h in trusted_hosts.split(",")]
        self.trust_all = "*" in trusted_hosts
        self.trusted_hosts = set(trusted_hosts)

    def _is_trusted(self, host: str | None) -> bool:
        return self.trust_all or (host is not None and host in self.trusted_hosts)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            client = scope.get("client")
            if self._is_trusted(client[0] if client else None):
                headers = Headers(raw=scope["headers"])
                proto = headers.get("x-forwarded-proto")
                if proto:
                    proto = proto.split(",")[0].strip().lower()
                    if scope["type"] == "websocket":
                        scope["scheme"] = "wss" if proto in ("https", "wss") else "ws"
                    else:
                        scope["scheme"] = proto
                forwarded_for = headers.get("x-forwarded-for")
                if forwarded_for:
                    hosts = [h.strip() for h in forwarded_for.split(",")]
                    for host in reversed(hosts):
                        if not self._is_trusted(host):
                            scope["client"] = (host, 0)
                            break
        await self.app(scope, receive, send)
