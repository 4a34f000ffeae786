"""Speech stage: multilingual Whisper base on espeak-ng speech and the real OV-MERD clip; no confident nonsense."""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from clips import speak

from benchmarks.error_rates import character_error_rate, word_error_rate
from space.demo import speech
from space.demo.types import Clip, Transcript

SENTENCE = "The weather was lovely this morning, so we walked along the river to the old market."
MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
"""model.bin of Systran/faster-whisper-base (the upstream conversion of OpenAI's Whisper base)."""
REAL_SUBTITLE = "我哪知道啊！我，我，我也没有这方面的经验。"
PINYIN = "wo3 jin1tian1 fei1chang2 gao1xing4, yin1wei4 wo3men2 ying2 le5 bi3sai4."
MANDARIN = ("我今天非常高兴，因为我们赢了比赛。", "你又这样做了，我真的很生气，受够了！",
            "今天天气很好，我们去公园散步吧。", "真没想到你会来，我太惊讶了！")
"""Sentences for espeak-ng's plain Mandarin voice (``-v cmn``), which Whisper base often hears as English words."""


def clip_of(audio: np.ndarray | None) -> Clip:
    duration = 0.0 if audio is None else audio.size / speech.SAMPLE_RATE
    return Clip(frames=[], frame_times=[], audio=audio, duration=duration, width=640, height=360)


@pytest.fixture(scope="module")
def warm() -> None:
    """Load Whisper once for the module; every transcribe below reuses the process-wide model."""
    speech.warm_up()


@pytest.fixture(scope="module")
def real_clip(data_dir: Path) -> Clip:
    from space.demo.decode import decode

    return decode(data_dir / "affectgpt-demo-clip" / "sample_00000000.mp4")


@pytest.mark.usefixtures("face_models")
def test_bundled_model_is_the_upstream_whisper_base() -> None:
    from space.demo.models import whisper_dir

    digest = hashlib.sha256((whisper_dir() / "model.bin").read_bytes()).hexdigest()
    assert digest == MODEL_SHA256


def test_real_mandarin_clip_is_detected_and_transcribed_in_simplified_chinese(real_clip: Clip, warm: None) -> None:
    transcript = speech.transcribe(real_clip)  # language "auto" is the default
    assert transcript.language_detected == "zh" and transcript.language == "zh" and transcript.source == "asr"
    assert transcript.text == speech.simplified(transcript.text)
    assert character_error_rate(REAL_SUBTITLE, transcript.text) <= 0.35, transcript.text
    assert transcript.text.startswith("我哪知道")
    assert all(0 <= w.start <= w.end <= real_clip.duration + 0.1 for w in transcript.words)


def test_choosing_english_for_mandarin_speech_warns_and_drops_the_words(real_clip: Clip, warm: None) -> None:
    transcript = speech.transcribe(real_clip, language="en")
    assert transcript.language_detected == "zh" and not transcript.reliable
    assert "you chose English, but the speech sounds like Chinese" in transcript.notices[0]
    assert "add a subtitle" in transcript.notices[0]


def test_choosing_chinese_for_english_speech_warns(tmp_path: Path, warm: None) -> None:
    transcript = speech.transcribe(clip_of(speak(tmp_path, SENTENCE)), language="zh")
    assert transcript.language_detected == "en" and not transcript.reliable
    assert "you chose Chinese, but the speech sounds like English" in transcript.notices[0]
    assert word_error_rate(SENTENCE, transcript.text) <= 0.3  # what was said is still shown


def test_robotic_mandarin_is_not_passed_off_as_reliable(tmp_path: Path, warm: None) -> None:
    """espeak-ng's Mandarin is too robotic for Whisper base: whatever it hears must be flagged, not trusted."""
    audio = speak(tmp_path, PINYIN, "-v", "cmn-latn-pinyin")
    chosen = speech.transcribe(clip_of(audio), language="zh")
    assert chosen.language == "zh" and any("\u4e00" <= ch <= "\u9fff" for ch in chosen.text)
    assert not chosen.reliable and "unreliable" in " ".join(chosen.notices)
    assert chosen.text == speech.simplified(chosen.text)
    automatic = speech.transcribe(clip_of(audio))
    assert not automatic.reliable and automatic.notices


