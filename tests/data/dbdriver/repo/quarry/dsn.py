"""Connection string parsing (URL form and environment defaults)."""
import os
from urllib.parse import parse_qsl, unquote, urlsplit

_PARAMS = {"host", "port", "sslmode", "sslrootcert", "application_name", "target_session_attrs",
           "statement_timeout", "channel_binding", "keepalives_idle", "connect_timeout"}


class DSNError(ValueError):
    pass


def parse_dsn(dsn):
    """Parse ``postgresql://user:password@host:port/dbname?param=value``.

    Returns a dict with hosts (list of (host, port)), user, password, database and params.
    """
    parts = urlsplit(dsn)
    if parts.scheme not in ("postgresql", "postgres"):
        raise DSNError(f"invalid DSN scheme: {parts.scheme!r}")
    query = dict(parse_qsl(parts.query))
    unknown = set(query) - _PARAMS
    if unknown:
        raise DSNError(f"unknown DSN parameter(s): {', '.join(sorted(unknown))}")

    netloc = parts.netloc
    user = password = None
    if "@" in netloc:
        auth, _, netloc = netloc.rpartition("@")
        user, sep, password = auth.partition(":")
        user = unquote(user) or None
        if not sep:
            password = None
    hosts = []
    default_port = int(query.pop("port", os.environ.get("PGPORT", 5432)))
    hostspec = query.pop("host", None) or unquote(netloc) or os.environ.get("PGHOST", "localhost")
    for item in hostspec.split(","):
        if item.startswith("/"):
            hosts.append((item, default_port))
            continue
        host, _, port = item.partition(":")
        hosts.append((host or "localhost", int(port) if port else default_port))

    database = unquote(parts.path.lstrip("/")) or os.environ.get("PGDATABASE") or user
    return {
        "hosts": hosts,
        "user": user or os.environ.get("PGUSER"),
        "password": password or os.environ.get("PGPASSWORD"),
        "database": database,
        "params": query,
    }
