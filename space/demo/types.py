"""The typed values that flow between the demo's stages (decode → visual / speech → acoustic / lexical → fuse).

Each stage is a function from some of these to one of these, so every stage can be tested alone on a generated clip.
Times are seconds from the start of the clip. ``notices`` carry user-facing explanations of what could not be done
(no face, no audio track, …) — a stage never raises on a user's clip, it returns what it could and says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

EXPRESSIONS = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
"""The 7 output classes of the FER model, in its output order."""


@dataclass(frozen=True)
class Clip:
    """A decoded upload: frames at ~2 fps (RGB uint8, longest side ≤ 640 px) and 16 kHz mono float32 audio."""

    frames: list[np.ndarray]
    frame_times: list[float]
    audio: np.ndarray | None  # None when the file has no audio track
    duration: float
    width: int  # of the original video
    height: int
    sample_rate: int = 16_000
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Transcript:
    """What was said: the user's subtitle or speech-to-text, with word timings when they come from ASR."""

    text: str
    words: tuple[Word, ...] = ()
    language: str = "en"
    source: str = "asr"  # "subtitle" | "asr" | "none"
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class VisualClues:
    """Facial evidence over time and the readable phrases derived from it."""

    phrases: list[str]
    times: list[float]  # one per analysed frame
    expressions: dict[str, list[float]]  # EXPRESSIONS → probability per frame (NaN where no face)
    faces: list[int]  # faces detected per frame
    cues: dict[str, list[float]] = field(default_factory=dict)  # e.g. mouth_open, smile, brow_raise, brow_knit
    dominant: str | None = None  # the dominant facial expression over the clip
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AcousticClues:
    """Prosody relative to the speaker's own baseline: speech, pauses, pitch, energy, rate."""

    phrases: list[str]
    speech: list[tuple[float, float]]  # speech segments
    pauses: list[tuple[float, float]]  # silences inside the speech
    pitch_times: list[float] = field(default_factory=list)
    pitch_hz: list[float] = field(default_factory=list)  # NaN where unvoiced
    energy_times: list[float] = field(default_factory=list)
    energy_db: list[float] = field(default_factory=list)
    speaking_rate: float | None = None  # words per second of speech
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LexicalClues:
    """Emotional content of the words: valence, emotion word counts, and readable phrases (negation-aware)."""

    phrases: list[str]
    transcript: str
    valence: float  # VADER compound score in [-1, 1]
    emotions: dict[str, float]  # NRC emotion → share of emotional words
    emotion_words: list[tuple[str, str]] = field(default_factory=list)  # (word, emotion) as found in the text
    notices: list[str] = field(default_factory=list)
