"""The Hub conventions in code: ``.eval_results`` items and the leaderboard explorer's front-matter tags."""

from __future__ import annotations

import copy
from types import SimpleNamespace

import pytest
import yaml

from space.leaderboard.conventions import ConventionError, check_eval_results, check_tags, implied_tags
from space.leaderboard.publish import eval_results_yaml

ROW = {"score": 0.5716, "scale": "fraction", "signature": "emer-eval:0.2.0|ew:2025|parse:official|extract:none|n:332",
       "official": True, "rank_range": [1, 4], "zero_shot": True, "created_at": "2026-11-27T10:00:00+00:00"}
VALID = [{"dataset": {"id": "emer-hub/ovmerd-labels", "task_id": "ovmerd-labels"}, "value": 57.16,
          "date": "2026-11-27", "source": {"url": "https://huggingface.co/spaces/org/emer-hub", "name": "EMER Hub"},
          "notes": "official"}]


def test_the_written_file_follows_the_convention():
    text = eval_results_yaml(ROW, dataset_id="emer-hub/ovmerd-labels", task_id="ovmerd-labels",
                             source_url="https://huggingface.co/spaces/org/emer-hub")
    item = check_eval_results(yaml.safe_load(text))[0]
    assert item["value"] == 57.16 and item["dataset"]["task_id"] == "ovmerd-labels"
    assert check_eval_results(copy.deepcopy(VALID)) == VALID
    minimal = [{"dataset": {"id": "org/bench", "task_id": "default"}, "value": 1}]
    assert check_eval_results(minimal) == minimal


@pytest.mark.parametrize("change, message", [
    (lambda d: d.clear(), "non-empty YAML list"),
    (lambda d: d[0].pop("dataset"), "dataset: required"),
    (lambda d: d[0]["dataset"].update(id="no-owner"), "dataset.id"),
    (lambda d: d[0]["dataset"].pop("task_id"), "task_id: required"),
    (lambda d: d[0].update(value="57.16"), "value: a finite number"),
    (lambda d: d[0].update(value=float("nan")), "value: a finite number"),
    (lambda d: d[0].update(value=True), "value: a finite number"),
    (lambda d: d[0].update(date="27/11/2026"), "date: an ISO-8601"),
    (lambda d: d[0]["source"].pop("url"), "source.url"),
    (lambda d: d[0]["source"].update(url="http://example.com"), "source.url"),
    (lambda d: d[0].update(score=1), r"unknown field\(s\) score"),
    (lambda d: d[0].update(notes=["a"]), "notes: expected a string"),
])
def test_malformed_results_are_refused_by_field(change, message):
    document = copy.deepcopy(VALID)
    change(document)
    with pytest.raises(ConventionError, match=message):
        check_eval_results(document)


def test_a_row_that_cannot_make_a_valid_file_fails_on_the_server():
    with pytest.raises(ConventionError, match="dataset.id"):
        eval_results_yaml(ROW, dataset_id="not a dataset", task_id="ovmerd-labels")


@pytest.mark.parametrize("tags, message", [
    (["submission:semiautomatic"], "'leaderboard'"),
    (["leaderboard", "judge:auto"], "judge:auto"),
    (["leaderboard", "test:public", "test:private"], "one test: tag"),
    (["leaderboard", "modality:smell"], "modality:smell"),
    (["leaderboard", "language:English"], "lower-case"),
    (["leaderboard", "size:large"], "unknown category"),
])
def test_front_matter_tags_are_checked(tags, message):
    with pytest.raises(ConventionError, match=message):
        check_tags(tags)


def test_the_tracks_decide_the_test_and_judge_tags():
    labels = SimpleNamespace(test_set="public", judged=False, input="labels")
    private = SimpleNamespace(test_set="private", judged=False, input="labels")
    judged = SimpleNamespace(test_set="public", judged=True, input="explanations")
    assert implied_tags([labels]) == {"leaderboard", "submission:semiautomatic", "judge:function", "test:public"}
    assert "test:mix" in implied_tags([labels, private]) and "judge:model" in implied_tags([labels, judged])
    assert check_tags(sorted(implied_tags([labels, private, judged])))
