"""The command line, run as users run it: a subprocess of ``python -m emer_eval``."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from emer_eval.wheels import EW_METRICS

REPO = Path(__file__).resolve().parents[2]


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "emer_eval", *map(str, args)], cwd=REPO, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=120)


def test_score_json_is_one_object_with_the_documented_keys(chat_univi, gt_path):
    done = run("score", "--pred", chat_univi, "--gt", gt_path, "--json")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert set(payload) == {"signature", "n_samples", "metrics", "oov", "warnings"}
    assert payload["n_samples"] == 332
    assert payload["signature"].startswith("emer-eval:")
    assert "|ew:2025|parse:official|extract:none|n:332" in payload["signature"]
    for metric in EW_METRICS:
        assert set(payload["metrics"][metric]) == {"f", "p", "r", "n"}
    assert payload["metrics"]["EW-L1"]["f"] == pytest.approx(0.5716, abs=5e-5)
    assert 0 < payload["metrics"]["M-avg"] < 1                       # fractions, not ×100
    assert 0 < payload["oov"]["fraction"] < 1 and payload["oov"]["top_dropped"][0][0] == "contemplation"


def test_score_table_and_per_sample_file(chat_univi, gt_path, tmp_path):
    out = tmp_path / "per_sample.csv"
    done = run("score", "--pred", chat_univi, "--gt", gt_path, "--wheels", "2026", "--per-sample", out)
    assert done.returncode == 0, done.stderr
    assert "EW-L1      57.27" in done.stdout and "|ew:2026|" in done.stdout and "OOV" in done.stdout
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 332 and rows[0]["name"] == "sample_00000000"


def test_bad_input_is_one_line_on_stderr_and_exit_2(gt_path, tmp_path):
    bad = tmp_path / "dups.csv"
    bad.write_text("name,openset\nsample_1,[a]\nsample_1,[b]\n", encoding="utf-8")
    done = run("score", "--pred", bad, "--gt", gt_path)
    assert done.returncode == 2
    assert done.stdout == "" and done.stderr.count("\n") == 1
    assert "dups.csv" in done.stderr and "duplicate sample ids: sample_1" in done.stderr


def test_missing_resource_names_resource_places_and_fetch_command(chat_univi, gt_path, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run("score", "--pred", chat_univi, "--gt", gt_path, "--data", empty,
               env={"EMER_EVAL_CACHE": str(tmp_path / "cache")})
    assert done.returncode == 2
    assert "affectgpt-2025-emotion-wheel" in done.stderr and str(empty) in done.stderr
    assert "python -m emer_eval resources fetch affectgpt-2025-emotion-wheel" in done.stderr


def test_compare_paired_bootstrap(chat_univi, gt_path, data_dir):
    other = data_dir / "ovmer-baseline-outputs-ovmerd" / "Otter" / "output-reason-7b-nosubtitle-eng-openset.npz"
    done = run("compare", "--pred-a", chat_univi, "--pred-b", other, "--gt", gt_path, "--json", "--bootstrap", "200")
    assert done.returncode == 0, done.stderr
    test = json.loads(done.stdout)["paired_bootstrap"]
    assert test["delta"] > 0 and 0 < test["p_value"] <= 1


def test_resources_list_and_verify(data_dir):
    listing = run("resources", "list")
    assert listing.returncode == 0 and "mertools-mer2024-ov-store" in listing.stdout and str(data_dir) in listing.stdout
    verify = run("resources", "verify", "affectgpt-2025-emotion-wheel", "mertools-mer2024-ov-store")
    assert verify.returncode == 0 and "10/10 files ok" in verify.stdout
