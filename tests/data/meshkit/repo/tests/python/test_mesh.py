import numpy as np
import pytest

import meshkit


def quad():
    V = np.array([[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0]], dtype=float)
    F = np.array([[0, 1, 2], [0, 2, 3]], dtype=np.int32)
    return meshkit.Mesh(V, F)


def test_roundtrip_arrays():
    m = quad()
    assert m.vertices.shape == (4, 3)
    assert m.faces.dtype == np.int32
    assert len(m) == 2


def test_vertices_is_a_copy():
    m = quad()
    v = m.vertices
    v[0, 0] = 42.0
    assert m.vertices[0, 0] == 0.0


def test_ray_hits_interior():
    bvh = meshkit.BVH(quad())
    faces, ts = bvh.intersect(np.array([[0.5, 0.25, 1.0]]), np.array([[0.0, 0.0, -1.0]]))
    assert faces[0] == 0
    assert ts[0] == pytest.approx(1.0)


def test_merge_close_vertices_exact_duplicates(tmp_path):
    V = np.array([[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 0, 0]], dtype=float)
    F = np.array([[0, 1, 2], [3, 2, 1]], dtype=np.int32)
    m = meshkit.Mesh(V, F)
    assert meshkit.merge_close_vertices(m, 1e-9) == 1


def test_decimate_target_above_face_count_is_noop():
    m = quad()
    out = meshkit.decimate(m, 10)
    assert len(out) == 2
