"""Install the packages of a lock into an environment (download + unpack wheels)."""
from .utils.names import canonicalize


class HashMismatch(Exception):
    def __init__(self, file, expected, got):
        super().__init__(f"hash mismatch for {file}: expected {expected}, got {got}")


def plan(lock: dict, installed: dict):
    """Return (to_install, to_remove) so that the environment matches the lock exactly."""
    wanted = {canonicalize(p["name"]): p for p in lock.get("package", [])}
    to_install = [p for name, p in wanted.items() if installed.get(name) != p["version"]]
    to_remove = sorted(name for name in installed if name not in wanted)
    return to_install, to_remove


def pick_file(pkg: dict, tags):
    files = pkg.get("files", [])
    for tag in tags:
        for f in files:
            if f["file"].endswith(f"-{tag}.whl"):
                return f
    for f in files:
        if f["file"].endswith(".tar.gz"):
            return f
    return None
