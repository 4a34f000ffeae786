"""Lexical stage: the emotional content of the words — VADER valence and NRC EmoLex emotions, negation-aware.

VADER handles negation, intensifiers and punctuation for valence by itself. The NRC lexicon is a plain word list,
so a negated word ("not happy") is left out of the emotion counts here: its emotion is the one the speaker denies.
Words are looked up as written and, failing that, by their simplemma lemma ("annoyed" → "annoy"). NRC has no
multi-word entries, so a few common emotional idioms ("fed up") are added. English only: other languages get a notice.
NRC EmoLex terms allow research and non-commercial use only.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .types import LexicalClues, Transcript

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
VALENCE_NEUTRAL = 0.05  # VADER's own convention for a neutral compound score
MAX_QUOTE = 300
MAX_EMOTIONS = 3
MAX_WORDS_SHOWN = 4

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)*|[.,;:!?]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class _Term:
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
    """Load VADER, the NRC lexicon and simplemma's English data (~0.2 s) before the first user needs them."""
    analyse_text(Transcript(text="I am not happy", source="subtitle"))


def analyse_text(transcript: Transcript) -> LexicalClues:
    """Valence, emotion-word shares and readable phrases for an English transcript or subtitle."""
    text = transcript.text.strip()
    if not text:
        return LexicalClues(phrases=[], transcript="", valence=0.0, emotions={})
    phrases = [_quote(transcript)]
    if not _is_english(transcript):
        return LexicalClues(phrases=phrases, transcript=text, valence=0.0, emotions={},
                            notices=[_english_only_notice(text)])
    valence = round(float(_vader().polarity_scores(text)["compound"]), 3)
    terms = _terms(_tokens(text))
    counted = [term for term in terms if not term.negation]
    emotions = _shares(counted)
    phrases += _emotion_phrases(counted, emotions)
    phrases.append(_valence_phrase(valence))
    negated = [term.negation for term in terms if term.negation]
    if negated:
        phrases.append(f"negated wording, not counted as emotion ({_quoted(negated)})")
    return LexicalClues(phrases=phrases, transcript=text, valence=valence, emotions=emotions,
                        emotion_words=[(term.text, emotion) for term in counted for emotion in term.emotions])


def _quote(transcript: Transcript) -> str:
    text = transcript.text.strip()
    if len(text) > MAX_QUOTE:
        text = text[:MAX_QUOTE].rsplit(" ", 1)[0] + "…"
    who = "the subtitle reads" if transcript.source == "subtitle" else "the speaker says"
    return f'{who} "{text}"'


def _is_english(transcript: Transcript) -> bool:
    """By the declared language and by the script: a Chinese subtitle tagged "en" must still not read as English."""
    letters = [ch for ch in transcript.text if ch.isalpha()]
    latin = sum(bool(_LATIN.match(ch)) for ch in letters)
    return transcript.language.lower().startswith("en") and latin > len(letters) / 2


def _english_only_notice(text: str) -> str:
    language = "Chinese" if _CJK.search(text) else "non-English"
    return (f"lexical analysis is English-only, so the {language} text was not analysed for emotion words; "
            f"an English subtitle would give word clues")


def _tokens(text: str) -> list[str]:
    """Lower-case words (contractions kept whole) and punctuation, which ends a negation's reach."""
    return _TOKEN.findall(text.lower().replace("’", "'"))


def _negator_length(tokens: list[str], i: int) -> int:
    """How many tokens the negator at ``i`` spans: 2 for "no longer", 1 for "not"/"n't"…, 0 when none."""
    if tokens[i:i + 2] == ["no", "longer"]:
        return 2
    return int(tokens[i] in NEGATORS or tokens[i].endswith("n't"))


def _terms(tokens: list[str]) -> list[_Term]:
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
            terms.append(_Term(" ".join(tokens[i:i + length]), emotions, negation))
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


def _shares(terms: list[_Term]) -> dict[str, float]:
    """Emotion → share of the (non-negated) emotional words carrying it, largest first."""
    if not terms:
        return {}
    counts = Counter(emotion for term in terms for emotion in term.emotions)
    ranked = sorted(counts, key=lambda emotion: (-counts[emotion], NRC_EMOTIONS.index(emotion)))
    return {emotion: round(counts[emotion] / len(terms), 3) for emotion in ranked}


def _emotion_phrases(terms: list[_Term], emotions: dict[str, float]) -> list[str]:
    """One phrase per group of top emotions that share the same words (NRC often tags anger and disgust together)."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for emotion in list(emotions)[:MAX_EMOTIONS]:
        words = tuple(dict.fromkeys(term.text for term in terms if emotion in term.emotions))
        groups.setdefault(words, []).append(emotion)
    return [f"words of {_join(names)} ({_quoted(list(words))})" for words, names in groups.items()]


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _quoted(words: list[str]) -> str:
    shown = ", ".join(f'"{word}"' for word in words[:MAX_WORDS_SHOWN])
    return shown + (", …" if len(words) > MAX_WORDS_SHOWN else "")


def _valence_phrase(valence: float) -> str:
    number = f"{valence:.2f}".replace("-", "\u2212")
    if valence >= VALENCE_NEUTRAL:
        return f"overall positive wording (valence {number})"
    if valence <= -VALENCE_NEUTRAL:
        return f"overall negative wording (valence {number})"
    return f"neutral wording (valence {number})"
