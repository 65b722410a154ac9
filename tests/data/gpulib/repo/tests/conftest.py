import os
import random

import pytest

os.environ.setdefault("QUIVER_FORCE_CPU", "1")


@pytest.fixture
def cloud():
    rng = random.Random(0)
    return [(rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)) for _ in range(200)]


@pytest.fixture
def plane():
    return [(x * 0.1, y * 0.1, 0.0) for x in range(10) for y in range(10)]
