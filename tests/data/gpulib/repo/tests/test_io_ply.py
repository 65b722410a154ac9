import pytest

from quiver.io import PlyFormatError, read_ply, write_ply


@pytest.mark.parametrize("binary", [True, False])
def test_roundtrip(tmp_path, binary):
    pts = [(0.0, 1.0, 2.0), (3.5, -1.25, 0.5)]
    path = tmp_path / "a.ply"
    write_ply(str(path), pts, normals=[(0, 0, 1)] * 2, binary=binary)
    cloud = read_ply(str(path))
    assert cloud.points == pts
    assert cloud["normals"] == [(0.0, 0.0, 1.0)] * 2


def test_truncated(tmp_path):
    path = tmp_path / "t.ply"
    write_ply(str(path), [(0.0, 0.0, 0.0)] * 4)
    data = path.read_bytes()
    path.write_bytes(data[:-5])
    with pytest.raises(PlyFormatError, match="unexpected end of file while reading vertex 3 of 4"):
        read_ply(str(path))
