import pytest

from quarry.dsn import DSNError, parse_dsn


def test_basic():
    d = parse_dsn("postgresql://app:secret@db.internal:5433/appdb")
    assert d["hosts"] == [("db.internal", 5433)]
    assert (d["user"], d["password"], d["database"]) == ("app", "secret", "appdb")


def test_unix_socket_host():
    d = parse_dsn("postgresql:///mydb?host=/var/run/postgresql")
    assert d["hosts"] == [("/var/run/postgresql", 5432)]
    assert d["database"] == "mydb"


def test_multiple_hosts():
    d = parse_dsn("postgresql://u@pg-a:5432,pg-b:5433/x?target_session_attrs=read-write")
    assert d["hosts"] == [("pg-a", 5432), ("pg-b", 5433)]
    assert d["params"]["target_session_attrs"] == "read-write"


def test_percent_encoded_user_and_db():
    d = parse_dsn("postgresql://svc%40corp@h/my%20db")
    assert d["user"] == "svc@corp"
    assert d["database"] == "my db"


def test_pgport(monkeypatch):
    monkeypatch.setenv("PGPORT", "6543")
    assert parse_dsn("postgresql://u@h/x")["hosts"] == [("h", 6543)]


def test_unknown_param():
    with pytest.raises(DSNError):
        parse_dsn("postgresql://u@h/x?bogus=1")
