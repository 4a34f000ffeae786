"""The EMER-V1 judge track's rankings: Chinese and English rows of this hub's judge each ranked among themselves,
rows of another judge or prompt version never ranked, the paper's retired-judge rows never ranked — on the table and
in the "Other benchmarks" view (the API rows: tests/hub/test_emer_v1_track.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from emer_eval.metrics.judge import PROMPT_VERSION
from space.config import REPO
from space.judging import with_configured_judge
from space.leaderboard.reported import load_reported
from space.leaderboard.table import build_table, ci_overlaps_leader, other_benchmark_table
from space.tracks import load_tracks

from .factories import make_record

TRACK = "emer-v1-explanations"
JUDGE = "judge-a"


def judged(record_id: str, clue: float, *, lang: str = "zh", judge: str = JUDGE, prompts: str = PROMPT_VERSION,
           created_at: str = "2026-11-01T12:00:00+00:00") -> dict[str, Any]:
    record = make_record(record_id, 0.5, track=TRACK, created_at=created_at)
    record["scores"] = {metric: {"mean": value, "ci95": [value - 0.25, min(value + 0.5, 10.0)], "n": 100,
                                 "scale": [1.0, 10.0],
                                 "judge": judge, "prompts": prompts}
                        for metric, value in (("clue_overlap", clue), ("label_overlap", clue - 1))}
    record["signature"] = f"emer-eval:0.1.0|judge:{judge}|prompts:{prompts}|lang:{lang}|n:100"
    return record


@pytest.fixture(scope="module")
def track():
    from emer_eval import LLMConfig

    tracks = load_tracks(REPO / "space" / "tracks.toml")
    return with_configured_judge(tracks, LLMConfig(base_url="http://127.0.0.1:9/v1", model=JUDGE))[TRACK]


@pytest.fixture(scope="module")
def papers():
    return [row for row in load_reported() if row["track"] == TRACK]


@pytest.fixture(scope="module")
def board(track, papers):
    records = [judged("zh-low", 6.0), judged("zh-high", 7.5), judged("zh-mid", 7.0),
               judged("en-low", 5.5, lang="en"), judged("en-high", 9.0, lang="en"),   # best score of all
               judged("other-judge", 9.5, judge="judge-b"), judged("old-prompts", 9.9, prompts="emer-v1-old")]
    return build_table(records, papers, track)


def by_id(board) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in board.to_dict("records")}


def test_each_language_is_ranked_among_itself(board):
    rows = by_id(board)
    assert [rows[i]["Rank"] for i in ("zh-high", "zh-mid", "zh-low")] == [1, 2, 3]
    assert [rows[i]["Rank"] for i in ("en-high", "en-low")] == [1, 2]          # numbered from 1 again
    assert {rows[i]["group"] for i in ("zh-high", "zh-mid", "zh-low")} == {"official lang:zh"}
    assert {rows[i]["group"] for i in ("en-high", "en-low")} == {"official lang:en"}
    assert "ranked within lang:en" in rows["en-high"]["notes_text"]


def test_chinese_group_comes_first_then_english_then_the_unranked(board, papers):
    groups = board["group"].tolist()
    assert groups[:5] == ["official lang:zh"] * 3 + ["official lang:en"] * 2
    assert set(groups[5:]) == {"non-official"} and len(groups) == 7 + len(papers)


def test_other_judges_other_prompts_and_the_paper_are_never_ranked(board, papers):
    rows = by_id(board)
    for entry_id in ("other-judge", "old-prompts", *(paper["id"] for paper in papers)):
        assert rows[entry_id]["group"] == "non-official" and pd.isna(rows[entry_id]["Rank"]), entry_id
    assert all(rows[paper["id"]]["Source"] == "reported" for paper in papers)
    assert all("⚖️ retired judge gpt-3.5-turbo-16k-0613" in rows[paper["id"]]["notes_text"] for paper in papers)
    assert "⚖️ judge judge-b" in rows["other-judge"]["notes_text"]


def test_the_track_says_what_is_ranked_apart(track):
    assert track.ranking_groups == ("official lang:zh", "official lang:en")
    assert "lang ranked apart" in track.official_text() and f"judge:{JUDGE}" in track.official_text()


def test_ci_leader_is_per_ranked_group():
    frame = pd.DataFrame({"CI low": [7.0, 4.0, 6.0, 8.5], "CI high": [8.0, 5.0, 7.5, 9.5],
                          "Rank": pd.array([1, 1, 2, 2], dtype="Int64"),
                          "group": ["official lang:zh", "official lang:en", "official lang:zh",
                                    "official lang:en"]})
    # the English row 8.5-9.5 does not overlap the Chinese leader (7-8), but is held against its own leader (4-5)
    assert ci_overlaps_leader(frame).tolist() == [True, True, True, False]


def test_the_other_benchmarks_view_never_ranks_the_retired_judges_rows(papers):
    table = other_benchmark_table(papers, TRACK)
    assert len(table) == len(papers) and table["Rank"].isna().all()
    assert table["Clue overlap"].is_monotonic_decreasing                    # still listed best first
    assert other_benchmark_table(load_reported(), "merunibench")["Rank"].notna().all()


def test_judge_means_keep_their_interval_on_the_judge_scale(board):
    row = by_id(board)["zh-high"]
    assert (row["Score"], row["CI low"], row["CI high"]) == (7.5, 7.25, 8.0)


def test_the_detail_view_names_the_judge_its_interval_and_the_group(board, papers):
    from space.leaderboard.detail import detail_markdown

    rows = by_id(board)
    english = detail_markdown(judged("en-high", 9.0, lang="en"), rows["en-high"], primary="clue_overlap",
                              scale="1-10")
    prompts = PROMPT_VERSION.replace("-", "\\-")
    assert f"| clue\\_overlap | 9.00 | [8.75, 9.50] | 100 | — | judge\\-a | {prompts} |" in english
    assert "Ranked within** lang\\:en" in english and "EW-L1" not in english
    paper = detail_markdown(papers[0], rows[papers[0]["id"]], primary="clue_overlap", scale="1-10")
    assert "gpt\\-3\\.5\\-turbo\\-16k\\-0613" in paper and "is retired: its scores cannot be reproduced" in paper
    assert "**Not ranked**" in paper and "EW-L1" not in paper


def test_rank_apart_must_name_an_official_field(tmp_path):
    text = (REPO / "space" / "tracks.toml").read_text(encoding="utf-8")
    broken = tmp_path / "tracks.toml"
    broken.write_text(text.replace('primary = "clue_overlap"', 'primary = "clue_overlap"\nrank_apart = ["judge"]'),
                      encoding="utf-8")
    with pytest.raises(ValueError, match="rank_apart names judge, which official does not list"):
        load_tracks(broken)
    labels = load_tracks(REPO / "space" / "tracks.toml")["ovmerd-labels"]
    assert labels.rank_apart == () and labels.ranking_groups == ("official",)
