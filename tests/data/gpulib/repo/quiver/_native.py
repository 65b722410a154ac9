"""Loading of the optional native extension ``quiver._ext``.

Every op has a pure-Python/numpy CPU fallback in ``quiver._cpu``; the native
extension only adds speed (C++ CPU kernels) and the CUDA/HIP kernels.
"""
import importlib
import os
import warnings

from .utils.logging import get_logger

log = get_logger("quiver._native")

_C = None
_load_error = None


class NativeExtensionError(ImportError):
    pass


def _source_checkout_root():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    if os.path.exists(os.path.join(root, "setup.py")) and os.path.isdir(os.path.join(root, "csrc")):
        return root
    return None


def _load():
    global _C, _load_error
    if os.environ.get("QUIVER_FORCE_CPU", "0") == "1":
        _load_error = "QUIVER_FORCE_CPU=1"
        return None
    try:
        _C = importlib.import_module("quiver._ext")
    except ImportError as err:  # the .so is missing or does not load
        _load_error = str(err)
        root = _source_checkout_root()
        if root is not None and "No module named" in _load_error:
            raise NativeExtensionError(
                "quiver appears to be imported from a source checkout at {} that has not been built. "
                "Run `pip install -e .` or `python setup.py build_ext --inplace`, "
                "or run from another directory to use the installed wheel.".format(root)
            ) from err
        warnings.warn(
            "quiver: native extension could not be loaded ({}); falling back to CPU ops".format(_load_error),
            RuntimeWarning,
            stacklevel=3,
        )
        log.warning("native extension could not be loaded (%s); falling back to CPU ops", _load_error)
        _C = None
    return _C


def native():
    """Return the loaded extension module or None."""
    if _C is None and _load_error is None:
        _load()
    return _C


def native_available():
    return native() is not None


def cuda_available():
    mod = native()
    return bool(mod is not None and getattr(mod, "with_cuda", lambda: False)())


def require_cuda(op):
    if not cuda_available():
        raise RuntimeError(
            "{}: a CUDA tensor was given but quiver was built without CUDA support "
            "(native extension: {})".format(op, _load_error or "loaded, CPU only")
        )
    return native()


def load_error():
    return _load_error
