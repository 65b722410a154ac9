from ._common import PcdFormatError, PlyFormatError
from .pcd import read_pcd, write_pcd
from .ply import read_ply, write_ply

__all__ = ["PcdFormatError", "PlyFormatError", "read_pcd", "read_ply", "write_pcd", "write_ply"]
