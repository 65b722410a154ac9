"""The ``Request`` object handed to endpoints and middleware."""

from __future__ import annotations

import json
from http.cookies import SimpleCookie
from typing import Any, AsyncIterator
from urllib.parse import parse_qsl

from quill.datastructures import Headers, QueryParams, State, URL


class ClientDisconnect(Exception):
    pass


class Request:
    def __init__(self, scope: dict[str, Any], receive: Any = None, send: Any = None) -> None:
        assert scope["type"] in ("http", "websocket")
        self.scope = scope
        self._receive = receive
        self._send = send
        self._body: bytes | None = None
        self._json: Any = None
        self._form: Any = None
        self._stream_consumed = False
        self._is_disconnected = False

    @property
    def method(self) -> str:
        return self.scope["method"]

    @property
    def url(self) -> URL:
        return URL.from_scope(self.scope)

    @property
    def base_url(self) -> URL:
        root_path = self.scope.get("root_path", "")
        return self.url.replace(path=root_path.rstrip("/") + "/", query="")

    @property
    def headers(self) -> Headers:
        return Headers(raw=self.scope["headers"])

    @property
    def query_params(self) -> QueryParams:
        return QueryParams(parse_qsl(self.scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True))

    @property
    def path_params(self) -> dict[str, Any]:
        return self.scope.get("path_params", {})

    @property
    def cookies(self) -> dict[str, str]:
        cookie = SimpleCookie()
        cookie.load(self.headers.get("cookie", ""))
        return {key: morsel.value for key, morsel in cookie.items()}

    @property
    def client(self) -> tuple[str, int] | None:
        return self.scope.get("client")

    @property
    def state(self) -> State:
        if "state" not in self.scope:
            self.scope["state"] = {}
        return State(self.scope["state"])

    @property
    def app(self) -> Any:
        return self.scope["app"]

    async def stream(self) -> AsyncIterator[bytes]:
        if self._body is not None:
            yield self._body
            return
        if self._stream_consumed:
            raise RuntimeError("request body has already been consumed")
        self._stream_consumed = True
        while True:
            message = await self._receive()
            if message["type"] == "http.request":
                chunk = message.get("body", b"")
                if chunk:
                    yield chunk
                if not message.get("more_body", False):
                    break
            elif message["type"] == "http.disconnect":
                self._is_disconnected = True
                raise ClientDisconnect()

    async def body(self) -> bytes:
        if self._body is None:
            self._body = b"".join([chunk async for chunk in self.stream()])
        return self._body

    async def json(self) -> Any:
        if self._json is None:
            self._json = json.loads(await self.body())
        return self._json

    async def form(self, *, max_files: int = 1000, max_fields: int = 1000) -> Any:
        if self._form is None:
            from quill.uploads import parse_form

            self._form = await parse_form(self, max_files=max_files, max_fields=max_fields)
        return self._form

    async def close(self) -> None:
        """Close uploaded files of a parsed form."""
        if self._form is not None:
            for value in self._form.values():
                for item in value if isinstance(value, list) else [value]:
                    if hasattr(item, "close") and hasattr(item, "filename"):
                        await item.close()

    async def is_disconnected(self) -> bool:
        # The flag is only updated while the body is being streamed; once the
        # request body has been read we stop listening on ``receive``.
        return self._is_disconnected

    def url_for(self, name: str, /, **path_params: Any) -> URL:
        path = self.app.router.url_path_for(name, **path_params)
        return self.base_url.replace(path=self.base_url.path.rstrip("/") + path)
