"""``BaseMiddleware``: write middleware as ``async def dispatch(request, call_next)``."""

from __future__ import annotations

from typing import Any, Awaitable, Callable

import anyio

from quill.requests import Request
from quill.responses import Response, StreamingResponse

CallNext = Callable[[Request], Awaitable[Response]]


class _StreamedResponse(StreamingResponse):
    def __init__(self, status_code: int, raw_headers: list[tuple[bytes, bytes]], body: Any) -> None:
        self.status_code = status_code
        self.raw_headers = raw_headers
        self.body_iterator = body
        self.background = None


class BaseMiddleware:
    def __init__(self, app: Any, dispatch: Callable[[Request, CallNext], Awaitable[Response]] | None = None) -> None:
        self.app = app
        self.dispatch_func = dispatch or self.dispatch

    async def dispatch(self, request: Request, call_next: CallNext) -> Response:
        raise NotImplementedError

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        request = Request(scope, receive, send)

        async def call_next(req: Request) -> Response:
            send_stream, recv_stream = anyio.create_memory_object_stream[dict[str, Any]](0)

            async def run_app() -> None:
                async with send_stream:
                    await self.app(scope, req._receive, send_stream.send)

            async def body() -> Any:
                async with recv_stream:
                    async for message in recv_stream:
                        if message["type"] == "http.response.body":
                            yield message.get("body", b"")
                            if not message.get("more_body", False):
                                break

            tg.start_soon(run_app)
            start = await recv_stream.receive()
            if start["type"] != "http.response.start":
                raise RuntimeError("No response returned.")
            return _StreamedResponse(start["status"], list(start["headers"]), body())

        async with anyio.create_task_group() as tg:
            response = await self.dispatch_func(request, call_next)
            await response(scope, receive, send)
