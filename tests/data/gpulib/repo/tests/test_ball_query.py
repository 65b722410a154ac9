import pytest

import quiver


def test_padding():
    ref = [(0, 0, 0), (0.1, 0, 0), (5, 5, 5)]
    out = quiver.ball_query([(0, 0, 0)], ref, 0.5, max_samples=4)
    assert out == [[0, 1, 0, 0]]


def test_empty_row():
    out = quiver.ball_query([(9, 9, 9)], [(0, 0, 0)], 0.5, max_samples=2)
    assert out == [[-1, -1]]


def test_max_samples_range():
    with pytest.raises(ValueError, match=r"max_samples must be in \[1, 1024\]"):
        quiver.ball_query([(0, 0, 0)], [(0, 0, 0)], 1.0, max_samples=2048)
