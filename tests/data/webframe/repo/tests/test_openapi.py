from typing import Optional

import pytest
from pydantic import BaseModel

from quill import APIRouter, Query, Quill
from quill.exceptions import QuillSchemaWarning
from quill.openapi.schema import OPENAPI_VERSION, generate_openapi, operation_id_for
from quill.testclient import TestClient


class User(BaseModel):
    id: int
    nickname: Optional[str] = None


def test_document_basics(app: Quill):
    @app.get("/users/{user_id:int}", response_model=User)
    async def get_user(user_id: int, verbose: bool = Query(False)):
        """Fetch one user."""

    doc = generate_openapi(app)
    assert doc["openapi"] == OPENAPI_VERSION
    op = doc["paths"]["/users/{user_id:int}"]["get"]
    assert op["operationId"] == "get_user"
    assert [p["in"] for p in op["parameters"]] == ["path", "query"]
    assert "User" in doc["components"]["schemas"]


def test_optional_is_any_of_null(app: Quill):
    @app.get("/me", response_model=User)
    async def me(): ...

    schema = generate_openapi(app)["components"]["schemas"]["User"]
    assert schema["properties"]["nickname"]["anyOf"] == [{"type": "string"}, {"type": "null"}]


def test_duplicate_operation_id_warns(app: Quill):
    v1, v2 = APIRouter(), APIRouter()

    @v1.get("/items")
    async def list_items(): ...

    @v2.get("/items")
    async def list_items(): ...  # noqa: F811

    app.include_router(v1, prefix="/v1")
    app.include_router(v2, prefix="/v2")
    with pytest.warns(QuillSchemaWarning, match="Duplicate operationId 'list_items' for GET /v2/items"):
        generate_openapi(app)


def test_path_style_operation_id():
    from quill.routing import Route

    route = Route("/items/{item_id}", lambda item_id: None, name="read_item")
    assert operation_id_for(route, "GET", style="path") == "read_item_items_item_id_get"


def test_docs_page_uses_root_path():
    app = Quill(root_path="/api")
    with TestClient(app, root_path="/api") as client:
        html = client.get("/docs").text
    assert '"openapiUrl": "/api/openapi.json"' in html
