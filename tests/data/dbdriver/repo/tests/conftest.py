import os

import pytest


@pytest.fixture
def dsn():
    value = os.environ.get("QUARRY_TEST_DSN")
    if not value:
        pytest.skip("QUARRY_TEST_DSN not set")
    return value
