"""Virtual environment discovery and management."""
import os
import re
import shutil
import subprocess
import sys
import venv as _venv
from pathlib import Path

from .utils.paths import same_path

_PY_NAME = re.compile(r"^python(\d+\.\d+)(t?)(\.exe)?$")


def bin_dir(env: Path) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin")


def _version_of(python: str) -> str:
    out = subprocess.run([python, "-c", "import platform; print(platform.python_version())"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def _candidate_dirs():
    dirs = os.environ.get("PATH", "").split(os.pathsep)
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if pyenv.is_dir():
        dirs += [str(p / "bin") for p in sorted(pyenv.iterdir())]
    return dirs


def find_interpreters(dirs=None, version_of=_version_of):
    """Return ``[(version, path), ...]`` for interpreters found, newest first."""
    found = {}
    for d in dirs if dirs is not None else _candidate_dirs():
        try:
            names = os.listdir(d)
        except OSError:
            continue
        for name in names:
            if not _PY_NAME.match(name):
                continue
            path = os.path.realpath(os.path.join(d, name))
            if path in found or not os.access(path, os.X_OK):
                continue
            try:
                found[path] = version_of(path)
            except (OSError, subprocess.CalledProcessError):
                continue
    return sorted(((v, p) for p, v in found.items()), reverse=True)


def env_path(project_dir, config) -> Path:
    if config["venv"]["in-project"]:
        return Path(project_dir) / ".venv"
    from .utils.paths import user_cache_dir

    return user_cache_dir() / "venvs" / Path(project_dir).resolve().name


def active_env():
    return os.environ.get("VIRTUAL_ENV") or os.environ.get("CONDA_PREFIX")


def create_env(path: Path, python: str = sys.executable) -> Path:
    if python == sys.executable:
        _venv.EnvBuilder(with_pip=True, symlinks=os.name != "nt").create(path)
    else:
        subprocess.run([python, "-m", "venv", str(path)], check=True)
    (path / ".tarn-project").write_text(str(Path.cwd()))
    return path


def belongs_to(path: Path, project_dir) -> bool:
    marker = path / ".tarn-project"
    return not marker.exists() or same_path(marker.read_text().strip(), project_dir)


def remove_env(path: Path) -> bool:
    """Remove the environment at ``path``; False when there was nothing to remove."""
    if not path.exists():
        return False
    shutil.rmtree(path)
    return True
