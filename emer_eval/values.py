"""The value of one set-level metric, as ``score()`` returns it, the CLI prints it, the hub stores and shows it.

One frozen type instead of dicts re-shaped on the way: F, precision, recall (fractions in [0, 1]), the number of
counted samples, and the 95 % bootstrap interval of F where one was computed. ``to_dict`` / ``from_dict`` are the
JSON form (the CLI's ``--json`` and the hub's stored records); ``from_dict`` refuses anything malformed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


def _fraction(data: Mapping[str, Any], key: str) -> float:
    value = data.get(key)
    number = float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else math.nan
    if not 0.0 <= number <= 1.0:  # NaN fails too
        raise ValueError(f"metric field {key!r} must be a number in [0, 1], got {value!r}")
    return number


@dataclass(frozen=True)
class MetricValue:
    """F, P, R of one metric; ``n`` counted samples (None for means over metrics); ``ci95`` of F when computed."""

    f: float
    p: float
    r: float
    n: int | None = None
    ci95: tuple[float, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        """``{"f", "p", "r"}`` plus ``"n"`` and ``"ci95": [low, high]`` when present."""
        payload: dict[str, Any] = {"f": self.f, "p": self.p, "r": self.r}
        if self.n is not None:
            payload["n"] = self.n
        if self.ci95 is not None:
            payload["ci95"] = [self.ci95[0], self.ci95[1]]
        return payload

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MetricValue:
        """The value stored as :meth:`to_dict`; ValueError names the first malformed field."""
        if not isinstance(data, Mapping):
            raise ValueError(f"a metric value must be an object, got {type(data).__name__}")
        n = data.get("n")
        if n is not None and (type(n) is not int or n < 0):
            raise ValueError(f"metric field 'n' must be a non-negative integer, got {n!r}")
        ci = data.get("ci95")
        interval = None
        if ci is not None:
            if not isinstance(ci, Sequence) or isinstance(ci, str) or len(ci) != 2:
                raise ValueError(f"metric field 'ci95' must be [low, high], got {ci!r}")
            low, high = _fraction({"ci95": ci[0]}, "ci95"), _fraction({"ci95": ci[1]}, "ci95")
            if low > high:
                raise ValueError(f"metric field 'ci95' has low > high: {ci!r}")
            interval = (low, high)
        return cls(_fraction(data, "f"), _fraction(data, "p"), _fraction(data, "r"), n, interval)

    @classmethod
    def mean(cls, values: Sequence[MetricValue]) -> MetricValue:
        """Field-wise mean (k extraction runs, or the five wheels of EW-Lj); ``n`` kept when all agree."""
        ns = {value.n for value in values}
        return cls(math.fsum(v.f for v in values) / len(values), math.fsum(v.p for v in values) / len(values),
                   math.fsum(v.r for v in values) / len(values), ns.pop() if len(ns) == 1 else None)
