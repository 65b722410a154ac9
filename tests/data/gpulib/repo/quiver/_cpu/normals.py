import math
import warnings

from .knn import knn


def _smallest_eigvec(c):
    # power iteration on (trace*I - C) gives the eigenvector of the smallest eigenvalue
    t = c[0][0] + c[1][1] + c[2][2]
    m = [[(t if i == j else 0.0) - c[i][j] for j in range(3)] for i in range(3)]
    v = [1.0, 1.0, 1.0]
    for _ in range(64):
        w = [sum(m[i][j] * v[j] for j in range(3)) for i in range(3)]
        norm = math.sqrt(sum(x * x for x in w)) or 1.0
        v = [x / norm for x in w]
    return v


def estimate_normals(points, k=16, viewpoint=(0.0, 0.0, 0.0)):
    idx, _ = knn(points, points, k)
    normals = []
    few = 0
    for i, nb in enumerate(idx):
        if len(nb) < 3:
            few += 1
            normals.append((float("nan"),) * 3)
            continue
        pts = [points[j] for j in nb]
        mean = [sum(p[a] for p in pts) / len(pts) for a in range(3)]
        c = [[sum((p[a] - mean[a]) * (p[b] - mean[b]) for p in pts) for b in range(3)] for a in range(3)]
        n = _smallest_eigvec(c)
        to_view = [viewpoint[a] - points[i][a] for a in range(3)]
        if sum(n[a] * to_view[a] for a in range(3)) < 0:
            n = [-x for x in n]
        normals.append(tuple(n))
    if few:
        warnings.warn(
            "estimate_normals: fewer than 3 neighbours for {} points; their normals are set to NaN".format(few)
        )
    return normals
