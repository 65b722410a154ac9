import torch

from .. import ops as _ops


def _check_same_device(a, b):
    if a.device != b.device:
        raise ValueError("quiver.torch: inputs must be on the same device, got {} and {}".format(a.device, b.device))


class KNNFunction(torch.autograd.Function):
    """kNN with gradients of the returned squared distances w.r.t. both inputs."""

    @staticmethod
    def forward(ctx, query, ref, k):
        idx, d2 = _ops.knn(query, ref, k)
        idx = torch.as_tensor(idx, dtype=torch.long, device=query.device)
        d2 = torch.as_tensor(d2, dtype=query.dtype, device=query.device)
        ctx.save_for_backward(query, ref, idx)
        ctx.mark_non_differentiable(idx)
        return idx, d2

    @staticmethod
    def backward(ctx, grad_idx, grad_d2):
        query, ref, idx = ctx.saved_tensors
        nb = ref[idx]                                  # (M, k, 3)
        diff = query.unsqueeze(1) - nb                 # (M, k, 3)
        g = 2.0 * grad_d2.unsqueeze(-1) * diff
        grad_query = g.sum(dim=1)
        grad_ref = torch.zeros_like(ref)
        grad_ref.index_add_(0, idx.reshape(-1), (-g).reshape(-1, 3))
        return grad_query, grad_ref


def knn(query, ref, k):
    """Differentiable kNN: returns ``(idx, sq_dist)``; gradients flow through ``sq_dist``."""
    _check_same_device(query, ref)
    return KNNFunction.apply(query, ref, k)


def knn_gather(features, idx):
    """Gather ``features`` (N, C) at ``idx`` (M, k) -> (M, k, C)."""
    return features[idx]


def ball_query(query, ref, radius, max_samples=32):
    _check_same_device(query, ref)
    out = _ops.ball_query(query, ref, radius, max_samples)
    return torch.as_tensor(out, dtype=torch.long, device=query.device)
