"""Serve the interactive API docs (Swagger UI plus a small script of our own)."""

from __future__ import annotations

import json
import pathlib
from typing import Any

from quill.requests import Request
from quill.responses import HTMLResponse, JSONResponse, Response

SWAGGER_UI_CDN = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5"
STATIC_DIR = pathlib.Path(__file__).parent / "static"

DOCS_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} - Docs</title>
<link rel="stylesheet" href="{swagger_css_url}">
</head>
<body>
<div id="quill-docs" data-config='{config}'></div>
<script src="{swagger_js_url}"></script>
<script src="{docs_js_url}"></script>
</body>
</html>
"""


def docs_html(
    *,
    title: str,
    openapi_url: str,
    docs_js_url: str,
    swagger_js_url: str = SWAGGER_UI_CDN + "/swagger-ui-bundle.js",
    swagger_css_url: str = SWAGGER_UI_CDN + "/swagger-ui.css",
    persist_authorization: bool = False,
) -> str:
    config = json.dumps({"openapiUrl": openapi_url, "persistAuthorization": persist_authorization})
    return DOCS_TEMPLATE.format(
        title=title,
        config=config.replace("'", "&#39;"),
        swagger_js_url=swagger_js_url,
        swagger_css_url=swagger_css_url,
        docs_js_url=docs_js_url,
    )


def install_docs(app: Any) -> None:
    @app.get(app.openapi_url, include_in_schema=False)
    async def openapi_json(request: Request) -> Response:
        return JSONResponse(app.openapi())

    @app.get(app.docs_url, include_in_schema=False)
    async def swagger_ui(request: Request) -> Response:
        root_path = request.scope.get("root_path", "").rstrip("/")
        return HTMLResponse(
            docs_html(
                title=app.title,
                openapi_url=root_path + app.openapi_url,
                docs_js_url=root_path + app.docs_url + "/docs.js",
                persist_authorization=app.docs_persist_authorization,
            )
        )

    @app.get(app.docs_url + "/docs.js", include_in_schema=False)
    async def docs_js(request: Request) -> Response:
        return Response((STATIC_DIR / "docs.js").read_text(encoding="utf-8"), media_type="text/javascript")
