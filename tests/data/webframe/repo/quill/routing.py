"""Routes, path compilation and the router."""

from __future__ import annotations

import inspect
import re
import uuid
import warnings
from typing import Any, Callable, Iterable, Sequence

from quill.depends import Dependant, get_dependant
from quill.exceptions import QuillSchemaWarning, RouteConflictError

PARAM_RE = re.compile(r"{([a-zA-Z_][a-zA-Z0-9_]*)(?::([a-zA-Z_][a-zA-Z0-9_]*))?}")


class Converter:
    regex = "[^/]+"

    def convert(self, value: str) -> Any:
        return value


class IntConverter(Converter):
    regex = "[0-9]+"

    def convert(self, value: str) -> int:
        return int(value)


class FloatConverter(Converter):
    regex = r"[0-9]+(\.[0-9]+)?"

    def convert(self, value: str) -> float:
        return float(value)


class UUIDConverter(Converter):
    regex = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"

    def convert(self, value: str) -> uuid.UUID:
        return uuid.UUID(value)


class PathConverter(Converter):
    regex = ".*"


CONVERTERS: dict[str, Converter] = {
    "str": Converter(),
    "int": IntConverter(),
    "float": FloatConverter(),
    "uuid": UUIDConverter(),
    "path": PathConverter(),
}


def compile_path(path: str) -> tuple[re.Pattern[str], dict[str, Converter]]:
    """Turn ``/items/{item_id:int}`` into a regex and a map of converters."""
    pattern = "^"
    converters: dict[str, Converter] = {}
    idx = 0
    for match in PARAM_RE.finditer(path):
        name, conv_name = match.group(1), match.group(2) or "str"
        if conv_name not in CONVERTERS:
            raise ValueError(f"Unknown path converter {conv_name!r} in route {path!r}")
        if name in converters:
            raise ValueError(f"Duplicate path parameter {name!r} in route {path!r}")
        converter = CONVERTERS[conv_name]
        pattern += re.escape(path[idx : match.start()]) + f"(?P<{name}>{converter.regex})"
        converters[name] = converter
        idx = match.end()
    pattern += re.escape(path[idx:]) + "$"
    return re.compile(pattern), converters


class BaseRoute:
    path: str
    name: str

    def matches(self, scope: dict[str, Any]) -> tuple[bool, dict[str, Any]]:
        raise NotImplementedError


class Route(BaseRoute):
    def __init__(
        self,
        path: str,
        endpoint: Callable[..., Any],
        *,
        methods: Iterable[str] = ("GET",),
        name: str | None = None,
        response_model: Any = None,
        status_code: int | None = None,
        tags: Sequence[str] = (),
        dependencies: Sequence[Any] = (),
        summary: str | None = None,
        operation_id: str | None = None,
        include_in_schema: bool = True,
        deprecated: bool = False,
    ) -> None:
        if not path.startswith("/"):
            raise ValueError(f"Route path must start with '/', got {path!r}")
        self.path = path
        self.endpoint = endpoint
        self.methods = {m.upper() for m in methods}
        if "GET" in self.methods:
            self.methods.add("HEAD")
        self.name = name or endpoint.__name__
        self.response_model = response_model
        self.status_code = status_code
        self.tags = list(tags)
        self.dependencies = list(dependencies)
        self.summary = summary
        self.operation_id = operation_id
        self.include_in_schema = include_in_schema
        self.deprecated = deprecated
        self.path_regex, self.converters = compile_path(path)
        self.dependant: Dependant = get_dependant(endpoint)
        self.is_coroutine = inspect.iscoroutinefunction(endpoint)

    def matches(self, scope: dict[str, Any]) -> tuple[bool, dict[str, Any]]:
        match = self.path_regex.match(scope["path"])
        if match is None:
            return False, {}
        params = {k: self.converters[k].convert(v) for k, v in match.groupdict().items()}
        return True, params

    def __repr__(self) -> str:
        return f"Route(path={self.path!r}, name={self.name!r}, methods={sorted(self.methods)!r})"


class WebSocketRoute(BaseRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], *, name: str | None = None) -> None:
        self.path = path
        self.endpoint = endpoint
        self.name = name or endpoint.__name__
        self.path_regex, self.converters = compile_path(path)
        self.dependant = get_dependant(endpoint)

    def matches(self, scope: dict[str, Any]) -> tuple[bool, dict[str, Any]]:
        match = self.path_regex.match(scope["path"])
        if match is None:
            return False, {}
        return True, {k: self.converters[k].convert(v) for k, v in match.groupdict().items()}


