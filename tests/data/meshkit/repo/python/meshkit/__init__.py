"""meshkit: triangle and polygon mesh processing (Python bindings)."""

from ._meshkit import (  # noqa: F401
    BVH,
    Mesh,
    boolean,
    decimate,
    load,
    merge_close_vertices,
    remesh,
    save,
)

__all__ = [
    "BVH",
    "Mesh",
    "boolean",
    "decimate",
    "load",
    "merge_close_vertices",
    "remesh",
    "save",
]
