"""HTTP authentication schemes usable as dependencies."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from quill.exceptions import HTTPException
from quill.requests import Request


@dataclass
class HTTPAuthorizationCredentials:
    scheme: str
    credentials: str


class HTTPBearer:
    """``Authorization: Bearer <token>``.

    A missing or malformed header results in ``403 Not authenticated`` when
    ``auto_error`` is true (kept for backwards compatibility, see the 401 vs 403 discussion).
    """

    scheme_name = "HTTPBearer"

    def __init__(self, *, auto_error: bool = True, description: str | None = None) -> None:
        self.auto_error = auto_error
        self.description = description

    async def __call__(self, request: Request) -> HTTPAuthorizationCredentials | None:
        authorization = request.headers.get("authorization")
        if not authorization:
            if self.auto_error:
                raise HTTPException(403, "Not authenticated")
            return None
        scheme, _, credentials = authorization.partition(" ")
        if scheme.lower() != "bearer" or not credentials:
            if self.auto_error:
                raise HTTPException(403, "Invalid authentication credentials")
            return None
        return HTTPAuthorizationCredentials(scheme=scheme, credentials=credentials)


class HTTPBasic:
    scheme_name = "HTTPBasic"

    def __init__(self, *, realm: str | None = None, auto_error: bool = True) -> None:
        self.realm = realm
        self.auto_error = auto_error

    async def __call__(self, request: Request) -> tuple[str, str] | None:
        header = {"WWW-Authenticate": f'Basic realm="{self.realm}"' if self.realm else "Basic"}
        authorization = request.headers.get("authorization")
        scheme, _, param = (authorization or "").partition(" ")
        if not authorization or scheme.lower() != "basic":
            if self.auto_error:
                raise HTTPException(401, "Not authenticated", headers=header)
            return None
        try:
            username, sep, password = base64.b64decode(param).decode("ascii").partition(":")
        except (ValueError, UnicodeDecodeError, binascii.Error):
            raise HTTPException(401, "Invalid authentication credentials", headers=header) from None
        if not sep:
            raise HTTPException(401, "Invalid authentication credentials", headers=header)
        return username, password


class APIKeyHeader:
    scheme_name = "APIKeyHeader"

    def __init__(self, *, name: str, auto_error: bool = True) -> None:
        self.name = name
        self.auto_error = auto_error

    async def __call__(self, request: Request) -> str | None:
        api_key = request.headers.get(self.name)
        if not api_key:
            if self.auto_error:
                raise HTTPException(403, "Not authenticated")
            return None
        return api_key
