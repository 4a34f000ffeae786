"""The board reads stored scores through emer_eval's typed values: a real result round-trips, records of every
earlier shape load, and each malformed block blanks that metric alone."""

from __future__ import annotations

import copy
import math
import types

import numpy as np
import pytest

import emer_eval
from space.leaderboard.detail import detail_markdown
from space.leaderboard.reported import load_reported
from space.leaderboard.scores import m_avg_column, metric_columns, read_scores
from space.leaderboard.table import build_table

from .factories import TRACK, make_record


@pytest.fixture(scope="module")
def result(gt_path):
    return emer_eval.score(gt_path.with_name("predict-openset.csv"), gt_path, wheels="2025", bootstrap=200)


def test_a_real_result_reads_back_as_the_values_score_returned(result):
    stored = read_scores(result.scores())
    assert stored.malformed == () and dict(stored.metrics) == result.metrics
    assert stored.m_avg == result.m_avg and stored.to_dict() == result.scores()
    assert stored.value("EW-L1") == result.metrics["EW-L1"].f
    assert stored.ci("EW-L1") == result.metrics["EW-L1"].ci95 and stored.part("EW-L1", "r") == result.metrics[
        "EW-L1"].r


def test_the_other_families_read_back_as_their_types():
    hit = emer_eval.HitRate(0.5, {"W1-L1": emer_eval.WheelHit(0.5, 300)})
    g2 = emer_eval.G2Score(0.4, 0.6, 0.5, 332, 0.9, "groupings-v1")
    runs = emer_eval.RunSpread((0.5, 0.52), ((0.45, 0.55), (0.47, 0.57)))
    judged = emer_eval.JudgeSummary(7.25, "judge-a", ci95=(6.9, 7.6), n=100, unscored=1, prompts="p1",
                                    unscored_ids=("s1",))
    stored = read_scores({"hit": hit.to_dict(), "G2": g2.to_dict(), "runs": runs.to_dict(),
                          "text": {"BLEU-4": 0.1, "ROUGE-L": 0.3, "n": 100}, "clue_overlap": judged.to_dict()})
    assert (stored.hit, stored.g2, stored.runs, stored.judged["clue_overlap"]) == (hit, g2, runs, judged)
    assert stored.value("hit") == 0.5 and stored.value("clue_overlap", "1-10") == 7.25
    assert stored.ci("clue_overlap", "1-10") == (6.9, 7.6) and math.isnan(stored.value("clue_overlap"))
    assert stored.text == {"BLEU-4": 0.1, "ROUGE-L": 0.3, "n": 100} and stored.malformed == ()


def test_records_of_earlier_shapes_still_load():
    record = make_record("old", 0.5)
    record["scores"]["oov"] = {"labels": 10, "dropped": 1, "fraction": 0.1}  # OOV once sat among the scores
    del record["scores"]["EW-L1"]["p"], record["scores"]["EW-L1"]["r"]
    record["scores"]["EW-L1"].update(p=0.5, r=0.5)                          # key order is not part of the format
    stored = read_scores(record["scores"])
    assert stored.malformed == () and "oov" not in stored.to_dict() and stored.value("EW-L1") == 0.5
    row = build_table([record], [], TRACK).iloc[0]
    assert row["OOV %"] == pytest.approx(10.0) and row["EW-L1 F"] == pytest.approx(50.0)


def test_paper_rows_read_as_f_alone():
    papers = [row for row in load_reported() if row["track"] == TRACK]
    for paper in papers:
        stored = read_scores(paper["scores"], published=True)
        assert stored.malformed == () and not math.isnan(stored.value("EW-L1"))
        assert all(math.isnan(value.p) and math.isnan(value.r) and value.ci95 is None
                   for value in stored.metrics.values())
    assert read_scores(papers[0]["scores"]).malformed  # read as a hub result, a paper's block is incomplete


MALFORMED = {
    "wrong type": {"f": "0.5", "p": 0.5, "r": 0.5},
    "a bool for a number": {"f": True, "p": 0.5, "r": 0.5},
    "out of range": {"f": 0.5, "p": 50.0, "r": 0.5},
    "NaN": {"f": 0.5, "p": float("nan"), "r": 0.5},
    "missing key": {"f": 0.5, "p": 0.5},
    "CI low > high": {"f": 0.5, "p": 0.5, "r": 0.5, "ci95": [0.6, 0.4]},
    "CI of one number": {"f": 0.5, "p": 0.5, "r": 0.5, "ci95": [0.4]},
    "negative n": {"f": 0.5, "p": 0.5, "r": 0.5, "n": -3},
    "not an object": "0.5",
}


