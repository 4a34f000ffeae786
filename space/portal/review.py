"""Submissions too good to be a model's: held for an admin before they are ranked.

Uploading the public ground truth (or a copy of it with a few labels changed) used to score 1.0 and rank first with
no one looking. A submission is held when its primary score is at or above the track's review threshold (0.95 by
default for fraction-scaled metrics; a track on another scale sets its own, or none), or when its labels equal the
ground truth on at least 90 % of the clips. A held entry is stored, scored and listed for admins, but not shown on
the board until an admin restores it (``python -m space moderate <id> restore``) — or hides it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..leaderboard.scores import read_scores
from ..tracks import Track

SAME_AS_TRUTH = 0.9
"""Share of clips whose predicted label set equals the ground truth's from which a file is held."""


def same_as_truth(labels: Mapping[str, Sequence[str]] | None, truth: Mapping[str, Sequence[str]]) -> float:
    """Share of ground-truth clips whose predicted label set is exactly the ground truth's (case-insensitive)."""
    if not labels or not truth:
        return 0.0
    same = sum(1 for name, gold in truth.items()
               if name in labels and {x.lower() for x in labels[name]} == {x.lower() for x in gold})
    return same / len(truth)


def hold_reason(track: Track, metrics: Mapping[str, Any], labels: Mapping[str, Sequence[str]] | None,
                truth: Mapping[str, Any]) -> str | None:
    """Why this submission must wait for an admin, or None."""
    primary = read_scores(metrics).value(track.primary, track.scale)  # the number the board will rank by
    if track.review_above is not None and primary >= track.review_above:  # NaN (no primary) is never held for it
        return (f"held for review: {track.primary} {primary:.4f} is at or above {track.review_above:g}, which "
                f"models do not reach; an admin will check it before it is ranked")
    share = same_as_truth(labels, truth) if track.input == "labels" else 0.0
    if share >= SAME_AS_TRUTH:
        return (f"held for review: the labels equal the ground truth on {share:.0%} of the clips; an admin will "
                f"check it before it is ranked")
    return None
