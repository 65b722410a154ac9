"""Signed-cookie sessions."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
from typing import Any

from quill.datastructures import Headers

logger = logging.getLogger("quill.sessions")

MAX_COOKIE_SIZE = 4096


class SessionMiddleware:
    def __init__(
        self,
        app: Any,
        secret_key: str,
        session_cookie: str = "session",
        max_age: int | None = 14 * 24 * 60 * 60,
        path: str = "/",
        same_site: str = "lax",
        https_only: bool = False,
        domain: str | None = None,
    ) -> None:
        if not secret_key:
            raise ValueError("SessionMiddleware requires a non-empty secret_key")
        self.app = app
        self.secret = secret_key.encode()
        self.session_cookie = session_cookie
        self.max_age = max_age
        self.path = path
        self.flags = f"; path={path}; samesite={same_site}; httponly"
        if https_only:
            self.flags += "; secure"
        if domain:
            self.flags += f"; domain={domain}"

    def _sign(self, payload: bytes) -> str:
        sig = hmac.new(self.secret, payload, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(payload).decode() + "." + base64.urlsafe_b64encode(sig).decode()

    def _load(self, value: str) -> dict[str, Any]:
        try:
            data_b64, sig_b64 = value.split(".", 1)
            payload = base64.urlsafe_b64decode(data_b64)
            expected = hmac.new(self.secret, payload, hashlib.sha256).digest()
            if not hmac.compare_digest(expected, base64.urlsafe_b64decode(sig_b64)):
                return {}
            data = json.loads(payload)
        except (ValueError, json.JSONDecodeError):
            return {}
        if self.max_age is not None and data.get("_ts", 0) + self.max_age < time.time():
            return {}
        return data.get("s", {})

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        cookies = Headers(raw=scope["headers"]).get("cookie", "")
        raw = next(
            (c.split("=", 1)[1] for c in cookies.split("; ") if c.startswith(self.session_cookie + "=")),
            None,
        )
        scope["session"] = self._load(raw) if raw else {}
        initial = dict(scope["session"])

        async def _send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and scope["session"] != initial:
                value = self._sign(json.dumps({"s": scope["session"], "_ts": int(time.time())}).encode())
                if len(value) > MAX_COOKIE_SIZE:
                    logger.warning(
                        "session cookie is %d bytes; browsers may drop cookies larger than %d bytes",
                        len(value),
                        MAX_COOKIE_SIZE,
                    )
                max_age = f"; Max-Age={self.max_age}" if self.max_age else ""
                cookie = f"{self.session_cookie}={value}{self.flags}{max_age}"
                message = {**message, "headers": [*message["headers"], (b"set-cookie", cookie.encode())]}
            await send(message)

        await self.app(scope, receive, _send)
