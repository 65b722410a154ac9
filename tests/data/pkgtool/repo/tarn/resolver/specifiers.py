"""Version specifiers (a deliberately small subset of the standard)."""
import re

_VERSION = re.compile(r"^(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?(?:\.post(\d+))?(?:\.dev(\d+))?$")
_PRE_ORDER = {"a": 0, "b": 1, "rc": 2}


class InvalidSpecifier(ValueError):
    pass


def parse_version(text: str):
    """Return a sortable key for ``text`` (release, pre, post, dev)."""
    m = _VERSION.match(text.strip().lstrip("v"))
    if not m:
        raise InvalidSpecifier(f"invalid version: {text!r}")
    release = tuple(int(x) for x in m.group(1).split("."))
    while len(release) > 1 and release[-1] == 0:
        release = release[:-1]
    if m.group(2):
        pre = (_PRE_ORDER[m.group(2)], int(m.group(3)))
    elif m.group(5) is not None and m.group(4) is None:
        pre = (-1, 0)  # X.devN sorts before X.a0
    else:
        pre = (3, 0)
    post = int(m.group(4)) if m.group(4) is not None else -1
    dev = int(m.group(5)) if m.group(5) is not None else float("inf")
    return (release, pre, post, dev)


def is_prerelease(text: str) -> bool:
    key = parse_version(text)
    return key[1] != (3, 0) or key[3] != float("inf")


def _release(text: str):
    m = _VERSION.match(text.strip())
    if not m:
        raise InvalidSpecifier(f"invalid version: {text!r}")
    return [int(x) for x in m.group(1).split(".")]


def _compatible_upper(version: str) -> str:
    """Exclusive upper bound of ``~=version``: ``~=1.4.2`` -> ``1.5``, ``~=2.2`` -> ``3``."""
    parts = _release(version)
    if len(parts) < 2:
        raise InvalidSpecifier("~= needs at least two release segments")
    return str(parts[0] + 1)


class Specifier:
    _RE = re.compile(r"^\s*(~=|==|!=|<=|>=|<|>)\s*([^\s,;]+)\s*$")

    def __init__(self, text: str):
        m = self._RE.match(text)
        if not m:
            raise InvalidSpecifier(f"invalid specifier: {text!r}")
        self.op, self.version = m.group(1), m.group(2)

    def __repr__(self):
        return f"<Specifier {self.op}{self.version}>"

    def contains(self, candidate: str) -> bool:
        op, ver = self.op, self.version
        if op == "==" and ver.endswith(".*"):
            prefix = _release(ver[:-2])
            return _release(candidate)[: len(prefix)] == prefix
        if op == "!=" and ver.endswith(".*"):
            prefix = _release(ver[:-2])
            return _release(candidate)[: len(prefix)] != prefix
        c, v = parse_version(candidate), parse_version(ver)
        if op == "~=":
            return c >= v and c < parse_version(_compatible_upper(ver))
        return {"==": c == v, "!=": c != v, "<=": c <= v, ">=": c >= v, "<": c < v, ">": c > v}[op]

    @property
    def mentions_prerelease(self) -> bool:
        return not self.version.endswith(".*") and is_prerelease(self.version)


class SpecifierSet:
    def __init__(self, text: str = ""):
        self.specs = [Specifier(s) for s in text.split(",") if s.strip()]

    def contains(self, candidate: str, prereleases=None) -> bool:
        if prereleases is None:
            prereleases = any(s.mentions_prerelease for s in self.specs)
        if not prereleases and is_prerelease(candidate):
            return False
        return all(s.contains(candidate) for s in self.specs)

    def filter(self, candidates):
        ok = [c for c in candidates if self.contains(c)]
        if ok or not candidates:
            return ok
        # nothing final matched: fall back to pre-releases, like pip
        return [c for c in candidates if self.contains(c, prereleases=True)]
