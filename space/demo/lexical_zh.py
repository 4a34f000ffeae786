"""Chinese emotion words for the demo's lexical stage, read by the library's shared reader.

Segmentation, the DUTIR lexicon, the core list and negation live in the library (``emer_eval.chinese_terms``; the
offline extractor reads quoted Chinese subtitles with the same rules); this module turns its words into the demo's
:class:`~space.demo.lexical.Term` values and weighs their valence.
"""

from __future__ import annotations

import emer_eval

from .lexical import Term

POSITIVE, NEGATIVE = {"joy", "trust"}, {"anger", "disgust", "fear", "sadness"}


def chinese_terms(text: str) -> list[Term]:
    """Emotion-bearing words in order; a word a negator reaches carries the negated span (``negation``)."""
    return [Term(term.text, term.emotions, term.negation) for term in emer_eval.chinese_terms(text)]


def chinese_valence(terms: list[Term]) -> float:
    """Balance of positive and negative words in [−1, 1]; a negated positive word counts as negative (不开心),
    a negated negative one as nothing (不难过 is not happiness)."""
    if not terms:
        return 0.0
    score = 0.0
    for term in terms:
        positive = bool(set(term.emotions) & POSITIVE)
        negative = bool(set(term.emotions) & NEGATIVE)
        if term.negation:
            score -= positive
        else:
            score += positive - negative
    return round(max(-1.0, min(1.0, score / len(terms))), 3)
