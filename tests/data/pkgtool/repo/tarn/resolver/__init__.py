from .specifiers import InvalidSpecifier, Specifier, SpecifierSet, parse_version

__all__ = ["InvalidSpecifier", "Specifier", "SpecifierSet", "parse_version"]
