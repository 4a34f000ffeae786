"""Out-of-vocabulary report: which predicted labels the official protocol silently dropped, and how many.

The reference code ignores every label that is not a surface form of the emotion wheels ("neutral", misspellings,
phrases). Users must see that, or a low score looks like a bad model instead of a vocabulary mismatch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from .wheels import Wheels


def oov_report(wheels: Wheels, labels: Mapping[str, Sequence[str]], *, top: int = 10) -> dict[str, object]:
    """Share of label occurrences with no entry in the format map, and the most frequent dropped words."""
    dropped: Counter[str] = Counter()
    total = 0
    for sample_labels in labels.values():
        for label in sample_labels:
            total += 1
            if label not in wheels.format_map:
                dropped[label] += 1
    count = sum(dropped.values())
    return {
        "labels": total,
        "dropped": count,
        "fraction": count / total if total else 0.0,
        "top_dropped": [[word, n] for word, n in sorted(dropped.items(), key=lambda item: (-item[1], item[0]))[:top]],
    }
