"""CIDEr-D, the consensus-based caption metric (Vedantam, Zitnick and Parikh, CVPR 2015), on pre-tokenised text.

Why here and not a library: the reference implementation (coco-caption / ``pycocoevalcap``) is unmaintained, pulls
``pycocotools`` and Java for its tokeniser, and only splits on spaces — the numbers below depend on tokens the caller
chooses (for Chinese: one token per character, see :mod:`emer_eval.metrics.text`). The definition, as coco-caption
computes the ``CIDEr`` it reports (which is the paper's CIDEr-D):

- n-grams of orders 1…4; the document frequency ``df(g)`` of an n-gram is the number of *samples* whose references
  contain it, and its weight in a text is ``tf(g) · (ln N − ln max(1, df(g)))`` with N the number of samples — the
  IDF comes from the references of the scored corpus itself, so a one-sample corpus scores 0;
- per order, the similarity of candidate and reference is ``Σ_g min(w_c(g), w_r(g)) · w_r(g) / (‖w_c‖ · ‖w_r‖)``
  (the clipping that makes it "-D"; no division when a norm is 0), times the length penalty
  ``exp(−δ² / 2σ²)`` with σ = 6;
- a sample's score is 10 × the mean over the four orders of the mean over its references; the corpus score is the
  mean over samples.

One quirk is kept for comparability: coco-caption's "length" is the number of bigrams, not of tokens. For texts of at
least one token the difference of lengths is the same; it differs only when one side is empty.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

__all__ = ["MAX_ORDER", "SIGMA", "cider_d"]

MAX_ORDER = 4
SIGMA = 6.0

NGrams = Counter[tuple[str, ...]]
Weights = list[dict[tuple[str, ...], float]]


def _ngrams(tokens: Sequence[str]) -> NGrams:
    return Counter(tuple(tokens[i:i + n]) for n in range(1, MAX_ORDER + 1) for i in range(len(tokens) - n + 1))


def _vector(counts: NGrams, idf: dict[tuple[str, ...], float], log_n: float) -> tuple[Weights, list[float], int]:
    """TF-IDF weights per order, their norms, and the length (number of bigrams, as coco-caption counts it)."""
    weights: Weights = [{} for _ in range(MAX_ORDER)]
    for gram, tf in counts.items():
        weights[len(gram) - 1][gram] = tf * idf.get(gram, log_n)
    norms = [math.sqrt(math.fsum(w * w for w in order.values())) for order in weights]
    length = sum(tf for gram, tf in counts.items() if len(gram) == 2)
    return weights, norms, length


def cider_d(candidates: Sequence[Sequence[str]],
            references: Sequence[Sequence[Sequence[str]]]) -> tuple[float, tuple[float, ...]]:
    """Corpus CIDEr-D and the per-sample scores of tokenised ``candidates`` against their ``references``.

    ``references[i]`` holds the tokenised reference texts of sample ``i`` (at least one each). Scores are on
    coco-caption's scale (×10: an exact match of a distinctive text of four or more tokens scores 10; a shorter one
    has no 3- or 4-grams to match).

    >>> cider_d([list("abcd"), list("wxyz")], [[list("abcd")], [list("wxyq")]])[1][0]
    10.0
    """
    if len(candidates) != len(references) or any(not refs for refs in references):
        raise ValueError("CIDEr-D needs one candidate and at least one reference per sample")
    if not candidates:
        return 0.0, ()
    reference_counts = [[_ngrams(ref) for ref in refs] for refs in references]
    df: Counter[tuple[str, ...]] = Counter(gram for counts in reference_counts
                                           for gram in set().union(*counts))
    log_n = math.log(len(candidates))
    idf = {gram: log_n - math.log(max(1.0, frequency)) for gram, frequency in df.items()}
    per_sample = []
    for candidate, counts in zip(candidates, reference_counts, strict=True):
        vec_c, norm_c, len_c = _vector(_ngrams(candidate), idf, log_n)
        total = [0.0] * MAX_ORDER
        for ref in counts:
            vec_r, norm_r, len_r = _vector(ref, idf, log_n)
            penalty = math.exp(-((len_c - len_r) ** 2) / (2 * SIGMA ** 2))
            for n in range(MAX_ORDER):
                value = math.fsum(min(w, vec_r[n].get(gram, 0.0)) * vec_r[n].get(gram, 0.0)
                                  for gram, w in vec_c[n].items())
                if norm_c[n] and norm_r[n]:
                    value /= norm_c[n] * norm_r[n]
                total[n] += value * penalty
        per_sample.append(10.0 * math.fsum(total) / MAX_ORDER / len(counts))
    return math.fsum(per_sample) / len(per_sample), tuple(per_sample)
