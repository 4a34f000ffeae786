"""Lexical stage: VADER valence and NRC emotion words, with negation, lemmas, idioms and the English-only notice."""

from __future__ import annotations

import pytest

from space.demo import lexical
from space.demo.speech import subtitle_transcript
from space.demo.types import LexicalClues, Transcript


def analyse(text: str) -> LexicalClues:
    return lexical.analyse_text(subtitle_transcript(text))


def top_emotions(clues: LexicalClues) -> set[str]:
    best = max(clues.emotions.values(), default=0.0)
    return {emotion for emotion, share in clues.emotions.items() if share == best and best > 0}


@pytest.fixture(autouse=True)
def no_raw_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """NRCLex.load_raw_text needs NLTK corpora from the network: the stage must never call it."""
    from nrclex import NRCLex

    def forbidden(self: object, text: str) -> None:
        raise AssertionError("load_raw_text needs NLTK downloads")

    monkeypatch.setattr(NRCLex, "load_raw_text", forbidden)


def test_anger_and_negative_valence() -> None:
    clues = analyse("I am so angry and fed up")
    assert "anger" in top_emotions(clues)
    assert clues.valence < -0.3
    assert ("angry", "anger") in clues.emotion_words and ("fed up", "anger") in clues.emotion_words
    phrase = next(phrase for phrase in clues.phrases if phrase.startswith("words of anger"))
    assert '"angry"' in phrase and '"fed up"' in phrase
    assert "overall negative wording (valence \u22120.64)" in clues.phrases


def test_negated_joy_is_not_counted() -> None:
    clues = analyse("I am not happy at all")
    assert "joy" not in clues.emotions
    assert all(emotion != "joy" for _, emotion in clues.emotion_words)
    assert clues.valence < lexical.VALENCE_NEUTRAL
    assert any('"not happy"' in phrase for phrase in clues.phrases)


@pytest.mark.parametrize("text, denied", [
    ("I don't feel very happy", "joy"),
    ("I am no longer afraid", "fear"),
    ("Never angry with you", "anger"),
    ("I'm not fed up", "anger"),
    ("She left without anger", "anger"),
])
def test_negation_reaches_a_few_words(text: str, denied: str) -> None:
    assert denied not in analyse(text).emotions


def test_negation_stops_at_the_clause() -> None:
    clues = analyse("I am not angry, I am happy")
    assert "joy" in clues.emotions and "anger" not in clues.emotions
    far = analyse("I did not go there because my friend was angry")  # "angry" is 6 words past "not"
    assert "anger" in far.emotions


def test_lemmas_find_inflected_words() -> None:
    assert "anger" in analyse("He annoyed everyone").emotions  # NRC lists "annoy", not "annoyed"
    assert "sadness" in analyse("She cried").emotions


def test_shares_are_per_emotional_word() -> None:
    clues = analyse("I love you but I hate him")  # two emotional words: each emotion is a share of 2
    assert clues.emotions["joy"] == pytest.approx(0.5) and clues.emotions["anger"] == pytest.approx(0.5)
    assert list(clues.emotions) == sorted(clues.emotions, key=lambda e: -clues.emotions[e])


def test_positive_and_neutral_valence_phrases() -> None:
    assert any(phrase.startswith("overall positive wording") for phrase in analyse("What a wonderful day!").phrases)
    neutral = analyse("The table is in the kitchen")
    assert neutral.valence == 0 and "neutral wording (valence 0.00)" in neutral.phrases


def test_the_words_are_quoted_by_source() -> None:
    clues = analyse("I am so angry and fed up")
    assert clues.transcript == "I am so angry and fed up"
    assert clues.phrases[0] == 'the subtitle reads "I am so angry and fed up"'
    spoken = lexical.analyse_text(Transcript(text="I am happy", source="asr"))
    assert spoken.phrases[0] == 'the speaker says "I am happy"'


def test_chinese_subtitle_gets_the_english_only_notice() -> None:
    clues = analyse("我今天真的很生气，受够了")
    assert clues.emotions == {} and clues.emotion_words == [] and clues.valence == 0
    assert len(clues.notices) == 1 and "English-only" in clues.notices[0] and "Chinese" in clues.notices[0]
    mislabelled = lexical.analyse_text(Transcript(text="我今天真的很生气", language="en", source="subtitle"))
    assert mislabelled.emotions == {} and "English-only" in mislabelled.notices[0]


def test_other_declared_language_gets_the_notice() -> None:
    clues = lexical.analyse_text(Transcript(text="Je suis très en colère", language="fr", source="subtitle"))
    assert clues.emotions == {} and "non-English" in clues.notices[0]


def test_nothing_said_gives_nothing() -> None:
    clues = lexical.analyse_text(Transcript(text="  ", source="none"))
    assert clues == LexicalClues(phrases=[], transcript="", valence=0.0, emotions={})
