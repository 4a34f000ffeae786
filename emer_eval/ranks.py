"""Uncertainty-aware ranks: every system's primary score on the same bootstrap resamples, ranked per resample.

Why a *joint* paired bootstrap: neighbours on a leaderboard are usually within each other's confidence intervals, and
pairwise tests do not say where a system may stand among all others. Drawing one set of resampled clips, scoring every
system on it, ranking them, and repeating gives each system a distribution of ranks; its central 95 % is the rank
interval ("2–5"). Systems scored on identical predictions get identical values on every resample, so identical
intervals; a system better on every resample gets "1–1".

Everything is re-aggregation of the per-sample statistics (:mod:`emer_eval.stats`): for 200 systems and 1,000
resamples the cost is one matrix product per statistic over all systems at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .stats import SampleStats, f_score, resample_weights
from .wheels import EW_METRICS, WHEEL_COUNT

LEVEL1 = tuple(f"W{k}-L1" for k in range(1, WHEEL_COUNT + 1))
LEVEL2 = tuple(f"W{k}-L2" for k in range(1, WHEEL_COUNT + 1))
PRIMARY_COLUMNS: dict[str, tuple[str, ...]] = {
    "EW-L1": LEVEL1, "EW-L2": LEVEL2, "M-avg": EW_METRICS, "hit": LEVEL1,
    **{metric: (metric,) for metric in EW_METRICS},
}
"""The EW metrics each resampleable primary is a mean of (F of each, or the hit rate for ``hit``)."""


System = SampleStats | Sequence[SampleStats]
"""One system's per-sample statistics: a :class:`SampleStats`, or one per extraction run when labels were extracted k
times — its value is then the mean over the runs of the primary (what the papers report as the mean of k runs),
computed on the same resampled clips for every run."""


def as_runs(system: System) -> tuple[SampleStats, ...]:
    """A system's statistics as a non-empty tuple of runs (one for a single prediction set)."""
    runs = (system,) if isinstance(system, SampleStats) else tuple(system)
    if not runs:
        raise ValueError("a system needs the statistics of at least one run")
    return runs


def resampleable(primary: str) -> bool:
    """Can :func:`primary_values` compute ``primary`` from per-sample statistics?"""
    return primary in PRIMARY_COLUMNS


def primary_values(stats: Sequence[System], primary: str, weights: np.ndarray | None = None) -> np.ndarray:
    """``primary`` of every system on every resample: shape (resamples, systems), or (systems,) without weights.

    All systems must be scored on the same samples (same ground truth). ``weights`` (resamples, samples) are draw
    counts as from :func:`emer_eval.stats.resample_weights`. A system given as several runs gets the mean of its
    runs' values on each resample.
    """
    runs = [as_runs(system) for system in stats]
    flat = [run for system in runs for run in system]
    values = _run_values(flat, primary, weights)
    if len(flat) == len(runs):
        return values
    share = np.zeros((len(flat), len(runs)))  # (runs, systems): 1/k where a run belongs to a system of k runs
    share[np.arange(len(flat)), np.repeat(np.arange(len(runs)), [len(r) for r in runs])] = \
        np.repeat([1.0 / len(r) for r in runs], [len(r) for r in runs])
    averaged: np.ndarray = values @ share
    return averaged


def _run_values(stats: Sequence[SampleStats], primary: str, weights: np.ndarray | None) -> np.ndarray:
    """:func:`primary_values` of single runs."""
    if primary not in PRIMARY_COLUMNS:
        raise ValueError(f"cannot resample the primary metric {primary!r}; choose one of {', '.join(PRIMARY_COLUMNS)}")
    if not stats:
        return np.zeros((0,) if weights is None else (len(weights), 0))
    names = stats[0].names
    if any(item.names != names for item in stats):
        raise ValueError("every system must be scored on the same samples in the same order")
    single = weights is None
    draws = np.ones((1, len(names))) if single else np.asarray(weights, dtype=np.float64)
    columns = [stats[0].column(metric) for metric in PRIMARY_COLUMNS[primary]]
    counted = (stats[0].n_gt[:, columns] > 0).astype(np.float64)  # the ground truth decides which samples count
    n = draws @ counted  # (resamples, m)
    safe = np.where(n > 0, n, 1.0)
    if primary == "hit":
        hits = np.hstack([(item.hits[:, columns] > 0) * counted for item in stats])  # (samples, systems × m)
        rate = (draws @ hits).reshape(len(draws), len(stats), len(columns)) / safe[:, None, :]
        values = np.where(n[:, None, :] > 0, rate, 0.0).mean(axis=2)
    else:
        precision, recall = [], []
        for item in stats:
            p, r, _ = item.terms()
            precision.append(p[:, columns])
            recall.append(r[:, columns])
        shape = (len(draws), len(stats), len(columns))
        mean_p = (draws @ np.hstack(precision)).reshape(shape) / safe[:, None, :]
        mean_r = (draws @ np.hstack(recall)).reshape(shape) / safe[:, None, :]
        values = f_score(mean_p, mean_r).mean(axis=2)
    result: np.ndarray = values[0] if single else values
    return result


def rank_intervals(values: np.ndarray, confidence: float = 0.95) -> list[tuple[int, int]]:
    """Per system (column), the central ``confidence`` range of its rank over the resamples (rows).

    Rank 1 is the highest value; equal values share the best rank ("competition" ranking), so two identical systems
    always get the same interval. Bounds are ranks that actually occurred (inverted-CDF quantiles).
    """
    values = np.atleast_2d(np.asarray(values, dtype=np.float64))
    if values.shape[1] == 0:
        return []
    rounded = np.round(values, 12)  # float noise from different code paths is not a lead
    ordered = np.sort(rounded, axis=1)
    # competition rank = 1 + how many systems score strictly higher on that resample
    ranks = np.stack([values.shape[1] - np.searchsorted(row_sorted, row, side="right") + 1
                      for row_sorted, row in zip(ordered, rounded, strict=False)])
    tail = (1 - confidence) / 2
    low = np.quantile(ranks, tail, axis=0, method="inverted_cdf")
    high = np.quantile(ranks, 1 - tail, axis=0, method="inverted_cdf")
    return [(int(lo), int(hi)) for lo, hi in zip(low, high, strict=False)]


def joint_rank_intervals(stats: Sequence[System], primary: str = "EW-L1", *, resamples: int = 1000,
                         seed: int = 12345, confidence: float = 0.95) -> list[tuple[int, int]]:
    """95 % rank interval of each system from one joint paired bootstrap over the samples (seeded, deterministic).

    >>> joint_rank_intervals([stats_a, stats_b, stats_c])                   # doctest: +SKIP
    [(1, 1), (2, 3), (2, 3)]
    """
    if not stats:
        return []
    values = np.vstack([primary_values(stats, primary, weights)
                        for weights in resample_weights(len(as_runs(stats[0])[0].names), resamples, seed)])
    return rank_intervals(values, confidence)
