"""Common English idioms of feeling whose words are not emotion-wheel forms, each read as the wheel word it means.

"She is on edge", "he is over the moon", "they are in high spirits" state an emotion although none of their words is
on the wheels. The offline extractor (:mod:`emer_eval.extract.offline`) replaces each idiom by the wheel word of its
meaning before its statement rules run, so the idiom is read with the same grammar as that word: "she is not on edge"
is denied, "her friend is over the moon" is someone else's state, "she may be on edge" is hedged and kept.

The table is small and closed. Each meaning is the idiom's sense in a general English dictionary (Cambridge, Merriam-
Webster, Oxford Learner's), rendered by the wheel word that says the same thing; no entry was chosen or mapped by
looking at any official label. Idioms whose sense is no single feeling ("beside herself" alone: any extreme emotion)
are left out (with an emotion after it, "beside herself with worry", the idiom frames that emotion and is read so),
as are idioms already made of wheel forms ("fed up", "at ease", "scared stiff", "heartbroken").
``<her>`` stands for any possessive ("at his wits' end", "at one's wits' end").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["IDIOMS", "IDIOM_ENDS", "IDIOM_STARTS", "idiom_at"]

_POSSESSIVE_SLOT = "<her>"
_POSSESSIVES = frozenset({"her", "his", "their", "my", "your", "our", "one's"})

#: Idiom (its tokens, lower case, apostrophes dropped as the tokenizer drops a trailing one) → the tokens it is read as.
#: A predicate idiom becomes its adjective ("is on edge" → "is nervous"); a verb idiom becomes "feels" and the
#: adjective ("shakes like a leaf" → "feels frightened"), which the statement rules read like any verb of feeling.
IDIOMS: Mapping[tuple[str, ...], tuple[str, ...]] = {
    tuple(phrase.split()): tuple(meaning.split()) for phrase, meaning in (
        ("on edge", "nervous"),                           # nervous, unable to relax
        ("at peace", "peaceful"),                         # calm and free from worry
        ("on pins and needles", "anxious"),               # nervous and anxious while waiting
        ("in seventh heaven", "elated"),                  # extremely happy
        ("in a funk", "dejected"),                        # (informal) in a sad, depressed state
        ("a bundle of nerves", "nervous"),                # a very nervous person
        ("on tenterhooks", "anxious"),                    # nervously waiting for something
        ("at <her> wits end", "desperate"),               # so worried or upset one no longer knows what to do
        ("at <her> wit's end", "desperate"),
        ("at the end of <her> tether", "exasperated"),    # having no patience left
        ("at the end of <her> rope", "exasperated"),
        ("in high spirits", "cheerful"),                  # lively and cheerful
        ("in good spirits", "cheerful"),
        ("in low spirits", "dejected"),                   # sad, without hope
        ("in a good mood", "happy"),                      # feeling happy and friendly
        ("in a great mood", "happy"),
        ("in a bad mood", "irritated"),                   # feeling annoyed or angry
        ("in a foul mood", "irritated"),
        ("in a huff", "annoyed"),                         # offended and annoyed
        ("down in the dumps", "sad"),                     # unhappy
        ("down in the mouth", "sad"),
        ("over the moon", "delighted"),                   # extremely pleased and happy
        ("on cloud nine", "elated"),                      # extremely happy
        ("on top of the world", "elated"),
        ("walking on air", "elated"),
        ("tickled pink", "delighted"),                    # very pleased
        ("hot under the collar", "annoyed"),              # annoyed or angry
        ("worked up", "agitated"),                        # upset, excited or angry
        ("freaked out", "frightened"),                    # suddenly very frightened or upset
        ("ticked off", "annoyed"),                        # annoyed
        ("cut up", "upset"),                              # (British, informal) very upset
        ("choked up", "touched"),                         # so moved by emotion one can hardly speak
        ("shaking like a leaf", "feels frightened"),      # trembling with fear or nerves
        ("shakes like a leaf", "feels frightened"),
        ("shook like a leaf", "feels frightened"),
        ("sees red", "feels angry"),                      # suddenly becomes very angry
        ("saw red", "feels angry"),
        ("lose <her> temper", "feel angry"),              # suddenly become angry
        ("loses <her> temper", "feels angry"),
        ("lost <her> temper", "feels angry"),
        ("losing <her> temper", "feeling angry"),
        ("on the verge of losing <her> temper", "angry"),  # about to become angry: already irritated
        ("on the brink of losing <her> temper", "angry"),
        ("lose <her> patience", "feel impatient"),        # become unable to stay calm while waiting or enduring
        ("loses <her> patience", "feels impatient"),
        ("lost <her> patience", "feels impatient"),
        ("losing <her> patience", "feeling impatient"),
        ("losing patience", "feeling impatient"),
        ("lose <her> cool", "feel angry"),                # suddenly become angry or upset
        ("loses <her> cool", "feels angry"),
        ("lost <her> cool", "feels angry"),
        ("losing <her> cool", "feeling angry"),
        ("long face", "sad face"),                        # "a long face": an unhappy or disappointed expression
        *((f"{verb} for joy", f"{verb} with joy")         # extremely happy and excited
          for verb in ("jump", "jumps", "jumped", "jumping", "leap", "leaps", "leaped", "leapt", "leaping")),
        ("on the verge of tears", "sad"),                 # about to cry: upset, sad
        ("on the brink of tears", "sad"),
        ("close to tears", "sad"),
    )
}

#: Idioms that name no feeling themselves but frame the one named after them, dropped so that the frame rules read it:
#: "beside oneself with <emotion>" is being in a state of that emotion ("he is beside himself with worry" → "he is
#: with worry", which the rules read as "in tears", "with excitement"); "beside herself" alone names no single
#: feeling and then says nothing.
_FRAMING: Mapping[tuple[str, ...], tuple[str, ...]] = {
    ("beside", reflexive): () for reflexive in ("himself", "herself", "themselves", "myself", "yourself", "ourselves")
}

#: First tokens of the idioms: the cheap test the extractor makes before looking one up.
IDIOM_STARTS: frozenset[str] = frozenset(phrase[0] for phrase in (*IDIOMS, *_FRAMING))
#: Last tokens of the idioms: a description holding none of them holds no idiom, and is not searched for one.
IDIOM_ENDS: frozenset[str] = frozenset(phrase[-1] for phrase in (*IDIOMS, *_FRAMING))


def _spelled(phrase: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The phrase with its possessive slot filled by every possessive (itself when it has none)."""
    if _POSSESSIVE_SLOT not in phrase:
        return [phrase]
    return [tuple(possessive if word == _POSSESSIVE_SLOT else word for word in phrase)
            for possessive in sorted(_POSSESSIVES)]


# The idioms by their first two words (every idiom has two or more), longest first: one dictionary look per word
# that starts an idiom, and a slice comparison only when two words match.
_BY_PAIR: dict[tuple[str, str], list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _phrase, _meaning in (*IDIOMS.items(), *_FRAMING.items()):
    for _spelling in _spelled(_phrase):
        _BY_PAIR.setdefault((_spelling[0], _spelling[1]), []).append((_spelling, _meaning))
for _entries in _BY_PAIR.values():
    _entries.sort(key=lambda entry: -len(entry[0]))


def idiom_at(tokens: Sequence[str], index: int) -> tuple[list[str], int] | None:
    """The tokens an idiom starting at ``tokens[index]`` is read as and the index after it, or None."""
    for phrase, meaning in _BY_PAIR.get((tokens[index], tokens[index + 1]) if index + 1 < len(tokens) else ("", ""),
                                        ()):
        if tuple(tokens[index:index + len(phrase)]) == phrase:
            return list(meaning), index + len(phrase)
    return None
