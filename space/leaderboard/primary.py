"""Reading a track's primary metric out of a scores dict, whatever kind of metric it is.

``primary`` in ``tracks.toml`` names a key of the scores: an EW block (``EW-L1`` → its ``f``, ``p``, ``r``,
``ci95``), a plain number (``M-avg``), the hit rate (``hit`` → ``hit``) or a judge score (a mean on a 1–10 scale, as
``{"mean": …}`` or a number). One reader, so the table, the ranks, the API and the exports agree on what "the score" is.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from . import fields

VALUE_KEYS = ("f", "hit", "mean", "score", "value")
"""Where the value of a metric block is, in order of preference."""


def _block(scores: Mapping[str, Any], primary: str) -> Any:
    return scores.get(primary) if fields.is_mapping(scores) else None


def _number(value: Any, scale: str) -> float:
    if scale == "fraction":
        return fields.fraction(value)
    if type(value) in (int, float) and 0.0 <= value <= 10.0:
        return float(value)
    return math.nan


def primary_value(scores: Mapping[str, Any], primary: str, scale: str = "fraction") -> float:
    """The primary score (a fraction, or the judge's own scale), NaN when missing or malformed."""
    block = _block(scores, primary)
    if fields.is_mapping(block):
        for key in VALUE_KEYS:
            if key in block:
                return _number(block[key], scale)
        return math.nan
    return _number(block, scale)


def primary_part(scores: Mapping[str, Any], primary: str, part: str) -> float:
    """Precision (``p``) or recall (``r``) of the primary metric, NaN when it has none (M-avg, hit, judges)."""
    block = _block(scores, primary)
    return fields.fraction(block.get(part)) if fields.is_mapping(block) else math.nan


def primary_ci(scores: Mapping[str, Any], primary: str, scale: str = "fraction") -> tuple[float, float]:
    """The primary's 95 % bootstrap CI as fractions (or on the judge's scale), (NaN, NaN) when it has none."""
    block = _block(scores, primary)
    if scale == "fraction":
        return fields.ci95(block)
    ci = block.get("ci95") if fields.is_mapping(block) else None
    if isinstance(ci, (list, tuple)) and len(ci) == 2:
        low, high = _number(ci[0], scale), _number(ci[1], scale)
        if low <= high:
            return low, high
    return math.nan, math.nan


def primary_label(primary: str) -> str:
    """The header the primary column is shown under: ``EW-L1`` → ``EW-L1 F``, ``hit`` → ``Hit rate``."""
    if primary == "hit":
        return "Hit rate"
    if primary == "M-avg" or not (primary.startswith(("EW-", "M1", "M2", "W"))):
        return primary
    return f"{primary} F"
