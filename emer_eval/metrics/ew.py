"""The official emotion-wheel metrics (spec §3–4): M1, M2, the ten M3-Wk-Lj, EW-L1, EW-L2 and M-avg."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..stats import PRF, SampleStats, aggregate, paired_summary, resample_weights
from ..values import MetricValue
from ..wheels import EW_METRICS, WHEEL_COUNT, Wheels

LEVEL_METRICS: dict[int, tuple[str, ...]] = {
    level: tuple(f"W{k}-L{level}" for k in range(1, WHEEL_COUNT + 1)) for level in (1, 2)
}


def _mapped_sets(wheels: Wheels, labels: Sequence[str]) -> list[set[str]]:
    """The set of targets of ``labels`` under each EW metric (dropped labels contribute nothing)."""
    columns = zip(*(wheels.targets(label) for label in labels), strict=False) if labels else ((),) * len(EW_METRICS)
    return [{target for target in column if target is not None} for column in columns]


def sample_stats(wheels: Wheels, predictions: Mapping[str, Sequence[str]],
                 ground_truth: Mapping[str, Sequence[str]]) -> SampleStats:
    """|G∩P|, |P|, |G| for every ground-truth sample and EW metric; a missing prediction is an empty one."""
    names = tuple(ground_truth)
    shape = (len(names), len(EW_METRICS))
    hits, n_pred, n_gt = (np.zeros(shape, dtype=np.int32) for _ in range(3))
    for row, name in enumerate(names):
        gt_sets = _mapped_sets(wheels, ground_truth[name])
        pred_sets = _mapped_sets(wheels, predictions.get(name, ()))
        for col, (gt, pred) in enumerate(zip(gt_sets, pred_sets, strict=False)):
            hits[row, col] = len(gt & pred)
            n_pred[row, col] = len(pred)
            n_gt[row, col] = len(gt)
    return SampleStats(names, EW_METRICS, hits, n_pred, n_gt)


def summarise(stats: SampleStats, prf: PRF | None = None) -> dict[str, MetricValue]:
    """Every EW metric's value (with its counted samples), then EW-L1 and EW-L2: the means over the five wheels."""
    prf = prf or aggregate(stats)
    result = {
        metric: MetricValue(float(prf.f[i]), float(prf.precision[i]), float(prf.recall[i]), int(prf.n[i]))
        for i, metric in enumerate(stats.metrics)
    }
    for level, names in LEVEL_METRICS.items():
        idx = [stats.column(name) for name in names]
        result[f"EW-L{level}"] = MetricValue(float(prf.f[idx].mean()), float(prf.precision[idx].mean()),
                                             float(prf.recall[idx].mean()))
    return result


def m_avg(values: Mapping[str, MetricValue]) -> float:
    """M-avg: the mean F of the twelve EW metrics."""
    return float(np.mean([values[metric].f for metric in EW_METRICS]))


def ew_l1_f(prf: PRF, stats: SampleStats) -> np.ndarray:
    """EW-L1 F (mean of the five level-1 F) from an aggregate; works on one aggregate or on every resample."""
    idx = [stats.column(name) for name in LEVEL_METRICS[1]]
    return np.asarray(prf.f[..., idx].mean(axis=-1), dtype=np.float64)


def bootstrap_ci(stats: SampleStats, *, resamples: int = 1000, seed: int = 12345,
                 confidence: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap confidence interval of EW-L1 F, resampling samples with replacement (in chunks)."""
    values = np.concatenate([ew_l1_f(aggregate(stats, weights), stats)
                             for weights in resample_weights(len(stats.names), resamples, seed)])
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return float(low), float(high)


def paired_bootstrap(stats_a: SampleStats | Sequence[SampleStats], stats_b: SampleStats | Sequence[SampleStats], *,
                     resamples: int = 1000, seed: int = 12345, primary: str = "EW-L1") -> dict[str, Any]:
    """Paired bootstrap test of ``primary`` (default EW-L1 F) between two systems scored on the same samples.

    Both systems are aggregated on the same resamples; the p-value is the share of resampled differences, centred on
    their mean, at least as extreme as the observed one (two-sided), with the usual +1 correction. A system given as
    several extraction runs counts as the mean of its runs (see :func:`emer_eval.ranks.primary_values`).
    """
    from ..ranks import as_runs, primary_values

    names = as_runs(stats_a)[0].names
    if any(run.names != names for run in (*as_runs(stats_a), *as_runs(stats_b))):
        raise ValueError("paired test needs both systems scored against the same ground truth")
    point = primary_values([stats_a, stats_b], primary)
    observed = float(point[0] - point[1])
    values = np.vstack([primary_values([stats_a, stats_b], primary, weights)
                        for weights in resample_weights(len(names), resamples, seed)])
    return paired_summary(observed, values[:, 0] - values[:, 1])
