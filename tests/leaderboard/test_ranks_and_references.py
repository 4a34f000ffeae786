"""Rank ranges from the joint bootstrap, reference rows recomputed from the ground truth, signature groups, families."""

from __future__ import annotations

from collections import Counter

import pytest

import emer_eval
from emer_eval.families import POLARITIES, families, family_scores
from emer_eval.metrics import ew
from emer_eval.ranks import joint_rank_intervals, primary_values, rank_intervals
from space.leaderboard.evidence import build_evidence
from space.leaderboard.ranking import rank_ranges
from space.leaderboard.reference import BASIC_EMOTIONS, reference_entries
from space.leaderboard.table import BoardSpec, build_table

from .factories import TRACK, make_record


@pytest.fixture(scope="module")
def gt(gt_path):
    return emer_eval.load_ground_truth(gt_path)


@pytest.fixture(scope="module")
def wheels(data_dir):
    return emer_eval.load_wheels("2025")


def degraded(gt, keep_every: int) -> dict[str, list[str]]:
    """The ground truth itself on every ``keep_every``-th clip, nothing elsewhere: a known, graded quality."""
    return {name: (list(labels) if i % keep_every == 0 else []) for i, (name, labels) in enumerate(gt.items())}


def stats_of(wheels, gt, labels):
    return ew.sample_stats(wheels, labels, gt)


# --- rank ranges ----------------------------------------------------------------------------------------------------

def test_identical_entries_share_a_range_and_a_clearly_better_one_is_first(gt, wheels):
    best = stats_of(wheels, gt, degraded(gt, 1))        # perfect
    middle = stats_of(wheels, gt, degraded(gt, 2))      # right on half the clips
    twin = stats_of(wheels, gt, degraded(gt, 2))        # the same predictions again
    worst = stats_of(wheels, gt, degraded(gt, 7))
    ranges = joint_rank_intervals([middle, best, twin, worst], resamples=300, seed=3)
    assert ranges[1] == (1, 1)
    assert ranges[0] == ranges[2] == (2, 2)              # tied: the best shared rank, identical on every resample
    assert ranges[3] == (4, 4)
    assert joint_rank_intervals([middle, best, twin, worst], resamples=300, seed=3) == ranges  # seeded


def test_close_entries_get_overlapping_ranges(gt, wheels):
    base = degraded(gt, 2)
    names = list(gt)
    better, other = dict(base), dict(base)
    for name in names[1:12:2]:      # A is right on six more clips, B on four others: a resampling-sized difference
        better[name] = list(gt[name])
    for name in names[13:20:2]:
        other[name] = list(gt[name])
    a, b = stats_of(wheels, gt, better), stats_of(wheels, gt, other)
    values = primary_values([a, b], "EW-L1")
    assert values[0] > values[1]
    (a_low, a_high), (b_low, b_high) = joint_rank_intervals([a, b], resamples=500, seed=1)
    assert a_low == 1 and b_high == 2 and b_low == 1       # both may be first: a statistical tie


def test_primary_values_reproduce_the_scorer(gt, wheels, chat_univi):
    result = emer_eval.score(chat_univi, gt, bootstrap=0)
    for primary in ("EW-L1", "EW-L2", "M-avg", "M2", "W3-L1"):
        expected = result.m_avg if primary == "M-avg" else result.metrics[primary].f
        assert primary_values([result.stats], primary)[0] == pytest.approx(expected, abs=1e-12)
    hit = emer_eval.score(chat_univi, gt, metrics=("ew", "hit"), bootstrap=0).scores()["hit"]["hit"]
    assert primary_values([result.stats], "hit")[0] == pytest.approx(hit, abs=1e-12)


def test_rank_intervals_use_competition_ranks():
    values = [[3.0, 3.0, 1.0], [1.0, 2.0, 3.0]]
    assert rank_intervals(values, confidence=1.0) == [(1, 3), (1, 2), (1, 3)]


def test_paper_rows_hold_their_place_but_get_no_range(gt, wheels):
    strong = build_evidence(degraded(gt, 1), gt, "2025")
    weak = build_evidence(degraded(gt, 5), gt, "2025")
    ranges = rank_ranges([("paper", None, 2.0), ("strong", strong, 0.0), ("weak", weak, 0.0)], "EW-L1",
                         resamples=200)
    assert set(ranges) == {"strong", "weak"}
    assert ranges["strong"] == (2, 2) and ranges["weak"] == (3, 3)   # an unbeatable constant stays above both


# --- reference rows -------------------------------------------------------------------------------------------------

