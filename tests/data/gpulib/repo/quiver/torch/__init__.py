"""torch integration: differentiable wrappers around the quiver ops."""
try:
    import torch  # noqa: F401
except ImportError as err:  # pragma: no cover
    raise ImportError("quiver.torch needs PyTorch: pip install 'quiver-pc[torch]'") from err

from .ops import ball_query, knn, knn_gather

__all__ = ["ball_query", "knn", "knn_gather"]
