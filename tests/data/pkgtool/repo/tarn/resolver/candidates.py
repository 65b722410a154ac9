"""Candidate metadata helpers."""


def requires_dist(meta: dict):
    """Requirements of a distribution; old metadata (1.0) has no Requires-Dist at all."""
    return list(meta.get("Requires-Dist", []))


def requires_python(meta: dict) -> str:
    return meta.get("Requires-Python", "") or ""
