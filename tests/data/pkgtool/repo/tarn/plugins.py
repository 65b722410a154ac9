"""Plugin discovery (entry point group ``tarn.plugins``)."""
import logging
import sys

if sys.version_info >= (3, 10):
    from importlib.metadata import entry_points as _entry_points
else:  # pragma: no cover
    from importlib_metadata import entry_points as _entry_points

GROUP = "tarn.plugins"
log = logging.getLogger("tarn.plugins")


def _discover():
    return list(_entry_points(group=GROUP))


def load_plugins(app, disabled=(), discover=_discover):
    """Call every plugin not listed in ``disabled``; return the names that were loaded."""
    loaded = []
    for ep in discover():
        if ep.value in disabled:
            log.debug("plugin %s disabled", ep.name)
            continue
        try:
            plugin = ep.load()
        except Exception as exc:  # a broken plugin must not break tarn
            log.warning("could not load plugin %s: %s", ep.name, exc)
            continue
        plugin(app)
        loaded.append(ep.name)
    return loaded
