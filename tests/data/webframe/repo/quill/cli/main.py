"""The ``quill`` command line: ``quill run``, ``quill routes``, ``quill openapi``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Sequence

from quill import __version__
from quill.cli.discovery import format_load_error, import_app
from quill.config import load_config
from quill.exceptions import AppLoadError, ConfigError


def _run(args: argparse.Namespace) -> int:
    from quill.server import ServerConfig, serve

    settings = load_config(args.config) if args.config or os.path.exists("quill.toml") else {}
    server = settings.get("server", {})
    target = args.app or settings.get("app")
    if not target:
        print("quill: error: no application given and no 'app' key in quill.toml", file=sys.stderr)
        return 2
    try:
        import_app(target, app_dir=args.app_dir, factory=args.factory)
    except AppLoadError as err:
        print(format_load_error(err, verbose=args.verbose), file=sys.stderr)
        return 1
    config = ServerConfig(
        app=target,
        host=args.host or server.get("host", "127.0.0.1"),
        port=args.port or server.get("port", 8000),
        uds=args.uds,
        workers=args.workers or server.get("workers", 1),
        reload=args.reload,
        reload_dirs=args.reload_dir or [],
        reload_excludes=args.reload_exclude or [],
        root_path=args.root_path or server.get("root_path", ""),
        proxy_headers=args.proxy_headers,
        forwarded_allow_ips=args.forwarded_allow_ips or server.get("forwarded_allow_ips", "127.0.0.1"),
        log_level=args.log_level,
        access_log=args.access_log,
        timeout_graceful_shutdown=args.timeout_graceful_shutdown,
        factory=args.factory,
        backend=args.server or server.get("backend", "uvicorn"),
        app_dir=args.app_dir,
    )
    try:
        serve(config)
    except ValueError as exc:
        print(f"quill: error: {exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:
        print(f"quill: error: {exc}", file=sys.stderr)
        return 1
    return 0


def _routes(args: argparse.Namespace) -> int:
    from quill.routing import Mount, Route, WebSocketRoute

    try:
        app = import_app(args.app, app_dir=args.app_dir)
    except AppLoadError as err:
        print(format_load_error(err, verbose=args.verbose), file=sys.stderr)
        return 1
    for route in app.router.routes:
        if isinstance(route, Route):
            methods = ",".join(sorted(route.methods - {"HEAD"}))
            print(f"{methods:<12} {route.path:<40} {route.name}")
        elif isinstance(route, WebSocketRoute):
            print(f"{'WS':<12} {route.path:<40} {route.name}")
        elif isinstance(route, Mount):
            print(f"{'MOUNT':<12} {route.path + '/*':<40} {type(route.app).__name__}")
    return 0


def _openapi(args: argparse.Namespace) -> int:
    try:
        app = import_app(args.app, app_dir=args.app_dir)
    except AppLoadError as err:
        print(format_load_error(err, verbose=args.verbose), file=sys.stderr)
        return 1
    json.dump(app.openapi(), sys.stdout, indent=2 if args.indent else None)
    sys.stdout.write("\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quill", description="Quill command line interface")
    parser.add_argument("--version", action="version", version=f"quill {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="serve an application")
    run.add_argument("app", nargs="?", help="module:attribute or path/to/file.py")
    run.add_argument("--host")
    run.add_argument("--port", type=int)
    run.add_argument("--uds", help="bind to a unix domain socket")
    run.add_argument("--workers", type=int)
    run.add_argument("--reload", action="store_true")
    run.add_argument("--reload-dir", action="append")
    run.add_argument("--reload-exclude", action="append")
    run.add_argument("--root-path")
    run.add_argument("--proxy-headers", action=argparse.BooleanOptionalAction, default=True)
    run.add_argument("--forwarded-allow-ips")
    run.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug", "trace"])
    run.add_argument("--access-log", action=argparse.BooleanOptionalAction, default=True)
    run.add_argument("--timeout-graceful-shutdown", type=float)
    run.add_argument("--factory", action="store_true")
    run.add_argument("--server", choices=["uvicorn", "hypercorn", "granian"])
    run.add_argument("--app-dir", default=".")
    run.add_argument("--config", help="path to quill.toml")
    run.add_argument("-v", "--verbose", action="store_true")
    run.set_defaults(func=_run)

    routes = sub.add_parser("routes", help="list the routes of an application")
    routes.add_argument("app")
    routes.add_argument("--app-dir", default=".")
    routes.add_argument("-v", "--verbose", action="store_true")
    routes.set_defaults(func=_routes)

    openapi = sub.add_parser("openapi", help="print the OpenAPI document")
    openapi.add_argument("app")
    openapi.add_argument("--app-dir", default=".")
    openapi.add_argument("--indent", action="store_true")
    openapi.add_argument("-v", "--verbose", action="store_true")
    openapi.set_defaults(func=_openapi)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as err:
        print(f"quill: {err.render()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
