import contextlib

import pytest

from quill import Quill
from quill.exceptions import QuillTestClientWarning
from quill.testclient import TestClient


def test_lifespan_runs_in_with_block():
    events = []

    @contextlib.asynccontextmanager
    async def lifespan(app):
        events.append("startup")
        yield {"ready": True}
        events.append("shutdown")

    app = Quill(lifespan=lifespan)

    @app.get("/")
    async def index():
        return {}

    with TestClient(app) as client:
        client.get("/")
    assert events == ["startup", "shutdown"]


def test_warns_without_with_block():
    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield

    app = Quill(lifespan=lifespan)

    @app.get("/")
    async def index():
        return {}

    client = TestClient(app)
    with pytest.warns(QuillTestClientWarning, match="outside of a 'with' block"):
        client.get("/")


def test_raise_server_exceptions_false():
    app = Quill()

    @app.get("/boom")
    async def boom():
        raise ValueError("boom")

    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.get("/boom").status_code == 500
