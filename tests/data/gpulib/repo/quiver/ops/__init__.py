from .ball_query import ball_query
from .fps import farthest_point_sample
from .icp import icp
from .knn import knn
from .normals import estimate_normals
from .voxel import voxel_downsample

__all__ = ["ball_query", "estimate_normals", "farthest_point_sample", "icp", "knn", "voxel_downsample"]
