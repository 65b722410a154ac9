"""Path helpers."""
import os
from pathlib import Path


def same_path(a, b) -> bool:
    """True when ``a`` and ``b`` name the same location.

    Used to detect a virtualenv that was created for a different project directory.
    """
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def user_cache_dir() -> Path:
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\AppData\\Local")
        return Path(base) / "tarn" / "Cache"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return Path(base) / "tarn"


def user_config_dir() -> Path:
    if os.name == "nt":
        return Path(os.environ.get("APPDATA", "~")) / "tarn"
    return Path(os.environ.get("XDG_CONFIG_HOME") or os.path.expanduser("~/.config")) / "tarn"
