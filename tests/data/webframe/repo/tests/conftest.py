import pytest

from quill import Quill
from quill.testclient import TestClient


@pytest.fixture
def app() -> Quill:
    return Quill(title="test app", version="0.0.1")


@pytest.fixture
def client(app: Quill):
    with TestClient(app) as c:
        yield c
