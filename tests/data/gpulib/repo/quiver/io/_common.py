from ..utils.logging import get_logger

log = get_logger("quiver.io")


class PlyFormatError(ValueError):
    pass


class PcdFormatError(ValueError):
    pass


class PointCloud(dict):
    """A dict of equally long columns: ``points`` (list of 3-tuples) and
    optional ``normals``, ``colors`` and ``intensity``."""

    @property
    def points(self):
        return self["points"]

    def __len__(self):
        return len(self.get("points", ()))
