"""Logging helpers. quiver logs under the ``quiver`` namespace and never
configures the root logger."""
import logging
import os

_FORMAT = "%(levelname)s %(name)s: %(message)s"


def get_logger(name):
    logger = logging.getLogger(name)
    level = os.environ.get("QUIVER_LOG_LEVEL")
    if level:
        logger.setLevel(level.upper())
    return logger


def enable_console_logging(level="INFO"):
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(_FORMAT))
    root = logging.getLogger("quiver")
    root.addHandler(handler)
    root.setLevel(level)
    return handler
