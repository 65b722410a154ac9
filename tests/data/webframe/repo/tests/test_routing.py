import uuid

import pytest

from quill import APIRouter, Quill
from quill.exceptions import QuillSchemaWarning, RouteConflictError
from quill.routing import compile_path
from quill.testclient import TestClient


def test_compile_path_converters():
    regex, converters = compile_path("/items/{item_id:int}/parts/{part}")
    match = regex.match("/items/42/parts/bolt")
    assert match is not None
    assert converters["item_id"].convert(match.group("item_id")) == 42


def test_unknown_converter():
    with pytest.raises(ValueError, match="Unknown path converter 'slug'"):
        compile_path("/posts/{name:slug}")


def test_uuid_converter(app: Quill, client: TestClient):
    @app.get("/things/{thing_id:uuid}")
    async def get_thing(thing_id: uuid.UUID):
        return {"id": str(thing_id)}

    value = uuid.uuid4()
    assert client.get(f"/things/{value}").json() == {"id": str(value)}


def test_duplicate_route_raises():
    router = APIRouter()
    router.get("/a")(lambda: None)
    with pytest.raises(RouteConflictError):
        router.get("/a")(lambda: None)


def test_shadowed_route_warns():
    router = APIRouter()

    @router.get("/users/{user_id}")
    async def get_user(user_id: str): ...

    with pytest.warns(QuillSchemaWarning, match="is shadowed by '/users/{user_id}'"):

        @router.get("/users/me")
        async def me(): ...


def test_include_router_prefix(app: Quill, client: TestClient):
    router = APIRouter()

    @router.get("/items")
    async def list_items():
        return []

    app.include_router(router, prefix="/api")
    assert client.get("/api/items").status_code == 200


def test_redirect_slashes(app: Quill, client: TestClient):
    @app.get("/items/")
    async def items():
        return []

    response = client.get("/items", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "http://testserver/items/"


def test_method_not_allowed(app: Quill, client: TestClient):
    @app.post("/login")
    async def login():
        return {}

    response = client.get("/login")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


def test_head_is_added_for_get(app: Quill, client: TestClient):
    @app.get("/ping")
    async def ping():
        return {"ok": True}

    response = client.head("/ping")
    assert response.status_code == 200
    assert response.content == b""
