def farthest_point_sample(points, n_samples, start_idx=0):
    """Greedy farthest point sampling; returns a list of indices."""
    n = len(points)
    if n == 0:
        return []
    selected = [0]
    mind = [float("inf")] * n
    last = 0
    for _ in range(1, n_samples):
        lx, ly, lz = points[last]
        best, best_d = -1, -1.0
        for i, (x, y, z) in enumerate(points):
            d = (x - lx) ** 2 + (y - ly) ** 2 + (z - lz) ** 2
            if d < mind[i]:
                mind[i] = d
            if mind[i] > best_d:
                best, best_d = i, mind[i]
        selected.append(best)
        last = best
    return selected
