"""Build source distributions."""
import fnmatch
import io
import os
import tarfile
import time
from pathlib import Path

from .metadata import core_metadata, readme_path

SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", ".venv", "dist", ".tox"}


def sdist_filename(name: str, version: str) -> str:
    return f"{name}-{version}.tar.gz"


def _mtime(path: Path) -> int:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return int(epoch) if epoch else int(path.stat().st_mtime)


def _excluded(rel: str, patterns) -> bool:
    return any(fnmatch.fnmatch(rel, p) for p in patterns)


def collect_files(src: Path, project: dict, exclude=()):
    files = {"pyproject.toml"}
    readme = readme_path(project)
    if readme:
        files.add(Path(readme).as_posix())
    for lic in project.get("license-files", ["LICENSE"]):
        if (src / lic).exists():
            files.add(lic)
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
        for name in filenames:
            rel = (Path(dirpath) / name).relative_to(src).as_posix()
            if rel.endswith(".py") and not _excluded(rel, exclude):
                files.add(rel)
    return sorted(f for f in files if (src / f).exists())


def build_sdist(project: dict, src: Path, out_dir: Path, exclude=()) -> Path:
    name, version = project["name"], project["version"]
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / sdist_filename(name, version)
    top = f"{name}-{version}"
    readme = readme_path(project)
    readme_text = (src / readme).read_text(encoding="utf-8") if readme and (src / readme).exists() else ""
    with tarfile.open(target, "w:gz", format=tarfile.PAX_FORMAT) as tf:
        for rel in collect_files(src, project, exclude):
            path = src / rel
            info = tf.gettarinfo(str(path), arcname=f"{top}/{rel}")
            info.mtime = _mtime(path)
            with open(path, "rb") as f:
                tf.addfile(info, f)
        pkg_info = core_metadata(project, readme_text).encode()
        info = tarfile.TarInfo(f"{top}/PKG-INFO")
        info.size = len(pkg_info)
        info.mtime = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
        tf.addfile(info, io.BytesIO(pkg_info))
    return target
