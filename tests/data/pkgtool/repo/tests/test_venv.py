import os
import stat

import pytest

from tarn import venv


@pytest.fixture
def fake_pythons(tmp_path):
    """Create fake interpreters; returns (dirs, version_of)."""
    versions = {}

    def make(d, name, version):
        d.mkdir(parents=True, exist_ok=True)
        p = d / name
        p.write_text("#!/bin/sh\n")
        p.chmod(p.stat().st_mode | stat.S_IEXEC)
        versions[os.path.realpath(p)] = version
        return p

    make(tmp_path / "a", "python3.11", "3.11.10")
    make(tmp_path / "b", "python3.10", "3.10.12")
    return [str(tmp_path / "a"), str(tmp_path / "b")], versions.__getitem__


def test_find_interpreters(fake_pythons):
    dirs, version_of = fake_pythons
    found = venv.find_interpreters(dirs, version_of)
    assert [v for v, _ in found] == ["3.11.10", "3.10.12"]


def test_remove_missing_env(tmp_path):
    assert venv.remove_env(tmp_path / ".venv") is False


def test_remove_env(tmp_path):
    (tmp_path / ".venv").mkdir()
    assert venv.remove_env(tmp_path / ".venv") is True
    assert not (tmp_path / ".venv").exists()
