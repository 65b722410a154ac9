from .._cpu import knn as _cpu_knn
from ._dispatch import as_points, backend_for

MAX_K_CUDA = 128


def knn(query, ref, k):
    """k nearest neighbours of each query point among ``ref``.

    Returns ``(indices, sq_distances)``, both (M, k), sorted by distance.
    """
    n_ref = len(ref)
    if k < 1:
        raise ValueError("knn: k must be >= 1, got {}".format(k))
    if k > n_ref:
        raise ValueError("knn: k ({}) must be <= number of reference points ({})".format(n_ref, k))
    kind, mod = backend_for(query, ref, op="knn")
    if kind == "cuda" and k > MAX_K_CUDA:
        raise ValueError("knn: k={} exceeds the maximum supported by the CUDA kernel ({})".format(k, MAX_K_CUDA))
    if kind != "python":
        return mod.knn(query, ref, int(k))
    return _cpu_knn.knn(as_points(query, "query"), as_points(ref, "ref"), int(k))
