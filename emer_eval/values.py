"""The typed values ``score()`` returns, the CLI prints, the hub stores and shows: frozen types, not dicts re-shaped
on the way.

:class:`MetricValue` is one set-level metric: F, precision, recall (fractions in [0, 1]), the number of counted
samples, and the 95 % bootstrap interval of F where one was computed. :class:`HitRate`, :class:`G2Score` and
:class:`RunSpread` are the other families of a label result (the text metrics' :class:`TextScores` and the judge's
:class:`JudgeScore` live with their metrics). ``to_dict`` is the JSON form (the CLI's ``--json`` and the hub's stored
records); ``from_dict``, where the hub reads values back, refuses anything malformed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


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


@dataclass(frozen=True)
class WheelHit:
    """The hit rate on one level-1 wheel and the number of samples it counts (those with a mapped gt label)."""

    hit: float
    n: int


@dataclass(frozen=True)
class HitRate:
    """G4 hit rate: ``hit`` is the mean over the five level-1 wheels, ``wheels`` each wheel's own rate."""

    hit: float
    wheels: Mapping[str, WheelHit]

    def to_dict(self) -> dict[str, Any]:
        """``{"hit": …, "wheels": {"W1-L1": {"hit": …, "n": …}, …}}``."""
        return {"hit": self.hit, "wheels": {name: {"hit": w.hit, "n": w.n} for name, w in self.wheels.items()}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> HitRate:
        """The value stored as :meth:`to_dict`; ValueError names the first malformed field."""
        if not isinstance(data, Mapping):
            raise ValueError(f"a hit rate must be an object, got {type(data).__name__}")
        wheels = data.get("wheels", {})
        if not isinstance(wheels, Mapping):
            raise ValueError("hit rate field 'wheels' must be an object")
        parsed = {}
        for name, wheel in wheels.items():
            if not isinstance(wheel, Mapping) or type(wheel.get("n")) is not int:
                raise ValueError(f"hit rate of wheel {name!r} must be {{'hit': fraction, 'n': count}}")
            parsed[str(name)] = WheelHit(_fraction(wheel, "hit"), wheel["n"])
        return cls(_fraction(data, "hit"), parsed)

    @classmethod
    def mean(cls, values: Sequence[HitRate]) -> HitRate:
        """The mean over k extraction runs (the counted samples depend on the ground truth only)."""
        first = values[0]
        return cls(math.fsum(v.hit for v in values) / len(values),
                   {name: WheelHit(math.fsum(v.wheels[name].hit for v in values) / len(values), wheel.n)
                    for name, wheel in first.wheels.items()})


@dataclass(frozen=True)
class G2Score:
    """MER2024's G2 metrics from LLM synonym groupings: Accuracy_s, Recall_s, their mean, the counted samples, the
    share of predicted labels the groupings cover, and the groupings' tag (part of the signature)."""

    accuracy_s: float
    recall_s: float
    avg: float
    n: int
    coverage: float
    groupings: str

    def to_dict(self) -> dict[str, Any]:
        return {"accuracy_s": self.accuracy_s, "recall_s": self.recall_s, "avg": self.avg, "n": self.n,
                "coverage": self.coverage, "groupings": self.groupings}

    @classmethod
    def mean(cls, values: Sequence[G2Score]) -> G2Score:
        """The mean over k extraction runs; ``n`` and ``groupings`` are those of the first run."""
        def average(field: str) -> float:
            return math.fsum(getattr(v, field) for v in values) / len(values)

        first = values[0]
        return cls(average("accuracy_s"), average("recall_s"), average("avg"), first.n, average("coverage"),
                   first.groupings)


@dataclass(frozen=True)
class RunSpread:
    """How k stochastic extraction runs differ: each run's EW-L1 F and, when computed, each run's 95 % CI of it."""

    ew_l1_f: tuple[float, ...]
    ci95: tuple[tuple[float, float], ...] | None = None

    @property
    def k(self) -> int:
        return len(self.ew_l1_f)

    @property
    def std(self) -> float:
        """Population standard deviation of the runs' EW-L1 F."""
        return float(np.std(self.ew_l1_f))

    def to_dict(self) -> dict[str, Any]:
        """``{"k", "EW-L1_f": [...], "EW-L1_f_std"}`` plus ``"ci95": [[low, high], ...]`` when computed."""
        payload: dict[str, Any] = {"k": self.k, "EW-L1_f": list(self.ew_l1_f), "EW-L1_f_std": self.std}
        if self.ci95 is not None:
            payload["ci95"] = [list(interval) for interval in self.ci95]
        return payload
