"""The forms the offline extractor can name: the emotion wheels' format map, as a lexicon of token sequences.

Candidates are the surface forms of the format map (the metrics drop anything else). :class:`Lexicon` indexes them by
their first token for a longest match, and derives once per wheels object what the rules need to know of each word:
which forms are emotion nouns (they can head a subject: "her anger is clear"), which "-ly" forms are manner adverbs
of an emotion adjective ("angrily" → "angry") and which only say how much or how sure ("clearly"), the British
spellings of the American forms, the first wheel's feelings, and the words at which the rewrite and attribution
passes need to look at all. Two tests of a word against the lexicon that both passes ask live here too: whether a
word may say how much before a comparative ("far happier"), and whether a comparative starts ("happier", "more").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from emer_eval.extract.frames import NOUN_SUFFIXES
from emer_eval.extract.idioms import IDIOM_STARTS
from emer_eval.extract.vocabulary import (
    APOSTROPHES,
    ATTRIBUTING,
    BEHAVIOUR,
    COPULAS,
    EVIDENCE,
    FILLERS,
    HEADS,
    META,
    NEGATION_FIRST_WORDS,
    PEOPLE,
    PLACE_TIME_ADVERBS,
    RESHAPE_STARTS,
    SETTING,
    TOKEN,
)

if TYPE_CHECKING:
    from emer_eval.wheels import Wheels

__all__ = ["Lexicon", "comparative", "degree_before", "lexicon_for"]

# Words that name emotion itself, people, evidence, the setting, a place or a time are never labels, whatever the
# format map holds (it keeps morphological variants of emotion words, so "person" → personal, "facial" → faced are in
# it).
# "content" stays a candidate: it is also an adjective ("happy and content"), and the statement rules tell "she is
# content" from "the subtitle content".
_NOT_LABELS = (META | PEOPLE | EVIDENCE | SETTING | PLACE_TIME_ADVERBS) - {"content"}

# Endings that derive a participle or an adjective from a noun or a verb: "anger" → "angered", "fear" → "fearful".
_DERIVING_ENDINGS = frozenset({"d", "ed", "ful", "ing", "y"})
# ... of which these make an adjective of a noun ("guilt" → "guilty", "hope" → "hopeful"), not of a verb.
_ADJECTIVE_ENDINGS = frozenset({"ful", "y"})
# The first wheel's level-1 metric: an emotion noun maps to one of its sectors ("expert", "here" do not).
_FIRST_WHEEL_L1 = 2  # index in emer_eval.wheels.EW_METRICS ("W1-L1")
# American "-or" endings that British English writes "-our" (humor, humored, honors).
_AMERICAN_OR = re.compile(r"([^aeiou])or(s|ed|ing|less)?$")


@dataclass(frozen=True)
class Lexicon:
    """The matchable surface forms of one wheels object: for each first token, the forms starting with it as
    ``(length, {token tuple: form})`` pairs, longest first; which one-word forms are nouns naming an emotion ("anger",
    "frustration": they can head a subject) and which are manner adverbs of an emotion adjective ("angrily" →
    "angry")."""

    by_first: Mapping[str, tuple[tuple[int, Mapping[tuple[str, ...], str]], ...]]
    nouns: frozenset[str]
    adverbs: Mapping[str, str]  # manner adverb → the adjective form it is made from
    derived_adverbs: frozenset[str]  # every "-ly" form the format map derives from another form ("clearly")
    feelings: frozenset[str] = frozenset()  # one-word forms on the first wheel: "upset", not "seen" nor "driven"
    reshape_starts: frozenset[str] = frozenset()  # the words that may start a shape ``reshaped`` restates
    mention_starts: frozenset[str] = frozenset()  # the words that may start a form or a negation cue
    # ``reshape_starts`` and the idioms' first words, joined once here rather than for every description with an idiom
    idiom_reshape_starts: frozenset[str] = frozenset()
    felt_nouns: frozenset[str] = frozenset()  # nouns whose participle is a first-wheel feeling: "surprise", "shock"
    form_words: frozenset[str] = frozenset()  # every word of every form: "at", "a" and "loss" of "at a loss"
    stems: frozenset[str] = frozenset()  # forms the format map derives others from: "anger" (angered), "fear" (fearful)
    # "-ed" forms filed under themselves that some wheel places, though not the first: "amused", "bored", "devastated"
    participles: frozenset[str] = frozenset()

    @classmethod
    def build(cls, wheels: Wheels) -> Lexicon:
        format_map = wheels.format_map
        grouped: dict[str, dict[int, dict[tuple[str, ...], str]]] = {}
        for form in format_map:
            tokens = tuple(TOKEN.findall(form.lower().translate(APOSTROPHES)))
            if not tokens or (len(tokens) == 1 and tokens[0] in _NOT_LABELS):
                continue
            # The first spelling wins where two normalise alike ("don't care", "don’t care").
            grouped.setdefault(tokens[0], {}).setdefault(len(tokens), {}).setdefault(tokens, form)
        for word, emotion in BEHAVIOUR.items():  # "tearful": an adjective of behaviour states its emotion
            if word.endswith("ful") and word not in grouped and emotion in format_map:
                grouped[word] = {1: {(word,): emotion}}
        words = {tokens[0]: form for first in grouped.values() for tokens, form in first.get(1, {}).items()}
        for word, form in list(words.items()):  # British spellings of the (American) forms, where not forms already
            british = _british(word)
            if british != word and british not in words:
                grouped.setdefault(british, {}).setdefault(1, {})[(british,)] = form
        # A word filed only under its own adjective in "-y" or "-ful" ("guilt" under "guilty", "hope" under
        # "hopeful", "peace" under "peaceful") is that adjective's noun; one filed under several words ("rest":
        # "restful", "restless") may be anything.
        nouns = frozenset(word for word, form in words.items() if word not in HEADS
                          and (form in format_map[form] or word.endswith(NOUN_SUFFIXES)
                               or _noun_of_adjective(word, format_map[form]))
                          and wheels.targets(form)[_FIRST_WHEEL_L1] is not None)
        # An "-ly" word the format map files under itself ("lonely", "lively") is an adjective, not an adverb.
        adverbs = {word: adjective for word, form in words.items()
                   if word.endswith("ly") and word not in FILLERS and form not in format_map[form]
                   and wheels.targets(form)[_FIRST_WHEEL_L1] is not None
                   and (adjective := next((words[stem] for stem in _adjective_stems(word) if stem in words), None))}
        # An "-ly" word the format map files under another word ("clearly" under "clear"), whose stem is a form too,
        # is that word's adverb; "lonely", "lovely" are filed under themselves: adjectives.
        derived = frozenset(word for word, form in words.items() if word.endswith("ly") and form not in format_map[form]
                            and any(stem in words for stem in _adjective_stems(word)))
        # Longest first, so "at a loss for words" wins over "at a loss" at the same position.
        feelings = frozenset(word for word, form in words.items() if wheels.targets(form)[_FIRST_WHEEL_L1] is not None)
        # Besides the fixed ones, a form that may say how much before a comparative ("far happier") starts a shape.
        reshape_starts = RESHAPE_STARTS | frozenset(first for first in grouped
                                                     if first not in feelings and degree_before(first))
        # "surprise" (filed under "surprised"), whose participle the wheels file under itself as a feeling.
        felt_nouns = frozenset(word for word in words for participle in (word + "d", word + "ed")
                               if participle in feelings and words[participle] in format_map[words[participle]])
        # A form whose group in the format map holds a derivation of it ("anger": "angered", "concern": "concerned",
        # "fear": "fearful") is a noun or a verb; an adjective of feeling ("angry", "upset") derives none there.
        stems = frozenset(word for word, form in words.items() if any(
            other.startswith(word) and other[len(word):] in _DERIVING_ENDINGS for other in format_map[form]))
        return cls({first: tuple(sorted(by_length.items(), reverse=True)) for first, by_length in grouped.items()},
                   nouns, adverbs, derived, feelings, reshape_starts, frozenset(grouped) | NEGATION_FIRST_WORDS,
                   reshape_starts | IDIOM_STARTS, felt_nouns,
                   frozenset(word for first in grouped.values() for forms in first.values() for key in forms
                             for word in key), stems,
                   frozenset(word for word, form in words.items() if word.endswith("ed") and word not in feelings
                             and form in format_map[form]
                             and any(target is not None for target in wheels.targets(form))))

    def starts_form(self, tokens: Sequence[str], start: int) -> bool:
        """Whether a form starts at ``tokens[start]`` (the test the restatements of :mod:`.restate` are given)."""
        return self.match_at(tokens, start) is not None

    def match_at(self, tokens: Sequence[str], start: int) -> tuple[str, int] | None:
        """The longest form starting at ``tokens[start]`` and its length in tokens, if any."""
        for length, forms in self.by_first.get(tokens[start], ()):
            form = forms.get(tuple(tokens[start:start + length]))
            if form is not None:
                return form, length
        return None


def _noun_of_adjective(word: str, filed_under: list[str]) -> bool:
    """Whether the format map files ``word`` only under its own adjective in "-y" or "-ful" ("guilt": ["guilty"],
    "hope": ["hopeful"]): then the word is that adjective's noun, and can head a subject ("her guilt is obvious")."""
    return len(set(filed_under)) == 1 and filed_under[0].startswith(word) \
        and filed_under[0][len(word):] in _ADJECTIVE_ENDINGS


