from typing import Optional

from pydantic import BaseModel

from quill import Body, Header, Query, Quill
from quill.testclient import TestClient


class Item(BaseModel):
    name: str
    price: float


def test_query_int_validation(app: Quill, client: TestClient):
    @app.get("/items")
    async def items(limit: int = Query(10, le=100)):
        return {"limit": limit}

    assert client.get("/items?limit=5").json() == {"limit": 5}
    response = client.get("/items?limit=abc")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "limit"]


def test_query_list(app: Quill, client: TestClient):
    @app.get("/filter")
    async def filter_(tag: list[str] = Query([])):
        return {"tag": tag}

    assert client.get("/filter?tag=a&tag=b").json() == {"tag": ["a", "b"]}


def test_header_underscore_conversion(app: Quill, client: TestClient):
    @app.get("/h")
    async def h(x_request_id: Optional[str] = Header(None)):
        return {"id": x_request_id}

    assert client.get("/h", headers={"X-Request-Id": "abc"}).json() == {"id": "abc"}


def test_body_model(app: Quill, client: TestClient):
    @app.post("/items")
    async def create(item: Item):
        return item

    response = client.post("/items", json={"name": "pen", "price": "x"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "price"]


def test_two_body_params_are_embedded(app: Quill, client: TestClient):
    @app.post("/orders")
    async def order(item: Item, quantity: int = Body()):
        return {"name": item.name, "quantity": quantity}

    response = client.post("/orders", json={"item": {"name": "pen", "price": 1}, "quantity": 2})
    assert response.json() == {"name": "pen", "quantity": 2}
