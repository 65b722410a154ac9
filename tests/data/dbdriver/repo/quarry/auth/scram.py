"""SCRAM-SHA-256 (RFC 5802 / 7677) client side, with optional tls-server-end-point binding."""
import base64
import hashlib
import hmac
import secrets

from ..errors import AuthenticationError


def _hmac(key, msg):
    return hmac.new(key, msg, hashlib.sha256).digest()


class ScramAuth:
    def __init__(self, user, password, cbind_data=None):
        self.user = user
        self.password = password
        self.cbind_data = cbind_data
        self.client_nonce = None
        self._auth_message = None
        self._salted = None

    def client_first(self):
        # a fresh nonce for every attempt (reusing it breaks logins through pgbouncer)
        self.client_nonce = base64.b64encode(secrets.token_bytes(18)).decode()
        gs2 = "p=tls-server-end-point,," if self.cbind_data else "n,,"
        self._gs2 = gs2
        self._bare = f"n=,r={self.client_nonce}"
        return (gs2 + self._bare).encode()

    def client_final(self, server_first):
        attrs = dict(kv.split("=", 1) for kv in server_first.decode().split(","))
        nonce, salt, iters = attrs["r"], base64.b64decode(attrs["s"]), int(attrs["i"])
        if not nonce.startswith(self.client_nonce):
            raise AuthenticationError("SCRAM nonce mismatch")
        self._salted = hashlib.pbkdf2_hmac("sha256", self.password.encode(), salt, iters)
        cbind = self._gs2.encode() + (self.cbind_data or b"")
        without_proof = f"c={base64.b64encode(cbind).decode()},r={nonce}"
        self._auth_message = f"{self._bare},{server_first.decode()},{without_proof}".encode()
        client_key = _hmac(self._salted, b"Client Key")
        signature = _hmac(hashlib.sha256(client_key).digest(), self._auth_message)
        proof = bytes(a ^ b for a, b in zip(client_key, signature))
        return f"{without_proof},p={base64.b64encode(proof).decode()}".encode()

    def verify_server_final(self, server_final):
        attrs = dict(kv.split("=", 1) for kv in server_final.decode().split(","))
        expected = _hmac(_hmac(self._salted, b"Server Key"), self._auth_message)
        if base64.b64decode(attrs.get("v", "")) != expected:
            raise AuthenticationError("SCRAM server signature mismatch")
