"""Quill: a small, typed, async web framework."""

__version__ = "2.2.2"

from quill._compat import check_pydantic

check_pydantic()

from quill.app import Quill
from quill.background import BackgroundTasks
from quill.depends import Depends
from quill.exceptions import HTTPException, RequestValidationError, WebSocketException
from quill.params import Body, Cookie, File, Form, Header, Path, Query
from quill.requests import Request
from quill.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from quill.routing import APIRouter
from quill.uploads import UploadFile
from quill.websockets import WebSocket, WebSocketDisconnect

__all__ = [
    "APIRouter",
    "BackgroundTasks",
    "Body",
    "Cookie",
    "Depends",
    "File",
    "FileResponse",
    "Form",
    "HTMLResponse",
    "HTTPException",
    "Header",
    "JSONResponse",
    "Path",
    "PlainTextResponse",
    "Query",
    "Quill",
    "RedirectResponse",
    "Request",
    "RequestValidationError",
    "Response",
    "StreamingResponse",
    "UploadFile",
    "WebSocket",
    "WebSocketDisconnect",
    "WebSocketException",
]
