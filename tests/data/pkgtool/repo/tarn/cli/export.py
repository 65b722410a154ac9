"""``tarn export``: write the lock as requirements or constraints."""
import os
import sys
import tempfile
from pathlib import Path

from .. import lockfile


def register(sub):
    p = sub.add_parser("export", help="export tarn.lock")
    p.add_argument("--format", choices=["requirements", "constraints"], default="requirements")
    p.add_argument("-o", "--output")
    p.set_defaults(func=run)


class MissingHashes(Exception):
    pass


def _requirement_line(pkg: dict, with_hashes: bool = True) -> str:
    line = f"{pkg['name']}=={pkg['version']}"
    if not with_hashes:
        return line
    hashes = [f["hash"] for f in pkg.get("files", [])]
    if not hashes:
        raise MissingHashes(f"package {pkg['name']!r} has no file hashes in tarn.lock (locked with tarn < 0.5?)")
    return line + "".join(f" \\\n    --hash={h}" for h in hashes)


def render(lock: dict, fmt: str = "requirements") -> str:
    pkgs = sorted(lock.get("package", []), key=lambda p: p["name"].lower())
    return "".join(_requirement_line(p, with_hashes=(fmt == "requirements")) + "\n" for p in pkgs)


def _write_atomic(path: str, text: str) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tarn-export-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def run(args):
    lock = lockfile.load(Path(lockfile.LOCK_NAME))
    text = render(lock, args.format)
    if args.output:
        _write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
