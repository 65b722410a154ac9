"""Exception and warning types raised by quill."""

from __future__ import annotations

import http
from typing import Any, Mapping, Sequence


class QuillError(Exception):
    """Base class for errors raised by the framework itself."""


class HTTPException(QuillError):
    def __init__(
        self,
        status_code: int,
        detail: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        if detail is None:
            detail = http.HTTPStatus(status_code).phrase
        self.status_code = status_code
        self.detail = detail
        self.headers = dict(headers or {})
        super().__init__(status_code, detail)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code!r}, detail={self.detail!r})"


class WebSocketException(QuillError):
    def __init__(self, code: int = 1008, reason: str | None = None) -> None:
        self.code = code
        self.reason = reason or ""
        super().__init__(code, reason)


class RequestValidationError(QuillError):
    """Raised when path, query, header, cookie or body parameters fail validation."""

    def __init__(self, errors: Sequence[dict[str, Any]], *, body: Any = None) -> None:
        self._errors = list(errors)
        self.body = body
        super().__init__(self._errors)

    def errors(self) -> list[dict[str, Any]]:
        return self._errors

    def __str__(self) -> str:
        lines = [f"{len(self._errors)} validation error(s) for request"]
        for err in self._errors:
            loc = " -> ".join(str(part) for part in err["loc"])
            lines.append(f"  {loc}\n    {err['msg']} (type={err['type']})")
        return "\n".join(lines)


class ResponseValidationError(QuillError):
    def __init__(self, errors: Sequence[dict[str, Any]], *, endpoint: str) -> None:
        self._errors = list(errors)
        super().__init__(
            f"response for endpoint {endpoint!r} does not match its response_model "
            f"({len(self._errors)} error(s))"
        )

    def errors(self) -> list[dict[str, Any]]:
        return self._errors


class WebSocketStateError(QuillError, RuntimeError):
    """Raised when a WebSocket method is called in the wrong connection state."""

    def __init__(self, action: str, state: str) -> None:
        self.action = action
        self.state = state
        super().__init__(f"cannot {action} on a WebSocket in state {state}")


class DependencyCycleError(QuillError):
    def __init__(self, chain: Sequence[str]) -> None:
        self.chain = list(chain)
        super().__init__("dependency cycle detected: " + " -> ".join(self.chain))


class RouteConflictError(QuillError):
    pass


class AppLoadError(QuillError):
    """Raised by the CLI when the application target cannot be imported."""

    def __init__(self, target: str, cause: BaseException | None = None) -> None:
        self.target = target
        self.cause = cause
        super().__init__(f"could not load application {target!r}")


class ConfigError(QuillError):
    """An error in quill.toml. Rendered as ``Error E012 at line 7 in file quill.toml: ...``."""

    def __init__(self, code: str, message: str, *, file: str, line: int | None) -> None:
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        super().__init__(self.render())

    def render(self) -> str:
        where = f"at line {self.line} " if self.line is not None else ""
        return f"Error {self.code} {where}in file {self.file}: {self.message}"


class QuillDeprecationWarning(DeprecationWarning):
    pass


class QuillSchemaWarning(UserWarning):
    """Emitted while building the OpenAPI document."""


class QuillTestClientWarning(UserWarning):
    pass