@pytest.mark.parametrize("sentence", MANDARIN)
@pytest.mark.parametrize("language", ["auto", "en"])
def test_espeak_mandarin_is_never_confident_english(sentence: str, language: str, tmp_path: Path,
                                                     warm: None) -> None:
    """The plain ``cmn`` voice comes out as "War in 1.1.1. Say 1.5." or "War before two, May before two" with a
    language probability up to 0.9: whatever Whisper makes of it, English words must not be trusted."""
    transcript = speech.transcribe(clip_of(speak(tmp_path, sentence, "-v", "cmn")), language=language)
    assert not (transcript.reliable and transcript.language == "en"), transcript
    if transcript.text:
        assert not transcript.reliable and "add a subtitle" in " ".join(transcript.notices)


def segment(**values: float) -> SimpleNamespace:
    base = {"start": 0.0, "end": 2.0, "no_speech_prob": 0.1, "avg_logprob": -0.3, "compression_ratio": 1.2}
    return SimpleNamespace(**{**base, **values})


def test_whisper_warning_signs_make_a_transcript_unreliable() -> None:
    def doubts(*segments: SimpleNamespace) -> list[str]:
        return speech._doubts(list(segments), "en", 0.95, "a clear sentence")

    assert doubts(segment()) == []
    assert "no-speech" in doubts(segment(no_speech_prob=0.7))[0]
    assert "log-probability" in doubts(segment(avg_logprob=-1.2))[0]
    assert "repetitive" in doubts(segment(compression_ratio=2.6))[0]
    short_doubt = [segment(avg_logprob=-2.0, end=0.1), segment(start=0.1, end=4.0)]
    assert doubts(*short_doubt) == []  # weighted by duration: a 0.1 s stumble does not spoil 4 s


def test_an_unsure_language_or_the_wrong_script_makes_a_transcript_unreliable() -> None:
    assert speech._doubts([segment()], "en", 0.95, "War in 1.1.1. Say 1.5. Get 1.4.")[0].startswith("only 61%")
    assert "unsure which language" in speech._doubts([segment()], "en", 0.45, "and one may do five")[0]
    assert speech._doubts([segment()], "zh", 0.95, "我1985年出生在北京，2003年来到上海") == []
    assert "only 0%" in speech._doubts([segment()], "zh", 0.95, "3-3-4-4-4-4")[0]
    assert speech._doubts([segment()], "th", 0.95, "กินเย็น") == []  # no script check: flagged as unread instead


def test_a_doubtful_language_needs_clear_words() -> None:
    """Language and words may each pass alone and fail together; a near-certain language needs no more."""
    muddled = speech._doubts([segment(avg_logprob=-0.96)], "en", 0.86, "War before two, May before two")
    assert len(muddled) == 1 and "neither the language (86%)" in muddled[0]
    assert speech._doubts([segment(avg_logprob=-0.57)], "en", 0.80, "I've been waiting for the bus") == []
    assert speech._doubts([segment(avg_logprob=-0.83)], "zh", 0.97, "我哪知道啊我也没有这方面的经验") == []


def test_script_share_counts_letters_and_numbers() -> None:
    assert speech.script_share("I was born in 1985 and moved to London in 2003.", "en") == pytest.approx(28 / 30)
    assert speech.script_share("我1985年出生", "zh") == pytest.approx(4 / 5)
    assert speech.script_share("This 3.04.04.04.04.05", "en") == pytest.approx(4 / 10)
    assert speech.script_share("我哪知道啊！OK", "zh") == pytest.approx(5 / 7)
    assert speech.script_share("...", "en") is None and speech.script_share("hello", "th") is None


def test_the_encoder_runs_once_for_a_short_clip(real_clip: Clip, warm: None) -> None:
    """Language detection and transcription share the first window's encoder output."""
    model = speech._load_model()
    assert isinstance(model.encode, speech._EncoderMemo)
    before = model.encode.calls
    speech.transcribe(real_clip)
    assert model.encode.calls - before == 1