def test_reference_rows_are_recomputed_from_the_ground_truth(gt, wheels):
    rows = {row["id"].rsplit("/", 1)[1]: row for row in reference_entries(TRACK, gt, wheels="2025", primary="EW-L1",
                                                                          private=False)}
    assert set(rows) == {"empty", "basic-six", "top-k"}
    assert rows["empty"]["scores"]["EW-L1"] == {"f": 0.0, "p": 0.0, "r": 0.0}
    basic = emer_eval.score({name: list(BASIC_EMOTIONS) for name in gt}, gt, bootstrap=0).metrics["EW-L1"].f
    assert rows["basic-six"]["scores"]["EW-L1"]["f"] == pytest.approx(basic)
    # the test's own search: clip frequency of every label the wheels know, best constant answer over k
    counts = Counter(label for labels in gt.values() for label in set(labels)
                     if any(target is not None for target in wheels.targets(label)))
    ranked = [label for label, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    scores = [emer_eval.score({n: ranked[:k] for n in gt}, gt, bootstrap=0).metrics["EW-L1"].f
              for k in range(1, 31)]
    best_k = scores.index(max(scores)) + 1
    top = rows["top-k"]
    assert top["reference"]["k"] == best_k and top["reference"]["labels"] == ranked[:best_k]
    assert top["scores"]["EW-L1"]["f"] == pytest.approx(max(scores))
    assert f"Top-{best_k}" in top["metadata"]["model_name"] and ", ".join(ranked[:best_k]) in \
        top["metadata"]["description"]


def test_the_best_constant_guess_beats_a_published_model(gt):
    """The point of the rows: Qwen-Audio's published EW-L1 F (39.47) is below the top-k constant answer."""
    from space.leaderboard.reported import load_reported

    qwen = next(row for row in load_reported() if row["track"] == TRACK and row["metadata"]["model_name"] ==
                "Qwen-Audio")
    rows = reference_entries(TRACK, gt, wheels="2025", primary="EW-L1", private=False)
    board = build_table([], [qwen], TRACK, references=rows)
    assert board["id"].tolist().index("reported/ovmerd-labels/Qwen-Audio") > board["id"].tolist().index(
        f"reference/{TRACK}/top-k")
    assert board.loc[board["Source"] == "reference", "Rank"].isna().all()
    assert board.loc[board["Source"] == "reported", "Rank"].tolist() == [1]   # references take no rank


def test_private_track_reference_states_k_never_the_labels(gt):
    rows = reference_entries(TRACK, gt, wheels="2025", primary="EW-L1", private=True)
    top = rows[-1]
    assert top["reference"]["labels"] == [] and top["reference"]["k"] >= 1
    frequent = Counter(label for labels in gt.values() for label in labels).most_common(1)[0][0]
    assert frequent not in top["metadata"]["description"]


def test_k_maximises_the_tracks_primary(gt):
    for primary in ("EW-L2", "M-avg"):
        top = reference_entries(TRACK, gt, wheels="2025", primary=primary, private=False)[-1]
        labels = top["reference"]["labels"]
        here = emer_eval.score({n: labels for n in gt}, gt, bootstrap=0).scores()
        value = here[primary] if primary == "M-avg" else here[primary]["f"]
        for k in (len(labels) - 1, len(labels) + 1):
            if k >= 1:
                from space.leaderboard.reference import frequent_labels

                wheel_set = emer_eval.load_wheels("2025")
                scorable = {label for labels in gt.values() for label in labels
                            if any(target is not None for target in wheel_set.targets(label))}
                other = frequent_labels(gt, scorable)[:k]
                there = emer_eval.score({n: other for n in gt}, gt, bootstrap=0).scores()
                assert value >= (there[primary] if primary == "M-avg" else there[primary]["f"])


# --- signatures and the primary -------------------------------------------------------------------------------------

OFFICIAL = "emer-eval:0.1.0|ew:2025|parse:official|extract:none|n:332"
OFFLINE = "emer-eval:0.1.0|ew:2025|parse:official|extract:offline-v2|n:332"


def test_non_official_signatures_form_an_unranked_group(tracks):
    track = tracks["ovmerd-explanations"]
    records = [make_record("llm", 0.50, signature=OFFICIAL.replace("extract:none",
                                                                     "extract:llm:Qwen/Qwen2.5-7B-Instruct")),
               make_record("offline", 0.70, signature=OFFLINE),
               make_record("other-wheels", 0.65, signature=OFFICIAL.replace("ew:2025", "ew:2026").replace(
                   "extract:none", "extract:llm:Qwen2.5-7B-Instruct")),
               make_record("hot", 0.40, signature=OFFICIAL.replace("extract:none",
                                                                     "extract:llm:Qwen2.5-7B-Instruct@temperature=0"))]
    board = build_table([{**r, "track": track.id} for r in records], [], track).set_index("id")
    assert board.loc["llm", "group"] == "official" and board.loc["llm", "Rank"] == 1
    for entry in ("offline", "other-wheels", "hot"):
        assert board.loc[entry, "group"] == "non-official" and board.loc[entry, "Rank"] is pd_na()
        assert "non-official" in board.loc[entry, "notes_text"]
    assert board.index.tolist()[0] == "llm"          # the ranked group first, though offline scores higher


def test_primary_from_the_track_decides_the_ranking(tracks):
    import dataclasses

    track = dataclasses.replace(tracks["ovmerd-labels"], primary="EW-L2")
    a = make_record("a", 0.6)          # EW-L2 F = 0.8 × EW-L1 in the factory...
    b = make_record("b", 0.5)
    b["scores"]["EW-L2"]["f"] = 0.9    # ...except here
    board = build_table([a, b], [], track)
    assert board["id"].tolist() == ["b", "a"] and board.attrs["label"] == "EW-L2 F"
    assert board["Score"].tolist() == pytest.approx([90.0, 48.0])
    assert BoardSpec.of(track).primary == "EW-L2"


def test_judge_scale_rows_keep_their_scale():
    spec = BoardSpec("judge-track", primary="clue_overlap", scale="1-10", is_official=lambda s: True)
    records = [make_record(f"j{i}", 0.5, track="judge-track") for i in range(4)]
    records[0]["scores"]["clue_overlap"] = {"mean": 7.25, "judge": "judge-a"}
    records[1]["scores"]["clue_overlap"] = {"mean": 6.5, "ci95": [6.0, 7.0], "n": 100, "scale": [1.0, 10.0],
                                            "judge": "judge-a"}
    records[2]["scores"]["clue_overlap"] = 6.5                            # a bare number is no judge score
    records[3]["scores"]["clue_overlap"] = {"mean": 0.5, "judge": "judge-a"}  # below the 1–10 scale
    board = build_table(records, [], spec)
    assert board["Score"].tolist() == [7.25, 6.5] and board.attrs["label"] == "clue_overlap"
    assert board["CI low"].tolist()[1:] == [6.0] and board.attrs["skipped"] == ("j2", "j3")


# --- families -------------------------------------------------------------------------------------------------------

def test_family_precision_and_recall_on_a_small_case(wheels):
    gt = {"s1": ["angry"], "s2": ["happy"], "s3": ["sad", "angry"]}
    predictions = {"s1": ["angry", "happy"], "s2": ["happy"], "s3": []}
    result = family_scores(wheels, predictions, gt)
    mad = wheels.targets("angry")[2]                     # W1-L1 (after M1, M2): the family of "angry"
    happy = wheels.targets("happy")[2]
    assert result["families"][mad] == {"p": 1.0, "r": 0.5, "f": pytest.approx(2 / 3), "n_gt": 2, "n_pred": 1}
    assert result["families"][happy]["p"] == 0.5 and result["families"][happy]["r"] == 1.0
    assert set(result["families"]) == set(families(wheels)) and set(result["polarity"]) == set(POLARITIES)
    assert result["polarity"]["negative"]["r"] == 0.5 and result["polarity"]["positive"]["p"] == 0.5


def pd_na():
    import pandas as pd

    return pd.NA


@pytest.fixture(scope="module")
def tracks():
    from space.config import REPO
    from space.tracks import load_tracks

    return load_tracks(REPO / "space" / "tracks.toml")


def test_paper_rows_of_a_judge_track_are_listed_apart(tracks):
    from space.leaderboard.reported import load_reported

    track = tracks["emer-v1-explanations"]
    papers = [row for row in load_reported() if row["track"] == track.id]
    board = build_table([], papers, track)
    assert len(board) == len(papers) and board["Rank"].isna().all()        # the paper's retired judge: unranked
    assert (board["group"] == "non-official").all() and board.attrs["scale"] == "1-10"
    assert board["Score"].max() <= 10 and board["id"].iloc[0].endswith("Emotion-LLaMA")


def test_filling_rank_ranges_equals_building_with_them():
    """The board builds its table once and fills the ranges in; that must be the table a build with them gives."""
    from pandas.testing import assert_frame_equal

    from space.leaderboard.table import Derived, with_rank_ranges

    records = [make_record("a", 0.60), make_record("b", 0.55, flagged=False),
               make_record("c", 0.50, visibility="flagged", flag_reason="why?"),
               make_record("d", 0.40, metadata={"model_name": "d", "training_data": ["OV-MERD"]})]
    ranges = {"a": (1, 2), "b": (1, 3), "c": (2, 3)}
    spec = BoardSpec(TRACK, test_clip_sources=("OV-MERD",))
    derived = {key: Derived(mean_labels=2.0) for key in "abcd"}
    with_ranges = {key: Derived(mean_labels=2.0, rank_range=ranges.get(key)) for key in "abcd"}
    filled = with_rank_ranges(build_table(records, [], spec, derived=derived), ranges)
    assert_frame_equal(filled, build_table(records, [], spec, derived=with_ranges))
    assert filled.set_index("id").loc["b", "notes_text"].startswith("🥇 tied for first")
