def ball_query(query, ref, radius, max_samples):
    """Indices of up to ``max_samples`` reference points within ``radius``.

    Rows with fewer hits are padded with the first hit (or -1 when empty),
    matching the CUDA kernel.
    """
    r2 = radius * radius
    out = []
    for q in query:
        hits = []
        for j, p in enumerate(ref):
            d2 = (q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2 + (q[2] - p[2]) ** 2
            if d2 <= r2:
                hits.append(j)
                if len(hits) == max_samples:
                    break
        pad = hits[0] if hits else -1
        out.append(hits + [pad] * (max_samples - len(hits)))
    return out
