"""The typed values ``score()`` returns, the CLI prints, the hub stores and shows: frozen types, not dicts re-shaped
on the way.

:class:`MetricValue` is one set-level metric: F, precision, recall (fractions in [0, 1]), the number of counted
samples, and the 95 % bootstrap interval of F where one was computed. :class:`HitRate`, :class:`G2Score` and
:class:`RunSpread` are the other families of a label result (the text metrics' :class:`TextScores`, and the judge's
:class:`JudgeScore` with its stored form :class:`JudgeSummary`, live with their metrics). ``to_dict`` is the JSON form
(the CLI's ``--json`` and the hub's stored records); ``from_dict``, where the hub reads stored values back, refuses
anything malformed (a ValueError naming the field), so a reader can blank exactly the one value that is broken.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


def _fraction(data: Mapping[str, Any], key: str) -> float:
    return bounded(data.get(key), key, (0.0, 1.0))


def bounded(value: Any, key: str, bounds: tuple[float, float]) -> float:
    """``value`` as a float within ``bounds``; ValueError naming ``key`` for anything else (bool, text, NaN …)."""
    number = float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else math.nan
    if not bounds[0] <= number <= bounds[1]:  # NaN fails too
        raise ValueError(f"metric field {key!r} must be a number in [{bounds[0]:g}, {bounds[1]:g}], got {value!r}")
    return number


def interval(value: Any, key: str = "ci95", bounds: tuple[float, float] = (0.0, 1.0)) -> tuple[float, float]:
    """A stored ``[low, high]`` within ``bounds`` with low ≤ high; ValueError naming ``key`` otherwise."""
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 2:
        raise ValueError(f"metric field {key!r} must be [low, high], got {value!r}")
    low, high = bounded(value[0], key, bounds), bounded(value[1], key, bounds)
    if low > high:
        raise ValueError(f"metric field {key!r} has low > high: {value!r}")
    return low, high


def count(data: Mapping[str, Any], key: str) -> int:
    """``data[key]`` as a non-negative integer (not a bool); ValueError naming ``key`` otherwise."""
    value = data.get(key)
    if type(value) is not int or value < 0:
        raise ValueError(f"metric field {key!r} must be a non-negative integer, got {value!r}")
    return value


@dataclass(frozen=True, slots=True, init=False)
class MetricValue:
    """F, P, R of one metric; ``n`` counted samples (None for means over metrics); ``ci95`` of F when computed."""

    f: float
    p: float
    r: float
    n: int | None = None
    ci95: tuple[float, float] | None = None

    def __init__(self, f: float, p: float, r: float, n: int | None = None,
                 ci95: tuple[float, float] | None = None) -> None:
        # Written once through the slots' own setters: the generated frozen __init__ calls object.__setattr__ per
        # field, and a 10,000-entry board reads 140,000 of these values.
        set_f, set_p, set_r, set_n, set_ci95 = _METRIC_SLOTS
        set_f(self, f)
        set_p(self, p)
        set_r(self, r)
        set_n(self, n)
        set_ci95(self, ci95)

    def to_dict(self) -> dict[str, Any]:
        """``{"f", "p", "r"}`` plus ``"n"`` and ``"ci95": [low, high]`` when present."""
        payload: dict[str, Any] = {"f": self.f, "p": self.p, "r": self.r}
        if self.n is not None:
            payload["n"] = self.n
        if self.ci95 is not None:
            payload["ci95"] = [self.ci95[0], self.ci95[1]]
        return payload

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, f_only: bool = False) -> MetricValue:
        """The value stored as :meth:`to_dict`; ValueError names the first malformed field.

        ``f_only``: a number published with F alone (the papers print only F): precision and recall read as NaN
        ("not reported", never 0), and nothing but F is read.
        """
        if type(data) is not dict and not isinstance(data, Mapping):
            raise ValueError(f"a metric value must be an object, got {type(data).__name__}")
        if f_only:
            return cls(_fraction(data, "f"), math.nan, math.nan)
        f, p, r = data.get("f"), data.get("p"), data.get("r")
        if not (type(f) is type(p) is type(r) is float and 0.0 <= f <= 1.0 and 0.0 <= p <= 1.0 and 0.0 <= r <= 1.0):
            f, p, r = _fraction(data, "f"), _fraction(data, "p"), _fraction(data, "r")  # the general path: ints, errors
        n = data.get("n")
        if n is not None and (type(n) is not int or n < 0):
            raise ValueError(f"metric field 'n' must be a non-negative integer, got {n!r}")
        ci = data.get("ci95")
        return cls(f, p, r, n, None if ci is None else interval(ci))

    @classmethod
    def mean(cls, values: Sequence[MetricValue]) -> MetricValue:
        """Field-wise mean (k extraction runs, or the five wheels of EW-Lj); ``n`` kept when all agree."""
        ns = {value.n for value in values}
        return cls(math.fsum(v.f for v in values) / len(values), math.fsum(v.p for v in values) / len(values),
                   math.fsum(v.r for v in values) / len(values), ns.pop() if len(ns) == 1 else None)


_METRIC_SLOTS = tuple(getattr(MetricValue, name).__set__ for name in ("f", "p", "r", "n", "ci95"))


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
            if not isinstance(wheel, Mapping):
                raise ValueError(f"hit rate of wheel {name!r} must be {{'hit': fraction, 'n': count}}")
            parsed[str(name)] = WheelHit(_fraction(wheel, "hit"), count(wheel, "n"))
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
    def from_dict(cls, data: Mapping[str, Any]) -> G2Score:
        """The value stored as :meth:`to_dict`; ValueError names the first malformed field."""
        if not isinstance(data, Mapping):
            raise ValueError(f"a G2 score must be an object, got {type(data).__name__}")
        if not isinstance(data.get("groupings"), str):
            raise ValueError(f"G2 field 'groupings' must be text, got {data.get('groupings')!r}")
        return cls(_fraction(data, "accuracy_s"), _fraction(data, "recall_s"), _fraction(data, "avg"),
                   count(data, "n"), _fraction(data, "coverage"), data["groupings"])

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
            payload["ci95"] = [list(pair) for pair in self.ci95]
        return payload

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RunSpread:
        """The value stored as :meth:`to_dict` (``k`` and the std follow from the runs); ValueError names the first
        malformed field."""
        runs = data.get("EW-L1_f") if isinstance(data, Mapping) else None
        if not isinstance(runs, Sequence) or isinstance(runs, str) or not runs:
            raise ValueError(f"run spread field 'EW-L1_f' must be a non-empty list of fractions, got {runs!r}")
        values = tuple(bounded(value, "EW-L1_f", (0.0, 1.0)) for value in runs)
        cis = data.get("ci95")
        if cis is None:
            return cls(values)
        if not isinstance(cis, Sequence) or isinstance(cis, str) or len(cis) != len(values):
            raise ValueError("run spread field 'ci95' must hold one [low, high] per run")
        return cls(values, tuple(interval(pair) for pair in cis))
