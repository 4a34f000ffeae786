"""Per-sample evidence of one entry: the labels it was scored with (every run), turned into what the board needs.

Rank intervals, family breakdowns and head-to-head comparisons all start from the same per-sample statistics
(:class:`emer_eval.stats.SampleStats`) of an entry's stored labels. Labels files are content-addressed and never
change, so the evidence of a labels file is computed once per process (keyed by its hash, the wheels and the ground
truth it is scored against) and reused by every later board build.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from emer_eval import LEVEL1_METRICS, FamilyCounts, SampleStats, f_score, family_counts, load_wheels, sample_stats


@dataclass(frozen=True)
class Evidence:
    """Everything per-sample about one entry (shared, read-only), for each of its runs.

    An entry whose descriptions were extracted k times has k label sets; its score is the mean over the runs, so
    every analysis here is too: rank intervals and head-to-head average the primary over the runs on each resample
    (:func:`emer_eval.ranks.primary_values`), family scores and label counts are means over the runs. ``labels`` is
    run 1, shown when clips are listed.
    """

    label_runs: tuple[Mapping[str, Sequence[str]], ...]
    stats: tuple[SampleStats, ...]
    families: tuple[FamilyCounts, ...]
    polarity: tuple[FamilyCounts, ...]

    @property
    def labels(self) -> Mapping[str, Sequence[str]]:
        return self.label_runs[0]

    @property
    def names(self) -> tuple[str, ...]:
        return self.stats[0].names

    @property
    def runs(self) -> int:
        return len(self.stats)

    @property
    def mean_labels(self) -> float:
        """Mean number of distinct predicted labels per ground-truth sample, over the runs (what a long label list
        buys in recall)."""
        names = self.names
        if not names:
            return 0.0
        return sum(len(set(labels.get(name, ()))) for labels in self.label_runs for name in names) / (
            len(names) * len(self.label_runs))

    def family_scores(self) -> dict[str, dict[str, float | int]]:
        """Precision, recall and F of every emotion family (fractions), each the mean over the runs."""
        return _mean_scores([counts.scores() for counts in self.families])

    def polarity_scores(self) -> dict[str, dict[str, float | int]]:
        """The same per polarity (positive / negative / other)."""
        return _mean_scores([counts.scores() for counts in self.polarity])

    def sample_f(self) -> np.ndarray:
        """Per-sample level-1 F (mean over the wheels that count the sample, then over the runs): what "agreeing on
        a clip" means when two entries are compared clip by clip."""
        return np.mean([_level1_sample_f(stats) for stats in self.stats], axis=0)


def _mean_scores(runs: Sequence[dict[str, dict[str, float | int]]]) -> dict[str, dict[str, float | int]]:
    """Field-wise mean of per-run group scores; sample counts of the ground truth are the same in every run."""
    if len(runs) == 1:
        return runs[0]
    return {group: {key: (runs[0][group][key] if key == "n_gt" else float(np.mean([run[group][key] for run in runs])))
                    for key in block} for group, block in runs[0].items()}


def _level1_sample_f(stats: SampleStats) -> np.ndarray:
    columns = [stats.column(metric) for metric in LEVEL1_METRICS]
    precision, recall, counted = stats.terms()
    p, r, c = precision[:, columns], recall[:, columns], counted[:, columns]
    f = f_score(p, r)
    return np.where(c.sum(axis=1) > 0, (f * c).sum(axis=1) / np.maximum(c.sum(axis=1), 1), 0.0)


def build_evidence(label_runs: Sequence[Mapping[str, Sequence[str]]] | Mapping[str, Sequence[str]],
                   gt: Mapping[str, Sequence[str]], wheels: str, data_dirs: tuple[str, ...] | None = None,
                   family_wheel: int = 1) -> Evidence:
    """Score the labels of each run (or of one label set) per sample against ``gt``: EW statistics, families,
    polarity."""
    runs = (label_runs,) if isinstance(label_runs, Mapping) else tuple(label_runs)
    if not runs:
        raise ValueError("evidence needs the labels of at least one run")
    wheel_set = load_wheels(wheels, data_dirs)
    counts = [family_counts(wheel_set, labels, gt, wheel=family_wheel) for labels in runs]
    return Evidence(runs, tuple(sample_stats(wheel_set, labels, gt) for labels in runs),
                    tuple(families for families, _ in counts), tuple(polarity for _, polarity in counts))


_cache: dict[tuple[object, ...], tuple[Mapping[str, Sequence[str]], Evidence]] = {}
_cache_lock = threading.Lock()
CACHE_LIMIT = 4096


def evidence_for(labels_sha: str, load: Callable[[], Sequence[Mapping[str, Sequence[str]]] | None],
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
    label_runs = load()
    if not label_runs:
        return None
    evidence = build_evidence(label_runs, gt, wheels, data_dirs, family_wheel)
    with _cache_lock:
        if len(_cache) >= CACHE_LIMIT:
            _cache.pop(next(iter(_cache)))
        _cache[key] = (gt, evidence)
    return evidence
