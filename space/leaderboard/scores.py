"""An entry's stored scores read into ``emer_eval``'s typed values: what the table, the detail view, the rank
ranges, the API rows and the exports show.

Records keep :meth:`emer_eval.Result.scores` as JSON (in the store and in the results repo; records written by older
versions load the same way). Views never pick that JSON apart field by field: :func:`read_scores` turns each block
into its type through the type's ``from_dict`` — :class:`~emer_eval.MetricValue` for the emotion-wheel metrics,
:class:`~emer_eval.HitRate`, :class:`~emer_eval.G2Score`, :class:`~emer_eval.RunSpread`,
:class:`~emer_eval.JudgeSummary` for each judged metric, :class:`~emer_eval.JudgeControl` for the judge's control, a
fraction for M-avg — and everything downstream reads
:class:`StoredScores` (the board reads an entry's once, when a view first asks for it).

The table reads the same blocks of thousands of entries at once with :func:`metric_columns` (F, P, R and the CI of
each emotion-wheel metric as arrays) and :func:`m_avg_column`, which give exactly the values :func:`read_scores`
would.

Tolerance, because a record from the results repo may hold anything: one malformed block — a wrong type, a number out
of range, a missing key, a CI whose low end is above its high end — never takes the board down and never blanks
another metric. It blanks that metric alone (its name is listed in :attr:`StoredScores.malformed`); the table skips a
row whose *primary* metric is blank, and shows the well-formed rest of every other row.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from emer_eval import JUDGE_SCALE, G2Score, HitRate, JudgeControl, JudgeSummary, MetricValue, RunSpread

from . import fields

NOT_METRICS = frozenset({"oov"})
"""Keys that older records kept among the scores but that are not metrics (the OOV summary now sits beside them)."""


@dataclass(frozen=True)
class StoredScores:
    """The well-formed values of one stored score set, by kind; absent or malformed ones are simply not there.

    ``published``: read from a paper's row (F alone: precision and recall are NaN, there is no n or CI).
    """

    metrics: Mapping[str, MetricValue] = field(default_factory=dict)
    m_avg: float | None = None
    hit: HitRate | None = None
    g2: G2Score | None = None
    runs: RunSpread | None = None
    text: Mapping[str, float] = field(default_factory=dict)
    judged: Mapping[str, JudgeSummary] = field(default_factory=dict)
    control: JudgeControl | None = None
    malformed: tuple[str, ...] = ()
    """Names of the blocks that were present but malformed, in stored order (blanked, never shown)."""

    def value(self, name: str, scale: str = "fraction") -> float:
        """The number a track with primary ``name`` ranks by: F of a metric, M-avg, the hit rate (fractions), or a
        judged mean (on the judge's scale, when ``scale`` is not ``fraction``); NaN when absent or malformed."""
        if scale != "fraction":
            judged = self.judged.get(name)
            return judged.mean if judged is not None else math.nan
        if name in self.metrics:
            return self.metrics[name].f
        if name == "M-avg" and self.m_avg is not None:
            return self.m_avg
        if name == "hit" and self.hit is not None:
            return self.hit.hit
        return math.nan

    def f_values(self, names: tuple[str, ...]) -> list[float]:
        """F of each metric in ``names`` (NaN where absent or malformed): a table row's metric columns at once."""
        metrics = self.metrics
        return [metrics[name].f if name in metrics else math.nan for name in names]

    def part(self, name: str, which: str) -> float:
        """Precision (``p``) or recall (``r``) of metric ``name``; NaN for values without them (M-avg, hit, judges,
        papers)."""
        metric = self.metrics.get(name)
        return math.nan if metric is None else float(getattr(metric, which))

    def ci(self, name: str, scale: str = "fraction") -> tuple[float, float]:
        """The 95 % CI of ``name`` (fractions, or the judge's scale), (NaN, NaN) when none was computed."""
        value = self.judged.get(name) if scale != "fraction" else self.metrics.get(name)
        interval = None if value is None else value.ci95
        return interval if interval is not None else (math.nan, math.nan)

    def to_dict(self) -> dict[str, Any]:
        """The well-formed values as JSON, shaped as :meth:`emer_eval.Result.scores` writes them (the API's
        ``scores``)."""
        payload: dict[str, Any] = {name: value.to_dict() for name, value in self.metrics.items()}
        if self.m_avg is not None:
            payload["M-avg"] = self.m_avg
        families = (("hit", self.hit), ("G2", self.g2), ("runs", self.runs), ("control", self.control))
        payload.update({name: value.to_dict() for name, value in families if value is not None})
        if self.text:
            payload["text"] = dict(self.text)
        payload.update({name: value.to_dict() for name, value in self.judged.items()})
        return payload


def read_scores(stored: Any, *, published: bool = False) -> StoredScores:
    """``stored`` (a record's ``scores``: a JSON object, or anything a malformed record holds) as typed values.

    Each block is read alone (see the module docstring); ``published`` reads a paper's F-only metric blocks.
    """
    if not fields.is_mapping(stored):
        return StoredScores(malformed=("scores",) if stored is not None else ())
    metrics: dict[str, MetricValue] = {}
    judged: dict[str, JudgeSummary] = {}
    found: dict[str, Any] = {}
    malformed: list[str] = []
    for name, block in stored.items():
        try:
            if type(block) is dict and "f" in block and type(name) is str and name not in _NOT_WHEEL:  # the common case
                metrics[name] = MetricValue.from_dict(block, f_only=published)
            elif not isinstance(name, str) or name in NOT_METRICS:
                continue
            elif name in _FAMILIES:
                found[name] = _FAMILIES[name](block)
            elif isinstance(block, Mapping) and "mean" in block:
                judged[name] = _judged(block)
            else:
                metrics[name] = MetricValue.from_dict(block, f_only=published)
        except ValueError:
            malformed.append(name)
    return StoredScores(metrics, found.get("M-avg"), found.get("hit"), found.get("G2"), found.get("runs"),
                        found.get("text", {}), judged, found.get("control"), tuple(malformed))


METRIC_PARTS = ("f", "p", "r", "ci_low", "ci_high")
"""The columns :func:`metric_columns` gives of each metric, in order."""


def metric_columns(stored: Sequence[Any], names: Sequence[str]) -> dict[str, np.ndarray]:
    """For each metric in ``names``: an ``(len(stored), 5)`` array of F, P, R, CI low, CI high (:data:`METRIC_PARTS`)
    of each stored score set — exactly ``read_scores(stored[i]).metrics[name]``, NaN where that is absent or
    malformed (no CI: NaN ends).

    Why a second reader: a cold board of 10,000 entries read 140,000 blocks one typed value at a time, over a third of
    its build. Here the fields of every block are fetched in one pass over the entries (each entry's blocks while they
    are in the CPU cache: twice as fast as a pass per metric and field), and the common shape — a dict of floats in
    [0, 1], ``n`` a count or absent, ``ci95`` absent or a list of two ordered floats in [0, 1] — is checked a column
    at a time; every other block is read by :func:`read_scores` itself, so the two can never disagree on what is
    well-formed.
    """
    sets = [scores if type(scores) is dict else dict(scores) if isinstance(scores, Mapping) else {}
            for scores in stored]
    values = _fields_by_entry(sets, names)
    width = len(names) * len(_FIELDS)
    return {name: _metric_column(sets, name, [values[start::width] for start in range(at, at + len(_FIELDS))])
            for name, at in zip(names, range(0, width, len(_FIELDS)), strict=True)}


def m_avg_column(stored: Sequence[Any]) -> np.ndarray:
    """Each stored score set's M-avg as :func:`read_scores` reads it (NaN where absent or malformed)."""
    values = np.full(len(stored), math.nan)
    for i, scores in enumerate(stored):
        block = scores.get("M-avg") if fields.is_mapping(scores) else None
        if block is not None:
            with contextlib.suppress(ValueError):
                values[i] = _fraction(block)
    return values


_FIELDS = ("f", "p", "r", "n", "ci95")
_EMPTY: dict[str, Any] = {}


def _fields_by_entry(sets: list[dict[str, Any]], names: Sequence[str]) -> list[Any]:
    """The :data:`_FIELDS` of every metric block in ``names`` of every score set, flat in that order (None where
    absent; a block that is not a dict gives None for all, which no common shape has)."""
    try:
        return [dict.get(block, key) for scores in sets for block in [scores.get(name, _EMPTY) for name in names]
                for key in _FIELDS]
    except TypeError:  # a block that is not a dict, in a malformed record: fetched as an absent one
        return _fields_by_entry([{name: block for name, block in scores.items() if type(block) is dict}
                                 for scores in sets], names)


def _metric_column(sets: list[dict[str, Any]], name: str, parts: list[list[Any]]) -> np.ndarray:
    """One metric's :data:`METRIC_PARTS` from its :data:`_FIELDS` ``parts`` (one list per field, over the sets)."""
    n = len(sets)
    f, p, r, k, ci = parts
    common = _typed(f, float) & _typed(p, float) & _typed(r, float)
    common &= _typed(k, type(None)) | (_typed(k, int) & _non_negative(k))
    values = np.full((n, len(METRIC_PARTS)), math.nan)
    for column, part in enumerate((f, p, r)):
        values[:, column] = _floats(part, common)
    has_ci = _typed(ci, list)
    common &= has_ci | _typed(ci, type(None))
    for i in np.flatnonzero(has_ci & common):
        low_high: Any = ci[i]  # a list: has_ci
        if len(low_high) == 2 and type(low_high[0]) is float and type(low_high[1]) is float:
            values[i, 3:] = low_high
        else:
            common[i] = False
    inside = ((values[:, :3] >= 0.0) & (values[:, :3] <= 1.0)).all(axis=1)
    ordered = ~has_ci | ((values[:, 3] >= 0.0) & (values[:, 3] <= values[:, 4]) & (values[:, 4] <= 1.0))
    common &= inside & ordered
    for i in np.flatnonzero(~common):  # anything else (absent, malformed, ints, tuples): the general reader decides
        block = sets[i].get(name)
        value = read_scores({name: block}).metrics.get(name) if block is not None else None
        values[i] = math.nan
        if value is not None:
            values[i, :3] = value.f, value.p, value.r
            if value.ci95 is not None:
                values[i, 3:] = value.ci95
    return values


def _typed(values: list[Any], kind: type) -> np.ndarray:
    """Which of ``values`` are exactly of type ``kind`` (not a subclass: a bool is no count)."""
    types = list(map(type, values))
    if len(set(types)) <= 1:
        return np.full(len(values), bool(types) and types[0] is kind)
    return np.fromiter((t is kind for t in types), dtype=bool, count=len(values))


def _non_negative(values: list[Any]) -> np.ndarray:
    """Which counts are ≥ 0 (False for anything that is not a number)."""
    try:
        if min(values, default=0) >= 0:
            return np.ones(len(values), dtype=bool)
    except TypeError:
        pass
    return np.fromiter((type(v) is int and v >= 0 for v in values), dtype=bool, count=len(values))


def _floats(values: list[Any], usable: np.ndarray) -> np.ndarray:
    """``values`` as a float array, NaN where not ``usable``."""
    if usable.all():
        return np.array(values, dtype=float)
    return np.fromiter((v if ok else math.nan for v, ok in zip(values, usable, strict=True)), dtype=float,
                       count=len(values))


def _judged(block: Mapping[str, Any]) -> JudgeSummary:
    """A judged metric on the judges' 1–10 scale (the only one the board ranks and shows)."""
    value = JudgeSummary.from_dict(block)
    if value.scale != JUDGE_SCALE:
        raise ValueError(f"judge scale {list(value.scale)} is not {list(JUDGE_SCALE)}")
    return value


def _fraction(value: Any, low: float = 0.0) -> float:
    if type(value) not in (int, float) or not low <= value <= 1.0:  # bool, text, NaN and out of range fail
        raise ValueError(f"expected a number in [{low:g}, 1], got {value!r}")
    return float(value)


def _text(block: Any) -> dict[str, float]:
    """The text-overlap metrics (BLEU-4 and ROUGE-L in [0, 1], a cosine in [-1, 1]) and their sample count ``n``."""
    if not isinstance(block, Mapping) or not block:
        raise ValueError("text metrics must be an object")
    n = block.get("n", 0)
    if type(n) is not int or n < 0:
        raise ValueError(f"text metrics' n must be a count, got {n!r}")
    return {str(key): value if key == "n" else _fraction(value, -1.0) for key, value in block.items()}


_FAMILIES: dict[str, Any] = {"M-avg": _fraction, "hit": HitRate.from_dict, "G2": G2Score.from_dict,
                             "runs": RunSpread.from_dict, "text": _text, "control": JudgeControl.from_dict}
"""Blocks with a key of their own, each read by its type's ``from_dict``."""
_NOT_WHEEL = NOT_METRICS | _FAMILIES.keys()
