"""``tarn lock``: resolve pyproject.toml and write tarn.lock."""
from pathlib import Path

from .. import lockfile
from ..config import tomllib


def register(sub):
    p = sub.add_parser("lock", help="resolve dependencies and write tarn.lock")
    p.add_argument("--upgrade", action="store_true", help="ignore the existing lock")
    p.add_argument("--upgrade-package", action="append", default=[], metavar="NAME")
    p.set_defaults(func=run)


def read_project(path="pyproject.toml") -> dict:
    with open(path, "rb") as f:
        return tomllib.load(f)


def run(args):
    from ..resolver.resolver import resolve  # noqa: F401  (network part omitted in this tree)

    project = read_project()
    lock = {"version": lockfile.LOCK_VERSION, "content-hash": lockfile.content_hash(project),
            "requires-python": project.get("project", {}).get("requires-python", ""), "package": []}
    lockfile.write(Path(lockfile.LOCK_NAME), lock)
    return 0
