import math
import warnings

import quiver


def test_plane_normals(plane):
    normals = quiver.estimate_normals(plane, k=8, viewpoint=(0, 0, 1))
    assert all(abs(n[2] - 1.0) < 1e-6 for n in normals)


def test_icp_translation(cloud):
    target = [(x + 0.05, y, z) for x, y, z in cloud]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t, rmse = quiver.icp(cloud, target, mode="translation")
    assert math.isclose(t[0], 0.05, abs_tol=1e-3)
