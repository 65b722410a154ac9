"""WebSocket connections."""

from __future__ import annotations

import enum
import json
from typing import Any, AsyncIterator

from quill.datastructures import Headers, QueryParams, URL
from quill.exceptions import WebSocketStateError


class WebSocketState(enum.Enum):
    CONNECTING = 0
    CONNECTED = 1
    DISCONNECTED = 2
    RESPONSE = 3


class WebSocketDisconnect(Exception):
    def __init__(self, code: int = 1000, reason: str | None = None) -> None:
        self.code = code
        self.reason = reason or ""
        super().__init__(code, self.reason)


class WebSocket:
    def __init__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        assert scope["type"] == "websocket"
        self.scope = scope
        self._receive = receive
        self._send = send
        self.client_state = WebSocketState.CONNECTING
        self.application_state = WebSocketState.CONNECTING

    @property
    def url(self) -> URL:
        return URL.from_scope(self.scope)

    @property
    def headers(self) -> Headers:
        return Headers(raw=self.scope["headers"])

    @property
    def query_params(self) -> QueryParams:
        from urllib.parse import parse_qsl

        return QueryParams(parse_qsl(self.scope.get("query_string", b"").decode("latin-1")))

    @property
    def path_params(self) -> dict[str, Any]:
        return self.scope.get("path_params", {})

    async def receive(self) -> dict[str, Any]:
        if self.client_state == WebSocketState.CONNECTING:
            message = await self._receive()
            if message["type"] != "websocket.connect":
                raise RuntimeError(f'Expected ASGI message "websocket.connect", got {message["type"]!r}')
            self.client_state = WebSocketState.CONNECTED
            return message
        if self.client_state == WebSocketState.CONNECTED:
            message = await self._receive()
            if message["type"] == "websocket.disconnect":
                self.client_state = WebSocketState.DISCONNECTED
            return message
        raise WebSocketStateError("receive", self.client_state.name)

    async def send(self, message: dict[str, Any]) -> None:
        if self.application_state == WebSocketState.CONNECTING:
            if message["type"] not in ("websocket.accept", "websocket.close", "websocket.http.response.start"):
                raise WebSocketStateError("send", "CONNECTING (call accept() first)")
            if message["type"] == "websocket.close":
                self.application_state = WebSocketState.DISCONNECTED
            elif message["type"] == "websocket.http.response.start":
                self.application_state = WebSocketState.RESPONSE
            else:
                self.application_state = WebSocketState.CONNECTED
            await self._send(message)
            return
        if self.application_state == WebSocketState.CONNECTED:
            if message["type"] == "websocket.close":
                self.application_state = WebSocketState.DISCONNECTED
            try:
                await self._send(message)
            except OSError:
                self.application_state = WebSocketState.DISCONNECTED
                raise WebSocketDisconnect(code=1006) from None
            return
        if self.application_state == WebSocketState.RESPONSE:
            await self._send(message)
            return
        raise WebSocketStateError("send", self.application_state.name)

    async def accept(self, subprotocol: str | None = None, headers: list[tuple[bytes, bytes]] | None = None) -> None:
        if self.client_state == WebSocketState.CONNECTING:
            await self.receive()
        await self.send({"type": "websocket.accept", "subprotocol": subprotocol, "headers": headers or []})

    def _raise_on_disconnect(self, message: dict[str, Any]) -> None:
        if message["type"] == "websocket.disconnect":
            raise WebSocketDisconnect(message.get("code", 1000), message.get("reason"))

    async def receive_text(self) -> str:
        message = await self.receive()
        self._raise_on_disconnect(message)
        return message["text"]

    async def receive_bytes(self) -> bytes:
        message = await self.receive()
        self._raise_on_disconnect(message)
        return message["bytes"]

    async def receive_json(self, mode: str = "text") -> Any:
        if mode not in ("text", "binary"):
            raise ValueError('The "mode" argument should be "text" or "binary".')
        message = await self.receive()
        self._raise_on_disconnect(message)
        raw = message["text"] if mode == "text" else message["bytes"].decode("utf-8")
        return json.loads(raw)

    async def iter_text(self) -> AsyncIterator[str]:
        try:
            while True:
                yield await self.receive_text()
        except WebSocketDisconnect:
            pass

    async def iter_json(self) -> AsyncIterator[Any]:
        try:
            while True:
                yield await self.receive_json()
        except WebSocketDisconnect:
            pass

    async def send_text(self, data: str) -> None:
        await self.send({"type": "websocket.send", "text": data})

    async def send_bytes(self, data: bytes) -> None:
        await self.send({"type": "websocket.send", "bytes": data})

    async def send_json(self, data: Any, mode: str = "text") -> None:
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
        if mode == "text":
            await self.send({"type": "websocket.send", "text": text})
        else:
            await self.send({"type": "websocket.send", "bytes": text.encode("utf-8")})

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        if self.application_state == WebSocketState.DISCONNECTED:
            return
        await self.send({"type": "websocket.close", "code": code, "reason": reason or ""})
