"""Files that would be "scored" 0.00 for a reason that is not the model's quality are refused, with that reason.

A file whose ids match no ground-truth sample, whose labels are in Chinese (the emotion wheels are English), or
whose labels are almost all outside the wheels' vocabulary used to get a score of 0.00 and exit status 0 — and, on the
hub, a place on the board and a scored submission. Each now raises an :class:`InputError` naming what is wrong and
how to fix it: the CLI exits with 2 and the hub rejects the upload without using a scored submission.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .errors import InputError, examples
from .oov import oov_report
from .wheels import Wheels

OOV_REFUSAL = 0.9
"""Share of predicted label occurrences outside the wheels' vocabulary from which a file is refused (the published
OV-MERD baselines drop at most 15 %)."""
CHINESE_REFUSAL = 0.5
"""Share of label occurrences written in Chinese characters from which a file counts as "in Chinese"."""
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def check_ids(names: Sequence[str], ground_truth: Mapping[str, object], source: str) -> None:
    """Refuse a file none of whose ids is a ground-truth sample (wrong column, wrong split, mangled ids)."""
    if names and not any(name in ground_truth for name in names):
        expected = next(iter(ground_truth), "sample_00000000")
        raise InputError(f"none of the {len(names)} prediction ids is a sample of the ground truth (e.g. "
                         f"{examples(list(names))}; the ground truth's ids look like {expected})", file=source,
                         fix="check the id column and that the file is for this benchmark")


def check_labels(labels: Mapping[str, Sequence[str]], wheels: Wheels, source: str) -> list[str]:
    """Refuse labels in Chinese and files whose labels are almost all out of the wheels' vocabulary; a few stray
    Chinese labels (published baselines have up to 4 %) only cost a warning."""
    occurrences = [label for items in labels.values() for label in items]
    chinese = [label for label in occurrences if _HAN.search(label)]
    distinct = list(dict.fromkeys(chinese))
    if occurrences and len(chinese) >= CHINESE_REFUSAL * len(occurrences):
        raise InputError(f"the labels are in Chinese ({len(chinese)} of {len(occurrences)}, e.g. "
                         f"{examples(distinct)}); the emotion wheels are English, so they would all be dropped",
                         file=source, fix="translate the labels to English (e.g. 愤怒 → angry); Chinese descriptions "
                                          "belong in an explanations track")
    warnings = [f"{len(chinese)} Chinese label(s) (e.g. {examples(distinct)}) are not in the English emotion "
                f"wheels and are dropped"] if chinese else []
    report = oov_report(wheels, labels)
    fraction = float(report["fraction"])  # type: ignore[arg-type]
    if report["labels"] and fraction >= OOV_REFUSAL:
        dropped = [str(word) for word, _ in report["top_dropped"]]  # type: ignore[attr-defined]
        raise InputError(f"{fraction:.0%} of the predicted labels are not in the emotion-wheel vocabulary (e.g. "
                         f"{examples(dropped)}): the score would measure the vocabulary, not the model "
                         f"(refused from {OOV_REFUSAL:.0%})", file=source,
                         fix="predict emotion words such as happy, worried, angry — one word per label")
    return warnings
