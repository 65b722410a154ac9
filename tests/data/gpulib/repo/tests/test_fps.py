import pytest

import quiver


def test_first_sample_default(cloud):
    idx = quiver.farthest_point_sample(cloud, 16)
    assert idx[0] == 0
    assert len(set(idx)) == 16


def test_too_many_samples():
    with pytest.raises(ValueError):
        quiver.farthest_point_sample([(0, 0, 0)], 2)
