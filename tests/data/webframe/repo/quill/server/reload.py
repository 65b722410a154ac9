"""``quill run --reload``: restart a worker process when source files change."""

from __future__ import annotations

import fnmatch
import logging
import multiprocessing
import os
import signal
import sys
from pathlib import Path
from typing import Any, Callable

logger = logging.getLogger("quill.reload")

DEFAULT_RELOAD_INCLUDES = ["*.py"]
DEFAULT_RELOAD_EXCLUDES = [".*", ".py[cod]", ".sw.*", "~*", "__pycache__"]


def _excluded(path: Path, excludes: list[str]) -> bool:
    return any(fnmatch.fnmatch(part, pattern) for part in path.parts for pattern in excludes)


def _watch_filter(excludes: list[str]) -> Callable[[Any, str], bool]:
    def accept(change: Any, path: str) -> bool:
        p = Path(path)
        if _excluded(p, excludes):
            return False
        return any(fnmatch.fnmatch(p.name, pattern) for pattern in DEFAULT_RELOAD_INCLUDES)

    return accept


def _spawn(config: Any, runner: Callable[[Any], None]) -> multiprocessing.Process:
    ctx = multiprocessing.get_context("spawn")
    proc = ctx.Process(target=runner, args=(config,), name="quill-worker")
    proc.start()
    return proc


def _stop(proc: multiprocessing.Process, timeout: float = 5.0) -> None:
    if sys.platform == "win32":
        proc.terminate()
    else:
        os.kill(proc.pid, signal.SIGINT)
    proc.join(timeout)
    if proc.is_alive():
        logger.warning("worker %d did not exit after %.0fs; killing it", proc.pid, timeout)
        proc.kill()
        proc.join()


def run_with_reload(config: Any, runner: Callable[[Any], None]) -> None:
    try:
        import watchfiles
    except ImportError:
        raise RuntimeError('--reload needs the "reload" extra: pip install "quill[reload]"') from None

    dirs = [str(Path(d).resolve()) for d in (config.reload_dirs or [os.getcwd()])]
    excludes = DEFAULT_RELOAD_EXCLUDES + list(config.reload_excludes)
    logger.info("Watching for changes in %s", ", ".join(dirs))
    proc = _spawn(config, runner)
    try:
        for changes in watchfiles.watch(*dirs, watch_filter=_watch_filter(excludes), raise_interrupt=False):
            changed = sorted({os.path.relpath(path) for _, path in changes})
            logger.warning("%d file(s) changed (%s); restarting worker", len(changed), ", ".join(changed[:3]))
            _stop(proc)
            proc = _spawn(config, runner)
    finally:
        _stop(proc)
