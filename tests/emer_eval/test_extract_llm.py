"""LLM label extraction against a real OpenAI-protocol HTTP server on 127.0.0.1, driven by the real ``openai`` client.

The fake server records every request body, so the tests pin what the protocol requires to be sent (verbatim prompt,
sampling, one user turn) and that the on-disk cache really replaces HTTP traffic.
"""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path
from typing import Any

import pytest

from emer_eval.errors import EndpointError, ExtractionError
from emer_eval.extract import LLMConfig, LLMExtractor, default_cache_dir, postprocess_reply

# Written out in full (not built from the module's constant) so an accidental edit of the protocol text fails here.
OFFICIAL_PROMPT_FOR_BRACES = (
    "Please assume the role of an expert in the field of emotions. We provide clues that may be related to the "
    "emotions of the characters. Based on the provided clues, please identify the emotional states of the main "
    "character. The main character is the one with the most detailed clues. Please separate different emotional "
    "categories with commas and output only the clearly identifiable emotional categories in a list format. If none "
    "are identified, please output an empty list. Input: We cannot recognize his emotional state; Output: [] Input: "
    "His emotional state is happy, sad, and angry; Output: [happy, sad, angry] Input: In the video, he smiles {widely}"
    " and says {reason}.; Output: "
)
OFFICIAL_GROUPING_PROMPT = (
    "Please assume the role of an expert in the field of emotions. We provide a set of emotions. Please group the "
    "emotions, with each group containing emotions with the same meaning. Directly output the results. The output "
    "format should be a list containing multiple lists. Input: ['Agree', 'agreement', 'Relaxed', 'acceptance', "
    "'pleasant', 'relaxed', 'Accept', 'positive', 'Happy'] Output: [['Agree', 'agreement', 'Accept', 'acceptance'], "
    "['Relaxed', 'relaxed'],['pleasant', 'positive', 'Happy']] Input: ['angry', 'happy', 'joyful', 'sad'] Output:"
)



def numbered(body: dict[str, Any], n: int) -> tuple[int, str]:
    """A different reply per request, as sampling would give."""
    return 200, f"Output: [label{n}]"


def config_for(url: str, **changes: Any) -> LLMConfig:
    settings: dict[str, Any] = {"model": "qwen2.5-7b-instruct", "max_retries": 0, "timeout": 5.0, **changes}
    return LLMConfig(base_url=url, **settings)


