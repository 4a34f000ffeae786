"""Fusion on synthetic clues: labels from evidence, families from the wheels, conflicts stated, EMER structure."""

import pytest

from emer_eval import load_wheels
from space.demo.fuse import compose, family
from space.demo.types import AcousticClues, LexicalClues, Transcript, VisualClues


@pytest.fixture(scope="module")
def wheels():
    return load_wheels("2025")


def face(happy=0.0, angry=0.0, frames=4, dominant=None):
    probs = {"angry": angry, "disgust": 0.0, "fear": 0.0, "happy": happy, "sad": 0.0, "surprise": 0.0,
             "neutral": max(0.0, 1 - happy - angry)}
    return VisualClues(phrases=["a smiling face throughout"] if happy > 0.5 else ["a tense face"],
                       times=[i * 0.5 for i in range(frames)],
                       expressions={k: [v] * frames for k, v in probs.items()}, faces=[1] * frames,
                       dominant=dominant)


VOICE = AcousticClues(phrases=["the voice is loud and tense"], speech=[(0.0, 3.0)], pauses=[])
ANGRY_WORDS = LexicalClues(phrases=['the speaker says "I am so angry and fed up"', 'words of anger ("angry", "fed up")'],
                           transcript="I am so angry and fed up",
                           valence=-0.8, emotions={"anger": 0.6, "disgust": 0.2})
SAID = Transcript(text="I am so angry and fed up", source="asr")


def test_smiling_face_with_angry_words_is_a_stated_conflict(wheels):
    fusion = compose(wheels, face(happy=0.9, dominant="happy"), VOICE, ANGRY_WORDS, SAID, said=["angry"])
    names = [label.label for label in fusion.labels]
    assert "happy" in names and "angry" in names
    assert fusion.conflicts and "the face looks happy while the words express anger" in fusion.conflicts[0]
    text = fusion.explanation
    assert text.startswith("In the video, a smiling face throughout.")
    assert "In the audio, the voice is loud and tense." in text
    assert 'In the text, the speaker says "I am so angry and fed up"; words of anger' in text
    assert text.count("I am so angry and fed up") == 1
    assert "Based on the facial expression, the voice and the words, the clues conflict" in text
    assert text.rstrip().endswith(".") and "we can infer that the person feels" in text


def test_labels_are_wheel_words_with_families_and_ordered_confidences(wheels):
    fusion = compose(wheels, face(angry=0.8, dominant="angry"), VOICE, ANGRY_WORDS, SAID, said=["angry"])
    assert fusion.labels[0].label == "angry" and fusion.labels[0].family == "angry"
    assert all(label.label in wheels.format_map for label in fusion.labels)
    confidences = [label.confidence for label in fusion.labels]
    assert confidences == sorted(confidences, reverse=True) and all(0 < c <= 1 for c in confidences)
    assert not fusion.conflicts


def test_missing_modalities_are_said_not_invented(wheels):
    nothing = VisualClues(phrases=[], times=[], expressions={}, faces=[], notices=["no face detected"])
    silent = AcousticClues(phrases=["no speech detected"], speech=[], pauses=[])
    blank = LexicalClues(phrases=[], transcript="", valence=0.0, emotions={})
    fusion = compose(wheels, nothing, silent, blank, Transcript(text="", source="none"))
    assert "In the video, no facial clues could be read." in fusion.explanation
    assert "In the audio, no speech detected." in fusion.explanation
    assert "In the text, nothing was said." in fusion.explanation
    assert "Based on the little evidence available" in fusion.explanation    # silence is not "the voice"


def test_family_uses_the_feeling_wheel_first(wheels):
    assert family(wheels, "happy") == "happy" and family(wheels, "angry") == "angry"
    assert family(wheels, "relaxed") == "peaceful"        # absent from W1/W2: the next wheel that knows it
    assert family(wheels, "no-such-word") == ""
