"""A small backtracking-free resolver: newest compatible version wins."""
import re

from ..utils.names import canonicalize
from .candidates import requires_dist, requires_python
from .markers import evaluate
from .specifiers import SpecifierSet, parse_version

_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([^;]*)(?:;(.*))?$")


class ResolutionImpossible(Exception):
    pass


def parse_requirement(text: str):
    m = _REQ.match(text)
    if not m:
        raise ValueError(f"invalid requirement: {text!r}")
    extras = [e.strip() for e in (m.group(2) or "")[1:-1].split(",") if e.strip()]
    return m.group(1), extras, m.group(3).strip(), (m.group(4) or "").strip()


def resolve(requirements, index, python_version: str, env=None):
    """``index.versions(name)`` -> list of versions, ``index.metadata(name, version)`` -> dict."""
    env = dict(env or {}, python_version=python_version)
    pinned, queue = {}, list(requirements)
    wanted = {}
    while queue:
        name, extras, spec, marker = parse_requirement(queue.pop(0))
        if marker and not evaluate(marker, env):
            continue
        key = canonicalize(name)
        wanted.setdefault(key, []).append(spec)
        specs = SpecifierSet(",".join(s for s in wanted[key] if s))
        if key in pinned and specs.contains(pinned[key]["version"], prereleases=True):
            continue
        ok = [v for v in specs.filter(index.versions(name))
              if SpecifierSet(requires_python(index.metadata(name, v))).contains(python_version, prereleases=True)]
        if not ok:
            raise ResolutionImpossible(f"no version of {name} matches {specs.specs}")
        version = max(ok, key=parse_version)
        pinned[key] = {"name": name, "version": version, "extras": extras}
        queue.extend(requires_dist(index.metadata(name, version)))
    return pinned
