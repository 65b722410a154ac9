from .._cpu import ball_query as _cpu_bq
from ._dispatch import as_points, backend_for


def ball_query(query, ref, radius, max_samples=32):
    """For each query point, indices of up to ``max_samples`` points of ``ref``
    strictly within ``radius`` (distance < radius), in index order.

    Rows with fewer hits are padded with their first hit, or -1 if empty.
    """
    if not 1 <= max_samples <= 1024:
        raise ValueError("ball_query: max_samples must be in [1, 1024], got {}".format(max_samples))
    if radius <= 0:
        raise ValueError("ball_query: radius must be positive, got {}".format(radius))
    kind, mod = backend_for(query, ref, op="ball_query")
    if kind != "python":
        return mod.ball_query(query, ref, float(radius), int(max_samples))
    return _cpu_bq.ball_query(as_points(query, "query"), as_points(ref, "ref"), radius, max_samples)
