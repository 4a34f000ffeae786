"""How plainly an emotion shows: predicates of evidence denied, and verbs of carrying that show.

Two shapes of English that say whether an emotion is there to be seen, read by the offline extractor
(:mod:`emer_eval.extract.offline`). Both are general grammar, not word lists chosen by looking at any official label:

* an emotion noun heading its subject is stated by what is said of it ("her anxiety is obvious"), but not when the
  predicate denies that it shows: "her anxiety is not obvious", "his anger is hardly visible", "her fear is never
  shown", "his joy is nowhere to be seen" say the emotion is not (or not clearly) there. Only a denied adjective or
  participle of perceptibility does so; any other denied predicate still states the emotion ("her anxiety is not
  hidden", "his anger is no secret", "her anger is not difficult to see");
* a verb of carrying ("carry", "hold", "bear") or "drip with", whose subject is a feature of the character where an
  emotion shows (voice, tone, words, face, eyes), is a verb of showing when an emotion noun is its object: "his tone
  carries unmistakable bitterness", "her voice holds a deep sadness", "her words drip with contempt" are read as
  "shows". A person carrying or holding something ("the man carries a heavy box") states nothing.

The adjectives of how plainly an emotion shows (:data:`PLAINLY`) and of how far it is held back (:data:`HELD_BACK`)
live here once for the rules that read the words before an emotion noun ("there is *clear* sadness", "reveals
*underlying* resentment").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

__all__ = ["CARRYING", "HELD_BACK", "PERCEPTIBLE", "PLAINLY", "carried", "unseen"]

#: Adjectives of how plainly an emotion shows. Before its noun they say how it shows, never which emotion it is:
#: "there is *clear* sadness in her eyes", "his tone carries *unmistakable* bitterness".
PLAINLY = frozenset("clear obvious evident visible palpable unmistakable noticeable".split())
#: Adjectives of how far an emotion is held back. Held back, it is still the character's: "there is *hidden* anger in
#: his voice", "her sarcasm reveals *underlying* resentment", "with *suppressed* rage".
HELD_BACK = frozenset("underlying hidden latent suppressed repressed simmering concealed veiled".split())

#: Adjectives and participles that say an emotion can be perceived: a negation before one denies that it shows.
PERCEPTIBLE = frozenset("""
    obvious evident visible apparent noticeable clear palpable discernible detectable perceptible audible observable
    present plain manifest recognizable recognisable shown seen heard displayed expressed exhibited revealed
""".split())
# Negations of such a predicate: "not obvious", "hardly visible", "never shown", "nowhere to be seen".
_DENYING = frozenset({"not", "never", "hardly", "barely", "scarcely", "nowhere", "no"})
# Words that may stand between the verb, the negation and the predicate: "is not at all obvious", "is not very
# visible", "is nowhere to be seen", "is not immediately apparent".
_BETWEEN = frozenset({"be", "been", "being", "at", "all", "very", "too", "that", "so", "particularly", "immediately",
                      "entirely", "really", "always", "easily", "readily", "clearly", "quite", "to", "longer", "overly",
                      "especially", "fully", "openly"})
_PREDICATE_REACH = 6  # "is *not* *at* *all* *easily* *visible*"

#: Verbs of carrying, read as "shows" after a feature where an emotion shows.
CARRYING = frozenset("""
    carry carries carried carrying hold holds held holding bear bears bore bearing drip drips dripped dripping
""".split())
_CARRIED_REACH = 4  # "carries *a* *hint* *of* bitterness", "holds *a* *deep* sadness"


def unseen(tokens: Sequence[str], verb: int) -> bool:
    """Whether the predicate after the verb at ``verb`` of a statement whose subject is an emotion noun denies that
    the emotion shows ("her anxiety is *not obvious*", "his fear is *never shown*", "his joy is *nowhere to be
    seen*"): a negation and then a word of perceptibility, with only words of degree or manner between. "not only
    obvious" affirms, and a denied predicate of any other kind ("not hidden", "no secret") states the emotion."""
    denied = tokens[verb].endswith("n't")
    for position in range(verb + 1, min(verb + 1 + _PREDICATE_REACH, len(tokens))):
        token = tokens[position]
        if token in _DENYING:
            if tokens[position + 1:position + 2] == ["only"]:
                return False  # "not only obvious but ..."
            denied = True
        elif token in PERCEPTIBLE:
            return denied
        elif token not in _BETWEEN:
            return False
    return False


def carried(tokens: Sequence[str], index: int, out: Sequence[str], places: Collection[str],
            nouns: Collection[str]) -> tuple[list[str], int] | None:
    """For a verb of carrying at ``index`` right after a feature where an emotion shows (``out`` ends with it: "his
    *tone* carries", "her *voice* holds", "her *words* drip with") and before an emotion noun within a few words: the
    verb of showing it means ("shows"; "drip with" as one) and the index after the verb; None otherwise ("the man
    carries a box", "her voice carries across the room")."""
    if not out or out[-1] not in places:
        return None
    end = index + 1 + (tokens[index].startswith("drip") and tokens[index + 1:index + 2] == ["with"])
    if tokens[index].startswith("drip") and end == index + 1:
        return None  # "drip" shows only with "with"
    if not any(token in nouns for token in tokens[end:end + _CARRIED_REACH]):
        return None
    return ["shows"], end
