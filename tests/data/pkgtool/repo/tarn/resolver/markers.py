"""Environment markers: ``python_version < "3.11" and sys_platform == "linux"``."""
import os
import platform
import re
import sys

_TOKEN = re.compile(r"\s*(\(|\)|and\b|or\b|not in\b|in\b|==|!=|<=|>=|<|>|~=|'[^']*'|\"[^\"]*\"|[A-Za-z_.]+)")


class InvalidMarker(ValueError):
    pass


def default_environment() -> dict:
    return {
        "python_version": "%d.%d" % sys.version_info[:2],
        "python_full_version": platform.python_version(),
        "sys_platform": sys.platform,
        "platform_system": platform.system(),
        "platform_machine": platform.machine(),
        "os_name": os.name,
        "implementation_name": sys.implementation.name,
        "extra": "",
    }


def _tokenize(text: str):
    pos, out = 0, []
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise InvalidMarker(f"cannot parse marker at {text[pos:]!r}")
        out.append(m.group(1))
        pos = m.end()
    return out


def _value(tok: str, env: dict) -> str:
    if tok[0] in "'\"":
        return tok[1:-1]
    if tok not in env:
        raise InvalidMarker(f"unknown marker variable {tok!r}")
    return env[tok]


def _compare(lhs: str, op: str, rhs: str) -> bool:
    if op == "in":
        return lhs in rhs
    if op == "not in":
        return lhs not in rhs
    if op == "~=":
        from .specifiers import Specifier

        return Specifier(op + rhs).contains(lhs)
    return {"==": lhs == rhs, "!=": lhs != rhs, "<": lhs < rhs, "<=": lhs <= rhs,
            ">": lhs > rhs, ">=": lhs >= rhs}[op]


def evaluate(marker: str, env=None) -> bool:
    env = {**default_environment(), **(env or {})}
    toks = _tokenize(marker)
    pos = 0

    def atom():
        nonlocal pos
        if toks[pos] == "(":
            pos += 1
            val = expr()
            pos += 1  # ')'
            return val
        lhs, op, rhs = toks[pos], toks[pos + 1], toks[pos + 2]
        pos += 3
        return _compare(_value(lhs, env), op, _value(rhs, env))

    def conj():
        nonlocal pos
        val = atom()
        while pos < len(toks) and toks[pos] == "and":
            pos += 1
            val = atom() and val
        return val

    def expr():
        nonlocal pos
        val = conj()
        while pos < len(toks) and toks[pos] == "or":
            pos += 1
            val = conj() or val
        return val

    return expr()
