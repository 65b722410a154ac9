"""Lifespan protocol handling: startup/shutdown hooks and lifespan context managers."""

from __future__ import annotations

import contextlib
import logging
from typing import Any, AsyncIterator, Callable

logger = logging.getLogger("quill.lifespan")

Lifespan = Callable[[Any], contextlib.AbstractAsyncContextManager[Any]]


def _legacy_lifespan(app: Any) -> Lifespan:
    @contextlib.asynccontextmanager
    async def lifespan(_: Any) -> AsyncIterator[None]:
        for handler in app.on_startup:
            await handler()
        try:
            yield
        finally:
            for handler in reversed(app.on_shutdown):
                await handler()

    return lifespan


async def run_lifespan(app: Any, scope: dict[str, Any], receive: Any, send: Any) -> None:
    lifespan = app.lifespan or _legacy_lifespan(app)
    started = False
    await receive()  # lifespan.startup
    try:
        async with lifespan(app) as state:
            if state is not None:
                if "state" not in scope:
                    raise RuntimeError(
                        "The server does not support lifespan state; "
                        "upgrade it or stop yielding a value from the lifespan."
                    )
                scope["state"].update(state)
            await send({"type": "lifespan.startup.complete"})
            started = True
            logger.info("Application startup complete.")
            await receive()  # lifespan.shutdown
    except BaseException as exc:
        text = f"{type(exc).__name__}: {exc}"
        if started:
            logger.error("Application shutdown failed. %s", text)
            await send({"type": "lifespan.shutdown.failed", "message": text})
        else:
            logger.error("Application startup failed. %s", text)
            await send({"type": "lifespan.startup.failed", "message": text})
        raise
    else:
        await send({"type": "lifespan.shutdown.complete"})
        logger.info("Application shutdown complete.")
