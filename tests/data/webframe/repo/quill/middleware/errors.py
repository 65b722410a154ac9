"""The outermost ``ServerErrorMiddleware`` and the inner ``ExceptionMiddleware``."""

from __future__ import annotations

import html
import logging
import traceback
from typing import Any, Callable

import anyio.to_thread

from quill.exceptions import HTTPException
from quill.requests import Request
from quill.responses import HTMLResponse, PlainTextResponse, Response

logger = logging.getLogger("quill.error")


class ServerErrorMiddleware:
    """Turns unhandled exceptions into a 500 response.

    This wraps *all* user middleware, so a response produced here does not pass
    through e.g. ``CORSMiddleware`` on its way out.
    """

    def __init__(self, app: Any, handler: Callable[..., Any] | None = None, debug: bool = False) -> None:
        self.app = app
        self.handler = handler
        self.debug = debug

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response_started = False

        async def _send(message: dict[str, Any]) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive, _send)
        except Exception as exc:
            request = Request(scope, receive)
            if self.debug:
                response: Response = self.debug_response(exc)
            elif self.handler is not None:
                response = await _call_handler(self.handler, request, exc)
            else:
                response = PlainTextResponse("Internal Server Error", status_code=500)
            if not response_started:
                await response(scope, receive, send)
            logger.error("Exception in ASGI application", exc_info=exc)
            raise

    def debug_response(self, exc: Exception) -> Response:
        tb = html.escape("".join(traceback.format_exception(exc)))
        return HTMLResponse(f"<h1>500 Server Error</h1><pre>{tb}</pre>", status_code=500)


class ExceptionMiddleware:
    def __init__(self, app: Any, handlers: dict[Any, Callable[..., Any]], debug: bool = False) -> None:
        self.app = app
        self.debug = debug
        self.status_handlers = {k: v for k, v in handlers.items() if isinstance(k, int)}
        self.exception_handlers = {k: v for k, v in handlers.items() if not isinstance(k, int)}

    def _lookup(self, exc: Exception) -> Callable[..., Any] | None:
        if isinstance(exc, HTTPException) and exc.status_code in self.status_handlers:
            return self.status_handlers[exc.status_code]
        for cls in type(exc).__mro__:
            if cls in self.exception_handlers:
                return self.exception_handlers[cls]
        return None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        response_started = False

        async def _send(message: dict[str, Any]) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive, _send)
        except Exception as exc:
            handler = self._lookup(exc)
            if handler is None:
                raise
            if response_started:
                raise RuntimeError("Caught handled exception, but response already started.") from exc
            if scope["type"] == "websocket":
                raise
            response = await _call_handler(handler, Request(scope, receive), exc)
            await response(scope, receive, send)


async def _call_handler(handler: Callable[..., Any], request: Request, exc: Exception) -> Response:
    import inspect

    if inspect.iscoroutinefunction(handler):
        return await handler(request, exc)
    return await anyio.to_thread.run_sync(handler, request, exc)
