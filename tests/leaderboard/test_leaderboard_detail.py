"""The detail view: metadata, per-wheel table, CI, OOV, signature and re-score history of one entry."""

from __future__ import annotations

import re

from space.leaderboard.detail import detail_markdown
from space.leaderboard.reported import load_reported
from space.leaderboard.table import build_table, entry_by_id

from .factories import TRACK, WHEELS, make_record


def table_row(text: str, metric: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.startswith(f"| {metric} |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_detail_shows_metadata_scores_ci_and_signature():
    record = make_record("20250301T120000Z-0123456789ab", 0.5712, ci=(0.5401, 0.6022), p=0.566, r=0.5775,
                         name="Chat-UniVi rescored", organisation="PKU", modalities=("video", "text"))
    text = detail_markdown(record)
    assert text.startswith("### Chat\\-UniVi rescored\n")
    assert "| Organisation | PKU |" in text and "| Weights | open |" in text and "| Source | submitted |" in text
    assert "| Modalities | 🎬 video 📝 text |" in text
    assert "[https\\:\\/\\/example\\.org\\/model](https://example.org/model)" in text
    assert "**EW-L1 F 57.12** — 95 % CI [54.01, 60.22]" in text
    for metric in ("M1", "M2", *WHEELS):
        assert table_row(text, metric) == [metric, "57.12", "56.60", "57.75", "332"]
    assert table_row(text, "EW-L1") == ["EW-L1", "57.12", "56.60", "57.75", "—"]
    assert "emer\\-eval\\:0\\.1\\.0\\|ew\\:2025" in text  # signature, escaped like every stored string


def test_detail_shows_oov_summary_and_rescore_history():
    old_scores = {"EW-L1": {"f": 0.41, "p": 0.4, "r": 0.42}}
    record = make_record("r1", 0.5, oov={"labels": 200, "dropped": 14, "fraction": 0.07,
                                         "top_dropped": [["neutral", 9], ["calmness", 5]]},
                         history=[{"scores": old_scores, "signature": "emer-eval:0.0.9|ew:2025", "oov": None,
                                   "scored_at": "2025-01-02T00:00:00+00:00", "replaced_at": "2025-03-01T00:00:00+00:00",
                                   "replaced_by": "admin"}])
    text = detail_markdown(record)
    assert "14 of 200 predicted labels (7.0 %)" in text and "neutral ×9, calmness ×5" in text
    history = text.split("#### Earlier scores")[1]
    assert re.search(r"\| 2025\\-01\\-02T00\\:00\\:00\\\+00\\:00 \| 41\.00 \| emer\\-eval\\:0\\\.0\\\.9", history)


def test_detail_lists_scoring_warnings_escaped():
    warning = "2 prediction id(s) not in the ground truth were ignored (e.g. <x>, [y](z))"
    record = make_record("r3", 0.5, warnings=[warning])
    text = detail_markdown(record)
    assert "- 2 prediction id\\(s\\) not in the ground truth were ignored \\(e\\.g\\. &lt;x&gt;\\, \\[y\\]" in text


def test_detail_without_oov_or_history_has_no_such_sections():
    text = detail_markdown(make_record("r2", 0.5))
    assert "Out-of-vocabulary" not in text and "Earlier scores" not in text


def test_detail_of_a_reported_row_says_what_was_published():
    entry = entry_by_id(load_reported(), "reported/ovmerd-labels/Chat-UniVi")
    text = detail_markdown(entry)
    assert "| Source | reported |" in text and "Submitted by" not in text
    assert table_row(text, "W1-L1")[1:5] == ["57.00", "—", "—", "—"]  # only F published: P/R/n are dashes
    assert table_row(text, "W1-L1")[5] == "0.06"  # the published std over extraction runs
    assert "CI [" not in text
    assert "d961cab" in text and "Derived here (not a published column): EW\\-L1, EW\\-L2" in text


def test_detail_of_a_clicked_row_is_found_by_id():
    records = [make_record("x1", 0.3), make_record("x2", 0.4, name="Second")]
    board = build_table(records, [], TRACK)
    assert entry_by_id(records, board["id"].iloc[0])["metadata"]["model_name"] == "Second"
    assert entry_by_id(records, "missing") is None
    assert "Select a row" in detail_markdown(None)


def test_detail_survives_a_malformed_record():
    text = detail_markdown({"id": "weird", "metadata": "nope", "scores": {"EW-L1": "bad", "M1": {"f": "x"}},
                            "history": ["junk"], "oov": {"labels": "many"}})
    assert text.startswith("### (unnamed)") and "**EW-L1 F —**" in text
