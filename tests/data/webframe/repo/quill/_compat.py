"""Version checks for optional and required dependencies."""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version

MIN_PYDANTIC = (2, 4)


def _parse(v: str) -> tuple[int, ...]:
    out = []
    for part in v.split(".")[:3]:
        digits = "".join(ch for ch in part if ch.isdigit())
        out.append(int(digits or 0))
    return tuple(out)


def check_pydantic() -> None:
    try:
        found = version("pydantic")
    except PackageNotFoundError:  # pragma: no cover - pydantic is a hard dependency
        return
    if _parse(found)[:2] < MIN_PYDANTIC:
        raise ImportError(
            f"quill 2 requires pydantic>={'.'.join(map(str, MIN_PYDANTIC))}, found pydantic {found}. "
            "Pydantic v1 support was removed in quill 2.0; pin quill<2 to keep using it."
        )


PY310 = sys.version_info >= (3, 10)
PY312 = sys.version_info >= (3, 12)
PY313 = sys.version_info >= (3, 13)
