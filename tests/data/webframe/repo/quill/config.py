"""Load ``quill.toml`` (or ``[tool.quill]`` in pyproject.toml).

Errors are reported as ``Error E0xx at line N in file F: message`` so editors
can jump to the offending line.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from quill.exceptions import ConfigError

E_INVALID_TOML = "E010"
E_NOT_A_TABLE = "E011"
E_UNKNOWN_KEY = "E012"
E_WRONG_TYPE = "E013"
E_ENV_NOT_SET = "E014"

SCHEMA: dict[str, dict[str, type | tuple[type, ...]]] = {
    "": {"app": str, "debug": bool, "env_file": str},
    "server": {
        "host": str,
        "port": int,
        "workers": int,
        "backend": str,
        "root_path": str,
        "forwarded_allow_ips": str,
        "timeout_graceful_shutdown": (int, float),
    },
    "reload": {"dirs": list, "excludes": list},
    "logging": {"level": str, "access_log": bool, "format": str},
}

ENV_RE = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)\}")


def _find_line(text: str, key: str) -> int | None:
    """Best-effort line number of ``key = ...`` in the raw TOML text."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=", re.MULTILINE)
    match = pattern.search(text)
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1


def _interpolate(value: Any, *, text: str, key: str, file: str) -> Any:
    if not isinstance(value, str):
        return value

    def repl(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in os.environ:
            raise ConfigError(
                E_ENV_NOT_SET,
                f"environment variable {name} is not set (used by {key!r})",
                file=file,
                line=_find_line(text, key),
            )
        return os.environ[name]

    return ENV_RE.sub(repl, value)


def _validate(data: dict[str, Any], text: str, file: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for section, value in data.items():
        if section in SCHEMA and section != "":
            if not isinstance(value, dict):
                raise ConfigError(E_NOT_A_TABLE, f"expected a table for [{section}]", file=file, line=_find_line(text, section))
            known = SCHEMA[section]
            table: dict[str, Any] = {}
            for key, item in value.items():
                if key not in known:
                    raise ConfigError(E_UNKNOWN_KEY, f"unknown key {key!r} in [{section}]", file=file, line=_find_line(text, key))
                if not isinstance(item, known[key]):
                    expected = known[key].__name__ if isinstance(known[key], type) else "number"
                    raise ConfigError(
                        E_WRONG_TYPE,
                        f"{section}.{key} must be of type {expected}, got {type(item).__name__}",
                        file=file,
                        line=_find_line(text, key),
                    )
                table[key] = _interpolate(item, text=text, key=key, file=file)
            out[section] = table
        elif section in SCHEMA[""]:
            out[section] = _interpolate(value, text=text, key=section, file=file)
        else:
            raise ConfigError(E_UNKNOWN_KEY, f"unknown key {section!r}", file=file, line=_find_line(text, section))
    return out


def _apply_env_overrides(config: dict[str, Any]) -> dict[str, Any]:
    for name, value in os.environ.items():
        if not name.startswith("QUILL_SERVER_"):
            continue
        key = name[len("QUILL_SERVER_"):].lower()
        if key in SCHEMA["server"]:
            expected = SCHEMA["server"][key]
            config.setdefault("server", {})[key] = int(value) if expected is int else value
    return config


def load_config(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    file = Path(path) if path is not None else Path("quill.toml")
    text = file.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        if line is None:
            m = re.search(r"line (\d+)", str(exc))
            line = int(m.group(1)) if m else None
        raise ConfigError(E_INVALID_TOML, f"invalid TOML: {exc}", file=str(file), line=line) from exc
    if file.name == "pyproject.toml":
        data = data.get("tool", {}).get("quill", {})
    return _apply_env_overrides(_validate(data, text, str(file)))
