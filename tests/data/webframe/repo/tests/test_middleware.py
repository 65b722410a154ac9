import pytest

from quill import Quill, StreamingResponse
from quill.middleware import Middleware
from quill.middleware.base import BaseMiddleware
from quill.middleware.cors import CORSMiddleware
from quill.middleware.gzip import GZipMiddleware
from quill.middleware.proxy import ProxyHeadersMiddleware
from quill.middleware.sessions import SessionMiddleware
from quill.requests import Request
from quill.testclient import TestClient


def test_cors_wildcard_with_credentials_rejected():
    with pytest.raises(ValueError, match="allow_credentials=True cannot be combined"):
        CORSMiddleware(app=None, allow_origins=["*"], allow_credentials=True)


def test_cors_preflight():
    app = Quill(middleware=[Middleware(CORSMiddleware, allow_origins=["https://example.org"], allow_methods=["*"])])

    @app.post("/items")
    async def create():
        return {}

    with TestClient(app) as client:
        ok = client.options(
            "/items",
            headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
        )
        bad = client.options(
            "/items",
            headers={"Origin": "https://evil.test", "Access-Control-Request-Method": "POST"},
        )
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == "https://example.org"
    assert bad.status_code == 400
    assert bad.text == "Disallowed CORS origin"


def test_gzip_skips_event_stream():
    app = Quill(middleware=[Middleware(GZipMiddleware, minimum_size=1)])

    @app.get("/events")
    async def events():
        async def gen():
            for i in range(3):
                yield f"data: {i}\n\n"

        return StreamingResponse(gen(), media_type="text/event-stream")

    with TestClient(app) as client:
        response = client.get("/events", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in response.headers


def test_base_middleware_sets_header():
    class AddHeader(BaseMiddleware):
        async def dispatch(self, request: Request, call_next):
            response = await call_next(request)
            response.raw_headers.append((b"x-test", b"1"))
            return response

    app = Quill(middleware=[Middleware(AddHeader)])

    @app.get("/")
    async def index():
        return {"ok": True}

    with TestClient(app) as client:
        assert client.get("/").headers["x-test"] == "1"


def test_session_roundtrip():
    app = Quill(middleware=[Middleware(SessionMiddleware, secret_key="s3cret")])

    @app.get("/set")
    async def set_(request: Request):
        request.scope["session"]["user"] = "ada"
        return {}

    @app.get("/get")
    async def get_(request: Request):
        return request.scope["session"]

    with TestClient(app) as client:
        client.get("/set")
        assert client.get("/get").json() == {"user": "ada"}


def test_proxy_headers_scheme():
    app = Quill(middleware=[Middleware(ProxyHeadersMiddleware, trusted_hosts="*")])

    @app.get("/scheme")
    async def scheme(request: Request):
        return {"scheme": request.url.scheme}

    with TestClient(app) as client:
        assert client.get("/scheme", headers={"X-Forwarded-Proto": "https"}).json() == {"scheme": "https"}
