"""An httpx-based test client that calls the ASGI app in-process."""

from __future__ import annotations

import contextlib
import json
import math
import queue
import warnings
from typing import Any, Iterator

import anyio
import anyio.from_thread

from quill.exceptions import QuillTestClientWarning

try:
    import httpx
except ImportError as exc:  # pragma: no cover
    raise RuntimeError('The test client requires httpx: pip install "quill[test]"') from exc


class _ASGITransport(httpx.BaseTransport):
    def __init__(self, app: Any, portal_factory: Any, raise_server_exceptions: bool, root_path: str, client: tuple[str, int]) -> None:
        self.app = app
        self.portal_factory = portal_factory
        self.raise_server_exceptions = raise_server_exceptions
        self.root_path = root_path
        self.client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        scheme = request.url.scheme
        host = request.url.host
        port = request.url.port or {"http": 80, "https": 443}[scheme]
        headers = [(k.lower(), v) for k, v in request.headers.raw]
        if not any(k == b"host" for k, _ in headers):
            headers.insert(0, (b"host", host.encode()))
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": request.method,
            "scheme": scheme,
            "path": request.url.path,
            "raw_path": request.url.raw_path.split(b"?")[0],
            "root_path": self.root_path,
            "query_string": request.url.query,
            "headers": headers,
            "client": self.client,
            "server": (host, port),
            "state": {},
        }
        body = request.read()
        sent_body = False
        status: int | None = None
        response_headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []

        async def receive() -> dict[str, Any]:
            nonlocal sent_body
            if sent_body:
                await anyio.sleep(math.inf)
            sent_body = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status, response_headers
            if message["type"] == "http.response.start":
                status = message["status"]
                response_headers = message.get("headers", [])
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        with self.portal_factory() as portal:
            try:
                portal.call(self.app, scope, receive, send)
            except BaseException:
                if self.raise_server_exceptions:
                    raise
            if status is None:
                status = 500
        return httpx.Response(status, headers=response_headers, content=b"".join(chunks), request=request)


class TestClient(httpx.Client):
    __test__ = False  # keep pytest from collecting this class

    def __init__(
        self,
        app: Any,
        base_url: str = "http://testserver",
        *,
        raise_server_exceptions: bool = True,
        root_path: str = "",
        backend: str = "asyncio",
        cookies: Any = None,
        headers: dict[str, str] | None = None,
        follow_redirects: bool = True,
        client: tuple[str, int] = ("testclient", 50000),
    ) -> None:
        self.app = app
        self.backend = backend
        self.portal: anyio.from_thread.BlockingPortal | None = None
        self._lifespan_started = False
        self._warned = False
        transport = _ASGITransport(app, self._portal_factory, raise_server_exceptions, root_path, client)
        super().__init__(
            base_url=base_url,
            headers={"user-agent": "testclient", **(headers or {})},
            transport=transport,
            follow_redirects=follow_redirects,
            cookies=cookies,
        )

    @contextlib.contextmanager
    def _portal_factory(self) -> Iterator[anyio.from_thread.BlockingPortal]:
        if self.portal is not None:
            yield self.portal
        else:
            with anyio.from_thread.start_blocking_portal(backend=self.backend) as portal:
                yield portal

    def request(self, method: str, url: Any, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        if not self._lifespan_started and not self._warned and getattr(self.app, "lifespan", None) is not None:
            self._warned = True
            warnings.warn(
                "TestClient used outside of a 'with' block; lifespan handlers will not run",
                QuillTestClientWarning,
                stacklevel=3,
            )
        return super().request(method, url, **kwargs)

    def websocket_connect(self, url: str, subprotocols: list[str] | None = None, **kwargs: Any) -> "WebSocketTestSession":
        return WebSocketTestSession(self, url, subprotocols or [])

    def __enter__(self) -> "TestClient":
        self._exit_stack = contextlib.ExitStack()
        self.portal = self._exit_stack.enter_context(anyio.from_thread.start_blocking_portal(backend=self.backend))
        self._send_q: queue.Queue[Any] = queue.Queue()
        self._recv_q: queue.Queue[Any] = queue.Queue()
        scope = {"type": "lifespan", "state": {}}

        async def receive() -> dict[str, Any]:
            return await anyio.to_thread.run_sync(self._send_q.get)

        async def send(message: dict[str, Any]) -> None:
            self._recv_q.put(message)

        self.portal.start_task_soon(self.app, scope, receive, send)
        self._send_q.put({"type": "lifespan.startup"})
        message = self._recv_q.get(timeout=30)
        if message["type"] == "lifespan.startup.failed":
            raise RuntimeError(message.get("message", "lifespan startup failed"))
        self._lifespan_started = True
        return self

    def __exit__(self, *args: Any) -> None:
        self._send_q.put({"type": "lifespan.shutdown"})
        self._recv_q.get(timeout=30)
        self._lifespan_started = False
        self.portal = None
        self._exit_stack.close()


class WebSocketTestSession:
    def __init__(self, client: TestClient, url: str, subprotocols: list[str]) -> None:
        self.client = client
        self.url = url
        self.subprotocols = subprotocols
        self._to_app: queue.Queue[dict[str, Any]] = queue.Queue()
        self._from_app: queue.Queue[dict[str, Any]] = queue.Queue()

    def __enter__(self) -> "WebSocketTestSession":
        url = httpx.URL(self.client.base_url).join(self.url)
        scope = {
            "type": "websocket",
            "path": url.path,
            "root_path": "",
            "scheme": "ws",
            "query_string": url.query,
            "headers": [(b"host", url.host.encode())],
            "client": ("testclient", 50000),
            "subprotocols": self.subprotocols,
            "state": {},
        }

        async def receive() -> dict[str, Any]:
            return await anyio.to_thread.run_sync(self._to_app.get)

        async def send(message: dict[str, Any]) -> None:
            self._from_app.put(message)

        self._stack = contextlib.ExitStack()
        portal = self._stack.enter_context(self.client._portal_factory())
        self._future = portal.start_task_soon(self.client.app, scope, receive, send)
        self._to_app.put({"type": "websocket.connect"})
        message = self._from_app.get(timeout=10)
        if message["type"] == "websocket.close":
            raise WebSocketRejected(message.get("code", 1000), message.get("reason", ""))
        return self

    def __exit__(self, *args: Any) -> None:
        self._to_app.put({"type": "websocket.disconnect", "code": 1000})
        try:
            self._future.result(timeout=10)
        finally:
            self._stack.close()

    def send_text(self, data: str) -> None:
        self._to_app.put({"type": "websocket.receive", "text": data})

    def send_json(self, data: Any) -> None:
        self.send_text(json.dumps(data))

    def receive(self, timeout: float | None = 10) -> dict[str, Any]:
        return self._from_app.get(timeout=timeout)

    def receive_text(self) -> str:
        message = self.receive()
        if message["type"] == "websocket.close":
            raise WebSocketRejected(message.get("code", 1000), message.get("reason", ""))
        return message["text"]

    def receive_json(self) -> Any:
        return json.loads(self.receive_text())


class WebSocketRejected(Exception):
    def __init__(self, code: int, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(f"WebSocket closed by the application with code {code}: {reason!r}")
