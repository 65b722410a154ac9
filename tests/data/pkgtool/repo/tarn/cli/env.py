"""``tarn env``: create, remove and list environments."""
from pathlib import Path

from .. import venv
from ..utils.console import warn


def register(sub):
    p = sub.add_parser("env", help="manage the project environment")
    s = p.add_subparsers(dest="env_command")
    c = s.add_parser("create")
    c.add_argument("--python")
    c.set_defaults(func=create)
    r = s.add_parser("remove")
    r.set_defaults(func=remove)


def create(args):
    path = venv.env_path(Path.cwd(), args.config)
    python = args.python
    if python is None:
        found = venv.find_interpreters()
        python = found[0][1] if found else None
    venv.create_env(path, python) if python else venv.create_env(path)
    return 0


def remove(args):
    path = venv.env_path(Path.cwd(), args.config)
    if not venv.remove_env(path):
        warn(f"no environment at {path}, nothing to remove")
    return 0
