"""Extract endpoint arguments from a request and validate them with pydantic."""

from __future__ import annotations

import inspect
import typing
from typing import Any

import pydantic
from pydantic import TypeAdapter

from quill.background import BackgroundTasks
from quill.exceptions import RequestValidationError
from quill.params import Body, Form, Param, ParamSource, Query
from quill.requests import Request

_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def _adapter(annotation: Any) -> TypeAdapter[Any]:
    try:
        return _ADAPTERS[annotation]
    except KeyError:
        adapter = _ADAPTERS[annotation] = TypeAdapter(annotation)
        return adapter
    except TypeError:  # unhashable annotation, e.g. Annotated[..., {"x": 1}]
        return TypeAdapter(annotation)


def _is_sequence(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    return origin in (list, set, tuple, frozenset)


def _marker_for(param: inspect.Parameter, path_names: set[str]) -> Param:
    if isinstance(param.default, Param):
        return param.default
    if param.name in path_names:
        from quill.params import Path

        return Path(alias=None)
    annotation = param.annotation
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return Body()
    default = param.default if param.default is not inspect.Parameter.empty else Query().default
    return Query(default)


def _raw_value(request: Request, param: inspect.Parameter, marker: Param, path_params: dict[str, Any]) -> Any:
    name = marker.alias or param.name
    if marker.source is ParamSource.PATH:
        return path_params.get(name)
    if marker.source is ParamSource.QUERY:
        if _is_sequence(param.annotation):
            return request.query_params.getlist(name) or None
        return request.query_params.get(name)
    if marker.source is ParamSource.HEADER:
        if getattr(marker, "convert_underscores", True) and marker.alias is None:
            name = name.replace("_", "-")
        return request.headers.get(name)
    if marker.source is ParamSource.COOKIE:
        return request.cookies.get(name)
    raise AssertionError(marker.source)


def _error(loc: tuple[Any, ...], msg: str, type_: str, input_: Any = None) -> dict[str, Any]:
    return {"loc": list(loc), "msg": msg, "type": type_, "input": input_}


async def solve_params(
    request: Request,
    params: list[inspect.Parameter],
    path_params: dict[str, Any],
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    errors: list[dict[str, Any]] = []
    body_params: list[tuple[inspect.Parameter, Body]] = []
    for param in params:
        if param.annotation is Request:
            values[param.name] = request
            continue
        if param.annotation is BackgroundTasks:
            values[param.name] = request.scope.setdefault("quill.background", BackgroundTasks())
            continue
        marker = _marker_for(param, set(path_params))
        if isinstance(marker, Body):
            body_params.append((param, marker))
            continue
        raw = _raw_value(request, param, marker, path_params)
        loc = (marker.source.value, marker.alias or param.name)
        if raw == "" and marker.source is ParamSource.QUERY and not marker.required:
            raw = None  # ``?flag=`` means "not given" for optional query parameters
        if raw is None:
            if marker.required:
                errors.append(_error(loc, "Field required", "missing"))
            else:
                values[param.name] = marker.default
            continue
        try:
            values[param.name] = _adapter(param.annotation).validate_python(raw)
        except pydantic.ValidationError as exc:
            for err in exc.errors(include_url=False):
                errors.append(_error(loc + tuple(err["loc"]), err["msg"], err["type"], err.get("input")))
    if body_params:
        body_values, body_errors = await _solve_body(request, body_params)
        values.update(body_values)
        errors.extend(body_errors)
    if errors:
        raise RequestValidationError(errors)
    return values


async def _solve_body(
    request: Request, body_params: list[tuple[inspect.Parameter, Body]]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    values: dict[str, Any] = {}
    errors: list[dict[str, Any]] = []
    if any(isinstance(marker, Form) for _, marker in body_params):
        payload: Any = dict(await request.form())
        embed = True
    else:
        payload = await request.json() if await request.body() else None
        embed = len(body_params) > 1 or any(marker.embed for _, marker in body_params)
    for param, marker in body_params:
        name = marker.alias or param.name
        if embed:
            raw = (payload or {}).get(name) if isinstance(payload, dict) else None
            loc: tuple[Any, ...] = ("body", name)
        else:
            raw = payload
            loc = ("body",)
        if raw is None:
            if marker.required:
                errors.append(_error(loc, "Field required", "missing"))
            else:
                values[param.name] = marker.default
            continue
        try:
            values[param.name] = _adapter(param.annotation).validate_python(raw)
        except pydantic.ValidationError as exc:
            for err in exc.errors(include_url=False):
                err_loc = tuple(err["loc"])
                if embed:
                    err_loc = (name, *err_loc)
                errors.append(_error(loc + err_loc, err["msg"], err["type"], err.get("input")))
    return values, errors


def format_validation_errors(exc: RequestValidationError) -> dict[str, Any]:
    return {"detail": [{k: v for k, v in err.items() if k != "input"} for err in exc.errors()]}
