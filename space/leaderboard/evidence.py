"""Per-sample evidence of one entry: the labels it was scored with, turned into what the board's analyses need.

Rank intervals, family breakdowns and head-to-head comparisons all start from the same per-sample statistics
(:class:`emer_eval.stats.SampleStats`) of an entry's stored labels. Labels files are content-addressed and never
change, so the evidence of a labels file is computed once per process (keyed by its hash, the wheels and the ground
truth it is scored against) and reused by every later board build.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from emer_eval import load_wheels
from emer_eval.families import FamilyCounts, family_counts
from emer_eval.metrics import ew
from emer_eval.stats import SampleStats


@dataclass(frozen=True)
class Evidence:
    """Everything per-sample about one entry (shared, read-only)."""

    labels: Mapping[str, Sequence[str]]
    stats: SampleStats
    families: FamilyCounts
    polarity: FamilyCounts

    @property
    def mean_labels(self) -> float:
        """Mean number of predicted labels per ground-truth sample (what a long label list buys in recall)."""
        names = self.stats.names
        return sum(len(set(self.labels.get(name, ()))) for name in names) / len(names) if names else 0.0


def build_evidence(labels: Mapping[str, Sequence[str]], gt: Mapping[str, Sequence[str]], wheels: str,
                   data_dirs: tuple[str, ...] | None = None, family_wheel: int = 1) -> Evidence:
    """Score ``labels`` per sample against ``gt`` (EW statistics, families, polarity)."""
    wheel_set = load_wheels(wheels, data_dirs)
    families, polarity = family_counts(wheel_set, labels, gt, wheel=family_wheel)
    return Evidence(labels, ew.sample_stats(wheel_set, labels, gt), families, polarity)


_cache: dict[tuple[object, ...], tuple[Mapping[str, Sequence[str]], Evidence]] = {}
_cache_lock = threading.Lock()
CACHE_LIMIT = 4096


def evidence_for(labels_sha: str, load: Callable[[], Mapping[str, Sequence[str]] | None],
                 gt: Mapping[str, Sequence[str]], wheels: str, data_dirs: tuple[str, ...] | None = None,
                 family_wheel: int = 1) -> Evidence | None:
    """:func:`build_evidence` memoised by the labels file's hash; ``load`` reads the labels only on a miss.

    The ground truth keys the cache by identity: the track loader returns one cached dict per file version, so a
    changed ground truth is a new key. None when the labels cannot be read.
    """
    key = (labels_sha, id(gt), wheels, data_dirs, family_wheel)
    with _cache_lock:
        found = _cache.get(key)
    if found is not None and found[0] is gt:  # the same dict, not a new one that reuses a freed id
        return found[1]
    labels = load()
    if labels is None:
        return None
    evidence = build_evidence(labels, gt, wheels, data_dirs, family_wheel)
    with _cache_lock:
        if len(_cache) >= CACHE_LIMIT:
            _cache.pop(next(iter(_cache)))
        _cache[key] = (gt, evidence)
    return evidence
