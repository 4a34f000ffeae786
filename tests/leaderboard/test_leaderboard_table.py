"""Ranking, tie-break, CI overlap, what is shown, dtypes, filters and column selection of the leaderboard table."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from space.leaderboard import columns as cols
from space.leaderboard.reported import load_reported
from space.leaderboard.table import build_table, ci_overlaps_leader, display_frame, filter_table, select_columns

from .factories import TRACK, make_record


def ids(frame: pd.DataFrame) -> list[str]:
    return frame["id"].tolist()


def test_rows_are_ranked_by_ew_l1_f_descending():
    records = [make_record("a", 0.40), make_record("b", 0.60), make_record("c", 0.50)]
    board = build_table(records, [], TRACK)
    assert ids(board) == ["b", "c", "a"]
    assert board["Rank"].tolist() == [1, 2, 3]
    assert board["EW-L1 F"].tolist() == pytest.approx([60.0, 50.0, 40.0])


def test_equal_f_is_broken_by_earlier_submission_date():
    records = [make_record("late", 0.5, created_at="2025-05-02T00:00:00+00:00"),
               make_record("early", 0.5, created_at="2025-05-01T00:00:00+00:00"),
               make_record("best", 0.7, created_at="2025-06-01T00:00:00+00:00")]
    assert ids(build_table(records, [], TRACK)) == ["best", "early", "late"]


def test_dates_in_other_offsets_compare_as_instants():
    # 01:00+02:00 is 23:00 UTC the day before: it was submitted first.
    records = [make_record("utc", 0.5, created_at="2025-05-01T00:00:00+00:00"),
               make_record("plus2", 0.5, created_at="2025-05-01T01:00:00+02:00")]
    assert ids(build_table(records, [], TRACK)) == ["plus2", "utc"]


def test_float_noise_is_a_tie_not_a_lead():
    records = [make_record("later", 0.3 + 1e-13, created_at="2025-05-02T00:00:00+00:00"),
               make_record("first", 0.3, created_at="2025-05-01T00:00:00+00:00")]
    assert ids(build_table(records, [], TRACK)) == ["first", "later"]


def test_reported_ties_break_by_model_name_after_dated_rows():
    reported = [
        {"id": "reported/x/zeta", "track": TRACK, "status": "reported", "source": "reported", "visibility": "visible",
         "metadata": {"model_name": "zeta"}, "scores": {"EW-L1": {"f": 0.5}}, "created_at": None},
        {"id": "reported/x/Alpha", "track": TRACK, "status": "reported", "source": "reported", "visibility": "visible",
         "metadata": {"model_name": "Alpha"}, "scores": {"EW-L1": {"f": 0.5}}, "created_at": None},
    ]
    board = build_table([make_record("dated", 0.5)], reported, TRACK)
    assert ids(board) == ["dated", "reported/x/Alpha", "reported/x/zeta"]
    assert board["Source"].tolist() == ["submitted", "reported", "reported"]


def test_ci_overlap_flag_compares_with_the_leader():
    records = [make_record("leader", 0.60, ci=(0.55, 0.65)),
               make_record("tied", 0.56, ci=(0.50, 0.61)),
               make_record("touching", 0.50, ci=(0.45, 0.55)),
               make_record("behind", 0.40, ci=(0.35, 0.54)),
               make_record("no-ci", 0.30)]
    board = build_table(records, [], TRACK)
    flag = ci_overlaps_leader(board).set_axis(board["id"])
    assert flag["leader"] is True or flag["leader"] == True  # noqa: E712 (pandas BooleanDtype scalar)
    assert bool(flag["tied"]) and bool(flag["touching"])
    assert not bool(flag["behind"])
    assert flag["no-ci"] is pd.NA
    assert str(flag.dtype) == "boolean"


def test_ci_leader_is_the_best_row_that_has_a_ci():
    reported = load_reported()  # OV-MER paper rows: no CI, some above the submission
    table = build_table([make_record("sub", 0.50, ci=(0.48, 0.52)), make_record("low", 0.40, ci=(0.38, 0.42))],
                        reported, TRACK)
    board = table.assign(overlap=ci_overlaps_leader(table)).set_index("id")
    assert bool(board.loc["sub", "overlap"])
    assert not bool(board.loc["low", "overlap"])
    assert board.loc[board["Source"] == "reported", "overlap"].isna().all()
    assert board.loc["sub", "Rank"] > 1  # the paper rows with higher F rank above it


@pytest.mark.parametrize("change", [
    {"status": "rejected"}, {"visibility": "hidden"}, {"track": "another-track"}, {"status": "pending"},
    {"status": "reported"},  # a store record cannot pass itself off as a paper's number
])
def test_rejected_hidden_and_other_tracks_are_not_shown(change):
    records = [make_record("shown", 0.5), make_record("gone", 0.9, **change)]
    assert ids(build_table(records, [], TRACK)) == ["shown"]


def test_baselines_are_shown_with_their_source():
    board = build_table([make_record("base", 0.5, status="baseline", source="baseline")], [], TRACK)
    assert board["Source"].tolist() == ["baseline"]


def test_flagged_entries_stay_ranked_with_a_badge_unless_excluded():
    records = [make_record("flag", 0.9, visibility="flagged", name="Flagged model"), make_record("ok", 0.5)]
    board = build_table(records, [], TRACK)
    assert ids(board) == ["flag", "ok"]
    assert board["Model"].iloc[0].endswith("⚑") and board["flagged"].tolist() == [True, False]
    assert "⚑" not in board["Model"].iloc[1]
    assert ids(build_table(records, [], TRACK, include_flagged=False)) == ["ok"]


@pytest.mark.parametrize("bad_scores", [
    {}, {"EW-L1": {}}, {"EW-L1": {"f": "0.9"}}, {"EW-L1": {"f": float("nan")}}, {"EW-L1": {"f": 90.0}},
    {"EW-L1": {"f": True}}, "not a dict", {"EW-L1": {"f": 0.5, "p": 0.5}},            # recall missing
    {"EW-L1": {"f": 0.5, "p": 0.5, "r": 0.5, "ci95": [0.6, 0.4]}},                   # CI low > high
    {"EW-L1": {"f": 0.5, "p": 0.5, "r": 0.5, "n": "332"}}, {"EW-L1": [0.5, 0.5, 0.5]},
])
def test_malformed_records_are_skipped_not_ranked(bad_scores):
    """A malformed primary block blanks the primary, and a row without its primary is not ranked."""
    bad = make_record("bad", 0.5)
    bad["scores"] = bad_scores
    board = build_table([bad, make_record("good", 0.4)], [], TRACK)
    assert ids(board) == ["good"]
    assert board.attrs["skipped"] == ("bad",) and board.attrs["skipped_count"] == 1


def test_a_malformed_metric_blanks_that_metric_alone():
    record = make_record("r", 0.5, ci=(0.45, 0.55))
    record["scores"]["EW-L2"] = {"f": "high", "p": 0.4, "r": 0.4}                     # wrong type
    record["scores"]["M-avg"] = None
    record["scores"]["M1"] = {"f": 0.5, "p": 0.5, "r": 0.5, "ci95": [0.6, 0.4]}       # CI low > high
    record["scores"]["W1-L1"] = {"f": 0.5, "p": 1.5, "r": 0.5}                        # out of range
    record["scores"]["W2-L1"] = {"f": 0.5, "r": 0.5}                                  # a key missing
    record["metadata"]["modalities"] = ["audio", "smell", 3]
    record["metadata"]["open_weights"] = "yes"
    row = build_table([record], [], TRACK).iloc[0]
    for blank in ("EW-L2 F", "M-avg", "M1 F", "W1-L1 F", "W2-L1 F"):
        assert math.isnan(row[blank]), blank
    assert row["EW-L1 F"] == pytest.approx(50.0) and (row["CI low"], row["CI high"]) == pytest.approx((45.0, 55.0))
    assert row["M2 F"] == pytest.approx(50.0) and row["W1-L2 F"] == pytest.approx(50.0)   # the rest is shown
    assert row["modality_list"] == "audio" and row["Weights"] == "unknown"


def test_records_as_objects_are_accepted():
    class Submission:  # the store's folded dataclass exposes the same fields as attributes
        def __init__(self, data):
            self.__dict__.update(data)

    board = build_table([Submission(make_record("obj", 0.5))], [], TRACK)
    assert ids(board) == ["obj"]


def test_columns_and_dtypes_follow_the_declaration():
    board = build_table([make_record("a", 0.5, ci=(0.4, 0.6))], load_reported(), TRACK)
    assert list(board.columns) == [c.name for c in cols.COLUMNS]
    for column in cols.COLUMNS:
        assert str(board[column.name].dtype) == column.dtype, column.name
    for name in cols.SCORE_COLUMNS:
        assert pd.api.types.is_float_dtype(board[name]), name
    assert pd.api.types.is_integer_dtype(board["Rank"])


def test_empty_board_keeps_its_columns_and_dtypes():
    board = build_table([], [], TRACK)
    assert board.empty and list(board.columns) == [c.name for c in cols.COLUMNS]
    assert all(str(board[c.name].dtype) == c.dtype for c in cols.COLUMNS)


def test_reported_rows_have_nan_precision_recall_never_zero():
    board = build_table([], load_reported(), TRACK)
    assert len(board) == 12
    assert board["P"].isna().all() and board["R"].isna().all()
    assert board["CI low"].isna().all() and board["Date"].isna().all()
    assert (board["EW-L1 F"] > 0).all()


def test_display_frame_rounds_but_keeps_numbers_numeric():
    board = build_table([make_record("a", 0.123456, ci=(0.1, 0.15))], [], TRACK)
    shown = display_frame(board)
    assert shown["EW-L1 F"].iloc[0] == pytest.approx(12.35)
    assert pd.api.types.is_float_dtype(shown["EW-L1 F"])
    assert board["EW-L1 F"].iloc[0] == pytest.approx(12.3456)  # the table itself is never rounded
    assert list(shown.columns[:3]) == ["Rank", "Model", "EW-L1 F"]  # the primary, under its own name, third
    assert select_columns(board, ["Date"])["Date"].notna().all()
    assert display_frame(board, ["Date"])["Date"].iloc[0] == "2025-03-01 12:00"
    assert not set(cols.HIDDEN) & set(shown.columns)


def _filter_board() -> pd.DataFrame:
    records = [
        make_record("av", 0.6, name="VideoTalker", organisation="Acme Labs", modalities=("audio", "video")),
        make_record("at", 0.5, name="AudioOnly", organisation="Sound Inc", modalities=("audio", "text"),
                    open_weights=False),
        make_record("t", 0.4, name="TextBot", organisation="acme", modalities=("text",), open_weights=None),
        make_record("b", 0.3, name="Baseline-X", status="baseline", source="baseline", modalities=("video",)),
    ]
    return build_table(records, load_reported(), TRACK)


def test_filter_by_search_matches_model_or_organisation_case_insensitively():
    board = _filter_board()
    assert ids(filter_table(board, "ACME")) == ["av", "t"]
    assert ids(filter_table(board, "acme text")) == ["t"]
    assert ids(filter_table(board, "video-llava")) == ["reported/ovmerd-labels/Video-LLaVA"]
    assert filter_table(board, "(unbalanced[").empty  # literal search, not a regex


def test_filter_by_modality_keeps_models_runnable_with_the_selection_and_unknown_ones():
    board = _filter_board()
    unknown = board.loc[board["modality_list"] == "", "id"].tolist()
    assert len(unknown) == 12  # the paper rows: their modalities are unknown
    assert ids(filter_table(board, modalities=["audio", "text"])) == [i for i in ids(board) if i in {"at", "t",
                                                                                                     *unknown}]
    assert ids(filter_table(board, modalities=["audio"])) == unknown  # unknown rows stay: nothing excludes them
    assert ids(filter_table(board, modalities=["video"], declared_only=True)) == ["b"]
    assert ids(filter_table(board, declared_only=True)) == ["av", "at", "t", "b"]
    assert len(filter_table(board, modalities=["audio", "video", "text"])) == len(board)  # all selected: no filter


def test_filter_by_source_and_weights():
    board = _filter_board()
    assert ids(filter_table(board, sources=["baseline"])) == ["b"]
    assert set(filter_table(board, sources=["reported"])["Source"]) == {"reported"}
    assert len(filter_table(board, sources=["reported"])) == 12
    assert filter_table(board, sources=[]).empty
    assert ids(filter_table(board, weights=["closed"])) == ["at"]
    assert ids(filter_table(board, sources=["submitted"], weights=["unknown"])) == ["t"]


def test_filtering_keeps_the_global_rank():
    board = _filter_board()
    filtered = filter_table(board, sources=["submitted", "baseline"])
    assert filtered["Rank"].tolist() == board.loc[board["Source"] != "reported", "Rank"].tolist()
    assert filtered["Rank"].tolist()[-1] == len(board)  # the baseline (0.3) is last of all 16 rows, not 4th


def test_select_columns_keeps_never_hidden_and_declaration_order():
    board = _filter_board()
    chosen = select_columns(board, ["M-avg", "Organisation"])
    assert list(chosen.columns) == ["Rank", "Model", "Score", "Organisation", "M-avg"]
    assert "id" in select_columns(board, ["M-avg"], keep_hidden=True).columns
    assert list(select_columns(board).columns) == cols.default_columns()
    with pytest.raises(ValueError, match="Nope"):
        select_columns(board, ["Nope"])
