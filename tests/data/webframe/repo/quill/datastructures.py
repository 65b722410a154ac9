"""Small immutable containers: URL, Headers, QueryParams, State."""

from __future__ import annotations

from typing import Any, Iterator, Mapping, NamedTuple
from urllib.parse import urlencode


class URL(NamedTuple):
    scheme: str
    netloc: str
    path: str
    query: str = ""

    @classmethod
    def from_scope(cls, scope: Mapping[str, Any]) -> "URL":
        scheme = scope.get("scheme", "http")
        server = scope.get("server")
        host = None
        for key, value in scope["headers"]:
            if key == b"host":
                host = value.decode("latin-1")
                break
        if host is None and server is not None:
            name, port = server
            default = {"http": 80, "https": 443, "ws": 80, "wss": 443}[scheme]
            host = name if port == default else f"{name}:{port}"
        path = scope.get("root_path", "") + scope["path"]
        return cls(scheme, host or "", path, scope.get("query_string", b"").decode("latin-1"))

    def replace(self, **kwargs: Any) -> "URL":
        return self._replace(**kwargs)

    def __str__(self) -> str:
        url = f"{self.scheme}://{self.netloc}{self.path}"
        return f"{url}?{self.query}" if self.query else url


class Headers(Mapping[str, str]):
    def __init__(self, raw: list[tuple[bytes, bytes]] | None = None) -> None:
        self.raw = list(raw or [])

    def __getitem__(self, key: str) -> str:
        needle = key.lower().encode("latin-1")
        for k, v in self.raw:
            if k == needle:
                return v.decode("latin-1")
        raise KeyError(key)

    def getlist(self, key: str) -> list[str]:
        needle = key.lower().encode("latin-1")
        return [v.decode("latin-1") for k, v in self.raw if k == needle]

    def __iter__(self) -> Iterator[str]:
        return iter(k.decode("latin-1") for k, _ in self.raw)

    def __len__(self) -> int:
        return len(self.raw)


class QueryParams(Mapping[str, str]):
    def __init__(self, items: list[tuple[str, str]]) -> None:
        self._items = list(items)

    def __getitem__(self, key: str) -> str:
        for k, v in reversed(self._items):
            if k == key:
                return v
        raise KeyError(key)

    def getlist(self, key: str) -> list[str]:
        return [v for k, v in self._items if k == key]

    def __iter__(self) -> Iterator[str]:
        return iter(dict(self._items))

    def __len__(self) -> int:
        return len(dict(self._items))

    def __str__(self) -> str:
        return urlencode(self._items)


class State:
    def __init__(self, data: dict[str, Any] | None = None) -> None:
        object.__setattr__(self, "_data", data if data is not None else {})

    def __getattr__(self, name: str) -> Any:
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(f"'State' object has no attribute {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        self._data[name] = value
