"""quiver: GPU point-cloud processing with a CPU fallback for every op."""
from ._version import __version__
from ._native import cuda_available, native_available
from .config import show_config
from .ops import (
    ball_query,
    estimate_normals,
    farthest_point_sample,
    icp,
    knn,
    voxel_downsample,
)
from .io import read_pcd, read_ply, write_pcd, write_ply

__all__ = [
    "__version__",
    "ball_query",
    "cuda_available",
    "estimate_normals",
    "farthest_point_sample",
    "icp",
    "knn",
    "native_available",
    "read_pcd",
    "read_ply",
    "show_config",
    "voxel_downsample",
    "write_pcd",
    "write_ply",
]
