"""Acoustic stage: prosody (pauses, pitch, loudness, speaking rate) described relative to the speaker's own baseline.

No speech-emotion model ships in any wheel, and absolute pitch or loudness says little about one unknown speaker
recorded with an unknown microphone. So the phrases compare the speaker with themself: the last third of the speech
against the first two thirds ("the voice rises and speeds up towards the end"), and single stretches against the
median of the whole ("a louder burst at 0:07"). Only a few deliberately wide absolute bands remain (very flat or very
wide intonation, very quiet or very loud speech, very fast or slow rate).

librosa's pYIN is compiled by numba on its first call (7–26 s). The compiled code is cached on disk
(``NUMBA_CACHE_DIR``, by default next to the project's other caches) and ``warm_up()`` loads it at start-up, which
leaves ~0.2 s per 12 s clip on 2 cores. A first run with an empty cache still compiles for ~15–20 s, in ``warm_up()``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import numpy as np

from emer_eval import cache_root

from .speech import SAMPLE_RATE, speech_segments
from .types import AcousticClues, Clip, Transcript, Word

if "numba" not in sys.modules:  # numba reads the variable once, at import; an explicit setting always wins
    # next to the project's other caches, so one EMER_EVAL_CACHE (e.g. a persistent volume) keeps them all
    os.environ.setdefault("NUMBA_CACHE_DIR", str(cache_root() / "numba"))

FMIN, FMAX = 65.0, 400.0
"""Hz: low male to high female speaking voices; a narrow range makes pYIN faster and less prone to octave errors."""
FRAME, HOP = 1024, 320
"""64 ms windows (pYIN needs ≥ 2 periods of FMIN in half a window) every 20 ms."""
PITCH_RESOLUTION = 0.2
"""Semitones per pYIN pitch bin: the default 0.1 costs 3× the time and changes no phrase."""

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
SLOW_RATE, FAST_RATE = 2.0, 4.2  # words per second of speech (pauses excluded; conversation is ~3)
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
    """Load (or, the first time ever, compile) pYIN's numba code so that the first user does not wait for it."""
    t = np.arange(SAMPLE_RATE // 2) / SAMPLE_RATE
    tone = (0.3 * np.sin(2 * np.pi * 150 * t)).astype(np.float32)
    _pitch(tone, [(0.0, 0.5)])
    _energy(tone)
    speech_segments(tone)


def analyse_voice(clip: Clip, transcript: Transcript) -> AcousticClues:
    """Speech/pause segments, pitch and energy contours, speaking rate, and phrases relative to the speaker."""
    if clip.audio is None or clip.audio.size == 0:
        return AcousticClues(phrases=[], speech=[], pauses=[], notices=[NO_AUDIO])
    audio = np.asarray(clip.audio, dtype=np.float32)
    energy_times, energy_db = _energy(audio)
    speech = speech_segments(audio)
    if not speech:
        return AcousticClues(phrases=[NO_SPEECH], speech=[], pauses=[], energy_times=_floats(energy_times),
                             energy_db=_floats(energy_db), notices=[f"{NO_SPEECH} in the audio"])
    pauses = [(end, start) for (_, end), (start, _) in zip(speech, speech[1:])]
    pitch_times, pitch_hz = _pitch(audio, speech)
    rate = _speaking_rate(transcript.words, speech)
    pitch = _Track(pitch_times, _semitones(pitch_hz))
    energy = _Track(energy_times, np.where(_in_segments(energy_times, speech), energy_db, np.nan))
    split = _split_time(speech)
    trends = _trends(pitch, energy, transcript.words, speech, split)
    phrases = [
        *_pause_phrases(pauses),
        *([f"the voice {_join(list(trends.values()))} towards the end"] if trends else []),
        *_delivery_phrases(pitch, energy, rate),
        *_highlight_phrases(pitch, energy, speech, split, trends),
    ]
    return AcousticClues(phrases=phrases, speech=speech, pauses=pauses, pitch_times=_floats(pitch_times),
                         pitch_hz=_floats(pitch_hz), energy_times=_floats(energy_times),
                         energy_db=_floats(energy_db), speaking_rate=rate)


def _floats(values: np.ndarray) -> list[float]:
    """Plain rounded floats: the clues are shown and serialised, and numpy scalars are neither readable nor JSON."""
    return [round(float(v), 2) for v in values]


def clock(seconds: float) -> str:
    """m:ss, the way a viewer reads a position in a clip."""
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _energy(audio: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """RMS loudness in dBFS per frame, floored at −100 dB so that digital silence stays finite."""
    import librosa

    rms = librosa.feature.rms(y=audio, frame_length=FRAME, hop_length=HOP)[0]
    times = librosa.frames_to_time(np.arange(rms.size), sr=SAMPLE_RATE, hop_length=HOP)
    return times, 20 * np.log10(np.maximum(rms, 1e-5))


def _pitch(audio: np.ndarray, speech: list[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
    """F0 in Hz (NaN where unvoiced or outside speech), tracked only over the span that contains speech."""
    import librosa

    first, last = int(speech[0][0] * SAMPLE_RATE), int(speech[-1][1] * SAMPLE_RATE)
    f0, _, _ = librosa.pyin(audio[first:last], fmin=FMIN, fmax=FMAX, sr=SAMPLE_RATE, frame_length=FRAME,
                            hop_length=HOP, resolution=PITCH_RESOLUTION)
    times = first / SAMPLE_RATE + librosa.frames_to_time(np.arange(f0.size), sr=SAMPLE_RATE, hop_length=HOP)
    return times, np.where(_in_segments(times, speech), f0, np.nan)


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


def _speaking_rate(words: tuple[Word, ...], speech: list[tuple[float, float]], start: float = -np.inf,
                   end: float = np.inf) -> float | None:
    """Words per second of speech (pauses excluded) between two times; None without word timings."""
    count = sum(start <= (w.start + w.end) / 2 < end for w in words)
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


def _pause_phrases(pauses: list[tuple[float, float]]) -> list[str]:
    """The longest pauses (at most MAX_HIGHLIGHTS), in the order they happen."""
    long = [pause for pause in pauses if pause[1] - pause[0] >= LONG_PAUSE]
    longest = sorted(long, key=lambda pause: pause[1] - pause[0], reverse=True)[:MAX_HIGHLIGHTS]
    return [f"long pause at {clock(start)} ({end - start:.1f} s)" for start, end in sorted(longest)]


def _trends(pitch: _Track, energy: _Track, words: tuple[Word, ...], speech: list[tuple[float, float]],
            split: float) -> dict[str, str]:
    """How the end of the speech differs from the speaker's own start: {"pitch" | "rate" | "energy": change}."""
    if _speech_time(speech) < MIN_TREND_SPEECH:
        return {}
    trends = {}
    pitch_change, energy_change = _difference(pitch, split), _difference(energy, split)
    if pitch_change is not None and pitch_change >= RISE:
        trends["pitch"] = "rises"
    elif pitch_change is not None and pitch_change <= FALL:
        trends["pitch"] = "drops"
    before, after = _speaking_rate(words, speech, end=split), _speaking_rate(words, speech, start=split)
    if before and after and after / before >= FASTER:
        trends["rate"] = "speeds up"
    elif before and after and after / before <= SLOWER:
        trends["rate"] = "slows down"
    if energy_change is not None and energy_change >= LOUDER:
        trends["energy"] = "gets louder"
    elif energy_change is not None and energy_change <= QUIETER:
        trends["energy"] = "gets quieter"
    return trends


def _difference(track: _Track, split: float) -> float | None:
    before, after = track.median(end=split), track.median(start=split)
    return None if before is None or after is None else after - before


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _delivery_phrases(pitch: _Track, energy: _Track, rate: float | None) -> list[str]:
    """The overall manner of speaking, from wide absolute bands (the only baseline a single clip lacks)."""
    voiced = pitch.values[~np.isnan(pitch.values)]
    spread = float(np.percentile(voiced, 90) - np.percentile(voiced, 10)) if voiced.size >= MIN_FRAMES else None
    level = energy.median()
    flat = spread is not None and spread < FLAT_SPREAD
    quiet, loud = level is not None and level < QUIET_DB, level is not None and level > LOUD_DB
    fast = rate is not None and rate >= FAST_RATE
    wide = spread is not None and spread > WIDE_SPREAD
    phrases = []
    if loud:
        phrases.append("loud, tense delivery" if fast or wide else "loud voice")
    elif quiet:
        phrases.append("flat, low-energy voice" if flat else "quiet, low-energy voice")
    if flat and not quiet:
        phrases.append(f"flat, monotone intonation (pitch range {spread:.0f} semitones)")
    if wide:
        phrases.append(f"lively, wide-ranging intonation (pitch range {spread:.0f} semitones)")
    if fast:
        phrases.append(f"fast speech ({rate:.1f} words/s)")
    elif rate is not None and rate <= SLOW_RATE:
        phrases.append(f"slow speech ({rate:.1f} words/s)")
    return phrases


def _highlight_phrases(pitch: _Track, energy: _Track, speech: list[tuple[float, float]], split: float,
                       trends: dict[str, str]) -> list[str]:
    """Single stretches of speech that stand out from the speaker's median: louder bursts, higher pitch.

    A stretch reaching into the end part is left out when a trend phrase already describes that measure there.
    """
    if len(speech) < 2:
        return []
    overall = {"energy": energy.median(), "pitch": pitch.median()}
    found: dict[str, list[str]] = {"energy": [], "pitch": []}
    for start, end in (segment for segment in speech if segment[1] - segment[0] >= MIN_SEGMENT):
        for kind, track, threshold, what in (("energy", energy, BURST_DB, "a louder burst"),
                                             ("pitch", pitch, HIGH_ST, "higher pitch")):
            value, median = track.median(start, end), overall[kind]
            covered = kind in trends and end > split
            if value is not None and median is not None and value - median >= threshold and not covered:
                found[kind].append(f"{what} at {clock(start)}")
    return found["energy"][:MAX_HIGHLIGHTS] + found["pitch"][:MAX_HIGHLIGHTS]
