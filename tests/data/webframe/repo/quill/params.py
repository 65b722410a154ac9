"""Parameter markers used in endpoint signatures: ``Query()``, ``Path()``, ``Body()`` ..."""

from __future__ import annotations

import enum
from typing import Any

_Unset: Any = object()


class ParamSource(str, enum.Enum):
    PATH = "path"
    QUERY = "query"
    HEADER = "header"
    COOKIE = "cookie"
    BODY = "body"
    FORM = "form"
    FILE = "file"


class Param:
    source: ParamSource

    def __init__(
        self,
        default: Any = _Unset,
        *,
        alias: str | None = None,
        title: str | None = None,
        description: str | None = None,
        gt: float | None = None,
        ge: float | None = None,
        lt: float | None = None,
        le: float | None = None,
        min_length: int | None = None,
        max_length: int | None = None,
        pattern: str | None = None,
        examples: list[Any] | None = None,
        deprecated: bool = False,
        include_in_schema: bool = True,
    ) -> None:
        self.default = default
        self.alias = alias
        self.title = title
        self.description = description
        self.constraints = {
            k: v
            for k, v in dict(
                gt=gt, ge=ge, lt=lt, le=le,
                min_length=min_length, max_length=max_length, pattern=pattern,
            ).items()
            if v is not None
        }
        self.examples = examples
        self.deprecated = deprecated
        self.include_in_schema = include_in_schema

    @property
    def required(self) -> bool:
        return self.default is _Unset

    def __repr__(self) -> str:
        return f"{type(self).__name__}({'...' if self.required else repr(self.default)})"


class Path(Param):
    source = ParamSource.PATH

    def __init__(self, default: Any = _Unset, **kwargs: Any) -> None:
        if default is not _Unset:
            raise TypeError("Path parameters cannot have a default value")
        super().__init__(default, **kwargs)


class Query(Param):
    source = ParamSource.QUERY


class Header(Param):
    source = ParamSource.HEADER

    def __init__(self, default: Any = _Unset, *, convert_underscores: bool = True, **kwargs: Any) -> None:
        self.convert_underscores = convert_underscores
        super().__init__(default, **kwargs)


class Cookie(Param):
    source = ParamSource.COOKIE


class Body(Param):
    source = ParamSource.BODY

    def __init__(
        self,
        default: Any = _Unset,
        *,
        embed: bool = False,
        media_type: str = "application/json",
        **kwargs: Any,
    ) -> None:
        self.embed = embed
        self.media_type = media_type
        super().__init__(default, **kwargs)


class Form(Body):
    source = ParamSource.FORM

    def __init__(self, default: Any = _Unset, **kwargs: Any) -> None:
        kwargs.setdefault("media_type", "application/x-www-form-urlencoded")
        super().__init__(default, **kwargs)


class File(Form):
    source = ParamSource.FILE

    def __init__(self, default: Any = _Unset, **kwargs: Any) -> None:
        kwargs.setdefault("media_type", "multipart/form-data")
        super().__init__(default, **kwargs)
