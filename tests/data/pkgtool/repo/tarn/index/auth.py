"""Credentials for index hosts: netrc first, then keyring (optional)."""
import netrc
import os
from urllib.parse import urlsplit


def _from_netrc(host: str):
    path = os.environ.get("NETRC") or os.path.expanduser("~/.netrc")
    try:
        auth = netrc.netrc(path).authenticators(host)
    except (FileNotFoundError, netrc.NetrcParseError):
        return None
    if auth:
        return auth[0] or "", auth[2] or ""
    return None


def _from_keyring(url: str, username=None):
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        cred = keyring.get_credential(url, username)
    except (KeyringError, RuntimeError):
        return None
    if cred:
        return cred.username, cred.password
    return None


def credentials_for(url: str):
    """Return ``(user, password)`` or None. Only called after the server answered 401."""
    host = urlsplit(url).hostname or ""
    return _from_netrc(host) or _from_keyring(url)
