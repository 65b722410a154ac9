"""Optimizers by name, and the registry that restores them."""

import logging

logger = logging.getLogger(__name__)

OPTIMIZERS = {
    "adam": "adam_update",
    "lamb": "adam_update",
    "sgd": "sgd_update",
}


class Registry:
    _default = None

    @classmethod
    def default(cls):
        if cls._default is None:
            cls._default = cls()
        return cls._default

    def register(self, name, update):
        if name in OPTIMIZERS:
            logger.warning("optimizer %s is already registered; replacing it", name)
        OPTIMIZERS[name] = update

    def restore(self, state):
        name = state.get("optimizer")
        if name not in OPTIMIZERS:
            raise KeyError(f"unknown optimizer {name!r}")
        return OPTIMIZERS[name]
