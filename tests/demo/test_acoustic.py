"""Acoustic stage on espeak-ng speech whose prosody we control: pitch (-p), speed (-s), loudness (-a), pauses."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from clips import speak

from space.demo import acoustic, render, speech
from space.demo.types import AcousticClues, Clip, Cue, Transcript, Word

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


def trend(clues: AcousticClues) -> dict[str, float]:
    """{"pitch" | "rate" | "energy": change} of the trend cues."""
    return {cue.label: cue.value for cue in clues.findings if cue.name == "trend"}


def cues(clues: AcousticClues, name: str) -> list[Cue]:
    return [cue for cue in clues.findings if cue.name == name]


def sox_tone(tmp_path: Path, hz: float, seconds: float = 2.0) -> np.ndarray:
    """A harmonic tone (fundamental + 2nd and 3rd harmonics at lower levels) synthesised by sox, 16 kHz mono."""
    import soundfile

    if shutil.which("sox") is None:
        pytest.fail("these tests synthesise tones with sox: apt-get install sox")
    path = tmp_path / f"tone-{hz}.wav"
    subprocess.run(["sox", "-n", "-r", str(RATE), "-b", "16", "-c", "1", str(path), "synth", str(seconds),
                    "sine", str(hz), "sine", str(2 * hz), "sine", str(3 * hz), "remix", "-", "vol", "0.5"],
                   check=True, capture_output=True)
    audio, rate = soundfile.read(path, dtype="float32")
    assert rate == RATE
    return np.concatenate([silence(0.3), audio, silence(0.3)])


@pytest.mark.parametrize("noise", [0.0, 0.003])
def test_silence_gives_no_speech_detected(noise: float, warm: None) -> None:
    audio = (noise * np.random.default_rng(1).standard_normal(4 * RATE)).astype(np.float32)
    clues = analyse(audio)
    assert clues.findings == ()
    assert clues.speech == [] and clues.pauses == [] and clues.pitch_hz == []
    assert any("no speech detected" in notice for notice in clues.notices)
    assert len(clues.energy_db) == len(clues.energy_times) > 0


def test_no_audio_track() -> None:
    clues = analyse(None)  # type: ignore[arg-type]
    assert clues.findings == () and clues.notices == [acoustic.NO_AUDIO]


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


def test_pitch_is_found_on_the_real_clip(data_dir: Path, warm: None) -> None:
    """The OV-MERD demo clip (a man speaking Mandarin over room noise): pYIN called every frame unvoiced."""
    from space.demo.decode import decode

    clip = decode(data_dir / "affectgpt-demo-clip" / "sample_00000000.mp4")
    clues = acoustic.analyse_voice(clip, Transcript(text="", source="none"))
    voiced = np.array(clues.pitch_hz)[~np.isnan(clues.pitch_hz)]
    assert voiced.size >= 30
    assert 80 <= np.median(voiced) <= 300
    (pitch,) = cues(clues, "pitch")
    assert pitch.unit == "Hz" and pitch.value == pytest.approx(np.median(voiced), abs=0.1)


@pytest.mark.parametrize("hz", [100.0, 150.0, 220.0])
def test_pitch_of_a_synthesised_tone_is_within_five_percent(tmp_path: Path, hz: float, warm: None) -> None:
    tone = sox_tone(tmp_path, hz)  # not speech to the VAD: the tracker is given the span itself
    _, track = acoustic.pitch_track(tone, [(0.0, tone.size / RATE)])
    voiced = track[~np.isnan(track)]
    assert voiced.size >= 50
    assert np.median(voiced) == pytest.approx(hz, rel=0.05)
    assert np.percentile(voiced, 5) >= 0.95 * hz and np.percentile(voiced, 95) <= 1.05 * hz


def test_noise_is_not_voiced(warm: None) -> None:
    noise = (0.2 * np.random.default_rng(3).standard_normal(3 * RATE)).astype(np.float32)
    times, hz = acoustic.pitch_track(noise, [(0.0, 3.0)])
    assert np.isnan(hz).mean() >= 0.9


def test_pitch_is_nan_outside_speech(tmp_path: Path, warm: None) -> None:
    clues = analyse(np.concatenate([speak(tmp_path, FIRST), silence(2.0), speak(tmp_path, SECOND)]))
    times, hz = np.array(clues.pitch_times), np.array(clues.pitch_hz)
    outside = ~acoustic._in_segments(times, clues.speech)
    assert outside.any() and np.isnan(hz[outside]).all()


def test_plain_speech_has_no_trend(tmp_path: Path, warm: None) -> None:
    clues = with_asr(speak(tmp_path, f"{FIRST} {SECOND}"))
    assert trend(clues) == {}
    assert clues.rate_unit == "syllables/s" and clues.speaking_rate is not None
    slow, fast = acoustic.RATE_BANDS["en"]
    assert slow < clues.speaking_rate < fast  # espeak-ng's default pace is an ordinary one
    assert [cue.label for cue in cues(clues, "rate")] == ["steady"]


def test_rising_pitch_is_described(tmp_path: Path, warm: None) -> None:
    clues = analyse(np.concatenate([speak(tmp_path, FIRST, "-p", "25"), speak(tmp_path, SECOND, "-p", "90")]))
    assert trend(clues).get("pitch", 0) >= acoustic.RISE, clues.findings
    assert "towards the end their pitch rises" in render.phrases(clues.findings)[1]


def test_falling_pitch_is_described(tmp_path: Path, warm: None) -> None:
    clues = analyse(np.concatenate([speak(tmp_path, FIRST, "-p", "85"), speak(tmp_path, SECOND, "-p", "15")]))
    assert trend(clues).get("pitch", 0) <= acoustic.FALL, clues.findings


def test_speeding_up_is_described(tmp_path: Path, warm: None) -> None:
    clues = with_asr(np.concatenate([speak(tmp_path, FIRST, "-s", "120"), speak(tmp_path, SECOND, "-s", "260")]))
    assert trend(clues).get("rate", 1) >= acoustic.FASTER, clues.findings
    assert "pitch" not in trend(clues)


def test_getting_louder_is_described_once(tmp_path: Path, warm: None) -> None:
    clues = analyse(np.concatenate([speak(tmp_path, FIRST, "-a", "25"), speak(tmp_path, SECOND, "-a", "180")]))
    assert trend(clues).get("energy", 0) >= acoustic.LOUDER, clues.findings
    assert not any(cue.label == "energy" for cue in cues(clues, "highlight"))  # the trend already says it


def test_quiet_voice_is_low_energy(tmp_path: Path, warm: None) -> None:
    clues = analyse(speak(tmp_path, f"{FIRST} {SECOND}", "-a", "8"))
    assert [cue.label for cue in cues(clues, "level")] == ["quiet"], clues.findings


def test_long_pause_is_located(tmp_path: Path, warm: None) -> None:
    first = speak(tmp_path, FIRST)
    clues = analyse(np.concatenate([first, silence(1.5), speak(tmp_path, SECOND)]))
    longest = max(clues.pauses, key=lambda pause: pause[1] - pause[0])
    assert 1.3 <= longest[1] - longest[0] <= 2.3
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(clues.speech, clues.speech[1:], strict=False))
    (pause,) = cues(clues, "pause")
    assert (pause.start, pause.end) == longest and pause.value == round(longest[1] - longest[0], 1)


def test_english_syllables() -> None:
    assert acoustic.syllables("I'm so happy, it's wonderful!", "en") == 1 + 1 + 2 + 1 + 3
    assert acoustic.syllables("The idea of the area", "en") == 1 + 3 + 1 + 1 + 3
    assert acoustic.syllables("1985 ... !", "en") == 0


def test_speaking_rate_counts_syllables_per_second_of_speech(tmp_path: Path, warm: None) -> None:
    audio = np.concatenate([speak(tmp_path, FIRST), silence(2.0), speak(tmp_path, SECOND)])
    segments = speech.speech_segments(audio)
    spoken = sum(end - start for start, end in segments)  # the 2 s pause does not count as speaking time
    starts = np.linspace(segments[0][0], segments[-1][1] - 0.2, 12)
    words = tuple(Word("happy", float(start), float(start) + 0.1) for start in starts)
    clues = analyse(audio, Transcript(text="x", words=words))
    assert type(clues.speaking_rate) is float
    assert clues.speaking_rate == pytest.approx(24 / spoken, abs=0.01)  # 12 words of 2 syllables
    assert spoken < audio.size / RATE - 2.0
    assert analyse(audio).speaking_rate is None
    unreliable = analyse(audio, Transcript(text="x", words=words, reliable=False))
    assert unreliable.speaking_rate is None  # invented words must not give a speaking rate


def test_chinese_speaking_rate_counts_characters(tmp_path: Path, warm: None) -> None:
    audio = speak(tmp_path, FIRST)
    segments = speech.speech_segments(audio)
    spoken = sum(end - start for start, end in segments)
    starts = np.linspace(segments[0][0], segments[-1][1] - 0.2, 6)
    words = tuple(Word(text, float(start), float(start) + 0.1)
                  for text, start in zip(("我们", "今天", "非常", "高兴", "啊", "。"), starts, strict=False))
    clues = analyse(audio, Transcript(text="我们今天非常高兴啊。", words=words, language="zh"))
    assert clues.rate_unit == "syllables/s"
    assert clues.speaking_rate == pytest.approx(9 / spoken, abs=0.01)  # 9 characters, punctuation not counted


def test_series_are_plain_floats(tmp_path: Path, warm: None) -> None:
    clues = analyse(speak(tmp_path, FIRST))
    for series in (clues.pitch_times, clues.pitch_hz, clues.energy_times, clues.energy_db):
        assert series and all(type(value) is float for value in series)
    assert all(type(t) is float for segment in clues.speech for t in segment)
