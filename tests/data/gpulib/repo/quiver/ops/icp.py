from .._cpu import icp as _cpu_icp
from ..utils.logging import get_logger
from ._dispatch import as_points, backend_for

log = get_logger("quiver.icp")

ConvergenceWarning = _cpu_icp.ConvergenceWarning


def icp(source, target, max_iter=50, tol=1e-6, mode="rigid"):
    """Point-to-point ICP. ``mode`` is ``"rigid"`` (CUDA only for now) or
    ``"translation"``. Returns ``(transform, rmse)``; for ``"translation"`` the
    transform is a 3-vector."""
    if mode not in ("rigid", "translation"):
        raise ValueError("icp: mode must be 'rigid' or 'translation', got {!r}".format(mode))
    kind, mod = backend_for(source, target, op="icp")
    if kind == "cuda":
        transform, rmse, converged = mod.icp(source, target, int(max_iter), float(tol), mode)
        if not converged:
            log.warning("icp did not converge after %d iterations (rmse=%.4g)", max_iter, rmse)
        return transform, rmse
    if mode == "rigid":
        raise NotImplementedError("icp: mode='rigid' has no CPU fallback yet; use mode='translation'")
    return _cpu_icp.icp_translation(as_points(source, "source"), as_points(target, "target"), max_iter, tol)
