"""``quiver-info``: print the quiver/torch/CUDA configuration for bug reports."""
import argparse
import sys

from .. import __version__
from ..config import show_config


def main(argv=None):
    parser = argparse.ArgumentParser(prog="quiver-info", description=__doc__)
    parser.add_argument("--version", action="version", version="quiver-info " + __version__)
    parser.parse_args(argv)
    show_config()
    return 0


if __name__ == "__main__":
    sys.exit(main())
