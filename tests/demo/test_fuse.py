"""Fusion and rendering on hand-built cues: grounded labels, stated conflicts, EMER-style sentences from findings."""

from __future__ import annotations

import re

import pytest

from emer_eval import load_wheels
from space.demo import render
from space.demo.fuse import WORDS_ONLY_CAP, family, fuse
from space.demo.types import AcousticClues, Cue, LexicalClues, Transcript, VisualClues


@pytest.fixture(scope="module")
def wheels():
    return load_wheels("2025")


def face(expression: str, share: float = 0.9, frames: int = 6, others: dict[str, float] | None = None,
         extra: tuple[Cue, ...] = ()) -> VisualClues:
    """A face whose ``expression`` wins ``share`` of the frames; ``others`` are background probabilities."""
    probabilities = {name: 0.0 for name in ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")}
    probabilities.update(others or {})
    probabilities[expression] = 0.8
    return VisualClues(findings=(Cue("face", "expression", share, "share", expression), *extra),
                       times=[i * 0.5 for i in range(frames)],
                       expressions={name: [p] * frames for name, p in probabilities.items()}, faces=[1] * frames,
                       dominant=expression)


NO_FACE = VisualClues(findings=(), times=[], expressions={}, faces=[], notices=["no face detected"])
LOUD = AcousticClues(findings=(Cue("voice", "pitch", 182.0, "Hz"), Cue("voice", "level", -10.0, "dBFS", "loud"),
                               Cue("voice", "trend", 3.1, "semitones", "pitch", 2.0, 3.0)),
                     speech=[(0.0, 3.0)], pauses=[])
QUIET = AcousticClues(findings=(Cue("voice", "pitch", 110.0, "Hz"), Cue("voice", "level", -42.0, "dBFS", "quiet")),
                      speech=[(0.0, 3.0)], pauses=[])
STEADY = AcousticClues(findings=(Cue("voice", "pitch", 121.0, "Hz"),), speech=[(0.0, 3.0)], pauses=[])
SILENT = AcousticClues(findings=(), speech=[], pauses=[], notices=["no speech detected in the audio"])


def words(text: str, language: str = "en", **emotions: list[str]) -> LexicalClues:
    """Lexical clues whose emotion words are given per emotion; valence follows their sign."""
    found = [Cue("words", "emotion_word", label=emotion, text=word) for emotion, ws in emotions.items() for word in ws]
    total = len(found)
    negative = sum(cue.label in ("anger", "disgust", "fear", "sadness") for cue in found)
    valence = round((total - 2 * negative) / total, 2) if total else 0.0
    shares = {emotion: len(ws) / total for emotion, ws in emotions.items()} if total else {}
    return LexicalClues(findings=(*found, Cue("words", "valence", valence)), transcript=text, valence=valence,
                        emotions=shares, language=language)


ANGRY_WORDS = words("I am so angry and fed up", anger=["angry", "fed up"])
SAID = Transcript(text="I am so angry and fed up", source="asr", language="en")


def test_smiling_face_with_angry_words_is_a_stated_conflict(wheels):
    fusion = fuse(wheels, face("happy"), LOUD, ANGRY_WORDS)
    labels = {label.label: label for label in fusion.labels}
    assert {"happy", "angry"} <= set(labels)
    assert labels["happy"].sources == ("face", "voice") and "smiles" in labels["happy"].evidence
    assert "words" in labels["angry"].sources and "“angry”" in labels["angry"].evidence
    text = render.explanation(face("happy"), LOUD, ANGRY_WORDS, SAID, fusion)
    assert "The face and the words disagree: the person smiles while the words express anger" in text


def test_neutral_face_with_emotional_words_is_a_stated_conflict(wheels):
    fusion = fuse(wheels, face("neutral"), STEADY, ANGRY_WORDS)
    pairs = {(c.first.source, c.second.source) for c in fusion.conflicts}
    assert pairs == {("face", "words"), ("voice", "words")}
    text = render.explanation(face("neutral"), STEADY, ANGRY_WORDS, SAID, fusion)
    assert "the person keeps a neutral, composed face while the words express anger" in text
    assert "the voice stays calm while the words express anger" in text


def test_a_word_lexicon_hit_alone_is_at_most_half_confident(wheels):
    fusion = fuse(wheels, NO_FACE, SILENT, words("I am furious, angry, mad", anger=["furious", "angry", "mad"]),
                  named=["angry"])
    assert fusion.labels and all(label.sources == ("words",) for label in fusion.labels)
    assert max(label.confidence for label in fusion.labels) <= WORDS_ONLY_CAP


def test_no_emotion_family_without_a_cue(wheels):
    """Background probabilities of the face model are not cues: only the dominant expression and episodes count."""
    fusion = fuse(wheels, face("angry", others={"surprise": 0.46, "disgust": 0.3}), SILENT,
                  words("", ))
    assert [label.label for label in fusion.labels] == ["angry"]
    for label in fusion.labels:
        assert label.cues and label.evidence


def test_voice_supports_but_never_proposes(wheels):
    alone = fuse(wheels, NO_FACE, LOUD, words(""))
    assert alone.labels == ()
    supported = {label.label: label for label in fuse(wheels, face("angry"), LOUD, words("")).labels}
    plain = {label.label: label for label in fuse(wheels, face("angry"), STEADY, words("")).labels}
    assert supported["angry"].sources == ("face", "voice") and supported["angry"].confidence > plain["angry"].confidence
    assert "loudly" in supported["angry"].evidence


def episode(label: str, strength: float) -> Cue:
    return Cue("face", "episode", strength, "probability", label, 1.0, 2.0)


def test_the_voice_counts_against_a_label_of_the_opposite_arousal(wheels):
    """An animated voice supports a smile and weakens a passing sad look; a subdued one does the reverse."""
    animated = {label.label: label for label in fuse(wheels, face("happy", 0.5, extra=(episode("sad", 0.5),)),
                                                     LOUD, words("")).labels}
    quiet = {label.label: label for label in fuse(wheels, face("happy", 0.5, extra=(episode("sad", 0.5),)), QUIET,
                                                  words("")).labels}
    silent = {label.label: label for label in fuse(wheels, face("happy", 0.5, extra=(episode("sad", 0.5),)),
                                                   SILENT, words("")).labels}
    assert set(silent) == {"happy", "sad"}
    assert "sad" not in animated and animated["happy"].sources == ("face", "voice")
    assert animated["happy"].confidence > silent["happy"].confidence
    assert quiet["sad"].confidence > silent["sad"].confidence and quiet["sad"].sources == ("face", "voice")
    assert "voice" not in quiet["happy"].sources and quiet["happy"].confidence < silent["happy"].confidence


def test_labels_do_not_depend_on_wording(wheels, monkeypatch):
    before = fuse(wheels, face("angry"), LOUD, ANGRY_WORDS)
    monkeypatch.setattr(render, "TRENDS", {key: ("X", "Y") for key in render.TRENDS})
    monkeypatch.setattr(render, "FACE_WHOLE", {key: "Z" for key in render.FACE_WHOLE})
    after = fuse(wheels, face("angry"), LOUD, ANGRY_WORDS)
    assert [(label.label, label.confidence, label.sources) for label in before.labels] == \
        [(label.label, label.confidence, label.sources) for label in after.labels]


def test_explanation_never_names_absent_evidence(wheels):
    fusion = fuse(wheels, face("happy"), SILENT, words(""))
    text = render.explanation(face("happy"), SILENT, words(""), Transcript(text="", source="none"), fusion)
    assert "Overall, based on the person's face, we can infer" in text
    assert "In the audio, there is no speech to analyse." in text and "In the text, nothing was said." in text
    nothing = fuse(wheels, NO_FACE, SILENT, words(""))
    text = render.explanation(NO_FACE, SILENT, words(""), Transcript(text="", source="none"), nothing)
    assert "based on" not in text and "too thin to infer" in text


def _parts(text: str) -> dict[str, str]:
    pieces = re.split(r"(?=In the video,|In the audio,|In the text,|Overall,|The \w+ and the \w+ disagree)", text)
    return {piece.split(",")[0].split()[-1]: piece.strip() for piece in pieces if piece.strip()}


@pytest.mark.parametrize("language,text,emotions", [
    ("en", "I am so angry and fed up", {"anger": ["angry", "fed up"]}),
    ("zh", "你又这样做了，我真的很生气，受够了！", {"anger": ["生气", "受够了"]}),
])
def test_each_modality_is_whole_sentences_stating_only_its_findings(wheels, language, text, emotions):
    visual = face("happy", share=0.6, extra=(Cue("face", "movement", 0.05, "eye distances", "brow_raise", 2.0, 2.5),))
    lexical = words(text, language, **emotions)
    transcript = Transcript(text=text, source="subtitle", language=language)
    explanation = render.explanation(visual, LOUD, lexical, transcript, fuse(wheels, visual, LOUD, lexical))
    parts = _parts(explanation)
    assert parts["video"] == ("In the video, the person smiles most of the time. "
                              "Around 0:02, the person raises their eyebrows.")
    for name in ("video", "audio", "text"):
        sentences = re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", parts[name])
        assert all(s[0].isupper() or s[0] == "“" for s in sentences) and parts[name].endswith(".")
        assert "the person" in parts[name] or "their" in parts[name] or "says" in parts[name] or \
            "reads" in parts[name]
    findings = [*visual.findings, *LOUD.findings, *lexical.findings]
    numbers = {f"{abs(c.value):.0f}" for c in findings} | {f"{abs(c.value):.1f}" for c in findings}
    times = {render.clock(t) for c in findings for t in (c.start, c.end) if t is not None}
    audio = parts["audio"]
    for number in re.findall(r"\d+(?:\.\d+)?", re.sub(r"\d:\d\d", "", audio)):
        assert number in numbers, number
    for moment in re.findall(r"\d:\d\d", parts["video"] + audio):
        assert moment in times, moment
    quoted = re.findall(r"“([^”]+)”", parts["text"])
    assert quoted[0] == text and set(quoted[1:]) == {w for ws in emotions.values() for w in ws}


def test_unreliable_words_are_left_out_of_the_text_part(wheels):
    transcript = Transcript(text="Why not draw a way of a joke", source="asr", reliable=False,
                            notices=("the transcript is unreliable",))
    fusion = fuse(wheels, face("happy"), STEADY, words(""))
    text = render.explanation(face("happy"), STEADY, words(""), transcript, fusion)
    assert "could not be transcribed reliably" in text and "joke" not in text


def test_family_uses_the_feeling_wheel_first(wheels):
    assert family(wheels, "happy") == "happy" and family(wheels, "angry") == "angry"
    assert family(wheels, "relaxed") == "peaceful"        # absent from W1/W2: the next wheel that knows it
    assert family(wheels, "no-such-word") == ""


@pytest.mark.parametrize(("said", "quoted"), [("I am so angry and fed up", "“I am so angry and fed up”."),
                                              ("I'm so angry and fed up.", "“I'm so angry and fed up.” "),
                                              ("Really?", "“Really?” "), ("太好了！", "“太好了！” ")])
def test_a_quote_that_ends_a_sentence_takes_no_second_full_stop(said, quoted):
    """Whisper's transcripts end with their own punctuation: the explanation read "… fed up.”." on every clip."""
    text = render.text_part(Transcript(text=said, source="asr", language="en"), words(""))
    assert quoted in text + " " and "”." not in text.replace(quoted, "")
