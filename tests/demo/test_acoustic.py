"""Acoustic stage on espeak-ng speech whose prosody we control: pitch (-p), speed (-s), loudness (-a), pauses."""

from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np
import pytest

from clips import speak

from space.demo import acoustic, speech
from space.demo.types import AcousticClues, Clip, Transcript, Word

RATE = speech.SAMPLE_RATE
FIRST = "I went to the market this morning and bought some bread and cheese."
SECOND = "Then I walked home slowly along the river and sat in the garden."


def clip_of(audio: np.ndarray | None) -> Clip:
    duration = 0.0 if audio is None else audio.size / RATE
    return Clip(frames=[], frame_times=[], audio=audio, duration=duration, width=640, height=360)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE), dtype=np.float32)


SUBTITLE = Transcript(text="", source="subtitle")
"""A transcript without word timings: the acoustic clues must not depend on ASR."""


@pytest.fixture(scope="module")
def warm() -> None:
    """Whisper, VAD and pYIN's numba code loaded once for the module (the first numba compile can take ~20 s)."""
    speech.warm_up()
    acoustic.warm_up()


def analyse(audio: np.ndarray, transcript: Transcript = SUBTITLE) -> AcousticClues:
    return acoustic.analyse_voice(clip_of(audio), transcript)


def with_asr(audio: np.ndarray) -> AcousticClues:
    return acoustic.analyse_voice(clip_of(audio), speech.transcribe(clip_of(audio)))


def trend(clues: AcousticClues) -> str:
    return next((phrase for phrase in clues.phrases if phrase.endswith("towards the end")), "")


@pytest.mark.parametrize("noise", [0.0, 0.003])
def test_silence_gives_no_speech_detected(noise: float, warm: None) -> None:
    audio = (noise * np.random.default_rng(1).standard_normal(4 * RATE)).astype(np.float32)
    clues = analyse(audio)
    assert clues.phrases == ["no speech detected"]
    assert clues.speech == [] and clues.pauses == [] and clues.pitch_hz == []
    assert any("no speech detected" in notice for notice in clues.notices)
    assert len(clues.energy_db) == len(clues.energy_times) > 0


def test_no_audio_track() -> None:
    clues = analyse(None)  # type: ignore[arg-type]
    assert clues.phrases == [] and clues.notices == [acoustic.NO_AUDIO]


def test_pitch_is_in_espeaks_range(tmp_path: Path, warm: None) -> None:
    clues = analyse(speak(tmp_path, f"{FIRST} {SECOND}"))
    hz = np.array(clues.pitch_hz)
    voiced = hz[~np.isnan(hz)]
    assert len(clues.pitch_times) == hz.size and np.all(np.diff(clues.pitch_times) > 0)
    assert voiced.size >= 0.3 * hz.size
    assert np.all((voiced >= acoustic.FMIN) & (voiced <= acoustic.FMAX))
    assert 80 <= np.median(voiced) <= 140  # espeak-ng's default English voice speaks at ~100 Hz
    higher = np.array(analyse(speak(tmp_path, f"{FIRST} {SECOND}", "-p", "90")).pitch_hz)
    assert np.nanmedian(higher) > 1.3 * np.median(voiced)


def test_pitch_is_nan_outside_speech(tmp_path: Path, warm: None) -> None:
    clues = analyse(np.concatenate([speak(tmp_path, FIRST), silence(2.0), speak(tmp_path, SECOND)]))
    times, hz = np.array(clues.pitch_times), np.array(clues.pitch_hz)
    outside = ~acoustic._in_segments(times, clues.speech)
    assert outside.any() and np.isnan(hz[outside]).all()


def test_plain_speech_has_no_trend(tmp_path: Path, warm: None) -> None:
    clues = with_asr(speak(tmp_path, f"{FIRST} {SECOND}"))
    assert trend(clues) == ""
    assert clues.speaking_rate is not None and 2.5 <= clues.speaking_rate <= 5.0


def test_rising_pitch_is_described(tmp_path: Path, warm: None) -> None:
    clues = analyse(np.concatenate([speak(tmp_path, FIRST, "-p", "25"), speak(tmp_path, SECOND, "-p", "90")]))
    assert "rises" in trend(clues), clues.phrases


