"""Lexical stage: English (VADER, NRC) and Chinese (jieba, DUTIR) emotion words as cues, negation-aware."""

from __future__ import annotations

import pytest

from space.demo import lexical, render
from space.demo.speech import subtitle_transcript
from space.demo.types import LexicalClues, Transcript


def analyse(text: str) -> LexicalClues:
    return lexical.analyse_text(subtitle_transcript(text))


def emotion_words(clues: LexicalClues) -> list[tuple[str, str]]:
    return [(cue.text, cue.label) for cue in clues.findings if cue.name == "emotion_word"]


def negated(clues: LexicalClues) -> list[str]:
    return [cue.text for cue in clues.findings if cue.name == "negated"]


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
    assert ("angry", "anger") in emotion_words(clues) and ("fed up", "anger") in emotion_words(clues)
    shown = render.phrases(clues.findings)
    phrase = next(phrase for phrase in shown if phrase.startswith("words of anger"))
    assert "“angry”" in phrase and "“fed up”" in phrase
    assert "overall negative wording (valence \u22120.64)" in shown


def test_negated_joy_is_not_counted() -> None:
    clues = analyse("I am not happy at all")
    assert "joy" not in clues.emotions
    assert all(emotion != "joy" for _, emotion in emotion_words(clues))
    assert clues.valence < render.VALENCE_NEUTRAL
    assert negated(clues) == ["not happy"]


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
    shown = render.phrases(analyse("What a wonderful day!").findings)
    assert any(phrase.startswith("overall positive wording") for phrase in shown)
    neutral = analyse("The table is in the kitchen")
    assert neutral.valence == 0 and "overall neutral wording (valence 0.00)" in render.phrases(neutral.findings)


def test_unreliable_words_are_not_read() -> None:
    clues = lexical.analyse_text(Transcript(text="I am so angry", source="asr", reliable=False))
    assert clues.findings == () and clues.emotions == {}


# --- Chinese ---------------------------------------------------------------------------------------------------------


def chinese(text: str) -> LexicalClues:
    return lexical.analyse_text(subtitle_transcript(text))


def test_chinese_anger_is_found_with_jieba_and_the_lexicon() -> None:
    clues = chinese("你又这样做了，我真的很生气，受够了！")
    assert clues.language == "zh" and top_emotions(clues) == {"anger"}
    assert ("生气", "anger") in emotion_words(clues) and clues.valence < 0


def test_chinese_joy_inside_a_compound_word() -> None:
    clues = chinese("我今天非常高兴，因为我们赢了比赛。")  # jieba keeps 非常高兴 whole; its sub-word 高兴 is read
    assert emotion_words(clues) == [("高兴", "joy")] and clues.valence > 0


@pytest.mark.parametrize("text, denied, span", [
    ("我一点也不开心。", "joy", "不开心"),
    ("我没有生气", "anger", "没有生气"),
    ("别担心，没事的", "fear", "别担心"),
    ("他并不难过", "sadness", "不难过"),
])
def test_chinese_negation(text: str, denied: str, span: str) -> None:
    clues = chinese(text)
    assert denied not in clues.emotions and negated(clues) == [span]


def test_chinese_negation_stops_at_the_clause() -> None:
    clues = chinese("我不累，我很高兴")
    assert "joy" in clues.emotions


def test_traditional_characters_are_read_as_simplified() -> None:
    clues = chinese("我真的很生氣")
    assert clues.transcript == "我真的很生气" and "anger" in clues.emotions


def test_a_sentence_without_emotion_words_gives_none() -> None:
    clues = chinese("我哪知道啊！我，我，我也没有这方面的经验。")
    assert clues.emotions == {} and emotion_words(clues) == []


def test_other_languages_get_a_notice() -> None:
    clues = lexical.analyse_text(Transcript(text="Je suis très en colère", language="fr", source="subtitle"))
    assert clues.emotions == {} and "neither English nor Chinese" in clues.notices[0]


def test_nothing_said_gives_nothing() -> None:
    clues = lexical.analyse_text(Transcript(text="  ", source="none"))
    assert clues == LexicalClues(findings=(), transcript="", valence=0.0, emotions={})
