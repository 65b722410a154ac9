import pytest

import quiver


def test_self_is_nearest(cloud):
    idx, d2 = quiver.knn(cloud, cloud, 4)
    assert all(row[0] == i for i, row in enumerate(idx))
    assert all(row[0] == 0.0 for row in d2)


def test_sorted(cloud):
    _, d2 = quiver.knn(cloud[:10], cloud, 8)
    assert all(row == sorted(row) for row in d2)


def test_k_too_large():
    with pytest.raises(ValueError, match="must be <= number of reference points"):
        quiver.knn([(0, 0, 0)], [(0, 0, 0), (1, 1, 1)], 5)
