"""``tarn install``: make the environment match tarn.lock."""
import os
from pathlib import Path

from .. import lockfile
from ..utils.console import error, warn
from .lock import read_project


def register(sub):
    p = sub.add_parser("install", help="install the locked dependencies")
    p.add_argument("--locked", action="store_true", help="fail if tarn.lock is missing or stale")
    p.add_argument("--no-root", action="store_true", help="do not install the project itself")
    p.add_argument("--offline", action="store_true")
    p.set_defaults(func=run)


def run(args):
    if not os.path.exists(lockfile.LOCK_NAME):
        if args.locked:
            error("tarn.lock not found (--locked)")
            return 2
        warn("no tarn.lock, run `tarn lock` first")
        return 1
    project = read_project()
    lock = lockfile.load(Path(lockfile.LOCK_NAME))
    if not lockfile.is_fresh(project, lock):
        msg = "tarn.lock is out of date with pyproject.toml (content-hash mismatch), run `tarn lock`"
        if args.locked:
            error(msg)
            return 1
        warn(msg)
    return 0
