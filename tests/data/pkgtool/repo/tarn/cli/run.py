"""``tarn run``: run a command inside the project environment."""
import os
import subprocess
from pathlib import Path

from .. import venv


def register(sub):
    p = sub.add_parser("run", help="run a command in the environment")
    p.add_argument("cmd", nargs="+")
    p.set_defaults(func=run)


def run(args):
    env_dir = venv.env_path(Path.cwd(), args.config)
    environ = dict(os.environ, VIRTUAL_ENV=str(env_dir))
    environ["PATH"] = str(venv.bin_dir(env_dir)) + os.pathsep + environ.get("PATH", "")
    return subprocess.call(args.cmd, env=environ)
