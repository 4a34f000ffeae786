"""Acoustic stage: prosody (pauses, pitch, loudness, speaking rate) described relative to the speaker's own baseline.

No speech-emotion model ships in any wheel, and absolute pitch or loudness says little about one unknown speaker
recorded with an unknown microphone. So the cues compare the speaker with themself: the last third of the speech
against the first two thirds ("the voice rises and speeds up towards the end"), and single stretches against the
median of the whole ("a louder burst at 0:07"). Only a few deliberately wide absolute bands remain (very flat or very
wide intonation, very quiet or very loud speech, very fast or slow rate).

Pitch: librosa's YIN gives a period per frame, and a frame counts as voiced where the signal really repeats at
that period (normalised autocorrelation ≥ :data:`VOICING`, like Praat's voicing threshold) inside the speech found
by the VAD and above the quietest speech. pYIN's voicing model rejected every frame of real film audio (music,
room noise) we tried; this rule finds the voice there and measures synthetic tones to within 0.1 %.
librosa's numba code is compiled on first use; the cache lives on disk (``NUMBA_CACHE_DIR``) and ``warm_up()`` loads
it at start-up.

The stage returns :class:`~space.demo.types.Cue` values only; :mod:`space.demo.render` words them.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass

import numpy as np

from emer_eval import cache_root

from .speech import SAMPLE_RATE, speech_segments
from .types import AcousticClues, Clip, Cue, Transcript, Word

if "numba" not in sys.modules:  # numba reads the variable once, at import; an explicit setting always wins
    # next to the project's other caches, so one EMER_EVAL_CACHE (e.g. a persistent volume) keeps them all
    os.environ.setdefault("NUMBA_CACHE_DIR", str(cache_root() / "numba"))

FMIN, FMAX = 65.0, 400.0
"""Hz: low male to high female speaking voices; a narrow range keeps YIN away from octave errors."""
FRAME, HOP = 1024, 320
"""64 ms windows (YIN needs ≥ 2 periods of FMIN in a window) every 20 ms."""
VOICING = 0.6
"""Normalised autocorrelation at the YIN period above which a frame is voiced (Praat uses 0.45 on its own measure)."""
VOICED_FLOOR_DB = 30.0
"""Frames this far below the loudest speech frame are breath or room noise, not voice."""

_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")

NO_AUDIO = "the clip has no audio track, so there are no voice clues"
NO_SPEECH = "no speech detected"

LONG_PAUSE = 1.0  # s
TREND_SHARE = 2 / 3  # the baseline is the first two thirds of the speech time, compared with the rest
MIN_TREND_SPEECH = 1.5  # s of speech needed before a trend means anything
MIN_FRAMES = 8  # voiced/speech frames needed on each side of a comparison
RISE, FALL = 2.0, -3.0  # semitones; statements naturally drift down, so a fall must be larger to be noted
LOUDER, QUIETER = 4.0, -6.0  # dB; loudness also decays naturally over an utterance
FASTER, SLOWER = 1.25, 0.8  # ratio of speaking rates
FLAT_SPREAD, WIDE_SPREAD = 3.0, 10.0  # semitones between the 10th and 90th pitch percentiles
QUIET_DB, LOUD_DB = -38.0, -14.0  # dBFS median over speech frames
RATE_UNIT = "syllables/s"
RATE_BANDS = {"en": (3.5, 7.0), "zh": (3.0, 6.5)}
"""Slow and fast speaking rates in syllables per second of speech (pauses excluded). Typical rates are ~6.2
syllables/s for English and ~5.2 for Mandarin read aloud (Pellegrino, Coupé & Marsico 2011, *Language* 87(3)), and
somewhat lower in conversation: the bands sit well either side, so only clearly slow or fast speech is described."""
BURST_DB, HIGH_ST = 6.0, 3.0  # a segment this far above the speaker's median stands out
MIN_SEGMENT = 0.4  # s; shorter segments are too short for a reliable median
MAX_HIGHLIGHTS = 2


@dataclass(frozen=True)
class _Track:
    """One frame-wise measurement (pitch in semitones or energy in dB) restricted to speech frames."""

    times: np.ndarray
    values: np.ndarray  # NaN where not measured (unvoiced / outside speech)

    def median(self, start: float = -np.inf, end: float = np.inf) -> float | None:
        inside = (self.times >= start) & (self.times < end) & ~np.isnan(self.values)
        return float(np.median(self.values[inside])) if inside.sum() >= MIN_FRAMES else None


def warm_up() -> None:
    """Load (or, the first time ever, compile) librosa's numba code so that the first user does not wait for it."""
    t = np.arange(SAMPLE_RATE // 2) / SAMPLE_RATE
    tone = (0.3 * np.sin(2 * np.pi * 150 * t)).astype(np.float32)
    pitch_track(tone, [(0.0, 0.5)])
    _energy(tone)
    speech_segments(tone)


def analyse_voice(clip: Clip, transcript: Transcript) -> AcousticClues:
    """Speech/pause segments, pitch and energy contours, speaking rate, and cues relative to the speaker."""
    if clip.audio is None or clip.audio.size == 0:
        return AcousticClues(findings=(), speech=[], pauses=[], notices=[NO_AUDIO])
    audio = np.asarray(clip.audio, dtype=np.float32)
    energy_times, energy_db = _energy(audio)
    speech = speech_segments(audio)
    if not speech:
        return AcousticClues(findings=(), speech=[], pauses=[], energy_times=_floats(energy_times),
                             energy_db=_floats(energy_db), notices=[f"{NO_SPEECH} in the audio"])
    pauses = [(end, start) for (_, end), (start, _) in zip(speech, speech[1:], strict=False)]
    pitch_times, pitch_hz = pitch_track(audio, speech)
    words = transcript.words if transcript.reliable else ()
    language = transcript.language if transcript.language in RATE_BANDS else "en"
    rate = _speaking_rate(words, speech, language)
    pitch = _Track(pitch_times, _semitones(pitch_hz))
    energy = _Track(energy_times, np.where(_in_segments(energy_times, speech), energy_db, np.nan))
    split = _split_time(speech)
    trends = _trends(pitch, energy, words, speech, split, language)
    voiced = pitch_hz[~np.isnan(pitch_hz)]
    findings = [
        *([Cue("voice", "pitch", round(float(np.median(voiced)), 1), "Hz")] if voiced.size >= MIN_FRAMES else []),
        *_pause_cues(pauses),
        *trends,
        *_delivery_cues(pitch, energy, rate, language),
        *_highlight_cues(pitch, energy, speech, split, {cue.label for cue in trends}),
    ]
    notices = [] if voiced.size >= MIN_FRAMES else ["no voiced speech found for a pitch measurement"]
    return AcousticClues(findings=tuple(findings), speech=speech, pauses=pauses, pitch_times=_floats(pitch_times),
                         pitch_hz=_floats(pitch_hz), energy_times=_floats(energy_times),
                         energy_db=_floats(energy_db), speaking_rate=rate,
                         rate_unit=RATE_UNIT if rate is not None else "", notices=notices)


def _floats(values: np.ndarray) -> list[float]:
    """Plain rounded floats: the clues are shown and serialised, and numpy scalars are neither readable nor JSON."""
    return [round(float(v), 2) for v in values]


def _energy(audio: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """RMS loudness in dBFS per frame, floored at −100 dB so that digital silence stays finite."""
    import librosa

    rms = librosa.feature.rms(y=audio, frame_length=FRAME, hop_length=HOP)[0]
    times = librosa.frames_to_time(np.arange(rms.size), sr=SAMPLE_RATE, hop_length=HOP)
    return times, 20 * np.log10(np.maximum(rms, 1e-5))


def pitch_track(audio: np.ndarray, speech: list[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
    """F0 in Hz (NaN where unvoiced or outside speech), tracked only over the span that contains speech."""
    import librosa

    first, last = int(speech[0][0] * SAMPLE_RATE), int(speech[-1][1] * SAMPLE_RATE)
    span = audio[first:last]
    if span.size < FRAME:
        span = np.pad(span, (0, FRAME - span.size))
    f0 = librosa.yin(span, fmin=FMIN, fmax=FMAX, sr=SAMPLE_RATE, frame_length=FRAME, hop_length=HOP)
    periodic = _periodicity(span, f0) >= VOICING
    rms = librosa.feature.rms(y=span, frame_length=FRAME, hop_length=HOP)[0][: f0.size]
    level = 20 * np.log10(np.maximum(rms, 1e-5))
    audible = level >= level.max() - VOICED_FLOOR_DB
    times = first / SAMPLE_RATE + librosa.frames_to_time(np.arange(f0.size), sr=SAMPLE_RATE, hop_length=HOP)
    return times, np.where(_in_segments(times, speech) & periodic & audible, f0, np.nan)


def _periodicity(audio: np.ndarray, f0: np.ndarray) -> np.ndarray:
    """Per frame, the correlation between the first half-window and the same stretch one period later (≤ 1).

    Frames are centred like librosa's (half a window of padding each side). A voiced frame repeats at its period
    (close to 1); noise, music chords and breath do not.
    """
    import librosa

    padded = np.pad(audio, FRAME // 2)
    frames = librosa.util.frame(padded, frame_length=FRAME, hop_length=HOP)[:, : f0.size]  # (FRAME, n)
    half = FRAME // 2
    lags = np.clip(np.round(SAMPLE_RATE / f0).astype(int), 1, FRAME - half)
    rows = np.arange(half)[:, None]
    head = frames[:half]
    later = np.take_along_axis(frames, rows + lags[None, :], axis=0)
    norm = np.sqrt((head**2).sum(axis=0) * (later**2).sum(axis=0))
    return np.divide((head * later).sum(axis=0), norm, out=np.zeros(f0.size), where=norm > 0)


def _in_segments(times: np.ndarray, segments: list[tuple[float, float]]) -> np.ndarray:
    inside = np.zeros(times.shape, dtype=bool)
    for start, end in segments:
        inside |= (times >= start) & (times < end)
    return inside


def _semitones(hz: np.ndarray) -> np.ndarray:
    """Semitones relative to the speaker's median pitch, so that every comparison is relative to their baseline."""
    voiced = hz[~np.isnan(hz)]
    if voiced.size == 0:
        return np.full(hz.shape, np.nan)
    return 12 * np.log2(hz / np.median(voiced))


def _speech_time(speech: list[tuple[float, float]], start: float = -np.inf, end: float = np.inf) -> float:
    return sum(max(0.0, min(e, end) - max(s, start)) for s, e in speech)


def syllables(text: str, language: str) -> int:
    """Spoken syllables in a text: one per Chinese character, and for English the syllables of each word (syllapy:
    the CMU Pronouncing Dictionary's counts, a vowel-group rule for words it lacks). Punctuation and digits count
    nothing."""
    if language == "zh":
        from .speech import han_characters

        return han_characters(text)
    import syllapy

    return sum(syllapy.count(word) for word in _WORD.findall(text))


def _units(word: Word, language: str) -> int:
    """What a speaking rate counts in a timed stretch of speech."""
    return syllables(word.text, language)


def _speaking_rate(words: tuple[Word, ...], speech: list[tuple[float, float]], language: str,
                   start: float = -np.inf, end: float = np.inf) -> float | None:
    """Syllables per second of speech between two times; None without timings (or with fewer than 3 syllables).

    A timed stretch that straddles ``start`` or ``end`` counts in proportion to the part of it inside.
    """
    count = 0.0
    for word in words:
        length = word.end - word.start
        inside = max(0.0, min(word.end, end) - max(word.start, start))
        share = inside / length if length > 0 else float(start <= word.start < end)
        count += _units(word, language) * share
    seconds = _speech_time(speech, start, end)
    return round(float(count / seconds), 2) if count >= 3 and seconds > 0 else None


def _split_time(speech: list[tuple[float, float]]) -> float:
    """The moment by which TREND_SHARE of the speech time has been spoken."""
    target, elapsed = TREND_SHARE * _speech_time(speech), 0.0
    for start, end in speech:
        if elapsed + (end - start) >= target:
            return start + target - elapsed
        elapsed += end - start
    return speech[-1][1]


def _pause_cues(pauses: list[tuple[float, float]]) -> list[Cue]:
    """The longest pauses (at most MAX_HIGHLIGHTS), in the order they happen."""
    long = [pause for pause in pauses if pause[1] - pause[0] >= LONG_PAUSE]
    longest = sorted(long, key=lambda pause: pause[1] - pause[0], reverse=True)[:MAX_HIGHLIGHTS]
    return [Cue("voice", "pause", round(end - start, 1), "s", start=start, end=end) for start, end in sorted(longest)]


def _trends(pitch: _Track, energy: _Track, words: tuple[Word, ...], speech: list[tuple[float, float]],
            split: float, language: str) -> list[Cue]:
    """How the end of the speech differs from the speaker's own start (label pitch | rate | energy)."""
    if _speech_time(speech) < MIN_TREND_SPEECH:
        return []
    trends = []
    end = speech[-1][1]
    pitch_change, energy_change = _difference(pitch, split), _difference(energy, split)
    if pitch_change is not None and (pitch_change >= RISE or pitch_change <= FALL):
        trends.append(Cue("voice", "trend", round(pitch_change, 1), "semitones", "pitch", split, end))
    before = _speaking_rate(words, speech, language, end=split)
    after = _speaking_rate(words, speech, language, start=split)
    if before and after and (after / before >= FASTER or after / before <= SLOWER):
        trends.append(Cue("voice", "trend", round(after / before, 2), "ratio", "rate", split, end))
    if energy_change is not None and (energy_change >= LOUDER or energy_change <= QUIETER):
        trends.append(Cue("voice", "trend", round(energy_change, 1), "dB", "energy", split, end))
    return trends


def _difference(track: _Track, split: float) -> float | None:
    before, after = track.median(end=split), track.median(start=split)
    return None if before is None or after is None else after - before


def _delivery_cues(pitch: _Track, energy: _Track, rate: float | None, language: str) -> list[Cue]:
    """The overall manner of speaking, from wide absolute bands (the only baseline a single clip lacks)."""
    voiced = pitch.values[~np.isnan(pitch.values)]
    spread = float(np.percentile(voiced, 90) - np.percentile(voiced, 10)) if voiced.size >= MIN_FRAMES else None
    level = energy.median()
    cues = []
    if level is not None and (level > LOUD_DB or level < QUIET_DB):
        cues.append(Cue("voice", "level", round(level, 1), "dBFS", "loud" if level > LOUD_DB else "quiet"))
    if spread is not None and (spread < FLAT_SPREAD or spread > WIDE_SPREAD):
        cues.append(Cue("voice", "range", round(spread, 1), "semitones", "flat" if spread < FLAT_SPREAD else "wide"))
    if rate is not None:
        slow, fast = RATE_BANDS[language]
        pace = "fast" if rate >= fast else "slow" if rate <= slow else "steady"
        cues.append(Cue("voice", "rate", rate, RATE_UNIT, pace))
    return cues


def _highlight_cues(pitch: _Track, energy: _Track, speech: list[tuple[float, float]], split: float,
                    trends: set[str]) -> list[Cue]:
    """Single stretches of speech that stand out from the speaker's median: louder bursts, higher pitch.

    A stretch reaching into the end part is left out when a trend already describes that measure there.
    """
    if len(speech) < 2:
        return []
    overall = {"energy": energy.median(), "pitch": pitch.median()}
    found: dict[str, list[Cue]] = {"energy": [], "pitch": []}
    for start, end in (segment for segment in speech if segment[1] - segment[0] >= MIN_SEGMENT):
        measures = (("energy", energy, BURST_DB, "dB"), ("pitch", pitch, HIGH_ST, "semitones"))
        for kind, track, threshold, unit in measures:
            value, median = track.median(start, end), overall[kind]
            covered = kind in trends and end > split
            if value is not None and median is not None and value - median >= threshold and not covered:
                found[kind].append(Cue("voice", "highlight", round(value - median, 1), unit, kind, start, end))
    return found["energy"][:MAX_HIGHLIGHTS] + found["pitch"][:MAX_HIGHLIGHTS]
