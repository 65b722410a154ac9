"""Run an application on one of the supported ASGI servers."""

from __future__ import annotations

import importlib
import logging
import os
import sys
from dataclasses import dataclass, field
from typing import Any

from quill.logconfig import logging_config

logger = logging.getLogger("quill.server")

BACKENDS: dict[str, str] = {
    "uvicorn": "uvicorn",
    "hypercorn": "hypercorn.asyncio",
    "granian": "granian",
}
DEFAULT_BACKEND = "uvicorn"


@dataclass
class ServerConfig:
    app: str
    host: str = "127.0.0.1"
    port: int = 8000
    uds: str | None = None
    workers: int = 1
    reload: bool = False
    reload_dirs: list[str] = field(default_factory=list)
    reload_excludes: list[str] = field(default_factory=list)
    root_path: str = ""
    proxy_headers: bool = True
    forwarded_allow_ips: str = "127.0.0.1"
    log_level: str = "info"
    access_log: bool = True
    timeout_graceful_shutdown: float | None = None
    factory: bool = False
    backend: str = DEFAULT_BACKEND
    app_dir: str = "."

    def validate(self) -> None:
        if self.reload and self.workers > 1:
            raise ValueError("--reload and --workers are mutually exclusive")
        if self.backend not in BACKENDS:
            raise ValueError(f"unknown server backend {self.backend!r}; choose from {', '.join(BACKENDS)}")
        if self.uds and sys.platform == "win32":
            raise ValueError("--uds is not supported on Windows")


def load_backend(name: str) -> Any:
    try:
        return importlib.import_module(BACKENDS[name])
    except ImportError as exc:
        raise RuntimeError(
            f"Unable to import server backend {name!r}; install it with: pip install \"quill[{name}]\""
        ) from exc


def _run_uvicorn(config: ServerConfig) -> None:
    uvicorn = load_backend("uvicorn")
    uvicorn.run(
        config.app,
        host=config.host,
        port=config.port,
        uds=config.uds,
        workers=config.workers,
        reload=False,
        root_path=config.root_path,
        proxy_headers=config.proxy_headers,
        forwarded_allow_ips=config.forwarded_allow_ips,
        log_level=config.log_level,
        access_log=config.access_log,
        timeout_graceful_shutdown=config.timeout_graceful_shutdown,
        factory=config.factory,
        app_dir=config.app_dir,
        log_config=logging_config(config.log_level, config.access_log),
    )


def _run_hypercorn(config: ServerConfig) -> None:
    load_backend("hypercorn")
    from hypercorn.config import Config
    from hypercorn.run import run

    hc = Config()
    hc.application_path = config.app
    hc.bind = [f"unix:{config.uds}"] if config.uds else [f"{config.host}:{config.port}"]
    hc.workers = config.workers
    hc.root_path = config.root_path
    hc.loglevel = config.log_level.upper()
    hc.accesslog = "-" if config.access_log else None
    if config.timeout_graceful_shutdown is not None:
        hc.graceful_timeout = config.timeout_graceful_shutdown
    run(hc)


def _run_granian(config: ServerConfig) -> None:
    granian = load_backend("granian")
    server = granian.Granian(
        config.app,
        address=config.host,
        port=config.port,
        interface="asgi",
        workers=config.workers,
        log_level=config.log_level,
        log_access=config.access_log,
        url_path_prefix=config.root_path or None,
        factory=config.factory,
    )
    server.serve()


RUNNERS = {"uvicorn": _run_uvicorn, "hypercorn": _run_hypercorn, "granian": _run_granian}


def serve(config: ServerConfig) -> None:
    config.validate()
    os.environ.setdefault("QUILL_SERVER", config.backend)
    if config.reload:
        from quill.server.reload import run_with_reload

        run_with_reload(config, RUNNERS[config.backend])
        return
    logger.info("Starting %s on %s", config.backend, config.uds or f"http://{config.host}:{config.port}")
    RUNNERS[config.backend](config)
