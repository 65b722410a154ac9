"""HTTP cache for simple-index pages."""
import hashlib
import json
import time
from datetime import datetime, timezone
from pathlib import Path


class PageCache:
    def __init__(self, root: Path, enabled: bool = True):
        self.root = Path(root) / "http"
        self.enabled = enabled
        self._mem = {}

    def _path(self, url: str) -> Path:
        return self.root / hashlib.sha256(url.encode()).hexdigest()[:32]

    def get(self, url: str):
        if url in self._mem:
            return self._mem[url]
        if not self.enabled:
            return None
        p = self._path(url)
        try:
            entry = json.loads(p.read_text())
        except (OSError, ValueError):
            return None
        if entry["expires"] < time.time():
            return None
        return entry["body"]

    def put(self, url: str, body: str, max_age: int = 600):
        self._mem[url] = body
        if not self.enabled:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        stored = datetime.now(timezone.utc).isoformat()
        self._path(url).write_text(json.dumps({"body": body, "expires": time.time() + max_age, "stored": stored}))
