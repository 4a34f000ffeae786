"""The whole demo pipeline on clips the tests generate: real content in, EMER-style clues and labels out."""

from __future__ import annotations

import csv
import dataclasses

import pytest

from emer_eval import load_predictions
from emer_eval.extract import LLMConfig
from space.demo.__main__ import batch
from space.demo.examples import make_clip, no_face
from space.demo.llm import Endpoint
from space.demo.pipeline import explain, run
from space.demo.speech import simplified

API_KEYS = {"visual_clues", "acoustic_clues", "lexical_clues", "transcript", "language_detected", "explanation",
            "labels", "timings", "backend", "notices"}
LABEL_KEYS = {"label", "confidence", "family", "sources", "evidence"}


@pytest.fixture(scope="module")
def angry_smile(demo_clips, face_models):
    """The smiling astronaut saying an angry sentence: the conflict case of the issue."""
    return explain(demo_clips.path("speech.mp4"))


def test_smiling_face_with_angry_words(angry_smile):
    result = angry_smile.to_api()
    assert set(result) == API_KEYS and result["backend"] == "offline"
    assert angry_smile.visual.dominant == "happy"
    assert any("smil" in phrase for phrase in result["visual_clues"])
    assert angry_smile.lexical.emotions.get("anger", 0) > 0
    assert any("anger" in phrase for phrase in result["lexical_clues"])
    assert "angry" in result["transcript"].lower() and result["language_detected"] == "en"
    names = {label["label"]: label for label in result["labels"]}
    assert {"happy", "angry"} <= set(names) and names["angry"]["family"] == "angry"
    assert all(set(label) == LABEL_KEYS and 0 < label["confidence"] <= 1 for label in result["labels"])
    assert names["happy"]["sources"][0] == "face" and "words" not in names["happy"]["sources"]
    assert "words" in names["angry"]["sources"]
    assert all(label["evidence"] and label["sources"] for label in result["labels"])
    text = result["explanation"]
    assert text.startswith("In the video,") and "In the audio," in text and "In the text," in text
    assert "The face and the words disagree" in text and "we can infer that the person feels" in text
    assert {"decode", "visual", "speech", "acoustic", "lexical", "fusion", "total"} <= set(result["timings"])


def test_results_stream_as_immutable_snapshots(demo_clips, face_models):
    snapshots = list(run(demo_clips.path("speech.mp4")))
    assert [result.stage for result in snapshots] == ["decode", "visual", "speech", "acoustic", "fusion"]
    assert [result.done for result in snapshots] == [False] * 4 + [True]
    first, last = snapshots[0], snapshots[-1]
    assert first.labels == () and first.explanation == "" and set(first.timings) == {"decode"}  # unchanged later
    assert last.labels and "total" in last.timings
    with pytest.raises(dataclasses.FrozenInstanceError):
        last.stage = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        last.timings["total"] = 0.0  # type: ignore[index]


def test_silence_says_no_speech(demo_clips, face_models):
    result = explain(demo_clips.path("silence.mp4"))
    assert result.acoustic.findings == () and any("no speech" in notice for notice in result.all_notices())
    assert result.transcript.text == "" and "In the text, nothing was said." in result.explanation


def test_no_face_still_gives_acoustic_and_lexical_clues(tmp_path, face_models):
    clip = make_clip(tmp_path / "no_face.mp4", "I am so happy, this is wonderful news!", image=no_face())
    result = explain(clip)
    assert any("no face" in notice for notice in result.all_notices())
    assert result.visual.findings == ()
    assert result.acoustic.findings and result.lexical.findings
    labels = {label.label: label for label in result.labels}
    assert "happy" in labels and "face" not in labels["happy"].sources
    assert "the person's face" not in result.explanation.split("Overall,")[-1]  # absent evidence is never named


def test_a_subtitle_replaces_speech_to_text(demo_clips, face_models):
    result = explain(demo_clips.path("no_audio.mp4"), subtitle="Thank you so much, I am really grateful.")
    assert result.transcript.source == "subtitle" and "grateful" in result.to_api()["transcript"]
    assert result.lexical.findings and any("audio" in notice for notice in result.all_notices())


@pytest.mark.parametrize("name, message", [("not_a_video.mp4", "not a video"), ("too_long.mp4", "60")])
def test_bad_clips_end_with_a_message_not_a_crash(demo_clips, name, message):
    result = explain(demo_clips.path(name))
    assert result.done and any(message in notice for notice in result.all_notices())
    assert result.to_api()["labels"] == []


