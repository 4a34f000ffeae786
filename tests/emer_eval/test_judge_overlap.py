"""EMER-V1 judge metrics (clue / label overlap) against a local OpenAI-protocol server that plays the judge."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from fake_llm import judge_reply

from emer_eval import score
from emer_eval.cli import main
from emer_eval.errors import EmerEvalError, ExtractionError
from emer_eval.extract import LLMConfig
from emer_eval.metrics.judge import (
    PROMPT_VERSION,
    RETIRED_JUDGE,
    Judge,
    clue_prompt,
    label_prompt,
    parse_score,
    summary_prompt,
)

MODEL = "fake-judge-7b"

# sha256 of the prompts the authors' f-strings produce for these inputs (AffectGPT/evaluation.py @ 617ae18),
# computed from an independent transcription of their source: any whitespace change breaks the hash.
AUTHORS_SHA256 = {
    "clue": "0e66300c593b80f61a49ccca5f400feebd93c71d2c421d62cfa7d346d574e87f",
    "summary": "871c3d0e6d031a740f47777b00fe40570a60075f7d3084880fe51ebb9bef3228",
    "label": "d6a2e77ec084f8bbe0c2349b52f7840a42fc3e7fc078536cbbe5ae35f769f500",
}


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def judge_for(url: str, cache: Path, **options: Any) -> Judge:
    return Judge(LLMConfig(base_url=url, model=MODEL), cache_dir=str(cache), **options)


@pytest.fixture(scope="module")
def baseline_dir(data_dir: Path) -> Path:
    return data_dir / "affectgpt-emer-v1-baseline-results"


# --- the protocol's texts ---------------------------------------------------------------------------------------------

def test_prompts_are_the_authors_bytes():
    assert sha(clue_prompt("GT文本", "PRED文本")) == AUTHORS_SHA256["clue"]
    assert sha(summary_prompt("X描述")) == AUTHORS_SHA256["summary"]
    assert sha(label_prompt("生气", "高兴")) == AUTHORS_SHA256["label"]
    clue = clue_prompt("a", "b")
    assert clue.startswith("\n                下面给出人物的《真实描述》")
    assert clue.endswith("输出：\n\n                ")
    assert all(line == "" or line.startswith(" " * 16) for line in clue.split("\n"))
    assert summary_prompt("r").endswith("输出结果：\n              ")


def test_inserted_text_is_never_read_as_a_field():
    prompt = clue_prompt("{pred_reason}", "他笑了{gt_reason}")
    assert "《真实描述》：{pred_reason}\n" in prompt and "《预测描述》：他笑了{gt_reason}\n" in prompt


@pytest.mark.parametrize("reply, expected", [
    ("'预测分数'：7；'原因'：两者都提到了生气", 7.0),
    ("8.5", 8.5),
    ("score: 6", 6.0),
    ("'预测分数'：10；'原因'：完全一致", 10.0),
    ("预测分数：７", 7.0),          # a full-width digit is a digit to the authors' \d and to float()
    ("无法给出分数", None),          # no number at all
    ("7..5 分", None),              # matches the pattern, but is no number
    ("0", None),                    # off the 1-10 scale the prompt asks for
    ("75", None),
])
def test_reply_parsing(reply, expected):
    assert parse_score(reply) == expected


# --- through a real HTTP endpoint ------------------------------------------------------------------------------------

REFS = {"s1": "在视频中，他怒吼，因此推测他的情感状态为生气。", "s2": "在视频中，她笑了。因此推测她很高兴。"}
PREDS = {"s1": "他很生气，大声喊叫。", "s2": "她看起来很难过。"}


def test_clue_overlap_sends_the_protocol_request(make_server, tmp_path):
    server = make_server(judge_reply)
    scores = judge_for(server.base_url, tmp_path).score(PREDS, REFS, metrics=("clue_overlap",))

    bodies = server.bodies()
    assert sorted(body["messages"][0]["content"] for body in bodies) == sorted(
        clue_prompt(REFS[name], PREDS[name]) for name in REFS)
    for body in bodies:
        assert body["model"] == MODEL and body["temperature"] == 0
        assert len(body["messages"]) == 1 and body["messages"][0]["role"] == "user"
        assert not {"top_p", "max_tokens", "repetition_penalty"} & set(body)  # the authors send temperature only
    clue = scores["clue_overlap"]
    expected = [parse_score(judge_reply({"messages": [{"content": clue_prompt(REFS[n], PREDS[n])}]}, 0)[1])
                for n in REFS]
    assert list(clue.per_sample) == expected and clue.mean == pytest.approx(sum(expected) / 2)


def test_label_overlap_summarises_both_then_scores_the_raw_summaries(make_server, tmp_path):
    server = make_server(lambda body, n: (200, {summary_prompt(REFS["s1"]): "生气",
                                                summary_prompt(PREDS["s1"]): "愤怒、激动"}.get(
        body["messages"][0]["content"], "'预测分数'：6；'原因'：相近")))
    scores = judge_for(server.base_url, tmp_path).score({"s1": PREDS["s1"]}, {"s1": REFS["s1"]},
                                                        metrics=("label_overlap",))

    sent = [body["messages"][0]["content"] for body in server.bodies()]
    assert sorted(sent[:2]) == sorted([summary_prompt(REFS["s1"]), summary_prompt(PREDS["s1"])])
    assert sent[2] == label_prompt("生气", "愤怒、激动")
    assert scores["label_overlap"].per_sample == (6.0,)


def test_reply_without_a_score_is_counted_reported_and_scores_the_minimum(make_server, tmp_path):
    server = make_server(lambda body, n: (200, "我无法评分" if "她笑了" in body["messages"][0]["content"]
                                          else "'预测分数'：9；'原因'：一致"))
    result = score(PREDS, REFS, metrics=["g1"], judge=judge_for(server.base_url, tmp_path))

    clue = result.scores()["clue_overlap"]
    assert clue["unscored"] == 1 and clue["unscored_ids"] == ["s2"]
    assert clue["mean"] == pytest.approx((9 + 1) / 2)
    assert any("1 of 2 clue_overlap replies held no score" in warning for warning in result.warnings)


def test_second_run_is_served_from_the_cache(make_server, tmp_path):
    server = make_server(judge_reply)
    first = score(PREDS, REFS, metrics=["g1"], judge=judge_for(server.base_url, tmp_path))
    sent = len(server.requests)
    assert sent == 2 + 4 + 2  # clue: 1 per sample; label: 2 summaries + 1 score per sample

    again = score(PREDS, REFS, metrics=["g1"], judge=judge_for(server.base_url, tmp_path))
    offline = score(PREDS, REFS, metrics=["g1"], judge=Judge(LLMConfig(base_url="", model=MODEL),
                                                             cache_dir=str(tmp_path), cache_only=True))
    assert len(server.requests) == sent
    assert again.scores() == first.scores() == offline.scores() != {}


def test_cache_only_without_the_replies_fails_clearly(tmp_path):
    judge = Judge(LLMConfig(base_url="", model=MODEL), cache_dir=str(tmp_path), cache_only=True)
    with pytest.raises(ExtractionError, match="cache-only mode: 2 of 2 prompts have no cached reply"):
        judge.score(PREDS, REFS, metrics=("clue_overlap",))


def test_signature_names_judge_prompts_and_language(make_server, tmp_path):
    server = make_server(judge_reply)
    result = score(PREDS, REFS, metrics=["g1"], judge=judge_for(server.base_url, tmp_path))
    english = score({"s1": "He is angry."}, {"s1": "In the video, he roars. He is angry."}, metrics=["g1"],
                    judge=judge_for(server.base_url, tmp_path))

    assert f"|judge:{MODEL}|prompts:{PROMPT_VERSION}|lang:zh|n:2" in str(result.signature)
    assert "|lang:en|n:1" in str(english.signature)
    assert not result.signature.official  # which judge counts is a hub track's decision
    assert any(RETIRED_JUDGE in note for note in result.notes)


def test_missing_prediction_is_judged_as_empty_text(make_server, tmp_path):
    server = make_server(judge_reply)
    result = score({"s1": PREDS["s1"]}, REFS, metrics=["g1"], judge=judge_for(server.base_url, tmp_path))

    sent = [body["messages"][0]["content"] for body in server.bodies()]
    assert clue_prompt(REFS["s2"], "") in sent
    assert result.n_samples == 2 and any("have no prediction" in warning for warning in result.warnings)


def test_without_a_judge_the_metrics_say_what_they_need(monkeypatch):
    for name in ("EMER_LLM_BASE_URL", "EMER_LLM_MODEL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(EmerEvalError, match="need an LLM judge: set EMER_LLM_BASE_URL and EMER_LLM_MODEL"):
        score(PREDS, REFS, metrics=["g1"])
    with pytest.raises(EmerEvalError, match="score it on its own"):
        score(PREDS, REFS, metrics=["g1", "ew"])


# --- the CLI on the real EMER-V1 baseline outputs ---------------------------------------------------------------------

def test_cli_scores_a_real_baseline_then_reuses_the_cache(make_server, tmp_path, baseline_dir, capsys, monkeypatch):
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path))
    server = make_server(judge_reply)
    args = ["score", "--metrics", "g1", "--gt", str(baseline_dir / "gt.csv"), "--pred",
            str(baseline_dir / "pandagpt.csv"), "--llm-model", MODEL, "--json"]

    assert main([*args, "--llm-base-url", server.base_url]) == 0
    first = json.loads(capsys.readouterr().out)
    sent = len(server.requests)
    assert main([*args, "--cache-only"]) == 0
    cached = json.loads(capsys.readouterr().out)

    assert len(server.requests) == sent <= 100 * 4  # at most 4 requests per clip, none on the second run
    assert cached == first
    assert first["signature"].endswith(f"|judge:{MODEL}|prompts:{PROMPT_VERSION}|lang:zh|n:100")
    gt = pd.read_csv(baseline_dir / "gt.csv").set_index("names")["chi_reasons"]
    pred = pd.read_csv(baseline_dir / "pandagpt.csv").set_index("names")["chi_reasons"].fillna("")
    expected = [parse_score(judge_reply({"messages": [{"content": clue_prompt(gt[name], pred.get(name, ""))}]},
                                        0)[1]) for name in gt.index]
    assert first["metrics"]["clue_overlap"]["mean"] == pytest.approx(sum(v or 1.0 for v in expected) / 100)
    assert 1.0 <= first["metrics"]["label_overlap"]["mean"] <= 10.0
    assert RETIRED_JUDGE in first["notes"][0]


def test_cli_table_names_the_judge_and_the_retired_original(make_server, tmp_path, baseline_dir, capsys,
                                                           monkeypatch):
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path))
    server = make_server(judge_reply)
    assert main(["score", "--metrics", "g1", "--gt", str(baseline_dir / "gt.csv"), "--pred",
                 str(baseline_dir / "valley.csv"), "--llm-model", MODEL, "--llm-base-url", server.base_url]) == 0
    table = capsys.readouterr().out
    assert f"(1-10, judge {MODEL})" in table and "clue_overlap" in table and "label_overlap" in table
    assert f"note     The paper's judge, {RETIRED_JUDGE}, is retired" in table


def test_cli_runs_the_judge_control_on_request(make_server, tmp_path, baseline_dir, capsys, monkeypatch):
    """--judge-control K judges K clips against other clips' references too: the JSON carries the pairs, the table
    the gap, and the matched side is the clips' own clue-overlap scores (no second copy of them is sent)."""
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path))
    server = make_server(judge_reply)
    args = ["score", "--metrics", "g1", "--gt", str(baseline_dir / "gt.csv"), "--pred",
            str(baseline_dir / "valley.csv"), "--llm-model", MODEL, "--llm-base-url", server.base_url]
    assert main([*args, "--json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    sent = len(server.requests)
    assert "control" not in plain["metrics"]

    assert main([*args, "--json", "--judge-control", "10"]) == 0
    control = json.loads(capsys.readouterr().out)["metrics"]["control"]
    assert len(server.requests) == sent + 10  # only the mismatched prompts are new
    clips, against = [pair[0] for pair in control["pairs"]], [pair[1] for pair in control["pairs"]]
    pairs = list(zip(clips, against, strict=True))
    assert control["n"] == 10 and sorted(clips) == sorted(against) and all(a != b for a, b in pairs)
    gt = pd.read_csv(baseline_dir / "gt.csv").set_index("names")["chi_reasons"]
    pred = pd.read_csv(baseline_dir / "valley.csv").set_index("names")["chi_reasons"].fillna("")

    def judged(reference: str, name: str) -> float:
        reply = judge_reply({"messages": [{"content": clue_prompt(reference, pred.get(name, ""))}]}, 0)[1]
        return parse_score(reply) or 1.0

    assert [pair[2] for pair in control["pairs"]] == [judged(gt[name], name) for name in clips]
    assert [pair[3] for pair in control["pairs"]] == [judged(gt[other], name) for name, other in pairs]

    assert main([*args, "--judge-control", "10"]) == 0
    assert f"control  clue_overlap on 10 clips: {control['matched']:.2f} against their own" in capsys.readouterr().out


def test_cli_without_judge_exits_2_with_the_fix(tmp_path, baseline_dir, capsys, monkeypatch):
    for name in ("EMER_LLM_BASE_URL", "EMER_LLM_MODEL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    code = main(["score", "--metrics", "g1", "--gt", str(baseline_dir / "gt.csv"), "--pred",
                 str(baseline_dir / "valley.csv")])
    assert code == 2 and "--metrics g1 needs a judge" in capsys.readouterr().err


def test_a_judge_mean_carries_its_bootstrap_interval():
    from emer_eval.metrics.judge import JudgeScore
    from emer_eval.stats import resample_weights

    ids = tuple(f"s{i}" for i in range(40))
    values = tuple(None if i % 10 == 0 else float(1 + i % 9) for i in range(40))   # 4 unscored replies count 1
    score_ = JudgeScore("clue_overlap", ids, values, MODEL, unscored=ids[::10])
    counted = [1.0 if v is None else v for v in values]
    means = [float(w @ counted) / 40 for chunk in resample_weights(40, 1000, 12345) for w in chunk]
    low, high = score_.ci95
    assert (low, high) == (pytest.approx(float(pd.Series(means).quantile(0.025))),
                           pytest.approx(float(pd.Series(means).quantile(0.975))))
    assert low < score_.mean < high and score_.to_dict()["ci95"] == [low, high]
    constant = JudgeScore("clue_overlap", ids, (7.0,) * 40, MODEL)
    assert constant.ci95 == (7.0, 7.0)


def test_cli_compares_two_files_on_judge_scores(make_server, tmp_path, baseline_dir, capsys, monkeypatch):
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path))
    server = make_server(judge_reply)
    args = ["compare", "--metrics", "g1", "--gt", str(baseline_dir / "gt.csv"), "--pred-a",
            str(baseline_dir / "valley.csv"), "--pred-b", str(baseline_dir / "pandagpt.csv"), "--llm-model", MODEL,
            "--llm-base-url", server.base_url, "--bootstrap", "500"]
    assert main([*args, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    for metric in ("clue_overlap", "label_overlap"):
        test = payload["paired_bootstrap"][metric]
        delta = payload["a"]["metrics"][metric]["mean"] - payload["b"]["metrics"][metric]["mean"]
        assert test["delta"] == pytest.approx(delta) and test["resamples"] == 500
        assert test["ci95"][0] <= test["delta"] <= test["ci95"][1]
    sent = len(server.requests)
    assert main([*args, "--cache-only"]) == 0 and len(server.requests) == sent      # both files from the cache
    table = capsys.readouterr().out
    assert "A − B = " in table and "1-10 scale" in table and f"judge:{MODEL}" in table
