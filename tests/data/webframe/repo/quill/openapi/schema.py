"""Build the OpenAPI 3.1 document from the application's routes."""

from __future__ import annotations

import inspect
import re
import warnings
from typing import Any

import pydantic
from pydantic.json_schema import GenerateJsonSchema

from quill.exceptions import QuillSchemaWarning
from quill.params import Body, Param, ParamSource
from quill.routing import PARAM_RE, Route

OPENAPI_VERSION = "3.1.0"
REF_TEMPLATE = "#/components/schemas/{model}"
METHODS_IN_SCHEMA = ("GET", "PUT", "POST", "DELETE", "OPTIONS", "PATCH", "TRACE")

VALIDATION_ERROR_SCHEMA = {
    "title": "ValidationError",
    "type": "object",
    "required": ["loc", "msg", "type"],
    "properties": {
        "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
        "msg": {"type": "string"},
        "type": {"type": "string"},
    },
}


def operation_id_for(route: Route, method: str, style: str = "function") -> str:
    if route.operation_id:
        return route.operation_id
    if style == "function":
        return route.name
    slug = re.sub(r"\W", "_", PARAM_RE.sub(r"\1", route.path)).strip("_")
    return f"{route.name}_{slug}_{method.lower()}"


def _schema_for(annotation: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    if annotation is inspect.Parameter.empty:
        return {}
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        schema = annotation.model_json_schema(ref_template=REF_TEMPLATE)
        definitions.update(schema.pop("$defs", {}))
        definitions[annotation.__name__] = schema
        return {"$ref": REF_TEMPLATE.format(model=annotation.__name__)}
    adapter = pydantic.TypeAdapter(annotation)
    schema = adapter.json_schema(ref_template=REF_TEMPLATE, schema_generator=GenerateJsonSchema)
    definitions.update(schema.pop("$defs", {}))
    return schema


def _parameters(route: Route, definitions: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    parameters: list[dict[str, Any]] = []
    body: dict[str, Any] | None = None
    for param in route.dependant.params:
        if getattr(param.annotation, "__name__", None) in ("Request", "WebSocket", "BackgroundTasks"):
            continue
        marker = param.default if isinstance(param.default, Param) else None
        if marker is not None and not marker.include_in_schema:
            continue
        if isinstance(marker, Body) or (
            isinstance(param.annotation, type) and issubclass(param.annotation, pydantic.BaseModel)
        ):
            media_type = marker.media_type if isinstance(marker, Body) else "application/json"
            body = {
                "required": marker.required if marker is not None else True,
                "content": {media_type: {"schema": _schema_for(param.annotation, definitions)}},
            }
            continue
        if param.name in route.converters:
            location = "path"
        elif marker is not None:
            location = marker.source.value
        else:
            location = ParamSource.QUERY.value
        name = (marker.alias if marker is not None and marker.alias else param.name)
        if location == "header" and getattr(marker, "convert_underscores", True):
            name = name.replace("_", "-")
        entry: dict[str, Any] = {
            "name": name,
            "in": location,
            "required": location == "path" or (marker.required if marker is not None else param.default is inspect.Parameter.empty),
            "schema": _schema_for(param.annotation, definitions),
        }
        if marker is not None and marker.description:
            entry["description"] = marker.description
        if marker is not None and marker.deprecated:
            entry["deprecated"] = True
        parameters.append(entry)
    return parameters, body


def generate_openapi(app: Any, *, operation_id_style: str = "function") -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    paths: dict[str, dict[str, Any]] = {}
    seen_ids: dict[str, tuple[str, str]] = {}
    for route in app.router.routes:
        if not isinstance(route, Route) or not route.include_in_schema:
            continue
        parameters, body = _parameters(route, definitions)
        for method in sorted(route.methods):
            if method not in METHODS_IN_SCHEMA:
                continue
            op_id = operation_id_for(route, method, operation_id_style)
            if op_id in seen_ids:
                first_method, first_path = seen_ids[op_id]
                warnings.warn(
                    f"Duplicate operationId {op_id!r} for {method} {route.path} "
                    f"(first used by {first_method} {first_path})",
                    QuillSchemaWarning,
                    stacklevel=2,
                )
            seen_ids.setdefault(op_id, (method, route.path))
            operation: dict[str, Any] = {"operationId": op_id, "tags": route.tags}
            if route.summary:
                operation["summary"] = route.summary
            doc = inspect.getdoc(route.endpoint)
            if doc:
                operation["description"] = doc
            if parameters:
                operation["parameters"] = parameters
            if body is not None:
                operation["requestBody"] = body
            status = str(route.status_code or 200)
            response: dict[str, Any] = {"description": "Successful Response"}
            if route.response_model is not None:
                response["content"] = {
                    "application/json": {"schema": _schema_for(route.response_model, definitions)}
                }
            operation["responses"] = {status: response}
            if parameters or body is not None:
                operation["responses"]["422"] = {
                    "description": "Validation Error",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/HTTPValidationError"}}},
                }
                definitions.setdefault("ValidationError", VALIDATION_ERROR_SCHEMA)
                definitions.setdefault(
                    "HTTPValidationError",
                    {
                        "title": "HTTPValidationError",
                        "type": "object",
                        "properties": {
                            "detail": {"type": "array", "items": {"$ref": "#/components/schemas/ValidationError"}}
                        },
                    },
                )
            if route.deprecated:
                operation["deprecated"] = True
            paths.setdefault(route.path, {})[method.lower()] = operation
    document: dict[str, Any] = {
        "openapi": OPENAPI_VERSION,
        "info": {"title": app.title, "version": app.version},
        "paths": paths,
    }
    if app.description:
        document["info"]["description"] = app.description
    if app.root_path:
        document["servers"] = [{"url": app.root_path}]
    if definitions:
        document["components"] = {"schemas": dict(sorted(definitions.items()))}
    return document
