"""Cross-Origin Resource Sharing."""

from __future__ import annotations

import re
from typing import Any, Sequence

from quill.datastructures import Headers
from quill.responses import PlainTextResponse

ALL_METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")
SAFELISTED_HEADERS = {"accept", "accept-language", "content-language", "content-type"}


class CORSMiddleware:
    def __init__(
        self,
        app: Any,
        allow_origins: Sequence[str] = (),
        allow_methods: Sequence[str] = ("GET",),
        allow_headers: Sequence[str] = (),
        allow_credentials: bool = False,
        allow_origin_regex: str | None = None,
        expose_headers: Sequence[str] = (),
        max_age: int = 600,
    ) -> None:
        if "*" in allow_origins and allow_credentials:
            raise ValueError(
                "allow_credentials=True cannot be combined with allow_origins=['*']; "
                "list the origins explicitly or use allow_origin_regex"
            )
        self.app = app
        self.allow_all_origins = "*" in allow_origins
        self.allow_origins = {o.rstrip("/") for o in allow_origins}
        self.allow_origin_regex = re.compile(allow_origin_regex) if allow_origin_regex else None
        self.allow_methods = ALL_METHODS if "*" in allow_methods else tuple(m.upper() for m in allow_methods)
        self.allow_all_headers = "*" in allow_headers
        self.allow_headers = {h.lower() for h in allow_headers} | SAFELISTED_HEADERS
        self.allow_credentials = allow_credentials
        self.expose_headers = list(expose_headers)
        self.max_age = max_age

    def is_allowed_origin(self, origin: str) -> bool:
        if self.allow_all_origins:
            return True
        if self.allow_origin_regex is not None and self.allow_origin_regex.match(origin):
            return True
        return origin in self.allow_origins

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(raw=scope["headers"])
        origin = headers.get("origin")
        if origin is None:
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await self.preflight(headers)(scope, receive, send)
            return
        await self.simple(scope, receive, send, origin)

    def preflight(self, headers: Headers) -> PlainTextResponse:
        origin = headers["origin"]
        requested_method = headers["access-control-request-method"]
        requested_headers = headers.get("access-control-request-headers")
        failures = []
        if not self.is_allowed_origin(origin):
            failures.append("origin")
        if requested_method not in self.allow_methods:
            failures.append("method")
        if requested_headers and not self.allow_all_headers:
            for h in requested_headers.split(","):
                if h.strip().lower() not in self.allow_headers:
                    failures.append("headers")
                    break
        out = {
            "Access-Control-Allow-Methods": ", ".join(self.allow_methods),
            "Access-Control-Max-Age": str(self.max_age),
            "Vary": "Origin",
        }
        if self.allow_all_headers and requested_headers:
            out["Access-Control-Allow-Headers"] = requested_headers
        elif self.allow_headers:
            out["Access-Control-Allow-Headers"] = ", ".join(sorted(self.allow_headers))
        if self.allow_credentials:
            out["Access-Control-Allow-Credentials"] = "true"
        if failures:
            return PlainTextResponse("Disallowed CORS " + ", ".join(failures), status_code=400, headers=out)
        out["Access-Control-Allow-Origin"] = "*" if self.allow_all_origins else origin
        return PlainTextResponse("OK", status_code=200, headers=out)

    async def simple(self, scope: dict[str, Any], receive: Any, send: Any, origin: str) -> None:
        async def _send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and self.is_allowed_origin(origin):
                extra = [(b"access-control-allow-origin", (b"*" if self.allow_all_origins else origin.encode()))]
                if self.allow_credentials:
                    extra.append((b"access-control-allow-credentials", b"true"))
                if self.expose_headers:
                    extra.append((b"access-control-expose-headers", ", ".join(self.expose_headers).encode()))
                if not self.allow_all_origins:
                    extra.append((b"vary", b"Origin"))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, _send)