def cache_files(directory: Path) -> list[Path]:
    return sorted(directory.rglob("*.json"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- what is sent -----------------------------------------------------------------------------------------------------

def test_request_is_the_official_protocol(make_server, tmp_path):
    server = make_server(lambda body, n: (200, "[happy]"))
    extractor = LLMExtractor(config_for(server.base_url), cache_dir=tmp_path)

    labels = extractor.extract("In the video, he smiles {widely} and says {reason}.")

    assert labels == ["happy"]
    assert len(server.requests) == 1
    assert server.requests[0]["path"] == "/v1/chat/completions"
    body = server.requests[0]["body"]
    assert body["messages"] == [{"role": "user", "content": OFFICIAL_PROMPT_FOR_BRACES}]
    assert body["model"] == "qwen2.5-7b-instruct"
    assert body["temperature"] == 0.7
    assert body["top_p"] == 0.8
    assert body["max_tokens"] == 512
    assert body["repetition_penalty"] == 1.05


def test_repetition_penalty_is_not_sent_when_none(make_server, tmp_path):
    server = make_server(lambda body, n: (200, "[]"))
    extractor = LLMExtractor(config_for(server.base_url, repetition_penalty=None), cache_dir=tmp_path)

    assert extractor.extract("He is calm.") == []
    assert "repetition_penalty" not in server.bodies()[0]
    assert server.bodies()[0]["temperature"] == 0.7


@pytest.mark.parametrize(
    ("reply", "labels"),
    [
        ("Output: [happy, sad]\n", ["happy", "sad"]),
        ("输出：[愤怒]", ["愤怒"]),
        ("[]", []),
        ("  input :\n[Happy,\n Worried]  ", ["happy", "worried"]),
        ("让我们来翻译一下：[surprise]", ["surprise"]),
        ("输出Output: [joy]", ["joy"]),  # the reference strips every listed prefix in turn, not just the first match
        ("output: ['anxious', \"tense\"]", ["anxious", "tense"]),
    ],
)
def test_postprocess_reply(reply, labels):
    assert postprocess_reply(reply) == labels


def test_reply_is_postprocessed_after_http(make_server, tmp_path):
    server = make_server(lambda body, n: (200, "Output: [happy, sad]\n"))
    extractor = LLMExtractor(config_for(server.base_url), cache_dir=tmp_path)

    assert extractor.extract("She laughs.") == ["happy", "sad"]


# --- cache ------------------------------------------------------------------------------------------------------------

def test_cache_replaces_http_and_serves_cache_only_mode(make_server, tmp_path):
    server = make_server(numbered)
    config = config_for(server.base_url)
    extractor = LLMExtractor(config, cache_dir=tmp_path)

    first = extractor.extract("He frowns.")
    second = extractor.extract("He frowns.")
    assert first == second == ["label0"]
    assert len(server.requests) == 1
    assert len(cache_files(tmp_path)) == 1

    server.close()
    offline = LLMExtractor(config, cache_dir=tmp_path, cache_only=True)
    assert offline.extract("He frowns.") == ["label0"]
    assert offline.extract_many({"s1": "He frowns."}) == [{"s1": ["label0"]}]
    with pytest.raises(ExtractionError, match=r"2 of 3 texts have no cached reply"):
        offline.extract_many({"s1": "He frowns.", "s2": "She cries.", "s3": "He shouts."})


def test_cache_key_depends_on_sampling(make_server, tmp_path):
    server = make_server(numbered)
    LLMExtractor(config_for(server.base_url), cache_dir=tmp_path).extract("He frowns.")
    LLMExtractor(config_for(server.base_url, temperature=1.0), cache_dir=tmp_path).extract("He frowns.")

    assert len(server.requests) == 2
    assert len(cache_files(tmp_path)) == 2


def test_cache_entry_records_the_request(make_server, tmp_path):
    server = make_server(lambda body, n: (200, "[calm]"))
    LLMExtractor(config_for(server.base_url), cache_dir=tmp_path).extract("He sits still.", run=2)

    [entry_path] = cache_files(tmp_path)
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    assert entry["reply"] == "[calm]"
    assert entry["request"]["run"] == 2
    assert entry["request"]["model"] == "qwen2.5-7b-instruct"
    assert entry["request"]["prompt"].endswith("Input: He sits still.; Output: ")
    assert not list(tmp_path.rglob("*.tmp"))


def test_default_cache_dir_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path))
    assert default_cache_dir() == tmp_path / "llm"


# --- runs, concurrency, progress --------------------------------------------------------------------------------------

def test_k_runs_are_k_cached_samples(make_server, tmp_path):
    server = make_server(numbered)
    extractor = LLMExtractor(config_for(server.base_url), cache_dir=tmp_path, workers=3)
    texts = {"sample_00000001": "He frowns.", "sample_00000002": "She cries."}
    seen: list[tuple[int, int]] = []

    runs = extractor.extract_many(texts, runs=3, progress=lambda done, total: seen.append((done, total)))

    assert len(runs) == 3
    assert all(list(run) == list(texts) for run in runs)
    replies = {label for run in runs for labels in run.values() for label in labels}
    assert replies == {f"label{n}" for n in range(6)}
    assert len(server.requests) == 6
    assert len(cache_files(tmp_path)) == 6
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)

    assert extractor.extract_many(texts, runs=3) == runs
    assert len(server.requests) == 6


