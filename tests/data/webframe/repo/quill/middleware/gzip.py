"""Compress responses for clients that send ``Accept-Encoding: gzip``."""

from __future__ import annotations

import gzip
import io
from typing import Any, Sequence

from quill.datastructures import Headers

DEFAULT_EXCLUDED_MEDIA_TYPES = ("text/event-stream", "application/x-ndjson")


class GZipMiddleware:
    def __init__(
        self,
        app: Any,
        minimum_size: int = 500,
        compresslevel: int = 9,
        exclude_media_types: Sequence[str] = DEFAULT_EXCLUDED_MEDIA_TYPES,
    ) -> None:
        self.app = app
        self.minimum_size = minimum_size
        self.compresslevel = compresslevel
        self.exclude_media_types = tuple(exclude_media_types)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and "gzip" in Headers(raw=scope["headers"]).get("accept-encoding", ""):
            await _GZipResponder(self)(scope, receive, send)
            return
        await self.app(scope, receive, send)


class _GZipResponder:
    def __init__(self, mw: GZipMiddleware) -> None:
        self.mw = mw
        self.buffer = io.BytesIO()
        self.gzip_file = gzip.GzipFile(mode="wb", fileobj=self.buffer, compresslevel=mw.compresslevel)
        self.start_message: dict[str, Any] | None = None
        self.started = False
        self.passthrough = False

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.send = send
        await self.mw.app(scope, receive, self.on_send)

    async def on_send(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.start_message = message
            headers = Headers(raw=message["headers"])
            content_type = headers.get("content-type", "").split(";")[0].strip()
            self.passthrough = "content-encoding" in headers or content_type in self.mw.exclude_media_types
            return
        if message["type"] != "http.response.body":
            await self.send(message)
            return
        assert self.start_message is not None
        body = message.get("body", b"")
        more_body = message.get("more_body", False)
        if self.passthrough:
            if not self.started:
                self.started = True
                await self.send(self.start_message)
            await self.send(message)
            return
        if not self.started and not more_body:
            self.started = True
            if len(body) < self.mw.minimum_size:
                await self.send(self.start_message)
                await self.send(message)
                return
            self.gzip_file.write(body)
            self.gzip_file.close()
            compressed = self.buffer.getvalue()
            headers = [(k, v) for k, v in self.start_message["headers"] if k != b"content-length"]
            headers += [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding"),
                        (b"content-length", str(len(compressed)).encode())]
            await self.send({**self.start_message, "headers": headers})
            await self.send({"type": "http.response.body", "body": compressed})
            return
        if not self.started:
            self.started = True
            headers = [(k, v) for k, v in self.start_message["headers"] if k != b"content-length"]
            headers += [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")]
            await self.send({**self.start_message, "headers": headers})
        self.gzip_file.write(body)
        if not more_body:
            self.gzip_file.close()
        data = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        await self.send({"type": "http.response.body", "body": data, "more_body": more_body})
