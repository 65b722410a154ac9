"""Find the application object named on the command line (``module:attr`` or a file path)."""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from pathlib import Path
from typing import Any

from quill.exceptions import AppLoadError

DEFAULT_APP_NAMES = ("app", "application", "api")


def _module_name_from_path(target: str, app_dir: Path) -> str:
    path = Path(target)
    if path.suffix == ".py":
        path = path.with_suffix("")
    if path.is_absolute():
        path = path.relative_to(app_dir)
    parts = list(path.parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def split_target(target: str, app_dir: Path) -> tuple[str, str | None]:
    """``pkg.main:app`` -> (``pkg.main``, ``app``); ``src/main.py`` -> (``src.main``, None)."""
    module, _, attr = target.partition(":")
    if module.endswith(".py") or os.sep in module or "/" in module:
        module = _module_name_from_path(module, app_dir)
    return module, attr or None


def import_app(target: str, *, app_dir: str = ".", factory: bool = False) -> Any:
    root = Path(app_dir).resolve()
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    module_name, attr = split_target(target, root)
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:
        raise AppLoadError(target, exc) from exc

    names = [attr] if attr else list(DEFAULT_APP_NAMES)
    for name in names:
        obj: Any = module
        try:
            for part in name.split("."):
                obj = getattr(obj, part)
        except AttributeError:
            continue
        if factory:
            try:
                obj = obj()
            except TypeError as exc:
                raise AppLoadError(target, exc) from exc
        return obj
    tried = ", ".join(names)
    raise AppLoadError(
        target,
        LookupError(f"Could not find an application in module {module_name!r}. Tried: {tried}"),
    )


def format_load_error(err: AppLoadError, *, verbose: bool = False) -> str:
    lines = [f"quill: error: {err}"]
    cause = err.cause
    if cause is not None:
        lines.append(f"  caused by: {type(cause).__name__}: {cause}")
        if verbose:
            lines.extend("    " + line for line in "".join(traceback.format_exception(cause)).splitlines())
        elif isinstance(cause, ModuleNotFoundError) and cause.name and cause.name.split(".")[0] == "src":
            lines.append("  hint: with a src/ layout, pass --app-dir src and drop the 'src.' prefix")
        else:
            lines.append("  (run with --verbose to see the full traceback)")
    return "\n".join(lines)