def test_identical_texts_are_requested_once(make_server, tmp_path):
    server = make_server(numbered)
    extractor = LLMExtractor(config_for(server.base_url), cache_dir=tmp_path)

    [run] = extractor.extract_many({"a": "He frowns.", "b": "He frowns."})

    assert run == {"a": ["label0"], "b": ["label0"]}
    assert len(server.requests) == 1


# --- failures ---------------------------------------------------------------------------------------------------------

def test_http_500_is_an_extraction_error(make_server, tmp_path):
    server = make_server(lambda body, n: (500, "model crashed"))
    extractor = LLMExtractor(config_for(server.base_url), cache_dir=tmp_path)

    with pytest.raises(ExtractionError, match=r"answered HTTP 500") as info:
        extractor.extract("He frowns.")
    assert server.base_url in str(info.value)
    assert cache_files(tmp_path) == []


def test_unreachable_endpoint_is_an_extraction_error(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/v1"
    extractor = LLMExtractor(config_for(url, timeout=1.0), cache_dir=tmp_path)

    with pytest.raises(ExtractionError, match=r"cannot connect to LLM endpoint") as info:
        extractor.extract("He frowns.")
    assert url in str(info.value)
    assert isinstance(info.value, EndpointError) and info.value.summary == "could not connect"  # no address in it


def test_timeout_is_an_extraction_error(make_server, tmp_path):
    def slow(body: dict[str, Any], n: int) -> tuple[int, str]:
        time.sleep(0.5)
        return 200, "[late]"

    server = make_server(slow)
    extractor = LLMExtractor(config_for(server.base_url, timeout=0.1), cache_dir=tmp_path)

    with pytest.raises(ExtractionError, match=r"timed out after 0\.1 s"):
        extractor.extract("He frowns.")


def test_failure_keeps_earlier_replies_for_resuming(make_server, tmp_path):
    def fail_on_b(body: dict[str, Any], n: int) -> tuple[int, str]:
        return (503, "overloaded") if "Input: B.;" in body["messages"][0]["content"] else (200, "[fine]")

    server = make_server(fail_on_b)
    extractor = LLMExtractor(config_for(server.base_url), cache_dir=tmp_path, workers=1)

    with pytest.raises(ExtractionError, match=r"HTTP 503.*1 of 2 replies are cached; rerun to resume"):
        extractor.extract_many({"a": "A.", "b": "B."})
    assert LLMExtractor(config_for(server.base_url), cache_dir=tmp_path, cache_only=True).extract("A.") == ["fine"]


# --- G2 grouping and G1 judge -----------------------------------------------------------------------------------------

def test_grouping_prompt_is_sorted_lowercased_unique(make_server, tmp_path):
    raw = "[['happy', 'Joyful'], ['sad'], ['angry']]"
    server = make_server(lambda body, n: (200, raw))
    extractor = LLMExtractor(config_for(server.base_url), cache_dir=tmp_path)

    reply = extractor.group_labels(["Sad", "joyful", "happy", "sad", "Angry"])
    again = extractor.group_labels(["angry", "HAPPY", "joyful", "sad"])  # same set → same prompt → cached

    assert reply == again == raw
    assert len(server.requests) == 1
    assert server.bodies()[0]["messages"] == [{"role": "user", "content": OFFICIAL_GROUPING_PROMPT}]


def test_synonym_groups_parse_the_reply_with_the_g2_parser(make_server, tmp_path):
    server = make_server(lambda body, n: (200, "[['happy', 'Joyful'], ['sad']]"))
    extractor = LLMExtractor(config_for(server.base_url), cache_dir=tmp_path)

    # Members are kept exactly as returned (capitalised 'Joyful' included): that is the official G2 behaviour.
    assert extractor.synonym_groups(["joyful", "happy", "sad"]) == [["happy", "Joyful"], ["sad"]]


def test_group_many_returns_raw_replies_per_sample(make_server, tmp_path):
    server = make_server(lambda body, n: (200, "[['x']]" if "'x'" in body["messages"][0]["content"] else "[['y']]"))
    extractor = LLMExtractor(config_for(server.base_url), cache_dir=tmp_path)

    assert extractor.group_many({"s1": ["X"], "s2": ["y"]}) == {"s1": "[['x']]", "s2": "[['y']]"}


# --- configuration ----------------------------------------------------------------------------------------------------

_ENV = ("EMER_LLM_BASE_URL", "EMER_LLM_MODEL", "EMER_LLM_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_KEY")


def test_from_env_returns_none_without_endpoint(monkeypatch):
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    assert LLMConfig.from_env() is None
    monkeypatch.setenv("EMER_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    assert LLMConfig.from_env() is None  # a URL without a model is not enough


def test_from_env_reads_and_falls_back(monkeypatch):
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-fallback")
    monkeypatch.setenv("EMER_LLM_MODEL", "qwen")

    config = LLMConfig.from_env(max_retries=0)
    assert config is not None
    assert (config.base_url, config.model, config.api_key, config.max_retries) == (
        "http://127.0.0.1:9/v1", "qwen", "sk-fallback", 0)
    assert "sk-fallback" not in repr(config)

    monkeypatch.setenv("EMER_LLM_BASE_URL", "http://127.0.0.1:8/v1")
    monkeypatch.setenv("EMER_LLM_API_KEY", "sk-emer")
    config = LLMConfig.from_env()
    assert config is not None and (config.base_url, config.api_key) == ("http://127.0.0.1:8/v1", "sk-emer")


def test_describe_names_model_and_non_official_sampling():
    assert LLMConfig(base_url="http://x/v1", model="qwen").describe() == "llm:qwen"
    changed = LLMConfig(base_url="http://x/v1", model="gpt-4o", temperature=1.0, repetition_penalty=None)
    assert changed.describe() == "llm:gpt-4o@temperature=1.0,repetition_penalty=none"


# Written out in full: the authors' Chinese → English translation prompt, indentation included.
AUTHORS_TRANSLATION_PROMPT = ("\n              请将以下输入翻译为英文：\n              \n              输入：我爱你\n\n"
                              "              输出：I love you\n\n              输入：她在哭，情绪状态是悲伤。\n\n"
                              "              输出：\n              ")


def test_chinese_descriptions_are_translated_with_the_authors_prompt_then_extracted(make_server, tmp_path):
    """The EMER authors translate Chinese descriptions to English first; the extraction then sees the English text."""
    def reply(body: dict[str, Any], n: int) -> tuple[int, str]:
        prompt = body["messages"][0]["content"]
        if "翻译为英文" in prompt:
            return 200, "输出：She is crying; her emotional state is sadness.\n"
        return 200, "[sadness]" if "her emotional state is sadness" in prompt else "[calm]"

    server = make_server(reply)
    extractor = LLMExtractor(LLMConfig(base_url=server.base_url, model="qwen2.5-7b-instruct", max_retries=0),
                             cache_dir=tmp_path, workers=1)
    texts = {"zh": "她在哭，\n情绪状态是悲伤。", "en": 'He says "我很好" and seems calm.'}
    assert extractor.extract_many(texts) == [{"zh": ["sadness"], "en": ["calm"]}]
    prompts = [request["body"]["messages"][0]["content"] for request in server.requests]
    assert prompts[0] == AUTHORS_TRANSLATION_PROMPT  # newlines removed from the text, as the reference does
    assert len(prompts) == 3  # one translation (English quoting Chinese is not translated), two extractions
    assert any("Input: She is crying; her emotional state is sadness.; Output: " in prompt for prompt in prompts)
    # Cached: a second extraction, even of one text alone, sends nothing.
    assert extractor.extract(texts["zh"]) == ["sadness"] and len(server.requests) == 3
