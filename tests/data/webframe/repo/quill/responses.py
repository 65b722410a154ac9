"""Response classes."""

from __future__ import annotations

import hashlib
import http.cookies
import os
import stat
from email.utils import formatdate
from typing import Any, AsyncIterable, Iterable, Mapping
from urllib.parse import quote

import anyio

from quill.background import BackgroundTasks
from quill.encoders import dumps


class Response:
    media_type: str | None = None
    charset = "utf-8"

    def __init__(
        self,
        content: Any = None,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        media_type: str | None = None,
        background: BackgroundTasks | None = None,
    ) -> None:
        self.status_code = status_code
        if media_type is not None:
            self.media_type = media_type
        self.background = background
        self.body = self.render(content)
        self.raw_headers: list[tuple[bytes, bytes]] = []
        self._init_headers(headers)

    def render(self, content: Any) -> bytes:
        if content is None:
            return b""
        if isinstance(content, (bytes, memoryview)):
            return bytes(content)
        return content.encode(self.charset)

    def _init_headers(self, headers: Mapping[str, str] | None) -> None:
        raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
        keys = {k for k, _ in raw}
        body = getattr(self, "body", None)
        if body is not None and b"content-length" not in keys and not (
            self.status_code < 200 or self.status_code in (204, 304)
        ):
            raw.append((b"content-length", str(len(body)).encode("latin-1")))
        if self.media_type is not None and b"content-type" not in keys:
            content_type = self.media_type
            if content_type.startswith("text/") and "charset=" not in content_type:
                content_type += f"; charset={self.charset}"
            raw.append((b"content-type", content_type.encode("latin-1")))
        self.raw_headers = raw

    def set_cookie(
        self,
        key: str,
        value: str = "",
        *,
        max_age: int | None = None,
        path: str = "/",
        domain: str | None = None,
        secure: bool = False,
        httponly: bool = False,
        samesite: str | None = "lax",
    ) -> None:
        cookie: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
        cookie[key] = value
        morsel = cookie[key]
        if max_age is not None:
            morsel["max-age"] = max_age
        morsel["path"] = path
        if domain is not None:
            morsel["domain"] = domain
        if secure:
            morsel["secure"] = True
        if httponly:
            morsel["httponly"] = True
        if samesite is not None:
            if samesite.lower() not in ("strict", "lax", "none"):
                raise ValueError("samesite must be 'strict', 'lax' or 'none'")
            morsel["samesite"] = samesite
        self.raw_headers.append((b"set-cookie", cookie.output(header="").strip().encode("latin-1")))

    def delete_cookie(self, key: str, path: str = "/", domain: str | None = None) -> None:
        self.set_cookie(key, max_age=0, path=path, domain=domain)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        body = b"" if scope.get("method") == "HEAD" else self.body
        await send({"type": "http.response.body", "body": body})
        if self.background is not None:
            await self.background()


class HTMLResponse(Response):
    media_type = "text/html"


class PlainTextResponse(Response):
    media_type = "text/plain"


class JSONResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content)


class RedirectResponse(Response):
    def __init__(self, url: str, status_code: int = 307, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(content=b"", status_code=status_code, headers=headers)
        self.raw_headers.append((b"location", quote(str(url), safe=":/%#?=@[]!$&'()*+,;").encode("latin-1")))


class StreamingResponse(Response):
    def __init__(
        self,
        content: AsyncIterable[Any] | Iterable[Any],
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        media_type: str | None = None,
        background: BackgroundTasks | None = None,
    ) -> None:
        self.body_iterator = content
        self.status_code = status_code
        if media_type is not None:
            self.media_type = media_type
        self.background = background
        self._init_headers(headers)

    async def _listen_for_disconnect(self, receive: Any, scope_cancel: anyio.CancelScope) -> None:
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                scope_cancel.cancel()
                return

    async def _stream(self, send: Any) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        if hasattr(self.body_iterator, "__aiter__"):
            async for chunk in self.body_iterator:  # type: ignore[union-attr]
                await send({"type": "http.response.body", "body": _to_bytes(chunk, self.charset), "more_body": True})
        else:
            for chunk in self.body_iterator:  # type: ignore[union-attr]
                await send({"type": "http.response.body", "body": _to_bytes(chunk, self.charset), "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        async with anyio.create_task_group() as tg:
            tg.start_soon(self._listen_for_disconnect, receive, tg.cancel_scope)
            await self._stream(send)
            tg.cancel_scope.cancel()
        if self.background is not None:
            await self.background()


def _to_bytes(chunk: Any, charset: str) -> bytes:
    return chunk if isinstance(chunk, bytes) else str(chunk).encode(charset)


class FileResponse(Response):
    chunk_size = 64 * 1024

    def __init__(
        self,
        path: str | os.PathLike[str],
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        media_type: str | None = None,
        filename: str | None = None,
        content_disposition_type: str = "attachment",
    ) -> None:
        self.path = os.fspath(path)
        self.status_code = status_code
        self.filename = filename
        self.background = None
        if media_type is None:
            import mimetypes

            media_type = mimetypes.guess_type(filename or self.path)[0] or "application/octet-stream"
        self.media_type = media_type
        self._init_headers(headers)
        if filename is not None:
            ascii_name = filename.encode("ascii", "ignore").decode() or "download"
            value = f'{content_disposition_type}; filename="{ascii_name}"'
            if ascii_name != filename:
                value += f"; filename*=utf-8''{quote(filename)}"
            self.raw_headers.append((b"content-disposition", value.encode("latin-1")))

    def _stat_headers(self, st: os.stat_result) -> None:
        etag = hashlib.md5(f"{st.st_mtime}-{st.st_size}".encode(), usedforsecurity=False).hexdigest()
        self.raw_headers += [
            (b"content-length", str(st.st_size).encode()),
            (b"last-modified", formatdate(st.st_mtime, usegmt=True).encode()),
            (b"etag", f'"{etag}"'.encode()),
        ]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        try:
            st = await anyio.to_thread.run_sync(os.stat, self.path)
        except FileNotFoundError:
            raise RuntimeError(f"File at path {self.path} does not exist.") from None
        if not stat.S_ISREG(st.st_mode):
            raise RuntimeError(f"File at path {self.path} is not a file.")
        self._stat_headers(st)
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        if scope.get("method") == "HEAD":
            await send({"type": "http.response.body", "body": b""})
            return
        async with await anyio.open_file(self.path, "rb") as f:
            while True:
                chunk = await f.read(self.chunk_size)
                more = len(chunk) == self.chunk_size
                await send({"type": "http.response.body", "body": chunk, "more_body": more})
                if not more:
                    break
