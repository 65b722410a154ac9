from __future__ import annotations

from typing import Any


class Middleware:
    """A middleware class plus the arguments it will be instantiated with."""

    def __init__(self, cls: type, *args: Any, **kwargs: Any) -> None:
        self.cls = cls
        self.args = args
        self.kwargs = kwargs

    def __iter__(self):  # allows ``cls, args, kwargs = middleware``
        return iter((self.cls, self.args, self.kwargs))

    def __repr__(self) -> str:
        options = ", ".join(f"{k}={v!r}" for k, v in self.kwargs.items())
        return f"Middleware({self.cls.__name__}{', ' + options if options else ''})"