class Mount(BaseRoute):
    def __init__(self, path: str, app: Any, *, name: str | None = None) -> None:
        self.path = path.rstrip("/")
        self.app = app
        self.name = name or ""
        self.path_regex, self.converters = compile_path(self.path + "/{path:path}")

    def matches(self, scope: dict[str, Any]) -> tuple[bool, dict[str, Any]]:
        if scope["path"] == self.path:
            return True, {}
        match = self.path_regex.match(scope["path"])
        return (match is not None), {}


class APIRouter:
    def __init__(
        self,
        *,
        prefix: str = "",
        tags: Sequence[str] = (),
        dependencies: Sequence[Any] = (),
        redirect_slashes: bool = True,
    ) -> None:
        if prefix and not prefix.startswith("/"):
            raise ValueError("A router prefix must start with '/'")
        self.prefix = prefix
        self.tags = list(tags)
        self.dependencies = list(dependencies)
        self.redirect_slashes = redirect_slashes
        self.routes: list[BaseRoute] = []

    def add_route(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> Route:
        route = Route(
            self.prefix + path,
            endpoint,
            tags=[*self.tags, *kwargs.pop("tags", [])],
            dependencies=[*self.dependencies, *kwargs.pop("dependencies", [])],
            **kwargs,
        )
        self._check_shadowing(route)
        self.routes.append(route)
        return route

    def _check_shadowing(self, new: Route) -> None:
        for existing in self.routes:
            if not isinstance(existing, Route) or not (existing.methods & new.methods):
                continue
            if existing.path == new.path:
                raise RouteConflictError(
                    f"route {new.path!r} is already registered for "
                    f"{', '.join(sorted(existing.methods & new.methods))}"
                )
            sample = PARAM_RE.sub("x", new.path)
            if existing.path_regex.match(sample) and not new.path_regex.match(
                PARAM_RE.sub("x", existing.path)
            ):
                warnings.warn(
                    f"route {new.path!r} is shadowed by {existing.path!r} and will never match",
                    QuillSchemaWarning,
                    stacklevel=4,
                )

    def api_route(self, path: str, *, methods: Iterable[str], **kwargs: Any) -> Callable[..., Any]:
        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            self.add_route(path, func, methods=methods, **kwargs)
            return func

        return decorator

    def get(self, path: str, **kwargs: Any) -> Callable[..., Any]:
        return self.api_route(path, methods=["GET"], **kwargs)

    def post(self, path: str, **kwargs: Any) -> Callable[..., Any]:
        return self.api_route(path, methods=["POST"], **kwargs)

    def put(self, path: str, **kwargs: Any) -> Callable[..., Any]:
        return self.api_route(path, methods=["PUT"], **kwargs)

    def patch(self, path: str, **kwargs: Any) -> Callable[..., Any]:
        return self.api_route(path, methods=["PATCH"], **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Callable[..., Any]:
        return self.api_route(path, methods=["DELETE"], **kwargs)

    def websocket(self, path: str, *, name: str | None = None) -> Callable[..., Any]:
        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            self.routes.append(WebSocketRoute(self.prefix + path, func, name=name))
            return func

        return decorator

    def include_router(self, router: "APIRouter", *, prefix: str = "", tags: Sequence[str] = ()) -> None:
        if prefix and not prefix.startswith("/"):
            raise ValueError("A router prefix must start with '/'")
        for route in router.routes:
            if isinstance(route, Route):
                self.add_route(
                    prefix + route.path,
                    route.endpoint,
                    methods=route.methods - {"HEAD"},
                    name=route.name,
                    response_model=route.response_model,
                    status_code=route.status_code,
                    tags=[*tags, *route.tags],
                    dependencies=route.dependencies,
                    operation_id=route.operation_id,
                    include_in_schema=route.include_in_schema,
                    deprecated=route.deprecated,
                )
            elif isinstance(route, WebSocketRoute):
                self.routes.append(
                    WebSocketRoute(self.prefix + prefix + route.path, route.endpoint, name=route.name)
                )
            else:
                self.routes.append(route)

    def mount(self, path: str, app: Any, *, name: str | None = None) -> None:
        self.routes.append(Mount(self.prefix + path, app, name=name))

    def url_path_for(self, name: str, **params: Any) -> str:
        for route in self.routes:
            if route.name == name:
                path = route.path
                for key, value in params.items():
                    path = re.sub(r"{" + key + r"(:[a-z]+)?}", str(value), path)
                return path
        raise LookupError(f"No route named {name!r}")
