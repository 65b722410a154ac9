import pytest

from minipkg.loader import load_checkpoint


def test_missing_state_key(tmp_path):
    path = tmp_path / "x.ckpt"
    path.write_bytes(b"")
    with pytest.raises(ValueError):
        load_checkpoint(path)
