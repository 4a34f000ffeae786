"""The demo's LLM backend over real HTTP to a local OpenAI-protocol server: what is sent, what comes back, failures."""

import time

import numpy as np
import pytest

from emer_eval import LLMConfig
from space.config import Settings
from space.demo.llm import QUESTION, BackendError, Endpoint, explain, extract_labels
from space.demo.types import AcousticClues, Clip, Cue, Transcript

CLIP = Clip(frames=[np.full((120, 160, 3), i * 40, dtype=np.uint8) for i in range(6)],
            frame_times=[i * 0.5 for i in range(6)], audio=None, duration=3.0, width=160, height=120)
SAID = Transcript(text="I can't believe you did this again", source="asr")
VOICE = AcousticClues(findings=(Cue("voice", "trend", 3.0, "semitones", "pitch", 1.6, 2.5),), speech=[(0.0, 2.5)],
                      pauses=[])


def test_frames_transcript_and_voice_are_sent_and_labels_extracted(make_server, monkeypatch, tmp_path):
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path))                 # extraction replies are cached on disk

    def reply(body, n):
        if n == 0:
            return 200, "The person frowns and raises her voice. She is angry and frustrated."
        return 200, "[angry, frustrated]"

    server = make_server(reply)
    endpoint = Endpoint(LLMConfig(server.base_url, "gpt-4o", "sk-test", timeout=5, max_retries=0))
    text = explain(endpoint, CLIP, SAID, VOICE)
    assert text.startswith("The person frowns")
    content = server.bodies()[0]["messages"][0]["content"]
    assert content[0]["type"] == "text" and QUESTION in content[0]["text"]
    assert SAID.text in content[0]["text"]
    assert "towards the end their pitch rises (+3.0 semitones)" in content[0]["text"]
    images = [part for part in content if part["type"] == "image_url"]
    assert len(images) == 4 and all(p["image_url"]["url"].startswith("data:image/jpeg;base64,") for p in images)
    assert extract_labels(endpoint, text) == ["angry", "frustrated"]
    extraction = server.bodies()[1]["messages"][0]["content"]
    assert "Please assume the role of an expert in the field of emotions" in extraction and text in extraction


def test_failures_become_backend_errors(make_server):
    server = make_server(lambda body, n: (500, "overloaded"))
    with pytest.raises(BackendError, match="answered HTTP 500"):
        explain(Endpoint(LLMConfig(server.base_url, "m", timeout=5, max_retries=0)), CLIP, SAID, VOICE)

    slow = make_server(lambda body, n: (time.sleep(3), (200, "late"))[1])
    with pytest.raises(BackendError, match="timed out"):
        explain(Endpoint(LLMConfig(slow.base_url, "m", timeout=0.5, max_retries=0)), CLIP, SAID, VOICE)


def test_the_operator_endpoint_comes_from_the_settings_with_the_demo_limits():
    assert Endpoint.of_operator(Settings.from_env({})) is None
    settings = Settings.from_env({"EMER_LLM_BASE_URL": "http://x/v1", "EMER_LLM_MODEL": "m",
                                  "EMER_LLM_API_KEY": "sk-operator", "EMER_HUB_LLM_TIMEOUT": "7"})
    endpoint = Endpoint.of_operator(settings)
    assert endpoint is not None and endpoint.operator and not endpoint.public_only
    config = endpoint.config
    assert (config.base_url, config.model, config.api_key, config.timeout) == ("http://x/v1", "m", "sk-operator", 7.0)
    assert config.max_retries == 0 and config.repetition_penalty is None


def test_a_visitor_endpoint_never_carries_the_operator_key():
    endpoint = Endpoint.visitor("http://127.0.0.1:8000/v1", "their-model", "", on_space=False, timeout=3)
    assert not endpoint.operator and endpoint.config.api_key == "EMPTY" and endpoint.config.timeout == 3
    with pytest.raises(BackendError, match="needs your own API key"):
        Endpoint.visitor("https://api.example.com/v1", "m", "", on_space=True, timeout=3)
