from quill.security.http import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBasic, HTTPBearer
from quill.security.oauth2 import OAuth2PasswordBearer, OAuth2PasswordRequestForm

__all__ = [
    "APIKeyHeader",
    "HTTPAuthorizationCredentials",
    "HTTPBasic",
    "HTTPBearer",
    "OAuth2PasswordBearer",
    "OAuth2PasswordRequestForm",
]
