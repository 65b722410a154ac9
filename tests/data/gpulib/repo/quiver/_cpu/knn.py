import heapq


def _sqdist(a, b):
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2


def knn(query, ref, k):
    """Brute-force k nearest neighbours. Returns (indices, squared distances)."""
    idx_out, dist_out = [], []
    for q in query:
        best = heapq.nsmallest(k, ((_sqdist(q, r), j) for j, r in enumerate(ref)))
        idx_out.append([j for _, j in best])
        dist_out.append([d for d, _ in best])
    return idx_out, dist_out