def test_falling_pitch_is_described(tmp_path: Path, warm: None) -> None:
    clues = analyse(np.concatenate([speak(tmp_path, FIRST, "-p", "85"), speak(tmp_path, SECOND, "-p", "15")]))
    assert "drops" in trend(clues), clues.phrases


def test_speeding_up_is_described(tmp_path: Path, warm: None) -> None:
    clues = with_asr(np.concatenate([speak(tmp_path, FIRST, "-s", "120"), speak(tmp_path, SECOND, "-s", "260")]))
    assert "speeds up" in trend(clues), clues.phrases
    assert "rises" not in trend(clues) and "drops" not in trend(clues)


def test_getting_louder_is_described_once(tmp_path: Path, warm: None) -> None:
    clues = analyse(np.concatenate([speak(tmp_path, FIRST, "-a", "25"), speak(tmp_path, SECOND, "-a", "180")]))
    assert "gets louder" in trend(clues), clues.phrases
    assert not any("louder burst" in phrase for phrase in clues.phrases)  # the trend already says it


def test_quiet_voice_is_low_energy(tmp_path: Path, warm: None) -> None:
    clues = analyse(speak(tmp_path, f"{FIRST} {SECOND}", "-a", "8"))
    assert any("low-energy" in phrase for phrase in clues.phrases), clues.phrases


def test_long_pause_is_located(tmp_path: Path, warm: None) -> None:
    first = speak(tmp_path, FIRST)
    clues = analyse(np.concatenate([first, silence(1.5), speak(tmp_path, SECOND)]))
    longest = max(clues.pauses, key=lambda pause: pause[1] - pause[0])
    assert 1.3 <= longest[1] - longest[0] <= 2.3
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(clues.speech, clues.speech[1:]))
    phrase = next(phrase for phrase in clues.phrases if phrase.startswith("long pause"))
    assert re.fullmatch(r"long pause at \d:\d\d \(\d\.\d s\)", phrase)
    assert acoustic.clock(longest[0]) in phrase


def test_speaking_rate_counts_words_per_second_of_speech(tmp_path: Path, warm: None) -> None:
    audio = np.concatenate([speak(tmp_path, FIRST), silence(2.0), speak(tmp_path, SECOND)])
    segments = speech.speech_segments(audio)
    spoken = sum(end - start for start, end in segments)  # the 2 s pause does not count as speaking time
    starts = np.linspace(segments[0][0], segments[-1][1] - 0.2, 24)
    words = tuple(Word(f"w{i}", float(start), float(start) + 0.1) for i, start in enumerate(starts))
    clues = analyse(audio, Transcript(text="x", words=words))
    assert type(clues.speaking_rate) is float
    assert clues.speaking_rate == pytest.approx(24 / spoken, abs=0.01)
    assert spoken < audio.size / RATE - 2.0
    assert analyse(audio).speaking_rate is None


def test_clock_reads_minutes_and_seconds() -> None:
    assert [acoustic.clock(t) for t in (0.0, 4.9, 64.2, 600.0)] == ["0:00", "0:04", "1:04", "10:00"]


def test_series_are_plain_floats(tmp_path: Path, warm: None) -> None:
    clues = analyse(speak(tmp_path, FIRST))
    for series in (clues.pitch_times, clues.pitch_hz, clues.energy_times, clues.energy_db):
        assert series and all(type(value) is float for value in series)
    assert all(type(t) is float for segment in clues.speech for t in segment)


def test_twelve_seconds_take_under_a_second_warm(tmp_path: Path, warm: None) -> None:
    audio = np.concatenate([speak(tmp_path, f"{FIRST} {SECOND}"), silence(0.5), speak(tmp_path, f"{SECOND}")])
    audio = np.concatenate([audio, silence(max(0.0, 12 - audio.size / RATE))])
    transcript = speech.transcribe(clip_of(audio))
    started = time.perf_counter()
    acoustic.analyse_voice(clip_of(audio), transcript)
    assert time.perf_counter() - started < 1.0
