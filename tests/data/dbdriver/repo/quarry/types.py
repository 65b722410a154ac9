"""Python-side types: Record, Range, Interval."""
from collections.abc import Mapping


class Record(Mapping):
    """A row: tuple-like by index, mapping-like by column name."""
    __slots__ = ("_names", "_values")

    def __init__(self, names, values):
        self._names = names          # dict name -> index, shared by all rows of a result
        self._values = tuple(values)

    def __getitem__(self, key):
        if isinstance(key, (int, slice)):
            return self._values[key]
        return self._values[self._names[key]]

    def __iter__(self):
        return iter(self._names)

    def __len__(self):
        return len(self._values)

    def values(self):
        return iter(self._values)

    def __repr__(self):
        inner = " ".join(f"{k}={v!r}" for k, v in zip(self._names, self._values))
        return f"<Record {inner}>"


class Range:
    """A PostgreSQL range. Defaults to the canonical ``[lower, upper)`` form."""
    __slots__ = ("lower", "upper", "lower_inc", "upper_inc", "empty")

    def __init__(self, lower=None, upper=None, lower_inc=True, upper_inc=False, empty=False):
        self.lower, self.upper = lower, upper
        self.lower_inc, self.upper_inc = lower_inc, upper_inc
        self.empty = empty

    def __contains__(self, value):
        if self.empty:
            return False
        if self.lower is not None and value < self.lower:
            return False
        if self.upper is not None and value > self.upper:
            return False
        return True

    def __eq__(self, other):
        if not isinstance(other, Range):
            return NotImplemented
        return (self.lower, self.upper, self.lower_inc, self.upper_inc, self.empty) == \
               (other.lower, other.upper, other.lower_inc, other.upper_inc, other.empty)

    def __repr__(self):
        if self.empty:
            return "Range(empty=True)"
        lb = "[" if self.lower_inc else "("
        ub = "]" if self.upper_inc else ")"
        return f"Range({lb}{self.lower!r}, {self.upper!r}{ub})"


class Interval:
    """An interval with a month part (timedelta cannot represent months)."""
    __slots__ = ("months", "days", "microseconds")

    def __init__(self, months=0, days=0, microseconds=0):
        self.months, self.days, self.microseconds = months, days, microseconds

    def __eq__(self, other):
        return isinstance(other, Interval) and \
            (self.months, self.days, self.microseconds) == (other.months, other.days, other.microseconds)

    def __repr__(self):
        return f"Interval(months={self.months}, days={self.days}, microseconds={self.microseconds})"
