"""Build pure-Python wheels."""
import base64
import hashlib
import os
import zipfile
from pathlib import Path

from ..utils.names import wheel_name
from .metadata import core_metadata

WHEEL_FILE = "Wheel-Version: 1.0\nGenerator: tarn\nRoot-Is-Purelib: true\nTag: py3-none-any\n"


def _record_hash(data: bytes) -> str:
    """Hash entry for a RECORD line."""
    return "sha256=" + hashlib.sha256(data).hexdigest()


def _package_files(src: Path, package: str):
    root = src / package
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        for name in sorted(filenames):
            full = Path(dirpath) / name
            yield full, full.relative_to(src).as_posix()


def build_wheel(project: dict, src: Path, out_dir: Path, package=None, readme_text: str = "") -> Path:
    name, version = project["name"], project["version"]
    dist = f"{wheel_name(name)}-{version}"
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{dist}-py3-none-any.whl"
    package = package or wheel_name(name)
    records = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        def add(arcname, data: bytes):
            zf.writestr(arcname, data)
            records.append(f"{arcname},{_record_hash(data)},{len(data)}")

        for full, arc in _package_files(src, package):
            add(arc, full.read_bytes())
        info = f"{dist}.dist-info"
        add(f"{info}/METADATA", core_metadata(project, readme_text).encode())
        add(f"{info}/WHEEL", WHEEL_FILE.encode())
        scripts = project.get("scripts", {})
        if scripts:
            body = "[console_scripts]\n" + "".join(f"{k} = {v}\n" for k, v in scripts.items())
            add(f"{info}/entry_points.txt", body.encode())
        for lic in project.get("license-files", []):
            p = src / lic
            if p.is_file():
                add(f"{info}/licenses/{lic}", p.read_bytes())
        records.append(f"{info}/RECORD,,")
        zf.writestr(f"{info}/RECORD", "\n".join(records) + "\n")
    return target
