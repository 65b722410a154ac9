import pytest

from quiver.io import PcdFormatError, read_pcd

HEADER = """VERSION 0.7
FIELDS x y z intensity
SIZE 4 4 4 4
TYPE F F F F
COUNT 1 1 1 1
WIDTH 2
HEIGHT 1
VIEWPOINT 0 0 0 1 0 0 0
POINTS 2
DATA ascii
"""


def test_read_ascii(tmp_path):
    path = tmp_path / "a.pcd"
    path.write_text(HEADER + "0 0 0 1\n1 2 3 0.5\n")
    cloud = read_pcd(str(path))
    assert cloud.points == [(0.0, 0.0, 0.0), (1.0, 2.0, 3.0)]
    assert cloud["intensity"] == [1.0, 0.5]


def test_compressed_rejected(tmp_path):
    path = tmp_path / "c.pcd"
    path.write_text(HEADER.replace("DATA ascii", "DATA binary_compressed"))
    with pytest.raises(PcdFormatError, match="binary_compressed is not supported"):
        read_pcd(str(path))
