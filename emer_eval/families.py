"""Per-family and per-polarity precision / recall: which kinds of emotion a system gets right.

A set-level F hides whether a system finds sadness but never anger. Here every label is mapped to its **family** —
the level-1 ring word of one emotion wheel (wheel 1: mad, disgusted, sad, happy, surprised, scared), through the
official mapping (:meth:`emer_eval.wheels.Wheels.targets`) — and to a **polarity** (positive / negative / other).
For each family f, over the samples: precision = #(f predicted and in the ground truth) / #(f predicted) and
recall = #(f predicted and in the ground truth) / #(f in the ground truth); F from those two. Labels the protocol
drops (out of vocabulary) belong to no family, as in the official metric.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .stats import f_score
from .wheels import EW_METRICS, Wheels

POLARITIES = ("positive", "negative", "other")
POLARITY: dict[str, str] = {
    # level-1 words of the five 2025/2026 wheels
    "happy": "positive", "joyful": "positive", "joy": "positive", "powerful": "positive", "peaceful": "positive",
    "genius": "positive",
    "mad": "negative", "angry": "negative", "anger": "negative", "disgusted": "negative", "disgust": "negative",
    "sad": "negative", "scared": "negative", "fearful": "negative", "fear": "negative", "bad": "negative",
    "surprised": "other",
}
"""Polarity of each level-1 wheel word; a level-1 word not listed here (a future wheel) counts as ``other``."""


@dataclass(frozen=True)
class FamilyCounts:
    """Per sample (rows) and group (columns): is the group in the ground truth, in the prediction?"""

    groups: tuple[str, ...]
    in_gt: np.ndarray  # bool (samples, groups)
    in_pred: np.ndarray  # bool (samples, groups)

    def scores(self, weights: np.ndarray | None = None) -> dict[str, dict[str, float | int]]:
        """``{group: {"p", "r", "f", "n_gt", "n_pred"}}`` (fractions; counts of samples), optionally reweighted."""
        w = np.ones(len(self.in_gt)) if weights is None else np.asarray(weights, dtype=np.float64)
        both = w @ (self.in_gt & self.in_pred)
        n_gt, n_pred = w @ self.in_gt, w @ self.in_pred
        precision = np.where(n_pred > 0, both / np.where(n_pred > 0, n_pred, 1), 0.0)
        recall = np.where(n_gt > 0, both / np.where(n_gt > 0, n_gt, 1), 0.0)
        f = f_score(precision, recall)
        return {group: {"p": float(precision[i]), "r": float(recall[i]), "f": float(f[i]), "n_gt": int(n_gt[i]),
                        "n_pred": int(n_pred[i])} for i, group in enumerate(self.groups)}


def families(wheels: Wheels, wheel: int = 1) -> tuple[str, ...]:
    """The level-1 words of wheel ``wheel`` (1–5), in file order."""
    return tuple(wheels.trees[wheel - 1])


def _family_sets(wheels: Wheels, labels: Sequence[str], column: int) -> set[str]:
    return {target for target in (wheels.targets(label)[column] for label in labels) if target is not None}


def family_counts(wheels: Wheels, predictions: Mapping[str, Sequence[str]],
                  ground_truth: Mapping[str, Sequence[str]], *, wheel: int = 1) -> tuple[FamilyCounts, FamilyCounts]:
    """(families, polarities) presence per ground-truth sample; a missing prediction is an empty one."""
    column = EW_METRICS.index(f"W{wheel}-L1")
    groups = families(wheels, wheel)
    names = list(ground_truth)
    fam_gt = np.zeros((len(names), len(groups)), dtype=bool)
    fam_pred = np.zeros_like(fam_gt)
    pol_gt = np.zeros((len(names), len(POLARITIES)), dtype=bool)
    pol_pred = np.zeros_like(pol_gt)
    index = {group: i for i, group in enumerate(groups)}
    for row, name in enumerate(names):
        for found, fam, pol in ((_family_sets(wheels, ground_truth[name], column), fam_gt, pol_gt),
                                (_family_sets(wheels, predictions.get(name, ()), column), fam_pred, pol_pred)):
            for family in found:
                fam[row, index[family]] = True
                pol[row, POLARITIES.index(POLARITY.get(family, "other"))] = True
    return FamilyCounts(groups, fam_gt, fam_pred), FamilyCounts(POLARITIES, pol_gt, pol_pred)


def family_scores(wheels: Wheels, predictions: Mapping[str, Sequence[str]],
                  ground_truth: Mapping[str, Sequence[str]], *,
                  wheel: int = 1) -> dict[str, dict[str, dict[str, float | int]]]:
    """``{"families": {family: {p, r, f, n_gt, n_pred}}, "polarity": {...}}`` for one prediction set.

    >>> family_scores(load_wheels("2025"), {"s1": ["angry"]}, {"s1": ["angry", "sad"]})["families"]["mad"]["r"]
    1.0                                                                          # doctest: +SKIP
    """
    fam, pol = family_counts(wheels, predictions, ground_truth, wheel=wheel)
    return {"families": fam.scores(), "polarity": pol.scores()}
