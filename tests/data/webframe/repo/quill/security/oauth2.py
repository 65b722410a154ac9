"""OAuth2 password flow helpers."""

from __future__ import annotations

from dataclasses import dataclass, field

from quill.exceptions import HTTPException
from quill.requests import Request


class OAuth2PasswordBearer:
    scheme_name = "OAuth2PasswordBearer"

    def __init__(self, tokenUrl: str, *, scopes: dict[str, str] | None = None, auto_error: bool = True) -> None:
        self.token_url = tokenUrl
        self.scopes = dict(scopes or {})
        self.auto_error = auto_error

    async def __call__(self, request: Request) -> str | None:
        authorization = request.headers.get("authorization")
        scheme, _, token = (authorization or "").partition(" ")
        if not authorization or scheme.lower() != "bearer":
            if self.auto_error:
                raise HTTPException(401, "Not authenticated", headers={"WWW-Authenticate": "Bearer"})
            return None
        return token


@dataclass
class OAuth2PasswordRequestForm:
    username: str
    password: str
    scope: str = ""
    client_id: str | None = None
    client_secret: str | None = None
    scopes: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.scopes = self.scope.split()

    @classmethod
    async def from_request(cls, request: Request) -> "OAuth2PasswordRequestForm":
        form = await request.form()
        return cls(
            username=form.get("username", ""),
            password=form.get("password", ""),
            scope=form.get("scope", ""),
            client_id=form.get("client_id"),
            client_secret=form.get("client_secret"),
        )
