"""score() and the CLI with the official LLM extraction and G2 grouping, over real HTTP to a local fake endpoint."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import emer_eval
from emer_eval.extract import LLMConfig, LLMExtractor

REPO = Path(__file__).resolve().parents[2]
TEXTS = {"sample_00000000": "In the text, he jokes about himself. We can infer he is relieved and happy.",
         "sample_00000007": "She laughs; she is excited and joyful."}
GT = {"sample_00000000": ["relieved", "happy", "humorous"], "sample_00000007": ["excited", "joyful", "happy"]}


def run_replies(body, n):
    """Sampling differs between runs: the 2nd request of each text adds a wrong label."""
    prompt = body["messages"][0]["content"]
    labels = "[relieved, happy]" if "relieved" in prompt else "[excited, joyful]"
    return 200, labels if n < 2 else labels[:-1] + ", angry]"


def test_k_runs_give_mean_and_std_and_the_signature_says_llm(make_server, tmp_path):
    server = make_server(run_replies)
    extractor = LLMExtractor(LLMConfig(base_url=server.base_url, model="qwen2.5-7b-instruct", max_retries=0),
                             cache_dir=tmp_path, workers=1)
    result = emer_eval.score(TEXTS, GT, runs=2, extractor=extractor, bootstrap=0)
    runs = result.runs
    assert runs is not None and runs.k == 2 and runs.std > 0
    assert result.metrics["EW-L1"].f == pytest.approx(sum(runs.ew_l1_f) / 2)
    assert result.scores()["runs"] == {"k": 2, "EW-L1_f": list(runs.ew_l1_f), "EW-L1_f_std": runs.std}
    assert "|extract:llm:qwen2.5-7b-instruct" in str(result.signature) and "x2|" in str(result.signature)
    assert len(server.requests) == 4
    assert result.signature.official


def test_offline_extractor_is_the_default_without_endpoint(monkeypatch):
    for name in ("EMER_LLM_BASE_URL", "EMER_LLM_MODEL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    result = emer_eval.score(TEXTS, GT, runs=3, bootstrap=0)
    assert "|extract:offline-v2|" in str(result.signature) and result.runs is None
    assert not result.signature.official
    assert result.labels["sample_00000000"] == ["relieved", "happy"]


def test_g2_groupings_from_the_llm_when_none_are_cached(make_server, monkeypatch, tmp_path):
    server = make_server(lambda body, n: (200, "[['happy', 'joyful'], ['relieved'], ['excited']]"))
    monkeypatch.setenv("EMER_LLM_BASE_URL", server.base_url)
    monkeypatch.setenv("EMER_LLM_MODEL", "gpt-judge")
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path))
    predictions = {"sample_00000000": ["joyful"], "sample_00000007": ["excited"]}
    g2 = emer_eval.score(predictions, GT, metrics=("g2",), bootstrap=0).scores()["G2"]
    # sample 0: gt {relieved, happy, humorous} vs pred {happy} → P 1, R 1/3; sample 7: {excited, happy, joyful}→
    # {excited, happy} vs {excited} → P 1, R 1/2
    assert g2["accuracy_s"] == pytest.approx(1.0) and g2["recall_s"] == pytest.approx((1 / 3 + 1 / 2) / 2)
    prompts = [body["messages"][0]["content"] for body in server.bodies()]
    assert any("['happy', 'humorous', 'joyful', 'relieved']" in prompt for prompt in prompts)


def test_cli_recomputes_from_the_cache_without_the_endpoint(make_server, tmp_path, gt_path):
    descriptions = tmp_path / "descriptions.csv"
    descriptions.write_text("name,reason\nsample_00000000,\"He is relieved and happy.\"\n", encoding="utf-8")
    server = make_server(lambda body, n: (200, "[relieved, happy]"))
    env = {**os.environ, "EMER_EVAL_CACHE": str(tmp_path / "cache")}
    args = [sys.executable, "-m", "emer_eval", "score", "--pred", str(descriptions), "--gt", str(gt_path), "--json",
            "--extractor", "llm", "--llm-model", "qwen2.5-7b-instruct", "--bootstrap", "0"]
    live = subprocess.run(args + ["--llm-base-url", server.base_url], capture_output=True, text=True, env=env, cwd=REPO)
    assert live.returncode == 0, live.stderr
    server.close()
    cached = subprocess.run(args + ["--cache-only"], capture_output=True, text=True, env=env, cwd=REPO)
    assert cached.returncode == 0, cached.stderr
    assert json.loads(cached.stdout)["metrics"] == json.loads(live.stdout)["metrics"]
    assert len(server.requests) == 1
