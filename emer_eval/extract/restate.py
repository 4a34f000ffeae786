"""Degree phrases, graded answers and negative subjects, restated in ``reshape.reshaped``'s pass over the tokens.

Each helper looks at the token at ``index`` (already known to be one of its trigger words, so most tokens cost
nothing) and returns the tokens to emit instead and the index to go on from, or None when the shape is absent. They
restate general English shapes in a form that the statement and negation rules read
(:mod:`emer_eval.extract.attribution`):

* a degree phrase made of a determiner and a noun of quantity before an adjective ("a bit nervous", "a tad annoyed",
  "a wee bit scared") says how much, like "somewhat"; the noun ("bit", "touch") is no emotion;
* a bracketed note on an answer's confidence, intensity or score ("(high confidence)", "(confidence: 0.8)",
  "(strong)") grades the answer, it names no emotion, so it is left out;
* a rating given as a field or a list item beside the answer ("Emotion: fear, high confidence", "Label: sad |
  Confidence: 0.82", "anxious; certainty: high") grades the answer, so it is left out like a bracketed note;
* a negative subject of a verb of showing ("nothing in the clip suggests", "none of her gestures indicate", "not a
  single clue suggests") denies what is shown, whatever the phrase after the negative word says the evidence is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

#: Nouns of quantity that, after "a", make a degree phrase before an adjective: "a bit", "a tad", "a touch".
DEGREE_NOUNS = frozenset({"bit", "tad", "touch", "trifle", "smidge", "smidgen", "little", "shade"})
# Adjectives of size that may stand inside the degree phrase: "a wee bit", "a tiny bit", "a little bit".
_SIZE = frozenset({"wee", "tiny", "little", "teeny", "small"})
# Words of degree or comparison that may follow a degree phrase instead of the adjective: "a bit more nervous".
_COMPARING = frozenset({"more", "less", "too", "overly", "so", "over"})

#: Nouns that grade an answer rather than name an emotion, in a bracketed note after it.
MEASURE_NOUNS = frozenset({"confidence", "certainty", "intensity", "score", "probability", "likelihood", "strength",
                           "level", "rating", "weight"})
_NOTE_REACH = 8  # tokens a bracketed note may hold: "(confidence: 0.8)" is 5 tokens
_NOTE_PUNCTUATION = frozenset({":", ",", ".", ";", "/", "-", "out", "of"})  # "(score 7 out of 10)", "(0.8)"

#: Negative words that can head a subject: "nothing in the clip", "none of the evidence", "no clue", "not a single
#: clue" (only "not" before an indefinite determiner: "not all clues" denies less than all).
NEGATIVE_SUBJECTS = frozenset({"nothing", "none", "no", "nobody", "not"})
_INDEFINITE = frozenset({"a", "an", "one", "any"})
# What may precede a negative subject at the start of its clause.
_CLAUSE_OPENERS = frozenset({".", "!", "?", ";", ":", ",", "that", "and", "but", "so", "yet", "because"})
_BE = frozenset({"is", "are", "was", "were"})
# Tokens between the negative word and its verb, none of them punctuation: "nothing about the way she talks to her
# colleagues in the meeting suggests" (a subject may hold a clause of its own; a comma or a sentence end stops it).
_SUBJECT_REACH = 14
# "no" that starts no negative subject: "no doubt her face shows joy", "no wonder", "no longer".
_NOT_A_SUBJECT = frozenset({"doubt", "wonder", "longer", "matter", "sooner"})
_PUNCTUATION = frozenset({",", ";", ":", "(", ")", ".", "!", "?"})
# Where a field or a list item starts and ends: a rating stands between these.
_ITEM_OPENERS = frozenset({",", ";", ":", "(", ".", "!", "?"})
_ITEM_CLOSERS = frozenset({",", ";", ")", ".", "!", "?"})
_LINE_ENDS = frozenset({".", "!", "?"})
# Words of a rating scale besides those of degree: "confidence: moderate", "intensity: medium".
_SCALE = frozenset({"moderate", "medium", "average", "fair", "middling"})

IsForm = Callable[[Sequence[str], int], bool]


def degree_phrase(tokens: Sequence[str], index: int, out: list[str], is_form: IsForm,
                  meta: frozenset[str]) -> tuple[list[str], int] | None:
    """For the noun of a degree phrase at ``index`` ("a *bit* nervous", "a wee *bit* scared", "a *tad* annoyed"): the
    token "somewhat" in place of the phrase and the index after the noun, the phrase's "a" (and size word) taken back
    from ``out``. Only before an emotion adjective, a word naming emotion itself (``meta``: "a bit emotional") or a
    word of comparison: "a bit of fear", "a touch of humour" and "a little girl" are no degree phrases."""
    size = 0  # the words between "a" and the noun: "a wee bit", "a tad bit", "a little bit"
    while size < 2 and len(out) > size + 1 and (out[-1 - size] in _SIZE or out[-1 - size] in DEGREE_NOUNS):
        size += 1
    if len(out) <= size or out[-1 - size] not in ("a", "an") or index + 1 >= len(tokens):
        return None
    following = tokens[index + 1]
    # "a little bit nervous": the phrase goes on, its last noun restates it
    if following in DEGREE_NOUNS or (following not in _COMPARING and following not in meta
                                     and not is_form(tokens, index + 1)):
        return None
    del out[len(out) - 1 - size:]
    return ["somewhat"], index + 1


def ever_so(tokens: Sequence[str], index: int) -> tuple[list[str], int] | None:
    """ "ever so slightly annoyed", "ever so happy": "ever so" is a degree word, read as "very" (not as the "so" that
    opens a conclusion: "so her emotional state is fear")."""
    return (["very"], index + 2) if tokens[index + 1:index + 2] == ["so"] else None


def measure_note(tokens: Sequence[str], index: int, is_form: IsForm,
                 degree: frozenset[str]) -> tuple[list[str], int] | None:
    """For a bracket at ``index`` that grades the answer ("(high confidence)", "(confidence: 0.8)", "(intensity:
    strong)", "(score 0.7)", "(strong)"): nothing in its place and the index after it. The note holds only numbers,
    punctuation and words of degree (``degree``), or a measure noun and, besides it, words that name no emotion too;
    so "(fear, high confidence)" and "(the father)" are read as written."""
    end = index + 1
    measured = worded = False  # a measure noun seen; a word seen that is neither a number nor a degree
    while end < len(tokens) and end - index <= _NOTE_REACH and tokens[end] != ")":
        token = tokens[end]
        if token in MEASURE_NOUNS:
            measured = True
        elif not (token.isdigit() or token in _NOTE_PUNCTUATION or token in degree):
            if is_form(tokens, end):
                return None
            worded = True
        end += 1
    if end == index + 1 or end >= len(tokens) or tokens[end] != ")" or not (measured or not worded):
        return None
    return [], end + 1


def rating(tokens: Sequence[str], index: int, out: list[str], grades: frozenset[str]) -> tuple[list[str], int] | None:
    """For a measure noun at ``index`` opening a field or a list item that rates the answer ("Emotion: fear, *high
    confidence*", "Label: sad. *Confidence*: 0.82", "fear; *confidence* 0.9", "*certainty level*: high"): nothing in
    its place and the index after its value, the grade words before it taken back from ``out``. Only where a field or
    an item starts (after a comma, a semicolon, a bracket or a sentence end) and with nothing but numbers and words of
    degree (``grades``) for its value, or alone in a table's cell ("| Emotion | Confidence |"): "she speaks with high
    confidence", "confidence in her voice" are read as written."""
    grades = grades | _SCALE
    graded = len(out)
    while graded > 0 and len(out) - graded < 2 and out[graded - 1] in grades:
        graded -= 1  # "high confidence", "very high confidence"
    if graded > 0 and out[graded - 1] not in _ITEM_OPENERS:
        return None
    end = index + 1
    while end < len(tokens) and tokens[end] in MEASURE_NOUNS:
        end += 1  # "confidence level"
    if end < len(tokens) and tokens[end] in (":", "="):
        end += 1
    valued = end
    while end < len(tokens) and end - index <= _NOTE_REACH and (
            tokens[end].isdigit() or tokens[end] in grades
            or (tokens[end] == "." and tokens[end + 1:end + 2] != [] and tokens[end + 1].isdigit())):
        end += 1  # "0.82" is "0", ".", "82"
    cell = graded == len(out) and graded > 0 and out[-1] in _LINE_ENDS and tokens[end:end + 1] != [] \
        and tokens[end] in _LINE_ENDS  # a column's name: "| Emotion | Confidence |"
    if (end == valued and graded == len(out) and not cell) or (end < len(tokens) and tokens[end] not in _ITEM_CLOSERS):
        return None  # no grade before or value after; or the phrase goes on: "confidence in her voice"
    del out[graded:]
    return [], end


def denied_showing(tokens: Sequence[str], index: int, out: Sequence[str],
                   showing: frozenset[str]) -> tuple[list[str], int] | None:
    """For a negative word opening a clause whose verb is a verb of showing ("*Nothing* in the clip suggests that she
    is afraid", "*None* of her gestures indicate anger", "*No* evidence in the video suggests", "there is *no*
    evidence to suggest"): the tokens "nothing" and the verb, and the index after the verb. The phrase between says
    what the evidence is, and a negative subject denies whatever it shows; said as "nothing suggests ...", the
    negation rules read it."""
    if out and out[-1] not in _CLAUSE_OPENERS and not (len(out) > 1 and out[-2] == "there" and out[-1] in _BE):
        return None  # not a subject ("she shows no fear"); an existential one is: "there is no evidence to suggest"
    if index + 1 >= len(tokens) or tokens[index + 1] in _NOT_A_SUBJECT or (
            tokens[index] == "not" and tokens[index + 1] not in _INDEFINITE):
        return None
    for verb in range(index + 1, min(index + 1 + _SUBJECT_REACH, len(tokens))):
        token = tokens[verb]
        if token in showing:
            return (["nothing", token], verb + 1) if verb > index + 1 else None
        if token in _PUNCTUATION:
            return None
    return None
