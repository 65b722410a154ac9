import pytest

from tarn.cli import export

LOCK = {"package": [
    {"name": "idna", "version": "3.10", "files": [{"file": "idna-3.10-py3-none-any.whl", "hash": "sha256:946d"}]},
    {"name": "certifi", "version": "2026.1.4", "files": [{"file": "certifi-2026.1.4-py3-none-any.whl", "hash": "sha256:9be1"}]},
]}


def test_requirements_with_hashes():
    text = export.render(LOCK)
    assert text.splitlines()[0] == "certifi==2026.1.4 \\"
    assert "    --hash=sha256:946d" in text


def test_constraints_without_hashes():
    assert export.render(LOCK, "constraints") == "certifi==2026.1.4\nidna==3.10\n"


def test_missing_hashes():
    with pytest.raises(export.MissingHashes):
        export.render({"package": [{"name": "legacy-lib", "version": "1", "files": []}]})


def test_write_atomic_keeps_old_file_on_error(tmp_path):
    target = tmp_path / "requirements.txt"
    target.write_text("old\n")
    export._write_atomic(str(target), "new\n")
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["requirements.txt"]
