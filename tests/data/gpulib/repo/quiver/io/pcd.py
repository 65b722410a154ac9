"""PCD reader/writer (PCL point cloud data, v0.7). Reads ascii and binary
DATA; ``binary_compressed`` is not supported."""
import struct

from ._common import PcdFormatError, PointCloud, log

_HEADER_KEYS = ("VERSION", "FIELDS", "SIZE", "TYPE", "COUNT", "WIDTH", "HEIGHT", "VIEWPOINT", "POINTS", "DATA")
_STRUCT = {("F", 4): "f", ("F", 8): "d", ("I", 1): "b", ("I", 2): "h", ("I", 4): "i",
           ("U", 1): "B", ("U", 2): "H", ("U", 4): "I"}


def _parse_header(f):
    header = {}
    lineno = 0
    while True:
        raw = f.readline()
        lineno += 1
        if not raw:
            raise PcdFormatError("unexpected end of file in PCD header")
        line = raw.decode("ascii", "replace").strip()
        if not line:
            continue
        key, _, rest = line.partition(" ")
        if key not in _HEADER_KEYS:
            raise PcdFormatError("unexpected header line {}: {!r}".format(lineno, line))
        header[key] = rest.split()
        if key == "DATA":
            return header


def read_pcd(path):
    with open(path, "rb") as f:
        h = _parse_header(f)
        fields = h["FIELDS"]
        sizes = [int(s) for s in h["SIZE"]]
        types = h["TYPE"]
        counts = [int(c) for c in h.get("COUNT", ["1"] * len(fields))]
        n = int(h["POINTS"][0])
        data = h["DATA"][0]
        if data == "binary_compressed":
            raise PcdFormatError("DATA binary_compressed is not supported; re-save the file as binary or ascii")
        names = []
        fmt = "<"
        for name, size, typ, count in zip(fields, sizes, types, counts):
            try:
                code = _STRUCT[(typ, size)]
            except KeyError:
                raise PcdFormatError("unsupported field {} (TYPE {} SIZE {})".format(name, typ, size)) from None
            fmt += code * count
            names += [name] if count == 1 else ["{}_{}".format(name, i) for i in range(count)]
        rows = []
        if data == "ascii":
            for _ in range(n):
                rows.append([float(v) for v in f.readline().split()])
        elif data == "binary":
            rec = struct.Struct(fmt)
            for i in range(n):
                buf = f.read(rec.size)
                if len(buf) < rec.size:
                    raise PcdFormatError("unexpected end of file at point {} of {}".format(i, n))
                rows.append(rec.unpack(buf))
        else:
            raise PcdFormatError("unknown DATA type '{}'".format(data))
    col = {name: i for i, name in enumerate(names)}
    if not all(c in col for c in ("x", "y", "z")):
        raise PcdFormatError("PCD file has no x/y/z fields (FIELDS {})".format(" ".join(fields)))
    cloud = PointCloud(points=[(r[col["x"]], r[col["y"]], r[col["z"]]) for r in rows])
    if "intensity" in col:
        cloud["intensity"] = [r[col["intensity"]] for r in rows]
    if "normal_x" in col:
        cloud["normals"] = [(r[col["normal_x"]], r[col["normal_y"]], r[col["normal_z"]]) for r in rows]
    extra = [c for c in names if c not in ("x", "y", "z", "intensity", "normal_x", "normal_y", "normal_z")]
    if extra:
        log.warning("ignoring PCD fields: %s", ", ".join(extra))
    return cloud


def write_pcd(path, points, intensity=None):
    """Write an ascii PCD file."""
    fields = ["x", "y", "z"] + (["intensity"] if intensity is not None else [])
    n = len(points)
    lines = [
        "# .PCD v0.7 - Point Cloud Data file format",
        "VERSION 0.7",
        "FIELDS " + " ".join(fields),
        "SIZE " + " ".join("4" for _ in fields),
        "TYPE " + " ".join("F" for _ in fields),
        "COUNT " + " ".join("1" for _ in fields),
        "WIDTH {}".format(n),
        "HEIGHT 1",
        "VIEWPOINT 0 0 0 1 0 0 0",
        "POINTS {}".format(n),
        "DATA ascii",
    ]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
        for i, p in enumerate(points):
            row = list(p) + ([intensity[i]] if intensity is not None else [])
            f.write(" ".join(repr(float(v)) for v in row) + "\n")
