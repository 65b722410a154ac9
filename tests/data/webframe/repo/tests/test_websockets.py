import pytest

from quill import Quill, WebSocket, WebSocketDisconnect
from quill.exceptions import WebSocketStateError
from quill.testclient import TestClient


def test_echo(app: Quill, client: TestClient):
    @app.websocket("/ws")
    async def echo(websocket: WebSocket):
        await websocket.accept()
        async for text in websocket.iter_text():
            await websocket.send_text(text.upper())

    with client.websocket_connect("/ws") as ws:
        ws.send_text("hi")
        assert ws.receive_text() == "HI"


def test_send_before_accept(app: Quill, client: TestClient):
    errors = []

    @app.websocket("/ws")
    async def bad(websocket: WebSocket):
        try:
            await websocket.send_text("too early")
        except WebSocketStateError as exc:
            errors.append(str(exc))
            await websocket.close()

    with pytest.raises(Exception):
        with client.websocket_connect("/ws"):
            pass
    assert errors == ["cannot send on a WebSocket in state CONNECTING (call accept() first)"]


def test_close_twice_is_noop(app: Quill, client: TestClient):
    @app.websocket("/ws")
    async def handler(websocket: WebSocket):
        await websocket.accept()
        await websocket.close(code=1001)
        await websocket.close(code=1001)

    with client.websocket_connect("/ws") as ws:
        assert ws.receive()["type"] == "websocket.close"


def test_disconnect_raises(app: Quill, client: TestClient):
    codes = []

    @app.websocket("/ws")
    async def handler(websocket: WebSocket):
        await websocket.accept()
        try:
            await websocket.receive_text()
        except WebSocketDisconnect as exc:
            codes.append(exc.code)

    with client.websocket_connect("/ws"):
        pass
    assert codes == [1000]
