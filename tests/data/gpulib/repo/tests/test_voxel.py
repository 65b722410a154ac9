import pytest

import quiver


def test_positive_coordinates():
    pts = [(0.01, 0.01, 0.01), (0.02, 0.02, 0.02), (0.51, 0.51, 0.51)]
    out = quiver.voxel_downsample(pts, 0.1)
    assert len(out) == 2


def test_rejects_nonpositive_size():
    with pytest.raises(ValueError, match="voxel_size must be positive"):
        quiver.voxel_downsample([(0, 0, 0)], 0.0)


def test_center_reduce(cloud):
    out = quiver.voxel_downsample(cloud, 0.5, reduce="center")
    assert all(abs(c / 0.25 - round(c / 0.25)) < 1e-9 for p in out for c in p)
