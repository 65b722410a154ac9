"""The ``Quill`` application object."""

from __future__ import annotations

import contextlib
import logging
from typing import Any, Callable, Sequence

import anyio.to_thread

from quill.depends import DependencyResolver, get_dependant
from quill.exceptions import HTTPException, RequestValidationError, WebSocketException
from quill.lifespan import Lifespan, run_lifespan
from quill.middleware import Middleware
from quill.middleware.errors import ExceptionMiddleware, ServerErrorMiddleware
from quill.requests import Request
from quill.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from quill.routing import APIRouter, Mount, Route, WebSocketRoute
from quill.validation import format_validation_errors, solve_params
from quill.websockets import WebSocket

logger = logging.getLogger("quill.app")


class Quill:
    def __init__(
        self,
        *,
        debug: bool = False,
        title: str = "Quill",
        version: str = "0.1.0",
        description: str = "",
        openapi_url: str | None = "/openapi.json",
        docs_url: str | None = "/docs",
        docs_persist_authorization: bool = False,
        root_path: str = "",
        lifespan: Lifespan | None = None,
        on_startup: Sequence[Callable[[], Any]] = (),
        on_shutdown: Sequence[Callable[[], Any]] = (),
        middleware: Sequence[Middleware] = (),
        exception_handlers: dict[Any, Callable[..., Any]] | None = None,
        redirect_slashes: bool = True,
    ) -> None:
        self.debug = debug
        self.title = title
        self.version = version
        self.description = description
        self.openapi_url = openapi_url
        self.docs_url = docs_url
        self.docs_persist_authorization = docs_persist_authorization
        self.root_path = root_path
        self.lifespan = lifespan
        self.on_startup = list(on_startup)
        self.on_shutdown = list(on_shutdown)
        self.user_middleware = list(middleware)
        self.exception_handlers: dict[Any, Callable[..., Any]] = {
            HTTPException: http_exception_handler,
            RequestValidationError: validation_exception_handler,
            **(exception_handlers or {}),
        }
        self.router = APIRouter(redirect_slashes=redirect_slashes)
        self.state: dict[str, Any] = {}
        self.middleware_stack: Any = None
        self._openapi_schema: dict[str, Any] | None = None
        if openapi_url and docs_url:
            from quill.openapi.docs import install_docs

            install_docs(self)

    # -- route registration -------------------------------------------------

    def get(self, path: str, **kwargs: Any) -> Callable[..., Any]:
        return self.router.get(path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Callable[..., Any]:
        return self.router.post(path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> Callable[..., Any]:
        return self.router.put(path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> Callable[..., Any]:
        return self.router.patch(path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Callable[..., Any]:
        return self.router.delete(path, **kwargs)

    def websocket(self, path: str, **kwargs: Any) -> Callable[..., Any]:
        return self.router.websocket(path, **kwargs)

    def include_router(self, router: APIRouter, **kwargs: Any) -> None:
        self.router.include_router(router, **kwargs)
        self._openapi_schema = None

    def mount(self, path: str, app: Any, name: str | None = None) -> None:
        self.router.mount(path, app, name=name)

    def add_middleware(self, cls: type, **options: Any) -> None:
        if self.middleware_stack is not None:
            raise RuntimeError("Cannot add middleware after the application has started")
        self.user_middleware.insert(0, Middleware(cls, **options))

    def exception_handler(self, exc_class_or_status: Any) -> Callable[..., Any]:
        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            self.exception_handlers[exc_class_or_status] = func
            return func

        return decorator

    def openapi(self) -> dict[str, Any]:
        if self._openapi_schema is None:
            from quill.openapi.schema import generate_openapi

            self._openapi_schema = generate_openapi(self)
        return self._openapi_schema

    # -- ASGI -----------------------------------------------------------------

    def build_middleware_stack(self) -> Any:
        error_handler = self.exception_handlers.get(500) or self.exception_handlers.get(Exception)
        app: Any = ExceptionMiddleware(self.handle, handlers=self.exception_handlers, debug=self.debug)
        for mw in reversed(self.user_middleware):
            app = mw.cls(app, *mw.args, **mw.kwargs)
        return ServerErrorMiddleware(app, handler=error_handler, debug=self.debug)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        scope["app"] = self
        if self.root_path:
            scope.setdefault("root_path", self.root_path)
        if scope["type"] == "lifespan":
            await run_lifespan(self, scope, receive, send)
            return
        if self.middleware_stack is None:
            self.middleware_stack = self.build_middleware_stack()
        await self.middleware_stack(scope, receive, send)

    async def handle(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        for route in self.router.routes:
            matched, params = route.matches(scope)
            if not matched:
                continue
            if isinstance(route, Mount):
                await self._handle_mount(route, scope, receive, send)
                return
            scope["path_params"] = params
            if isinstance(route, WebSocketRoute):
                if scope["type"] == "websocket":
                    await self._run_websocket(route, scope, receive, send)
                    return
                continue
            if scope["type"] != "http":
                continue
            if scope["method"] not in route.methods:
                continue
            await self._run_endpoint(route, scope, receive, send)
            return
        if scope["type"] == "http":
            allowed = self._allowed_methods(scope)
            if allowed:
                raise HTTPException(405, headers={"Allow": ", ".join(sorted(allowed))})
            redirect = self._slash_redirect(scope)
            if redirect is not None:
                await redirect(scope, receive, send)
                return
            raise HTTPException(404)
        await WebSocket(scope, receive, send).close(code=1000)

    def _allowed_methods(self, scope: dict[str, Any]) -> set[str]:
        allowed: set[str] = set()
        for route in self.router.routes:
            if isinstance(route, Route) and route.matches(scope)[0]:
                allowed |= route.methods
        return allowed

    def _slash_redirect(self, scope: dict[str, Any]) -> Response | None:
        if not self.router.redirect_slashes or scope["path"] == "/":
            return None
        path = scope["path"]
        alt = path.rstrip("/") if path.endswith("/") else path + "/"
        alt_scope = {**scope, "path": alt}
        for route in self.router.routes:
            if isinstance(route, Route) and route.matches(alt_scope)[0]:
                url = Request(scope).url.replace(path=scope.get("root_path", "") + alt)
                return RedirectResponse(str(url))
        return None

    async def _handle_mount(self, route: Mount, scope: dict[str, Any], receive: Any, send: Any) -> None:
        child_scope = {
            **scope,
            "root_path": scope.get("root_path", "") + route.path,
            "path": scope["path"][len(route.path):] or "/",
        }
        await route.app(child_scope, receive, send)

    async def _run_endpoint(self, route: Route, scope: dict[str, Any], receive: Any, send: Any) -> None:
        request = Request(scope, receive, send)
        async with contextlib.AsyncExitStack() as stack:
            stack.push_async_callback(request.close)
            resolver = DependencyResolver(stack)
            values = await solve_params(request, route.dependant.params, scope["path_params"])
            values.update(await resolver.solve(route.dependant, {"request": request, **values}))
            for dep in route.dependencies:
                sub = get_dependant(dep.dependency, use_cache=dep.use_cache)
                await resolver._solve_sub(sub, values)
            if route.is_coroutine:
                result = await route.endpoint(**values)
            else:
                result = await anyio.to_thread.run_sync(lambda: route.endpoint(**values))
            response = result if isinstance(result, Response) else JSONResponse(result, status_code=route.status_code or 200)
            if response.background is None and "quill.background" in scope:
                response.background = scope["quill.background"]
            if isinstance(response, StreamingResponse):
                # The body may still use resources from yield dependencies:
                # tear them down only after streaming has finished.
                await response(scope, receive, send)
                return
        # Since 2.0, teardown of yield dependencies has run at this point, so an
        # exception raised during teardown goes through the exception handlers.
        await response(scope, receive, send)

    async def _run_websocket(self, route: WebSocketRoute, scope: dict[str, Any], receive: Any, send: Any) -> None:
        websocket = WebSocket(scope, receive, send)
        try:
            async with contextlib.AsyncExitStack() as stack:
                resolver = DependencyResolver(stack)
                values = await resolver.solve(route.dependant, {"websocket": websocket})
                values.setdefault("websocket", websocket)
                await route.endpoint(**{**scope["path_params"], **values})
        except WebSocketException as exc:
            await websocket.close(code=exc.code, reason=exc.reason)
        except HTTPException as exc:
            # An HTTPException raised by a dependency before accept() becomes a 403 close.
            logger.debug("HTTPException %s in websocket route %s", exc.status_code, route.path)
            await websocket.close(code=1008, reason=str(exc.detail))


async def http_exception_handler(request: Request, exc: HTTPException) -> Response:
    if exc.status_code in (204, 304):
        return Response(status_code=exc.status_code, headers=exc.headers)
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


async def validation_exception_handler(request: Request, exc: RequestValidationError) -> Response:
    return JSONResponse(format_validation_errors(exc), status_code=422)

