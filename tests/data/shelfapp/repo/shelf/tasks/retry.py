"""Backoff for retried fetches."""
from shelf import settings


def _parse_base(value):
    # SHELF_RETRY_BASE arrives as a string from the environment
    return int(float(value))


def compute_backoff(attempt, base=None):
    """Seconds to wait before retry number ``attempt`` (0-based).

    ``base * 2 ** attempt``, capped at RETRY_MAX_DELAY.
    """
    base = _parse_base(settings.RETRY_BASE if base is None else base)
    return min(base * 2 ** attempt, settings.RETRY_MAX_DELAY)
