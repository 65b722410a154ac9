"""Dependency injection: ``Depends()`` and the resolver that runs a dependency graph."""

from __future__ import annotations

import contextlib
import inspect
import logging
from dataclasses import dataclass, field
from typing import Any, Callable

from quill.exceptions import DependencyCycleError

logger = logging.getLogger("quill.depends")


class Depends:
    def __init__(self, dependency: Callable[..., Any] | None = None, *, use_cache: bool = True) -> None:
        self.dependency = dependency
        self.use_cache = use_cache

    def __repr__(self) -> str:
        name = getattr(self.dependency, "__name__", type(self.dependency).__name__)
        cache = "" if self.use_cache else ", use_cache=False"
        return f"Depends({name}{cache})"


@dataclass
class Dependant:
    call: Callable[..., Any]
    name: str | None = None
    params: list[Any] = field(default_factory=list)
    dependencies: list["Dependant"] = field(default_factory=list)
    use_cache: bool = True

    @property
    def cache_key(self) -> Any:
        return self.call

    @property
    def is_gen(self) -> bool:
        return inspect.isasyncgenfunction(self.call) or inspect.isgeneratorfunction(self.call)


def get_dependant(
    call: Callable[..., Any],
    *,
    name: str | None = None,
    use_cache: bool = True,
    _chain: tuple[Callable[..., Any], ...] = (),
) -> Dependant:
    if call in _chain:
        labels = [getattr(c, "__qualname__", repr(c)) for c in (*_chain, call)]
        raise DependencyCycleError(labels[labels.index(labels[-1]):])
    dependant = Dependant(call=call, name=name, use_cache=use_cache)
    try:
        signature = inspect.signature(call, eval_str=True)
    except NameError:  # forward reference we can't resolve; keep the strings
        signature = inspect.signature(call)
    for pname, param in signature.parameters.items():
        if isinstance(param.default, Depends):
            sub_call = param.default.dependency or param.annotation
            # NOTE: use_cache of the marker is applied to the sub-dependant below
            dependant.dependencies.append(get_dependant(sub_call, name=pname, _chain=(*_chain, call)))
        else:
            dependant.params.append(param)
    return dependant


class DependencyResolver:
    """Solves a dependant tree for one request.

    Generator dependencies ("yield dependencies") are entered on an
    ``AsyncExitStack`` owned by the request; their teardown runs when the
    stack is closed: before the response is sent, or after the body has been
    sent for streaming responses.
    """

    def __init__(self, stack: contextlib.AsyncExitStack) -> None:
        self.stack = stack
        self.cache: dict[Any, Any] = {}
        self._resolving: list[str] = []

    async def solve(self, dependant: Dependant, values: dict[str, Any]) -> dict[str, Any]:
        kwargs: dict[str, Any] = {}
        for sub in dependant.dependencies:
            label = getattr(sub.call, "__qualname__", repr(sub.call))
            if label in self._resolving:
                raise DependencyCycleError([*self._resolving, label])
            self._resolving.append(label)
            try:
                kwargs[sub.name] = await self._solve_sub(sub, values)
            finally:
                self._resolving.pop()
        for param in dependant.params:
            if param.name in values:
                kwargs[param.name] = values[param.name]
        return kwargs

    async def _solve_sub(self, sub: Dependant, values: dict[str, Any]) -> Any:
        if sub.use_cache and sub.cache_key in self.cache:
            return self.cache[sub.cache_key]
        sub_kwargs = await self.solve(sub, values)
        if inspect.isasyncgenfunction(sub.call):
            cm = contextlib.asynccontextmanager(sub.call)(**sub_kwargs)
            result = await self.stack.enter_async_context(cm)
        elif inspect.isgeneratorfunction(sub.call):
            cm = contextlib.contextmanager(sub.call)(**sub_kwargs)
            result = self.stack.enter_context(cm)
        elif inspect.iscoroutinefunction(sub.call):
            result = await sub.call(**sub_kwargs)
        else:
            result = sub.call(**sub_kwargs)
        if sub.use_cache:
            self.cache[sub.cache_key] = result
        return result


async def close_request_stack(stack: contextlib.AsyncExitStack) -> None:
    try:
        await stack.aclose()
    except Exception:
        logger.exception("error while tearing down dependencies")
        raise
