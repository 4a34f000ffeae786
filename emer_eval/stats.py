"""Per-sample statistics and their aggregation — the one place where set-level P / R / F are computed.

Scoring happens once: for every sample and metric we keep ``|G∩P|``, ``|P|`` and ``|G|`` as small integer arrays.
Corpus scores, bootstrap confidence intervals and paired tests are all re-aggregations of these arrays (as sacrebleu
does for BLEU), so a 1,000-resample bootstrap costs a few matrix products instead of 1,000 re-scorings.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

BOOTSTRAP_CELLS = 1 << 21
"""Resample weights are drawn in chunks of at most this many cells (16 MiB of float64), so the bootstrap's memory
does not grow with resamples x samples: 20,000 samples x 1,000 resamples would otherwise hold 160 MB at once."""


@dataclass(frozen=True)
class SampleStats:
    """Counts per sample (rows) and metric (columns)."""

    names: tuple[str, ...]
    metrics: tuple[str, ...]
    hits: np.ndarray  # |G ∩ P|
    n_pred: np.ndarray  # |P|
    n_gt: np.ndarray  # |G|; 0 means the sample is skipped for that metric

    def column(self, metric: str) -> int:
        return self.metrics.index(metric)

    def terms(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per-sample precision and recall terms and the 0/1 "counted" mask (spec §4), computed once."""
        return self._terms

    @functools.cached_property
    def _terms(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        counted = (self.n_gt > 0).astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            precision = np.where(self.n_pred > 0, self.hits / np.maximum(self.n_pred, 1), 0.0) * counted
            recall = np.where(self.n_pred > 0, self.hits / np.maximum(self.n_gt, 1), 0.0) * counted
        return precision, recall, counted


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F of every metric, as arrays over metrics (or resamples × metrics)."""

    precision: np.ndarray
    recall: np.ndarray
    f: np.ndarray
    n: np.ndarray


def f_score(precision: np.ndarray, recall: np.ndarray) -> np.ndarray:
    """F from the averaged P and R (not a mean of per-sample F); 0 where P + R = 0."""
    total = precision + recall
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, 2 * precision * recall / np.where(total > 0, total, 1), 0.0)


def aggregate(stats: SampleStats, weights: np.ndarray | None = None) -> PRF:
    """Mean P and R over counted samples and their F, per metric.

    ``weights`` (samples,) or (resamples, samples) holds how often each sample is drawn — a bootstrap resample is a
    weight vector, so one matrix product aggregates all resamples at once.
    """
    precision, recall, counted = stats.terms()
    if weights is None:
        weights = np.ones(len(stats.names))
    weights = np.asarray(weights, dtype=np.float64)
    n = weights @ counted
    safe = np.where(n > 0, n, 1)
    mean_p = np.where(n > 0, (weights @ precision) / safe, 0.0)
    mean_r = np.where(n > 0, (weights @ recall) / safe, 0.0)
    return PRF(mean_p, mean_r, f_score(mean_p, mean_r), n)


def resample_weights(n_samples: int, resamples: int, seed: int,
                     cells: int = BOOTSTRAP_CELLS) -> Iterator[np.ndarray]:
    """Bootstrap draws as (chunk, samples) count matrices, in order: each row resamples the samples with replacement.

    Row ``i`` counts how often each sample was among ``n_samples`` indices drawn uniformly with replacement. The rows
    depend only on ``seed``, never on the chunk size, so every consumer (a CI, a paired test) sees the same resamples.
    """
    rng = np.random.default_rng(seed)
    rows = max(1, min(resamples, cells // max(n_samples, 1)))
    for start in range(0, resamples, rows):
        chunk = min(rows, resamples - start)
        drawn = rng.integers(0, n_samples, size=(chunk, n_samples))
        drawn += np.arange(chunk)[:, None] * n_samples  # one bincount counts every row at once
        yield np.bincount(drawn.ravel(), minlength=chunk * n_samples).reshape(chunk, n_samples).astype(np.float64)


def mean_bootstrap(values: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """The mean of each column of ``values`` (samples × systems) on every resample: a (resamples × systems) array.

    The resamples are those of :func:`resample_weights` with the same seed, so per-sample means (the LLM judge's
    1–10 scores) are resampled exactly like the label metrics.
    """
    values = np.asarray(values, dtype=np.float64).reshape(len(values), -1)
    n = len(values)
    return np.vstack([weights @ values / n for weights in resample_weights(n, resamples, seed)])


def paired_mean_test(a: np.ndarray, b: np.ndarray, *, resamples: int = 1000, seed: int = 12345) -> dict[str, Any]:
    """Paired bootstrap test of the difference of two per-sample means (same samples, same order).

    Same conventions as the emotion-wheel test (``emer_eval.metrics.ew.paired_bootstrap``): both systems on the same
    resamples; the p-value is the share of resampled differences, centred on their mean, at least as extreme as the
    observed one (two-sided), with the +1 correction; ``ci95`` the 2.5 / 97.5 percentiles of the differences.

    >>> paired_mean_test(np.array([7.0, 8.0, 6.0]), np.array([7.0, 8.0, 6.0]))["delta"]
    0.0
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape or a.ndim != 1 or not len(a):
        raise ValueError("a paired test needs two non-empty per-sample arrays of the same samples")
    means = mean_bootstrap(np.column_stack([a, b]), resamples, seed)
    return paired_summary(float(a.mean() - b.mean()), means[:, 0] - means[:, 1])


def paired_summary(observed: float, deltas: np.ndarray) -> dict[str, Any]:
    """The result of a paired bootstrap test from the observed difference and the resampled ones: the p-value is the
    share of resampled differences, centred on their mean, at least as extreme as the observed one (two-sided), with
    the +1 correction; ``ci95`` the 2.5 / 97.5 percentiles of the differences."""
    extreme = np.abs(deltas - deltas.mean()) >= abs(observed)
    return {"delta": observed, "p_value": float((extreme.sum() + 1) / (len(deltas) + 1)),
            "ci95": [float(v) for v in np.percentile(deltas, [2.5, 97.5])], "resamples": len(deltas)}
