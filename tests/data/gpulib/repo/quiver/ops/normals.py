from .._cpu import normals as _cpu_normals
from ._dispatch import as_points, backend_for


def estimate_normals(points, k=16, viewpoint=(0.0, 0.0, 0.0)):
    """PCA normals from the ``k`` nearest neighbours, oriented towards ``viewpoint``."""
    if k < 3:
        raise ValueError("estimate_normals: k must be >= 3, got {}".format(k))
    kind, mod = backend_for(points, op="estimate_normals")
    if kind == "cuda":
        return mod.estimate_normals(points, int(k), tuple(viewpoint))
    return _cpu_normals.estimate_normals(as_points(points), k, viewpoint)
