"""Settings read from SHELF_* environment variables (subset)."""
import os

SECRET_KEY = os.environ.get("SHELF_SECRET_KEY", "")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("SHELF_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
REDIS_URL = os.environ.get("SHELF_REDIS_URL", "redis://redis:6379/0")
WORKER_CONCURRENCY = int(os.environ.get("SHELF_WORKER_CONCURRENCY", "4"))
FETCH_TIMEOUT = float(os.environ.get("SHELF_FETCH_TIMEOUT", "20"))
RETRY_BASE = os.environ.get("SHELF_RETRY_BASE", "30")
RETRY_MAX_DELAY = 3600
MAX_RETRIES = 5
SEARCH_CONFIG = os.environ.get("SHELF_SEARCH_CONFIG", "english")
SESSION_AGE = int(os.environ.get("SHELF_SESSION_AGE", "86400"))
TRACKING_PARAMS = ("utm_", "fbclid", "gclid")
USE_TZ = True
TIME_ZONE = "UTC"
