"""``quiver.show_config()`` / ``quiver-info``: what quiver was built with, for bug reports."""
import platform
import subprocess
import sys

from . import _native as _ext
from ._version import __version__


def _torch_info():
    try:
        import torch
    except ImportError:
        return {"torch": "not installed"}
    cuda = torch.version.cuda
    major, minor = cuda.split(".")[:2]
    return {
        "torch": torch.__version__,
        "torch CUDA": "{}.{}".format(major, minor),
        "CUDA devices": torch.cuda.device_count() if torch.cuda.is_available() else 0,
    }


def _driver_version():
    """NVIDIA driver version, or "n/a" when there is no NVIDIA driver."""
    try:
        import torch

        version = getattr(torch.cuda, "driver_version", None)
        if callable(version):
            return str(version())
    except ImportError:
        pass
    try:
        out = subprocess.run(
            ["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return "n/a"
    lines = out.strip().splitlines()
    return lines[0].strip() if lines else "n/a"


def config_dict():
    info = {
        "quiver": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "native extension": "yes" if _ext.native_available() else "no ({})".format(_ext.load_error()),
        "CUDA kernels": "yes" if _ext.cuda_available() else "no",
    }
    mod = _ext.native()
    if mod is not None:
        info["built with CUDA"] = getattr(mod, "cuda_version", lambda: "n/a")()
        info["built for archs"] = getattr(mod, "cuda_archs", lambda: "n/a")()
    info["driver"] = _driver_version()
    info.update(_torch_info())
    return info


def show_config(file=None):
    """Print the build configuration. Paste this into bug reports."""
    out = file or sys.stdout
    print("quiver configuration", file=out)
    print("--------------------", file=out)
    for key, value in config_dict().items():
        print("{:<18} {}".format(key + ":", value), file=out)