@pytest.mark.parametrize("block", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_block_blanks_that_metric_and_nothing_else(block):
    scores = copy.deepcopy(make_record("r", 0.5)["scores"])
    scores["W3-L2"] = block
    stored = read_scores(scores)
    assert stored.malformed == ("W3-L2",) and "W3-L2" not in stored.metrics
    assert math.isnan(stored.value("W3-L2")) and "W3-L2" not in stored.to_dict()
    assert len(stored.metrics) == 13 and stored.m_avg == pytest.approx(0.45)  # every other value is there
    text = detail_markdown({**make_record("r", 0.5), "scores": scores})
    assert "| W3-L1 |" in text and "| W3-L2 |" not in text
    row = build_table([{**make_record("r", 0.5), "scores": scores}], [], TRACK).iloc[0]
    assert math.isnan(row["W3-L2 F"]) and row["W3-L1 F"] == pytest.approx(50.0) and row["Score"] == 50.0


@pytest.mark.parametrize("family, block", [
    ("M-avg", 1.5), ("M-avg", "0.4"), ("hit", {"hit": 0.5, "wheels": {"W1-L1": {"hit": 0.5}}}), ("hit", [0.5]),
    ("hit", {"hit": 0.5, "wheels": {"W1-L1": {"hit": 0.5, "n": -3}}}),
    ("hit", {"f": 0.5, "p": 0.5, "r": 0.5}),  # shaped like a wheel metric, still read (and refused) as a hit rate
    ("G2", {"accuracy_s": 0.5}), ("runs", {"EW-L1_f": []}), ("runs", {"EW-L1_f": [0.5], "ci95": [[0.6, 0.4]]}),
    ("text", {"BLEU-4": "high", "n": 3}), ("clue_overlap", {"mean": 11.0, "judge": "j"}),
    ("clue_overlap", {"mean": 7.0}), ("clue_overlap", {"mean": 7.0, "judge": "j", "ci95": [8.0, 6.0]}),
    ("clue_overlap", {"mean": 700.0, "judge": "j", "scale": [0, 1000]}),     # only the judges' 1–10 scale
])
def test_a_malformed_family_blanks_that_family_alone(family, block):
    scores = {**make_record("r", 0.5)["scores"], family: block}
    stored = read_scores(scores)
    assert stored.malformed == (family,) and stored.value("EW-L1") == 0.5 and family not in stored.to_dict()


def test_scores_that_are_not_an_object_blank_everything_but_never_raise():
    for scores in ("junk", [1, 2], 3):
        stored = read_scores(scores)
        assert stored.malformed == ("scores",) and stored.to_dict() == {} and math.isnan(stored.value("EW-L1"))
    assert read_scores(None).malformed == ()


def test_the_detail_of_a_record_with_many_runs_stays_bounded():
    record = make_record("r", 0.5)
    record["scores"]["runs"] = emer_eval.RunSpread(tuple(0.5 for _ in range(5000))).to_dict()
    text = detail_markdown(record)
    assert "Mean of 5000 extraction runs" in text and text.count("50.00") < 40 and len(text) < 10_000


ODD_BUT_READABLE = {
    "integers": {"f": 1, "p": 0, "r": 1, "n": 3},
    "a tuple CI": {"f": 0.5, "p": 0.5, "r": 0.5, "ci95": (0.4, 0.6)},
    "integer CI ends": {"f": 0.5, "p": 0.5, "r": 0.5, "ci95": [0, 1]},
    "a huge count": {"f": 0.5, "p": 0.5, "r": 0.5, "n": 2**70},
    "a read-only mapping": types.MappingProxyType({"f": 0.25, "p": 0.5, "r": 0.125}),
    "extra keys": {"f": 0.5, "p": 0.5, "r": 0.5, "note": "x"},
}
ODD_AND_MALFORMED = {
    "a bool count": {"f": 0.5, "p": 0.5, "r": 0.5, "n": True},
    "a float count": {"f": 0.5, "p": 0.5, "r": 0.5, "n": 3.0},
    "a text CI": {"f": 0.5, "p": 0.5, "r": 0.5, "ci95": "ab"},
    "a CI above 1": {"f": 0.5, "p": 0.5, "r": 0.5, "ci95": [0.4, 1.2]},
    "a CI of three": {"f": 0.5, "p": 0.5, "r": 0.5, "ci95": [0.1, 0.2, 0.3]},
    "a judge's block": {"mean": 7.0, "judge": "j"},
    "null": None, "a list": [0.5, 0.5, 0.5], "a bool": True,
}


def test_the_column_reader_gives_exactly_what_read_scores_gives():
    """The table's column reader and the typed reader agree on every block, whichever path each one takes."""
    blocks = {**MALFORMED, **ODD_BUT_READABLE, **ODD_AND_MALFORMED}
    names = ("EW-L1", "W1-L1", "W3-L2", "M1")
    stored: list[object] = []
    for i, block in enumerate(blocks.values()):
        for name in names:
            scores = copy.deepcopy(make_record(f"r{i}", 0.1 + i / 100)["scores"])
            scores[name] = block
            stored.append(scores)
    stored += [copy.deepcopy(make_record("plain", 0.5)["scores"]), {}, None, "junk", [1, 2],
               types.MappingProxyType(copy.deepcopy(make_record("proxy", 0.4)["scores"])),
               {**make_record("m", 0.3)["scores"], "M-avg": True}, {**make_record("m", 0.3)["scores"], "M-avg": 1}]
    all_dicts = [scores for scores in stored if type(scores) is dict
                 and all(type(block) is dict for name, block in scores.items() if name != "M-avg")]
    assert 0 < len(all_dicts) < len(stored)
    for chosen in (stored, all_dicts):  # with a block that is not a dict among them, and without (the fast fetch)
        _assert_columns_agree(chosen, (*names, "W5-L2", "EW-L2"))
    m_avg = [math.nan if read_scores(scores).m_avg is None else read_scores(scores).m_avg for scores in stored]
    np.testing.assert_array_equal(m_avg_column(stored), m_avg)
    assert sum(read_scores(scores).malformed != () for scores in stored) > len(MALFORMED) * len(names)


def _assert_columns_agree(stored: list[object], names: tuple[str, ...]) -> None:
    columns = metric_columns(stored, names)
    for index, scores in enumerate(stored):
        typed = read_scores(scores)
        for name, values in columns.items():
            value = typed.metrics.get(name)
            ends = (math.nan, math.nan) if value is None or value.ci95 is None else value.ci95
            expected = [math.nan] * 5 if value is None else [value.f, value.p, value.r, *ends]
            np.testing.assert_array_equal(values[index], expected, err_msg=f"{name} of score set {index}")
