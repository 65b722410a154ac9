"""Reading and writing tarn.lock (format v3)."""
import hashlib
import json
import os

from .utils.names import canonicalize

LOCK_VERSION = 3
LOCK_NAME = "tarn.lock"


def content_hash(project: dict) -> str:
    """Hash of the dependency tables of a parsed pyproject.toml.

    Stored as ``content-hash`` in the lock; a different value means the lock is stale.
    """
    proj = project.get("project", {})
    data = {
        "dependencies": proj.get("dependencies", []),
        "optional-dependencies": proj.get("optional-dependencies", {}),
        "dev-dependencies": project.get("tool", {}).get("tarn", {}).get("dev-dependencies", []),
        "requires-python": proj.get("requires-python", ""),
    }
    return "sha256:" + hashlib.sha256(json.dumps(data).encode()).hexdigest()


def is_fresh(project: dict, lock: dict) -> bool:
    return lock.get("content-hash") == content_hash(project)


def _q(value: str) -> str:
    return json.dumps(value)


def dumps(lock: dict) -> str:
    lines = [
        f"version = {lock.get('version', LOCK_VERSION)}",
        f"content-hash = {_q(lock['content-hash'])}",
        f"requires-python = {_q(lock.get('requires-python', ''))}",
        "",
    ]
    for pkg in sorted(lock.get("package", []), key=lambda p: canonicalize(p["name"])):
        lines.append("[[package]]")
        lines.append(f"name = {_q(pkg['name'])}")
        lines.append(f"version = {_q(pkg['version'])}")
        if pkg.get("marker"):
            lines.append(f"marker = {_q(pkg['marker'])}")
        if pkg.get("extras"):
            lines.append("extras = [" + ", ".join(_q(e) for e in pkg["extras"]) + "]")
        lines.append("files = [")
        for f in pkg.get("files", []):
            lines.append(f"    {{ file = {_q(f['file'])}, hash = {_q(f['hash'])} }},")
        lines.append("]")
        lines.append("")
    return "\n".join(lines)


def write(path, lock: dict) -> None:
    mode = None
    if os.path.exists(path):
        mode = os.stat(path).st_mode & 0o777
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(dumps(lock))
    if mode is not None:
        os.chmod(path, mode)


def load(path) -> dict:
    from .config import tomllib

    with open(path, "rb") as f:
        return tomllib.load(f)
