"""G4 hit rate for single-label datasets such as MER2023 (spec §6), as in AffectGPT's MER-UniBench.

Per wheel at level 1: a sample whose mapped gt label is non-empty scores 1 when that label is among the mapped
predictions, else 0; the rate is the mean over those samples, and the reported number the mean over the 5 wheels.
With several gt labels a hit means any of them is predicted (identical to the reference for one label).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ..stats import SampleStats
from ..values import HitRate, WheelHit
from .ew import LEVEL_METRICS


def hit_rate(stats: SampleStats) -> HitRate:
    """Hit rate per level-1 wheel and its mean over wheels, from the EW per-sample statistics."""
    per_wheel = {}
    for metric in LEVEL_METRICS[1]:
        col = stats.column(metric)
        counted = stats.n_gt[:, col] > 0
        hits = stats.hits[counted, col] > 0
        per_wheel[metric] = WheelHit(float(hits.mean()) if hits.size else 0.0, int(counted.sum()))
    return HitRate(float(np.mean([wheel.hit for wheel in per_wheel.values()])), per_wheel)


def single_labels(corpus: Mapping[str, Mapping[str, object]], field: str = "emo") -> dict[str, Sequence[str]]:
    """Ground truth from a MERBench-style corpus ``{name: {"emo": "happy", "val": 1.0}}``."""
    return {name: [str(entry[field]).strip().lower()] for name, entry in corpus.items()}
