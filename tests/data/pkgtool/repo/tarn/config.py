"""Layered configuration: defaults < user < project < environment."""
import copy
import os
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .utils.paths import user_config_dir

DEFAULTS = {
    "no-cache": False,
    "venv": {"in-project": True, "use-active": True},
    "network": {"ca-bundle": "", "timeout": 30},
    "publish": {"retries": 3},
    "plugins": {"disabled": []},
    "add": {"constraint": ">="},
}

# Spellings accepted for booleans coming from the environment (documented in
# docs/configuration.md).
TRUE_VALUES = ("1", "true", "yes", "on")
FALSE_VALUES = ("0", "false", "no", "off", "")

ENV_PREFIX = "TARN_"


def _env_bool(value: str) -> bool:
    return bool(value)


def _coerce(value: str, default):
    """Convert an environment string to the type of ``default``."""
    if isinstance(default, bool):
        return _env_bool(value)
    if isinstance(default, int):
        return int(value)
    if isinstance(default, list):
        return [v.strip() for v in value.split(",") if v.strip()]
    return value


def _env_key(name: str):
    """``TARN_VENV_IN_PROJECT`` -> ("venv", "in-project"); ``TARN_NO_CACHE`` -> ("no-cache",)."""
    rest = name[len(ENV_PREFIX):].lower()
    for section, value in DEFAULTS.items():
        if isinstance(value, dict) and rest.startswith(section + "_"):
            return (section, rest[len(section) + 1:].replace("_", "-"))
    return (rest.replace("_", "-"),)


def _merge(base: dict, extra: dict) -> dict:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


def _from_env(environ) -> dict:
    out = {}
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX):
            continue
        path = _env_key(name)
        default = DEFAULTS
        for part in path:
            default = default.get(part) if isinstance(default, dict) else None
        if default is None or isinstance(default, dict):
            continue
        target = out
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = _coerce(raw, default)
    return out


def _read_toml(path):
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        return {}


def load_config(project_dir=".", environ=None) -> dict:
    environ = os.environ if environ is None else environ
    cfg = copy.deepcopy(DEFAULTS)
    _merge(cfg, _read_toml(user_config_dir() / "config.toml"))
    pyproject = _read_toml(os.path.join(project_dir, "pyproject.toml"))
    _merge(cfg, pyproject.get("tool", {}).get("tarn", {}))
    _merge(cfg, _read_toml(os.path.join(project_dir, "tarn.toml")))
    _merge(cfg, _from_env(environ))
    return cfg
