"""The EMER-V1 text-metric analysis: BLEU/ROUGE-L/CIDEr-D of the released baselines against the judged overlaps."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pandas as pd
import pytest

from emer_eval.metrics.judge import RETIRED_JUDGE
from space import text_analysis
from space.judging import BASELINES
from space.leaderboard.reported import load_reported

PAPER = f"paper, {RETIRED_JUDGE}"


@pytest.fixture(scope="module")
def text_scores(data_dir):
    return text_analysis.baseline_text_scores((str(data_dir),))


def test_every_released_baseline_gets_every_text_metric(text_scores):
    assert sorted(text_scores.index) == sorted(BASELINES.values())
    assert list(text_scores.columns) == ["BLEU-1", "BLEU-2", "BLEU-3", "BLEU-4", "ROUGE-L", "CIDEr-D"]
    assert ((text_scores > 0) & (text_scores < 100)).all().all()


def test_reported_overlaps_are_the_papers_numbers():
    reported = text_analysis.reported_overlaps(load_reported())
    assert reported["PandaGPT"] == {"clue_overlap": 7.14, "label_overlap": 5.51}
    assert reported["Emotion-LLaMA"] == {"clue_overlap": 7.83, "label_overlap": 6.25}


def test_correlation_of_a_score_that_follows_bleu_4_exactly(text_scores):
    linear = {model: {"clue_overlap": 2 + 0.5 * text_scores.loc[model, "BLEU-4"],
                      "label_overlap": 10 - 0.1 * text_scores.loc[model, "ROUGE-L"]} for model in text_scores.index}
    analysis = text_analysis.analyse(text_scores, {"exact": linear})
    assert analysis.pearson.loc["BLEU-4", "clue_overlap (exact)"] == pytest.approx(1.0)
    assert analysis.spearman.loc["BLEU-4", "clue_overlap (exact)"] == pytest.approx(1.0)
    assert analysis.pearson.loc["ROUGE-L", "label_overlap (exact)"] == pytest.approx(-1.0)


def test_models_outside_the_baselines_are_ignored_and_two_points_give_no_correlation(text_scores):
    two = {"PandaGPT": {"clue_overlap": 7.0, "label_overlap": 5.0},
           "Valley": {"clue_overlap": 8.0, "label_overlap": 6.0},
           "Emotion-LLaMA": {"clue_overlap": 9.0, "label_overlap": 7.0}}  # no released explanations
    analysis = text_analysis.analyse(text_scores, {"sparse": two})
    assert "Emotion-LLaMA" not in analysis.table.index
    assert analysis.pearson["clue_overlap (sparse)"].isna().all()


def test_the_page_shows_the_papers_correlations_with_the_tokenisation(data_dir):
    analysis = text_analysis.build((str(data_dir),), load_reported())
    paper = analysis.pearson[f"clue_overlap ({PAPER})"]
    expected = analysis.table["BLEU-4"].corr(analysis.table[f"clue_overlap ({PAPER})"])
    assert paper["BLEU-4"] == pytest.approx(expected) and paper.notna().all()
    text = text_analysis.markdown(analysis)
    assert "one token per Han character" in text and RETIRED_JUDGE in text
    assert "none of these text metrics is official or ranked" in text and "CIDEr-D" in text and "METEOR" in text
    figure = text_analysis.figure(analysis)
    assert len(figure.axes[0].images) == 1 and len(figure.axes[0].texts) == 6 * 2


def test_the_hubs_own_judge_rows_join_the_analysis(data_dir):
    def record(model, clue, label, signature="emer-eval:0.1.0|judge:j|prompts:p|lang:zh|n:100"):
        scores = {"clue_overlap": {"mean": clue, "judge": "j"}, "label_overlap": {"mean": label, "judge": "j"}}
        return SimpleNamespace(track="emer-v1-explanations", status="baseline", signature=signature, scores=scores,
                               metadata={"model_name": model})

    records = [record(model, 5 + index, 4 + index / 2) for index, model in enumerate(BASELINES.values())]
    records.append(record("English row", 9, 9, signature="emer-eval:0.1.0|judge:j|prompts:p|lang:en|n:100"))
    analysis = text_analysis.build((str(data_dir),), load_reported(), records)
    assert "clue_overlap (hub judge j)" in analysis.judge_columns
    column = analysis.table["clue_overlap (hub judge j)"]
    assert column.notna().sum() == 6 and "English row" not in analysis.table.index
    assert not math.isnan(analysis.pearson.loc["BLEU-1", "label_overlap (hub judge j)"])


def test_without_judged_scores_the_figure_says_so():
    empty = text_analysis.analyse(pd.DataFrame({"BLEU-1": [1.0]}, index=["m"]), {})
    figure = text_analysis.figure(empty)
    assert "No judged EMER-V1 scores" in figure.axes[0].texts[0].get_text()


def test_judged_baselines_read_through_the_typed_scores_and_survive_malformed_records():

    def baseline(name, scores):
        return SimpleNamespace(track="emer-v1-explanations", status="baseline", signature="x|judge:j|lang:zh|n:100",
                               metadata={"model_name": name}, scores=scores)

    good = {"clue_overlap": {"mean": 7.5, "judge": "j"}, "label_overlap": {"mean": 6.0, "judge": "j"}}
    half = {"clue_overlap": {"mean": 7.0, "judge": "j"}, "label_overlap": {"mean": "six", "judge": "j"}}
    found = text_analysis.judged_baselines([baseline("A", good), baseline("B", half), baseline("C", {"clue_overlap":
                                            "junk"}), baseline("D", "not scores")], "emer-v1-explanations")
    assert list(found) == ["hub judge j"] and set(found["hub judge j"]) == {"A", "B"}
    assert found["hub judge j"]["A"] == {"clue_overlap": 7.5, "label_overlap": 6.0}
    assert found["hub judge j"]["B"]["clue_overlap"] == 7.0 and math.isnan(found["hub judge j"]["B"]["label_overlap"])


def test_without_the_baseline_outputs_the_about_page_names_what_is_missing_not_where(tmp_path, monkeypatch):
    """The About page is drawn for every visitor: the missing resource is named, the folders searched are not."""
    from hub_helpers import make_settings

    from space.hub import Hub
    from space.ui.about_tab import _analysis

    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path / "cache"))
    hub = Hub.start(make_settings(tmp_path, EMER_DATA=str(tmp_path / "nothing-here")))
    try:
        _, text = _analysis(hub)
    finally:
        hub.store.close()
    assert "affectgpt-emer-v1-baseline-results" in text and "…/nothing-here" in text
    assert str(tmp_path) not in text


def test_a_reload_of_the_about_page_does_not_redraw_and_a_data_change_does(tmp_path, monkeypatch):
    """Drawing and encoding the figure costs ~0.3 s of CPU: every anonymous reload must not pay it again, but a
    newly judged baseline row (what the page reads) must show at once."""
    from hub_helpers import make_settings

    from space.hub import Hub
    from space.ui import about_tab

    drawn = []
    real = text_analysis.figure
    monkeypatch.setattr(text_analysis, "figure", lambda analysis: drawn.append(1) or real(analysis))
    hub = Hub.start(make_settings(tmp_path, EMER_HUB_PROVISION=0))
    try:
        first = about_tab._analysis(hub)
        assert about_tab._analysis(hub) == first and len(drawn) == 1
        scores = {"clue_overlap": {"mean": 6.5, "judge": "j"}, "label_overlap": {"mean": 5.0, "judge": "j"}}
        hub.store.add(track="emer-v1-explanations", user="emer-hub-baselines", status="baseline", source="baseline",
                      metadata={"model_name": next(iter(BASELINES.values()))}, scores=scores,
                      signature="emer-eval:0.1.0|judge:j|prompts:p|lang:zh|n:100")
        changed = about_tab._analysis(hub)
    finally:
        hub.store.close()
    assert len(drawn) == 2 and "hub judge j" in changed[1] and "hub judge j" not in first[1]


def test_a_hidden_or_held_baseline_row_leaves_the_about_tabs_analysis(hub, monkeypatch):
    """The About tab's figure read every baseline record of the judge track, hidden (a duplicate import a replica
    settled, a moderator's hide) or held (its judge failed the mismatched-reference control) alike."""
    from space.ui import about_tab

    def add(name: str) -> str:
        return hub.store.add(track="emer-v1-explanations", user="emer-hub-baselines", status="baseline",
                             source="baseline", metadata={"model_name": name, "organisation": "", "link": "",
                                                          "description": "", "modalities": [], "open_weights": None},
                             scores={}, oov=None, signature="x|judge:j|lang:zh|n:100", emer_eval_version="0").id

    kept, hidden, held = add("Kept"), add("Hidden"), add("Held")
    hub.store.moderate(hidden, "hide", actor="admin", reason="duplicate import")
    hub.store.moderate(held, "hold", actor="review", reason="the judge does not tell the clips apart")
    seen: list[str] = []
    monkeypatch.setattr(about_tab.text_analysis, "judged_overlaps",
                        lambda reported, records, track: seen.extend(r.id for r in records) or {})
    about_tab._analysis(hub)
    assert seen == [kept]
