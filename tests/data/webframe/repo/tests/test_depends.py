import pytest

from quill import Depends, Quill
from quill.exceptions import DependencyCycleError
from quill.testclient import TestClient


def test_cached_dependency_called_once(app: Quill, client: TestClient):
    calls = []

    def get_settings():
        calls.append(1)
        return {"debug": True}

    def a(settings=Depends(get_settings)):
        return settings

    def b(settings=Depends(get_settings)):
        return settings

    @app.get("/")
    async def index(x=Depends(a), y=Depends(b)):
        return {"same": x is y}

    assert client.get("/").json() == {"same": True}
    assert len(calls) == 1


def test_yield_dependency_teardown_before_response(app: Quill, client: TestClient):
    events = []

    async def get_db():
        events.append("open")
        yield "db"
        events.append("close")

    @app.get("/")
    async def index(db=Depends(get_db)):
        events.append("endpoint")
        return {"db": db}

    assert client.get("/").json() == {"db": "db"}
    assert events == ["open", "endpoint", "close"]


def test_yield_dependency_alive_while_streaming(app: Quill, client: TestClient):
    from quill import StreamingResponse

    state = {"open": False}

    async def get_conn():
        state["open"] = True
        yield state
        state["open"] = False

    @app.get("/stream")
    async def stream(conn=Depends(get_conn)):
        async def body():
            for _ in range(3):
                yield b"1" if conn["open"] else b"0"

        return StreamingResponse(body())

    assert client.get("/stream").text == "111"
    assert state["open"] is False


def test_dependency_cycle(app: Quill):
    def a(x=Depends(lambda: None)):
        return x

    def b(y=Depends(a)):
        return y

    a.__defaults__ = (Depends(b),)

    with pytest.raises(DependencyCycleError, match="dependency cycle detected"):

        @app.get("/")
        async def index(z=Depends(b)):
            return z


def test_route_level_dependencies(app: Quill, client: TestClient):
    seen = []

    async def verify_token():
        seen.append("checked")

    @app.get("/private", dependencies=[Depends(verify_token)])
    async def private():
        return {}

    client.get("/private")
    assert seen == ["checked"]
