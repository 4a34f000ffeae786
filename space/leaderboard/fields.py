"""Reading one entry's non-score fields defensively: a malformed record yields NaN / defaults, never an exception.

Shared by the table and the detail view so both read a record the same way (one bad record must never take the
board down, and the two views must never disagree about a value). The scores have a reader of their own, into typed
values: :mod:`space.leaderboard.scores`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, TypeGuard

import numpy as np


def fraction(value: Any) -> float:
    """A score as a float in [0, 1], or NaN for anything else (missing, bool, string, out of range, NaN)."""
    if type(value) is float or type(value) is int:
        return float(value) if 0.0 <= value <= 1.0 else math.nan  # NaN fails both comparisons
    if isinstance(value, (np.floating, np.integer)):
        return fraction(float(value))
    return math.nan


def is_mapping(value: Any) -> TypeGuard[Mapping[str, Any]]:
    """``isinstance(value, Mapping)`` with a fast path for dicts (the ABC check dominated a 10,000-row build)."""
    return type(value) is dict or isinstance(value, Mapping)


def sub_mapping(record: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """``record[key]`` when it is a mapping, else an empty one (a malformed nested block reads as absent)."""
    value = record.get(key)
    return value if is_mapping(value) else {}


def oov(entry: Mapping[str, Any]) -> Any:
    """The entry's out-of-vocabulary summary (records written before it moved out of the scores keep it there)."""
    scores = entry.get("scores")
    return entry.get("oov", scores.get("oov") if is_mapping(scores) else None)


def as_mapping(entry: Any) -> Mapping[str, Any] | None:
    """Records arrive as dicts or as the store's ``Submission`` dataclass; anything else is not an entry."""
    if is_mapping(entry):
        return entry
    fields = getattr(entry, "__dict__", None)
    return fields if is_mapping(fields) else None


def source(entry: Mapping[str, Any]) -> str:
    """``reported`` (a paper), ``reference`` (a trivial guess the hub computed), ``baseline`` (a hub-scored
    published output) or ``submitted`` (a hub-scored user file).

    Only :mod:`space.leaderboard.reported` sets ``status="reported"`` (the store's statuses are scored / rejected /
    baseline), and the table accepts it only from the reported rows.
    """
    if entry.get("status") in ("reported", "reference"):
        return str(entry["status"])
    if entry.get("status") == "baseline" or entry.get("source") == "baseline":
        return "baseline"
    return "submitted"


def weights(value: Any) -> str:
    """``open_weights`` → ``open`` / ``closed`` / ``unknown`` (only real booleans count)."""
    return "open" if value is True else "closed" if value is False else "unknown"
