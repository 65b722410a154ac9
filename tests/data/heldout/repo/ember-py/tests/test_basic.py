import threading

import pytest

import ember


@pytest.fixture
def db(tmp_path):
    d = ember.open(tmp_path / "db")
    yield d
    d.close()


def test_put_get(db):
    db.put(b"a", b"1")
    assert db.get(b"a") == b"1"
    assert db.get(b"missing") is None


def test_scan_prefix(db):
    for k in [b"user:1", b"user:2", b"item:1"]:
        db.put(k, b"x")
    assert [k for k, _ in db.scan(prefix=b"user:")] == [b"user:1", b"user:2"]


def test_iter_survives_close(db):
    db.put(b"a", b"1")
    it = iter(db)
    db.close()
    # the iterator keeps its own reference; no panic
    assert next(it) == (b"a", b"1")


def test_second_open_is_locked(tmp_path):
    a = ember.open(tmp_path / "db")
    with pytest.raises(ember.EmberError, match="database is locked by another process"):
        ember.open(tmp_path / "db")
    a.close()


def test_compact_range_releases_gil(db):
    for i in range(1000):
        db.put(i.to_bytes(4, "big"), b"v" * 100)
    t = threading.Thread(target=db.compact_range)
    t.start()
    db.put(b"during", b"compaction")
    t.join()
    assert db.get(b"during") == b"compaction"
