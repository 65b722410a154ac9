"""Logging configuration used by ``quill run``."""

from __future__ import annotations

import logging
from typing import Any

ACCESS_FORMAT = '%(asctime)s %(levelname)s %(client_addr)s - "%(request_line)s" %(status_code)s'
DEFAULT_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class AccessFormatter(logging.Formatter):
    def formatMessage(self, record: logging.LogRecord) -> str:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5:
            client_addr, method, full_path, http_version, status_code = args
            record.__dict__.update(
                client_addr=client_addr if client_addr else "-",
                request_line=f"{method} {full_path} HTTP/{http_version}",
                status_code=status_code,
            )
        return super().formatMessage(record)


def logging_config(level: str = "info", access_log: bool = True) -> dict[str, Any]:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "default": {"format": DEFAULT_FORMAT},
            "access": {"()": AccessFormatter, "format": ACCESS_FORMAT},
        },
        "handlers": {
            "default": {"class": "logging.StreamHandler", "formatter": "default", "stream": "ext://sys.stderr"},
            "access": {"class": "logging.StreamHandler", "formatter": "access", "stream": "ext://sys.stdout"},
        },
        "loggers": {
            "quill": {"handlers": ["default"], "level": level.upper(), "propagate": False},
            "uvicorn.error": {"handlers": ["default"], "level": level.upper(), "propagate": False},
            "uvicorn.access": {
                "handlers": ["access"] if access_log else [],
                "level": "INFO",
                "propagate": False,
            },
        },
    }