def _british(word: str) -> str:
    """The British spelling of an American one ("agonized" → "agonised", "paralyzed" → "paralysed", "humor" →
    "humour"); the word itself when the rules do not apply (a variant no one writes costs nothing)."""
    return _AMERICAN_OR.sub(r"\1our\2", word.replace("iz", "is").replace("lyz", "lys"))


def _adjective_stems(adverb: str) -> tuple[str, ...]:
    """The adjectives an "-ly" adverb may come from: calmly → calm, angrily → angry, gently → gentle, stoically →
    stoic."""
    stem = adverb[:-2]
    return stem, stem[:-1] + "y" if stem.endswith("i") else stem, adverb[:-1] + "e", adverb[:-4]


# One lexicon per wheels object (load_wheels already caches those per process), shared by every extractor using it.
_LEXICONS: dict[int, tuple[Wheels, Lexicon]] = {}


def lexicon_for(wheels: Wheels) -> Lexicon:
    entry = _LEXICONS.get(id(wheels))
    if entry is None or entry[0] is not wheels:
        entry = _LEXICONS[id(wheels)] = (wheels, Lexicon.build(wheels))
    return entry[1]


def degree_before(token: str) -> bool:
    """Whether a word naming no feeling may say how much before a comparative ("far happier"): not a verb ("feels
    more active", "looked happier", "seems calmer")."""
    return token not in ATTRIBUTING and token not in COPULAS and not token.endswith(("ed", "s", "ing"))


def comparative(lexicon: Lexicon, tokens: list[str], index: int) -> bool:
    """Whether a comparison starts at ``index``: "more", "less" or the "-er" form of a feeling ("happier", "calmer",
    "sadder"; not "anger", "power", "under")."""
    token = tokens[index]
    if token in ("more", "less"):
        return True
    stem = token[:-2]
    return token.endswith("er") and (stem in lexicon.feelings or stem[:-1] + "y" in lexicon.feelings
                                     or token[:-1] in lexicon.feelings
                                     or (stem[-1:] == stem[-2:-1] and stem[:-1] in lexicon.feelings))
