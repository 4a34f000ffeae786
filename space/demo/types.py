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


SOURCES = ("face", "voice", "words")
"""Where a cue (and so a label's evidence) comes from."""


@dataclass(frozen=True)
class Cue:
    """One observation of a stage: what (``name``, ``label``), how much (``value`` in ``unit``), when and from where.

    Stages return cues; :mod:`space.demo.fuse` reasons over them and :mod:`space.demo.render` alone turns them into
    English, so a reworded sentence can never change a label. Names by source —
    face: ``expression`` (label = FER class, value = share of frames with a face, for the whole clip),
    ``episode`` (another expression for a while; value = its mean probability there), ``movement`` (label =
    mouth_open | smile | brow_raise | brow_knit | eye_open, value = signed change from the person's own start);
    voice: ``pitch`` (median Hz), ``pause`` (value = seconds), ``trend`` (label = pitch | rate | energy, value =
    semitones | ratio | dB, end part against the start), ``range`` (label = flat | wide, semitones), ``level``
    (label = loud | quiet, dBFS), ``rate`` (label = fast | slow | steady, value in ``unit``), ``highlight``
    (label = energy | pitch, value above the speaker's median);
    words: ``emotion_word`` (label = emotion, text = the word as written), ``negated`` (text = the negated span,
    label = the emotion denied), ``valence`` (value in [−1, 1]).
    """

    source: str
    name: str
    value: float = 0.0
    unit: str = ""
    label: str = ""
    start: float | None = None
    end: float | None = None
    text: str = ""


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Transcript:
    """What was said: the user's subtitle or speech-to-text, with timed stretches of it (``words``: Whisper's
    segments, a few words each) when they come from ASR.

    ``reliable`` is False when the words must not be used (another language than chosen, or Whisper unsure).
    """

    text: str
    words: tuple[Word, ...] = ()
    language: str = "en"
    source: str = "asr"  # "subtitle" | "asr" | "none"
    notices: tuple[str, ...] = ()
    language_detected: str = ""
    reliable: bool = True


@dataclass(frozen=True)
class VisualClues:
    """Facial evidence over time: per-frame series and the cues read from them."""

    findings: tuple[Cue, ...]
    times: list[float]  # one per analysed frame
    expressions: dict[str, list[float]]  # EXPRESSIONS → probability per frame (NaN where no face)
    faces: list[int]  # faces detected per frame
    cues: dict[str, list[float]] = field(default_factory=dict)  # e.g. mouth_open, smile, brow_raise, brow_knit
    dominant: str | None = None  # the dominant facial expression over the clip
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AcousticClues:
    """Prosody relative to the speaker's own baseline: speech, pauses, pitch, energy, rate."""

    findings: tuple[Cue, ...]
    speech: list[tuple[float, float]]  # speech segments
    pauses: list[tuple[float, float]]  # silences inside the speech
    pitch_times: list[float] = field(default_factory=list)
    pitch_hz: list[float] = field(default_factory=list)  # NaN where unvoiced
    energy_times: list[float] = field(default_factory=list)
    energy_db: list[float] = field(default_factory=list)
    speaking_rate: float | None = None  # syllables (a Chinese character is one) per second of speech
    rate_unit: str = ""
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LexicalClues:
    """Emotional content of the words: valence, emotion word shares, and the cues (negation-aware)."""

    findings: tuple[Cue, ...]
    transcript: str
    valence: float  # in [-1, 1]: VADER's compound score (English) or the lexicon's balance (Chinese)
    emotions: dict[str, float]  # emotion → share of emotional words
    language: str = "en"
    notices: list[str] = field(default_factory=list)
