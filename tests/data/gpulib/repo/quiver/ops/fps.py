from .._cpu import fps as _cpu_fps
from ._dispatch import as_points, backend_for


def farthest_point_sample(points, n_samples, start_idx=0):
    """Farthest point sampling. Returns ``n_samples`` indices, the first being
    ``start_idx``."""
    n = len(points)
    if n_samples > n:
        raise ValueError("farthest_point_sample: n_samples ({}) > number of points ({})".format(n_samples, n))
    if not 0 <= start_idx < max(n, 1):
        raise IndexError("farthest_point_sample: start_idx {} out of range for {} points".format(start_idx, n))
    kind, mod = backend_for(points, op="farthest_point_sample")
    if kind != "python":
        return mod.farthest_point_sample(points, int(n_samples), int(start_idx))
    return _cpu_fps.farthest_point_sample(as_points(points), int(n_samples), int(start_idx))
