import math
import warnings

from .knn import knn


class ConvergenceWarning(UserWarning):
    pass


def _centroid(pts):
    n = float(len(pts))
    return [sum(p[a] for p in pts) / n for a in range(3)]


def icp_translation(source, target, max_iter=50, tol=1e-6):
    """Translation-only point-to-point ICP (the CPU fallback of ``quiver.icp``
    with ``mode='translation'``). Returns (translation, rmse)."""
    t = [0.0, 0.0, 0.0]
    rmse = float("inf")
    for _ in range(max_iter):
        moved = [(p[0] + t[0], p[1] + t[1], p[2] + t[2]) for p in source]
        idx, d2 = knn(moved, target, 1)
        matched = [target[i[0]] for i in idx]
        new_rmse = math.sqrt(sum(d[0] for d in d2) / len(d2))
        cs, ct = _centroid(moved), _centroid(matched)
        t = [t[a] + ct[a] - cs[a] for a in range(3)]
        if abs(rmse - new_rmse) < tol:
            return t, new_rmse
        rmse = new_rmse
    warnings.warn(
        "icp did not converge after {} iterations (rmse={:.4g})".format(max_iter, rmse), ConvergenceWarning
    )
    return t, rmse
