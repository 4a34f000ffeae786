"""95 % rank ranges for the ranked rows of a board, from one joint paired bootstrap over the clips.

Rows with per-sample results are resampled together (:mod:`emer_eval.ranks`; an entry extracted k times counts as
the mean of its k runs on every resample, like its score); a paper row has only its published
number, so it is held constant on every resample — it still occupies a place among the others, which keeps every
range consistent with the point ranks of the whole board, but it gets no range of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from emer_eval import primary_values, rank_intervals, resample_weights

from .evidence import Evidence


def rank_ranges(rows: Sequence[tuple[str, Evidence | None, float]], primary: str, *, resamples: int = 1000,
                seed: int = 12345) -> dict[str, tuple[int, int]]:
    """``{row id: (best, worst)}`` for the rows that have evidence; ``rows`` are (id, evidence or None, score).

    Seeded and deterministic: the same rows give the same ranges. Rows without evidence keep ``score`` (a fraction,
    or the judge's scale) on every resample.
    """
    sampled = [(i, evidence) for i, (_, evidence, _) in enumerate(rows) if evidence is not None]
    if not sampled:
        return {}
    values = np.empty((resamples, len(rows)))
    values[:] = [score for _, _, score in rows]
    columns = [i for i, _ in sampled]
    values[:, columns] = np.vstack([primary_values([evidence.stats for _, evidence in sampled], primary, weights)
                                    for weights in resample_weights(len(sampled[0][1].names), resamples, seed)])
    intervals = rank_intervals(values)
    return {rows[i][0]: intervals[i] for i in columns}
