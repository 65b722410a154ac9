from tarn import lockfile


PROJECT = {
    "project": {"dependencies": ["httpx>=0.27"], "optional-dependencies": {"test": ["pytest"]},
                "requires-python": ">=3.9"},
}


def test_hash_changes_with_dependencies():
    other = {"project": dict(PROJECT["project"], dependencies=["httpx>=0.28"])}
    assert lockfile.content_hash(PROJECT) != lockfile.content_hash(other)


def test_is_fresh():
    lock = {"content-hash": lockfile.content_hash(PROJECT)}
    assert lockfile.is_fresh(PROJECT, lock)


def test_roundtrip(tmp_path):
    lock = {"version": 3, "content-hash": "sha256:00", "requires-python": ">=3.9",
            "package": [{"name": "b", "version": "1", "files": [{"file": "b-1-py3-none-any.whl", "hash": "sha256:aa"}]},
                        {"name": "A", "version": "2", "marker": "os_name == 'nt'", "files": []}]}
    path = tmp_path / "tarn.lock"
    lockfile.write(path, lock)
    data = lockfile.load(path)
    assert [p["name"] for p in data["package"]] == ["A", "b"]
    assert data["package"][0]["marker"] == "os_name == 'nt'"
    assert b"\r\n" not in path.read_bytes()
