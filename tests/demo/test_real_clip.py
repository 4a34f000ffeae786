"""The demo on the field's own clip: the OV-MERD sample (a smiling doctor joking in Mandarin), from EMER_DATA.

Ground truth (OV-MERD): pleasurable, self-deprecating, relaxed, complaining, relieved, humorous, joyful, happy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from space.demo.pipeline import DemoResult, explain

SUBTITLE = "我哪知道啊！我，我，我也没有这方面的经验。"
ENGLISH = "I don't know! I, I, I don't have experience in this area."

pytestmark = [pytest.mark.usefixtures("face_models"), pytest.mark.slow]


@pytest.fixture(scope="module")
def clip(data_dir: Path) -> Path:
    return data_dir / "affectgpt-demo-clip" / "sample_00000000.mp4"


@pytest.fixture(scope="module")
def automatic(clip: Path) -> DemoResult:
    return explain(clip)  # the defaults: language auto, offline backend


def test_language_is_detected_and_the_transcript_is_chinese(automatic: DemoResult) -> None:
    api = automatic.to_api()
    assert api["language_detected"] == "zh"
    assert api["transcript"].startswith("我哪知道") and api["transcript"].isascii() is False


def test_pitch_is_found_and_plotted_in_hz(automatic: DemoResult) -> None:
    from space.demo.plots import prosody_figure

    pitch = [cue for cue in automatic.acoustic.findings if cue.name == "pitch"]
    assert pitch and 80 <= pitch[0].value <= 300
    assert any(phrase.startswith("their voice sits around") for phrase in automatic.to_api()["acoustic_clues"])
    axes = prosody_figure(automatic.acoustic).axes[0]
    low, high = axes.get_ylim()
    assert axes.get_ylabel() == "pitch (Hz)" and low < pitch[0].value < high and high - low > 20


def test_the_speaking_rate_counts_the_syllables_said(automatic: DemoResult) -> None:
    """Characters of the transcript over the VAD's speech time: close to the subtitle's 18 syllables over the same
    time (the transcript misses the stammered 我，我，)."""
    from space.demo.acoustic import syllables

    voice = automatic.acoustic
    spoken = sum(end - start for start, end in voice.speech)
    said = syllables(SUBTITLE, "zh") / spoken
    assert voice.rate_unit == "syllables/s" and voice.speaking_rate is not None
    assert 0.75 * said <= voice.speaking_rate <= 1.05 * said, (voice.speaking_rate, said)
    assert [cue.unit for cue in voice.findings if cue.name == "rate"] == ["syllables/s"]


def test_every_label_has_evidence_and_no_english_nonsense(automatic: DemoResult) -> None:
    api = automatic.to_api()
    assert api["labels"]
    for label in api["labels"]:
        assert label["sources"] and set(label["sources"]) <= {"face", "voice", "words"} and label["evidence"]
        if label["sources"] == ["words"]:
            assert label["confidence"] <= 0.5
    assert "eager" not in [label["label"] for label in api["labels"]]


def test_the_wrong_language_is_flagged_and_its_words_left_out(clip: Path) -> None:
    result = explain(clip, language="en")
    assert result.transcript.language_detected == "zh" and not result.transcript.reliable
    assert any("you chose English, but the speech sounds like Chinese" in n for n in result.all_notices())
    assert result.lexical.findings == () and all("words" not in label.sources for label in result.labels)
    assert "could not be transcribed reliably" in result.explanation


def test_a_chinese_subtitle_is_quoted_in_chinese(clip: Path) -> None:
    result = explain(clip, subtitle=SUBTITLE)
    assert result.transcript.language == "zh" and result.transcript.source == "subtitle"
    assert f"the subtitle reads “{SUBTITLE}”" in result.explanation


def test_the_english_subtitle_with_any_language(clip: Path) -> None:
    result = explain(clip, subtitle=ENGLISH, language="zh")
    assert result.transcript.language == "en"
    assert any("the subtitle is written in English" in notice for notice in result.all_notices())
    assert "In the text, the subtitle reads" in result.explanation
