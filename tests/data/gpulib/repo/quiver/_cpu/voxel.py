import math


def voxel_downsample(points, voxel_size, reduce="mean"):
    """Group points into cubic voxels of edge ``voxel_size`` and reduce each voxel.

    ``points`` is a list of (x, y, z) tuples. Returns a list of tuples, one per
    occupied voxel, sorted by voxel key.
    """
    buckets = {}
    for p in points:
        key = (int(p[0] / voxel_size), int(p[1] / voxel_size), int(p[2] / voxel_size))
        buckets.setdefault(key, []).append(p)
    out = []
    for key in sorted(buckets):
        members = buckets[key]
        if reduce == "mean":
            n = float(len(members))
            out.append(tuple(sum(m[i] for m in members) / n for i in range(3)))
        elif reduce == "first":
            out.append(tuple(members[0]))
        elif reduce == "center":
            out.append(tuple((k + 0.5) * voxel_size for k in key))
        else:
            raise ValueError("voxel_downsample: unknown reduce '{}'".format(reduce))
    return out


def voxel_key(point, voxel_size):
    return tuple(math.floor(c / voxel_size) for c in point)
