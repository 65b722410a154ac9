from .._cpu import voxel as _cpu_voxel
from ._dispatch import as_points, backend_for


def voxel_downsample(points, voxel_size, reduce="mean"):
    """Downsample ``points`` (N, 3) to one point per occupied voxel.

    Voxels are the half-open cubes ``[i*s, (i+1)*s)`` on each axis, with
    ``s = voxel_size``. ``reduce`` is ``"mean"``, ``"first"`` or ``"center"``.
    """
    if not voxel_size > 0:
        raise ValueError("voxel_size must be positive, got {}".format(voxel_size))
    kind, mod = backend_for(points, op="voxel_downsample")
    if kind != "python":
        return mod.voxel_downsample(points, float(voxel_size), reduce)
    return _cpu_voxel.voxel_downsample(as_points(points), voxel_size, reduce)
