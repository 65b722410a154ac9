"""Serve files from a directory."""

from __future__ import annotations

import logging
import os
import stat
from typing import Any

from quill.exceptions import HTTPException
from quill.responses import FileResponse, RedirectResponse

logger = logging.getLogger("quill.staticfiles")


class StaticFiles:
    def __init__(
        self,
        *,
        directory: str | os.PathLike[str],
        html: bool = False,
        check_dir: bool = True,
        follow_symlinks: bool = False,
    ) -> None:
        self.directory = os.fspath(directory)
        self.html = html
        self.follow_symlinks = follow_symlinks
        if check_dir and not os.path.isdir(self.directory):
            raise RuntimeError(f"StaticFiles directory {self.directory!r} does not exist")

    def _resolve(self, path: str) -> str | None:
        root = os.path.realpath(self.directory) if self.follow_symlinks else os.path.abspath(self.directory)
        joined = os.path.join(root, path.lstrip("/"))
        full = os.path.realpath(joined) if not self.follow_symlinks else os.path.abspath(joined)
        if os.path.commonpath([root, full]) != root:
            logger.debug("refusing to serve %r outside of %r", path, root)
            return None
        return full

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            raise RuntimeError("StaticFiles only handles HTTP requests")
        if scope["method"] not in ("GET", "HEAD"):
            raise HTTPException(405)
        path = scope["path"]
        full = self._resolve(path)
        if full is None:
            raise HTTPException(404)
        try:
            st = os.stat(full)
        except (FileNotFoundError, NotADirectoryError):
            st = None
        if st is not None and stat.S_ISDIR(st.st_mode) and self.html:
            if not path.endswith("/"):
                await RedirectResponse(scope.get("root_path", "") + path + "/")(scope, receive, send)
                return
            index = os.path.join(full, "index.html")
            if os.path.isfile(index):
                await FileResponse(index)(scope, receive, send)
                return
        if st is not None and stat.S_ISREG(st.st_mode):
            await FileResponse(full)(scope, receive, send)
            return
        if self.html:
            not_found = os.path.join(self.directory, "404.html")
            if os.path.isfile(not_found):
                await FileResponse(not_found, status_code=404)(scope, receive, send)
                return
        raise HTTPException(404)
