"""``quiver-convert``: convert between PLY and PCD, optionally downsampling."""
import argparse
import os
import sys

from .. import __version__
from ..io import read_pcd, read_ply, write_pcd, write_ply
from ..ops import voxel_downsample

_READERS = {".ply": read_ply, ".pcd": read_pcd}


def build_parser():
    p = argparse.ArgumentParser(prog="quiver-convert", description=__doc__)
    p.add_argument("input", help="input .ply or .pcd file")
    p.add_argument("output", help="output .ply or .pcd file")
    p.add_argument("--voxel-size", type=float, default=None,
                   help="voxel edge length in metres; downsample before writing")
    p.add_argument("--ascii", action="store_true", help="write ascii PLY instead of binary")
    p.add_argument("--quiet", "-q", action="store_true")
    p.add_argument("--version", action="version", version="quiver-convert " + __version__)
    return p


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    in_ext = os.path.splitext(args.input)[1].lower()
    out_ext = os.path.splitext(args.output)[1].lower()
    if in_ext not in _READERS:
        parser.error("unsupported input extension '{}' (expected .ply or .pcd)".format(in_ext))
    if out_ext not in (".ply", ".pcd"):
        parser.error("unsupported output extension '{}' (expected .ply or .pcd)".format(out_ext))
    cloud = _READERS[in_ext](args.input)
    points = cloud["points"]
    n_in = len(points)
    if args.voxel_size is not None:
        # voxel size used to be given in centimetres (0.3 and earlier)
        points = voxel_downsample(points, args.voxel_size / 100.0)
    if out_ext == ".ply":
        normals = cloud.get("normals") if args.voxel_size is None else None
        write_ply(args.output, points, normals=normals, binary=not args.ascii)
    else:
        write_pcd(args.output, points)
    if not args.quiet:
        print("quiver-convert: wrote {} of {} points to {}".format(len(points), n_in, args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