def test_llm_backend_and_its_fallback(demo_clips, face_models, make_server, monkeypatch, tmp_path):
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path))
    server = make_server(lambda body, n: (200, "She smiles but sounds furious: she is angry and sarcastic.")
                         if n == 0 else (200, "[angry, sarcastic, nonsense-word]"))
    llm = Endpoint(LLMConfig(server.base_url, "vision-model", "k", timeout=5, max_retries=0))
    result = explain(demo_clips.path("speech.mp4"), backend="llm", llm=llm)
    assert result.backend == "llm:vision-model" and result.explanation.startswith("She smiles")
    assert [label.label for label in result.labels] == ["angry", "sarcastic"]
    assert any("nonsense-word" in notice for notice in result.all_notices())

    down = explain(demo_clips.path("speech.mp4"), backend="llm",
                   llm=Endpoint(LLMConfig("http://127.0.0.1:9/v1", "m", "k", timeout=5, max_retries=0)))
    assert down.backend == "offline" and "disagree" in down.explanation
    assert any("LLM backend unavailable" in notice for notice in down.all_notices())


def test_batch_writes_a_file_the_portal_accepts(demo_clips, face_models, tmp_path):
    folder = tmp_path / "clips"
    folder.mkdir()
    for name in ("speech.mp4", "silence.mp4", "not_a_video.mp4"):
        (folder / name).write_bytes(demo_clips.path(name).read_bytes())
    output = tmp_path / "predictions.csv"
    assert batch(folder, output) == (3, 1)
    rows = {row["name"]: row for row in csv.DictReader(output.open(encoding="utf-8"))}
    assert set(rows) == {"speech", "silence", "not_a_video"}
    assert "not a video" in rows["not_a_video"]["error"] and rows["speech"]["error"] == ""
    predictions = load_predictions(output)
    assert "angry" in predictions.labels["speech"] and predictions.texts["speech"].startswith("In the video,")


def test_without_wheel_resources_the_demo_still_explains(demo_clips, face_models, monkeypatch, tmp_path):
    from emer_eval.wheels import load_wheels

    load_wheels.cache_clear()
    monkeypatch.setenv("EMER_DATA", str(tmp_path))
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path))
    try:
        result = explain(demo_clips.path("speech.mp4"))
    finally:
        load_wheels.cache_clear()
    assert result.explanation.startswith("In the video,") and result.labels
    assert all(label.family == "" for label in result.labels)
    assert any("not normalised through the emotion wheels" in notice for notice in result.all_notices())
    assert not any(str(tmp_path) in notice for notice in result.all_notices())  # the folders searched: logged


ANGRY_ZH = "你又这样做了，我真的很生气，受够了！"
ANGRY_PINYIN = "ni3 you4 zhe4yang4 zuo4 le5, wo3 zhen1de5 hen3 sheng1qi4, shou4gou4 le5!"


def test_smiling_face_with_a_chinese_angry_subtitle(tmp_path, face_models):
    clip = make_clip(tmp_path / "zh_face.mp4", ANGRY_PINYIN, voice="cmn-latn-pinyin")
    result = explain(clip, subtitle=ANGRY_ZH)
    labels = {label.label: label for label in result.labels}
    assert labels["angry"].sources[0] == "words" and "face" not in labels["angry"].sources
    assert "“生气”" in labels["angry"].evidence and labels["happy"].sources[0] == "face"
    assert "words" not in labels["happy"].sources
    assert f"the subtitle reads “{ANGRY_ZH}”" in result.explanation and "“生气”, “受够了” express anger" in \
        result.explanation
    assert "The face and the words disagree: the person smiles while the words express anger" in result.explanation


def test_generated_mandarin_without_a_face_is_detected_and_transcribed(tmp_path, face_models):
    clip = make_clip(tmp_path / "zh_noface.mp4", ANGRY_PINYIN, voice="cmn-latn-pinyin", image=no_face())
    result = explain(clip)  # language auto
    said = result.transcript
    assert said.language_detected == "zh" and said.language == "zh" and said.text == simplified(said.text)
    hanzi = [ch for ch in said.text if "\u4e00" <= ch <= "\u9fff"]
    assert len(hanzi) >= 10 and sum(ch in ANGRY_ZH for ch in hanzi) >= 0.6 * len(hanzi)
    assert result.visual.findings == () and "the person's face" not in result.explanation.split("Overall,")[-1]
    assert all(set(label.sources) <= {"voice", "words"} and label.evidence for label in result.labels)


def test_espeak_mandarin_with_a_face_is_not_read_as_english(tmp_path, face_models):
    """espeak-ng's plain Mandarin voice, which Whisper base hears as English words: flagged, words left out."""
    clip = make_clip(tmp_path / "cmn_face.mp4", ANGRY_ZH, voice="cmn")
    for language in ("auto", "en"):
        result = explain(clip, language=language)
        assert not (result.transcript.reliable and result.transcript.language == "en"), result.transcript
        if not result.transcript.reliable:
            assert any("add a subtitle" in notice for notice in result.all_notices())
            assert result.lexical.findings == () and all("words" not in label.sources for label in result.labels)
            assert "could not be transcribed reliably" in result.explanation
        assert result.visual.dominant == "happy" and "happy" in [label.label for label in result.labels]