def test_unknown_language_is_refused() -> None:
    with pytest.raises(speech.LanguageError, match="auto, en, zh"):
        speech.check_language("fr")
    assert speech.check_language(None) == "auto" and speech.check_language(" ZH ") == "zh"


def test_asr_recovers_most_words(tmp_path: Path, warm: None) -> None:
    transcript = speech.transcribe(clip_of(speak(tmp_path, SENTENCE)))
    assert transcript.source == "asr" and transcript.language == "en" and transcript.language_detected == "en"
    assert transcript.reliable
    assert word_error_rate(SENTENCE, transcript.text) <= 0.3, transcript.text
    assert transcript.notices == ()


def test_timed_segments_cover_the_words_within_the_clip(tmp_path: Path, warm: None) -> None:
    audio = speak(tmp_path, SENTENCE)
    transcript = speech.transcribe(clip_of(audio))
    words = transcript.words
    assert words and " ".join(w.text for w in words) == transcript.text
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
    assert transcript == Transcript(text="", language="auto", source="none", notices=(speech.NO_AUDIO,))


def _must_not_run() -> None:
    raise AssertionError("speech-to-text must not run here")


def test_subtitle_skips_asr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speech, "_load_model", _must_not_run)
    transcript = speech.subtitle_transcript("  I am so   angry and fed up \n")
    assert transcript == Transcript(text="I am so angry and fed up", language="en", source="subtitle",
                                    language_detected="en")


def test_chinese_subtitle_is_tagged_chinese_and_simplified() -> None:
    assert speech.subtitle_transcript("我今天真的很生气").language == "zh"
    traditional = speech.subtitle_transcript("我今天真的很生氣，這樣不對", language="zh")
    assert traditional.text == "我今天真的很生气，这样不对" and traditional.notices == ()


def test_subtitle_in_another_language_than_chosen_is_read_in_its_own() -> None:
    transcript = speech.subtitle_transcript(REAL_SUBTITLE, language="en")
    assert transcript.language == "zh" and transcript.reliable
    assert "the subtitle is written in Chinese" in transcript.notices[0]


def test_model_loads_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    import faster_whisper

    built = []

    class SlowModel:
        def __init__(self, *args: object, **kwargs: object) -> None:
            time.sleep(0.05)
            built.append(kwargs)

        def encode(self, features: np.ndarray) -> np.ndarray:
            return features

    monkeypatch.setattr(faster_whisper, "WhisperModel", SlowModel)
    monkeypatch.setattr(speech, "_model", None)
    models = []
    threads = [threading.Thread(target=lambda: models.append(speech._load_model())) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1 and built[0] == {"device": "cpu", "compute_type": "int8",
                                            "cpu_threads": speech.cpu_threads()}
    assert len(models) == 6 and all(model is models[0] for model in models)


def test_speech_segments_find_both_sentences_and_the_gap(tmp_path: Path) -> None:
    first, second = speak(tmp_path, "I waited for you all afternoon."), speak(tmp_path, "Where have you been?")
    gap = np.zeros(int(1.5 * speech.SAMPLE_RATE), dtype=np.float32)
    segments = speech.speech_segments(np.concatenate([first, gap, second]))
    first_end = first.size / speech.SAMPLE_RATE
    assert len(segments) >= 2
    assert all(isinstance(t, float) for segment in segments for t in segment)
    assert all(start < end for start, end in segments)
    gaps = [(end, start) for (_, end), (start, _) in zip(segments, segments[1:], strict=False)]
    longest = max(gaps, key=lambda g: g[1] - g[0])
    assert 1.2 <= longest[1] - longest[0] <= 2.2
    assert first_end - 0.6 <= longest[0] <= first_end + 0.1
    assert segments[-1][1] <= (first.size + gap.size + second.size) / speech.SAMPLE_RATE + 0.05


def test_speech_segments_of_silence_are_empty() -> None:
    assert speech.speech_segments(np.zeros(3 * speech.SAMPLE_RATE, dtype=np.float32)) == []
    assert speech.speech_segments(np.zeros(0, dtype=np.float32)) == []
