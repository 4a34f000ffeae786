"""Reference rows: what trivial guesses score on a track, computed by the hub from its ground truth and metric.

Why: the set-level EW metrics reward long label lists. Predicting the same few frequent labels for every clip beats
several published models, and a board without these rows hides that. Three guesses, each the same for every clip:

* the empty prediction (the floor: every sample scores 0);
* the six basic emotions (happy, sad, angry, surprised, fearful, disgusted);
* the k most frequent ground-truth labels (among those the wheels map), with k chosen to maximise the track's
  primary score — the best constant answer of this form, so a model below it has learnt less than the label
  distribution.

They are never typed in: :func:`reference_entries` scores them with ``emer_eval`` like any submission, so they follow
the ground truth and the metric. On a private track the top-k row states k and its score but never the labels.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Mapping, Sequence
from typing import Any

import emer_eval

from .evidence import Evidence, build_evidence
from .scores import read_scores

BASIC_EMOTIONS = ("happy", "sad", "angry", "surprised", "fearful", "disgusted")
MAX_K = 30
"""Top-k is searched for k = 1 … MAX_K (fewer when the ground truth has fewer distinct labels)."""
EMPTY, BASIC = "Empty prediction", "Six basic emotions"


def top_k_name(k: int) -> str:
    return f"Top-{k} frequent labels"


NAMES = (EMPTY, BASIC, *(top_k_name(k) for k in range(1, MAX_K + 1)))
"""Every name a reference row can have: no submission may look like one (the portal compares names with them)."""


def frequent_labels(gt: Mapping[str, Sequence[str]], vocabulary: Container[str] | None = None) -> list[str]:
    """Ground-truth labels by the number of samples they occur in (descending), ties alphabetical.

    With ``vocabulary``, labels outside it (labels the protocol maps to no wheel word can never score) are left out.
    """
    counts = Counter(label for labels in gt.values() for label in set(labels)
                     if vocabulary is None or label in vocabulary)
    return [label for label, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _entry(key: str, name: str, description: str, track: str, result: emer_eval.Result,
           labels: Sequence[str], evidence: Evidence, private: bool) -> dict[str, Any]:
    return {
        "id": f"reference/{track}/{key}", "track": track, "user": "", "status": "reference", "source": "reference",
        "visibility": "visible",
        "metadata": {"model_name": name, "organisation": "reference (computed by the hub)", "link": "",
                     "modalities": [], "open_weights": None, "description": description,
                     "training_data": [], "training_notes": "", "zero_shot": None},
        "scores": result.scores(), "oov": result.oov, "signature": str(result.signature), "created_at": None,
        "scored_at": None, "reference": {"labels": [] if private else list(labels), "k": len(labels)},
        "evidence": evidence,
    }


def reference_entries(track_id: str, gt: Mapping[str, Sequence[str]], *, wheels: str, primary: str,
                      private: bool, data_dirs: tuple[str, ...] | None = None,
                      family_wheel: int = 1) -> list[dict[str, Any]]:
    """The three reference rows of a label-scored track, shaped like store records (``source: "reference"``)."""

    def scored(labels: Sequence[str]) -> tuple[emer_eval.Result, Evidence]:
        constant = {name: list(labels) for name in gt}
        result = emer_eval.score(constant, gt, wheels=wheels, data_dirs=data_dirs, bootstrap=0)
        return result, build_evidence(constant, gt, wheels, data_dirs, family_wheel)

    empty, empty_evidence = scored(())
    basic, basic_evidence = scored(BASIC_EMOTIONS)
    wheel_set = emer_eval.load_wheels(wheels, data_dirs)
    scorable = {label for labels in gt.values() for label in labels
                if any(target is not None for target in wheel_set.targets(label))}
    ranked = frequent_labels(gt, scorable)
    best: tuple[float, int, emer_eval.Result, Evidence] | None = None
    for k in range(1, min(MAX_K, len(ranked)) + 1):
        result, evidence = scored(ranked[:k])
        value = read_scores(result.scores()).value(primary)
        if best is None or value > best[0]:  # strictly better: the smallest k wins a tie
            best = (value, k, result, evidence)
    rows = [
        _entry("empty", EMPTY, "No label for any clip: the floor of every metric.", track_id, empty,
               (), empty_evidence, private),
        _entry("basic-six", BASIC, "The same six labels for every clip: "
               + ", ".join(BASIC_EMOTIONS) + ".", track_id, basic, BASIC_EMOTIONS, basic_evidence, private),
    ]
    if best is not None:
        _, k, result, evidence = best
        shown = "" if private else f": {', '.join(ranked[:k])}"
        rows.append(_entry("top-k", top_k_name(k),
                           f"The {k} most frequent ground-truth labels for every clip{shown} (k = {k} maximises "
                           f"{primary} among k = 1–{min(MAX_K, len(ranked))}).", track_id, result, ranked[:k],
                           evidence, private))
    return rows
