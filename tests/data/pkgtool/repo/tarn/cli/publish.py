"""``tarn publish``: upload dist/* to an index."""
import os
from pathlib import Path

from ..utils.console import error


class NoCredentials(Exception):
    pass


def register(sub):
    p = sub.add_parser("publish", help="upload distributions")
    p.add_argument("-r", "--repository", default="pypi")
    p.add_argument("--dry-run", action="store_true", help="check the files, upload nothing")
    p.add_argument("files", nargs="*")
    p.set_defaults(func=run)


def token_for(repository: str, environ=None) -> str:
    environ = os.environ if environ is None else environ
    token = environ.get("TARN_PUBLISH_TOKEN")
    if not token:
        raise NoCredentials(f"no token for repository {repository!r}")
    return token


def check_files(files):
    bad = [f for f in files if not (f.endswith(".whl") or f.endswith(".tar.gz"))]
    return bad


def run(args, environ=None, upload=None):
    files = args.files or sorted(str(p) for p in Path("dist").glob("*"))
    try:
        token = token_for(args.repository, environ)
    except NoCredentials as exc:
        error(str(exc))
        return 1
    bad = check_files(files)
    if bad:
        error("not a distribution: " + ", ".join(bad))
        return 1
    if args.dry_run:
        return 0
    for f in files:
        (upload or _upload)(args.repository, f, token)
    return 0


def _upload(repository, path, token):  # pragma: no cover - network
    raise NotImplementedError("network upload is not part of this tree")
