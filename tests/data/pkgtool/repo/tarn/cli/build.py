"""``tarn build``: build a wheel and/or an sdist into dist/."""
import shutil
from pathlib import Path

from .lock import read_project


def register(sub):
    p = sub.add_parser("build", help="build wheel and sdist")
    p.add_argument("--sdist", action="store_true", help="only the sdist")
    p.add_argument("--wheel", action="store_true", help="only the wheel")
    p.add_argument("--clean", action="store_true", help="empty dist/ first")
    p.set_defaults(func=run)


def run(args):
    from ..build import sdist, wheel

    pyproject = read_project()
    project = pyproject["project"]
    build_cfg = pyproject.get("tool", {}).get("tarn", {}).get("build", {})
    out = Path("dist")
    if args.clean and out.exists():
        shutil.rmtree(out)
    src = Path(".")
    if not args.sdist:
        wheel.build_wheel(project, src, out)
    if not args.wheel:
        sdist.build_sdist(project, src, out, exclude=build_cfg.get("exclude", []))
    return 0
