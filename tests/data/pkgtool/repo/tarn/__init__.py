"""tarn: lock, install, build and publish Python projects."""
from ._version import __version__

__all__ = ["__version__"]
