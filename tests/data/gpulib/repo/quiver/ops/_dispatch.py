"""Routing between the native extension and the pure-Python fallback."""
from .. import _native as _ext


def is_cuda(x):
    return getattr(x, "is_cuda", False)


def as_points(x, name="points"):
    """Convert an (N, 3) array-like to a list of 3-tuples for the CPU path."""
    if hasattr(x, "detach"):
        x = x.detach().cpu().tolist()
    elif hasattr(x, "tolist"):
        x = x.tolist()
    pts = [tuple(float(c) for c in p) for p in x]
    for i, p in enumerate(pts):
        if len(p) != 3:
            raise ValueError("{} must have shape (N, 3), row {} has {} values".format(name, i, len(p)))
    return pts


def backend_for(*tensors, op):
    if any(is_cuda(t) for t in tensors):
        return "cuda", _ext.require_cuda(op)
    mod = _ext.native()
    if mod is not None and all(hasattr(t, "data_ptr") for t in tensors):
        return "native_cpu", mod
    return "python", None
