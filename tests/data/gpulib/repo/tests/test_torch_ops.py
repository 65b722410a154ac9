import pytest

torch = pytest.importorskip("torch")

import quiver.torch as qt  # noqa: E402


def test_knn_forward():
    x = torch.rand(50, 3)
    idx, d2 = qt.knn(x, x, 3)
    assert idx.shape == (50, 3)
    assert torch.all(idx[:, 0] == torch.arange(50))


def test_device_mismatch():
    if not torch.cuda.is_available():
        pytest.skip("needs CUDA")
    with pytest.raises(ValueError, match="same device"):
        qt.knn(torch.rand(4, 3), torch.rand(4, 3, device="cuda"), 1)
