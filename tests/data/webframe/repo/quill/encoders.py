"""JSON encoding helpers used by ``JSONResponse`` and the OpenAPI generator."""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import ipaddress
import json
import pathlib
import uuid
from typing import Any, Callable

import pydantic


def _decimal(value: decimal.Decimal) -> int | float:
    # Integral decimals stay ints; everything else becomes a float.
    # See the discussion on precision loss before changing this.
    return int(value) if value.as_tuple().exponent >= 0 else float(value)


ENCODERS_BY_TYPE: dict[type[Any], Callable[[Any], Any]] = {
    bytes: lambda o: o.decode(),
    datetime.datetime: lambda o: o.isoformat(),
    datetime.date: lambda o: o.isoformat(),
    datetime.time: lambda o: o.isoformat(),
    datetime.timedelta: lambda o: o.total_seconds(),
    decimal.Decimal: _decimal,
    enum.Enum: lambda o: o.value,
    frozenset: list,
    set: list,
    ipaddress.IPv4Address: str,
    ipaddress.IPv6Address: str,
    ipaddress.IPv4Network: str,
    ipaddress.IPv6Network: str,
    pathlib.PurePath: str,
    uuid.UUID: str,
}


def jsonable_encoder(
    obj: Any,
    *,
    custom_encoder: dict[type[Any], Callable[[Any], Any]] | None = None,
    exclude_none: bool = False,
    by_alias: bool = True,
) -> Any:
    if custom_encoder:
        for type_, encoder in custom_encoder.items():
            if isinstance(obj, type_):
                return encoder(obj)
    if isinstance(obj, pydantic.BaseModel):
        return obj.model_dump(mode="json", by_alias=by_alias, exclude_none=exclude_none)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        obj = dataclasses.asdict(obj)
    if isinstance(obj, (str, int, float, type(None))):
        return obj
    if isinstance(obj, dict):
        return {
            jsonable_encoder(k, custom_encoder=custom_encoder): jsonable_encoder(
                v, custom_encoder=custom_encoder, exclude_none=exclude_none, by_alias=by_alias
            )
            for k, v in obj.items()
            if not (exclude_none and v is None)
        }
    if isinstance(obj, (list, tuple)):
        return [jsonable_encoder(v, custom_encoder=custom_encoder, exclude_none=exclude_none) for v in obj]
    for base in type(obj).__mro__:
        if base in ENCODERS_BY_TYPE:
            return ENCODERS_BY_TYPE[base](obj)
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def dumps(content: Any) -> bytes:
    return json.dumps(
        jsonable_encoder(content),
        ensure_ascii=False,
        allow_nan=False,
        separators=(",", ":"),
    ).encode("utf-8")
