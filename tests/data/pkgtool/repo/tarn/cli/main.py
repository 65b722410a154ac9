"""Entry point of the ``tarn`` command."""
import argparse
import sys

from .. import __version__
from ..config import load_config
from ..plugins import load_plugins
from . import build, env, export, install, lock, publish, run


class App:
    def __init__(self, parser, subparsers, config):
        self.parser, self.subparsers, self.config = parser, subparsers, config

    def add_command(self, name, func, help=None):
        p = self.subparsers.add_parser(name, help=help)
        p.set_defaults(func=func)
        return p


def make_parser():
    parser = argparse.ArgumentParser(prog="tarn")
    parser.add_argument("--version", action="version", version=f"tarn {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0)
    sub = parser.add_subparsers(dest="command")
    for mod in (lock, install, build, publish, export, env, run):
        mod.register(sub)
    return parser, sub


def main(argv=None):
    parser, sub = make_parser()
    config = load_config()
    load_plugins(App(parser, sub, config), disabled=config["plugins"]["disabled"])
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    args.config = config
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
