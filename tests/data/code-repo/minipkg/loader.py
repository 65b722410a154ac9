"""Reading checkpoints written by the trainer."""

import pickle

from .registry import Registry


def _open(path):
    with open(path, "rb") as handle:
        return pickle.load(handle)


def load_checkpoint(path, strict=True):
    data = _open(path)
    if "state" not in data:
        raise ValueError(f"checkpoint {path} has no 'state' key")
    if strict and data.get("version", 0) < 2:
        raise RuntimeError("checkpoints before version 2 are not supported; convert them first")
    return Registry.default().restore(data["state"])
