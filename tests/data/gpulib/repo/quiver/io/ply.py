"""PLY reader/writer (ascii, binary_little_endian, binary_big_endian)."""
import struct

from ._common import PlyFormatError, PointCloud, log

_TYPES = {
    "char": "b", "int8": "b", "uchar": "B", "uint8": "B",
    "short": "h", "int16": "h", "ushort": "H", "uint16": "H",
    "int": "i", "int32": "i", "uint": "I", "uint32": "I",
    "float": "f", "float32": "f", "double": "d", "float64": "d",
}
_FORMATS = ("ascii", "binary_little_endian", "binary_big_endian")


def _read_header(f):
    if f.readline().strip() != b"ply":
        raise PlyFormatError("not a PLY file (missing 'ply' magic)")
    fmt, n_vertex, props, in_vertex = None, 0, [], False
    while True:
        line = f.readline()
        if not line:
            raise PlyFormatError("unexpected end of file in header")
        parts = line.decode("ascii", "replace").split()
        if not parts or parts[0] in ("comment", "obj_info"):
            continue
        if parts[0] == "format":
            fmt = parts[1]
            if fmt not in _FORMATS:
                raise PlyFormatError("unsupported PLY format '{}'".format(fmt))
        elif parts[0] == "element":
            in_vertex = parts[1] == "vertex"
            if in_vertex:
                n_vertex = int(parts[2])
            else:
                log.warning("skipping PLY element '%s' (only 'vertex' is read)", parts[1])
        elif parts[0] == "property" and in_vertex:
            if parts[1] == "list":
                raise PlyFormatError("list properties are not supported in the vertex element")
            if parts[1] not in _TYPES:
                raise PlyFormatError("unknown PLY property type '{}'".format(parts[1]))
            props.append((parts[2], _TYPES[parts[1]]))
        elif parts[0] == "end_header":
            return fmt, n_vertex, props


def _columns(rows, props):
    names = [p[0] for p in props]
    for required in ("x", "y", "z"):
        if required not in names:
            raise PlyFormatError("vertex element has no '{}' property".format(required))
    col = {n: i for i, n in enumerate(names)}
    cloud = PointCloud(points=[(r[col["x"]], r[col["y"]], r[col["z"]]) for r in rows])
    if all(n in col for n in ("nx", "ny", "nz")):
        cloud["normals"] = [(r[col["nx"]], r[col["ny"]], r[col["nz"]]) for r in rows]
    if all(n in col for n in ("red", "green", "blue")):
        cloud["colors"] = [(r[col["red"]], r[col["green"]], r[col["blue"]]) for r in rows]
    return cloud


def read_ply(path):
    with open(path, "rb") as f:
        fmt, n, props = _read_header(f)
        rows = []
        if fmt == "ascii":
            for i in range(n):
                line = f.readline()
                if not line:
                    raise PlyFormatError("unexpected end of file while reading vertex {} of {}".format(i, n))
                rows.append([float(v) for v in line.split()[: len(props)]])
        else:
            record = struct.Struct("<" + "".join(p[1] for p in props))
            for i in range(n):
                buf = f.read(record.size)
                if len(buf) < record.size:
                    raise PlyFormatError("unexpected end of file while reading vertex {} of {}".format(i, n))
                rows.append(record.unpack(buf))
    return _columns(rows, props)


def write_ply(path, points, normals=None, colors=None, binary=True):
    props = [("x", "f"), ("y", "f"), ("z", "f")]
    if normals is not None:
        props += [("nx", "f"), ("ny", "f"), ("nz", "f")]
    if colors is not None:
        props += [("red", "B"), ("green", "B"), ("blue", "B")]
    names = {"f": "float", "B": "uchar"}
    header = ["ply", "format {} 1.0".format("binary_little_endian" if binary else "ascii"),
              "comment written by quiver", "element vertex {}".format(len(points))]
    header += ["property {} {}".format(names[t], n) for n, t in props]
    header.append("end_header")
    with open(path, "wb") as f:
        f.write(("\n".join(header) + "\n").encode("ascii"))
        record = struct.Struct("<" + "".join(p[1] for p in props))
        for i, p in enumerate(points):
            row = list(p)
            if normals is not None:
                row += list(normals[i])
            if colors is not None:
                row += [int(c) for c in colors[i]]
            if binary:
                f.write(record.pack(*row))
            else:
                f.write((" ".join(str(v) for v in row) + "\n").encode("ascii"))
