"""Admin actions, re-scoring, baseline import, the HF-dataset copy of the store, and private HF ground truth."""

from __future__ import annotations

import json
import math

import pytest
from hub_helpers import DECLARED, make_settings
from store.fake_hub import REPO_ID, FolderHub

from space.admin import AdminError, import_baselines, moderate, rescore_all
from space.hub import Hub
from space.leaderboard.board import Board
from space.leaderboard.detail import detail_markdown
from space.portal.submit import submit
from space.store.layout import record_relpath
from space.store.record import encode
from space.tracks import Track, TrackUnavailable, ground_truth


def send(hub, path, user="tester", name="Model"):
    return submit(hub, user=user, upload=path, filename=path.name, track_id="ovmerd-labels",
                  metadata={"model_name": name, **DECLARED})


def test_baselines_sit_beside_the_papers_numbers(tmp_path, baselines):
    hub = Hub.start(make_settings(tmp_path))
    report = import_baselines(hub, baselines)
    assert len(report.imported) == 10 and report.skipped == []
    assert len(import_baselines(hub, baselines).skipped) == 10          # re-running imports nothing twice
    rows = Board(hub).rows_json("ovmerd-labels")
    chat = [row for row in rows if row["model_name"] == "Chat-UniVi"]
    assert [row["source"] for row in chat] == ["baseline"]              # one row per model
    assert chat[0]["scores"]["EW-L1"]["f"] == pytest.approx(0.5716, abs=5e-5)
    # the paper's figure (mean of the five level-1 wheels of the OV-MER table) sits in the same row, with the delta
    assert chat[0]["reported"] == pytest.approx(0.56594)
    assert chat[0]["delta_reported"] == pytest.approx(chat[0]["score"] - 0.56594)
    deltas = {row["model_name"]: row["delta_reported"] for row in rows if row["delta_reported"] is not None}
    assert len(deltas) == 10 and deltas["Qwen-Audio"] == pytest.approx(0.0169, abs=5e-4)
    papers_only = sorted(row["model_name"] for row in rows if row["source"] == "reported")
    assert papers_only == ["SECap", "Video-LLaMA"]                      # reported, not re-scored: rows of their own
    assert all(row["rank_range"] is None for row in rows if row["source"] == "reported")


def test_moderation_is_admin_only_logged_and_reversible(tmp_path, ov_store):
    hub = Hub.start(make_settings(tmp_path, EMER_HUB_ADMINS="boss"))
    record = send(hub, ov_store / "predict-openset.csv").submission_id
    with pytest.raises(AdminError, match="only configured admins"):
        moderate(hub, record, "hide", actor="tester")
    with pytest.raises(AdminError, match="needs a reason"):
        moderate(hub, record, "flag", actor="boss")
    moderate(hub, record, "hide", actor="boss")
    assert all(row["id"] != record for row in Board(hub).rows_json("ovmerd-labels"))
    moderate(hub, record, "flag", actor="boss", reason="labels copied from the gt?")
    flagged = [row for row in Board(hub).rows_json("ovmerd-labels") if row["id"] == record]
    assert flagged and flagged[0]["flagged"] is True
    moderate(hub, record, "restore", actor="boss")
    submission = hub.store.get(record)
    assert submission.visibility == "visible"
    assert [(m["kind"], m["actor"]) for m in submission.moderation] == [("hide", "boss"), ("flag", "boss"),
                                                                         ("restore", "boss")]


def test_rescore_keeps_old_scores_in_history(tmp_path, ov_store):
    hub = Hub.start(make_settings(tmp_path))
    record = send(hub, ov_store / "predict-openset.csv").submission_id
    before = hub.store.get(record).scores
    assert rescore_all(hub, "boss").unchanged == [record]                # same scorer: nothing to add
    hub.store.rescore(record, actor="boss", scores={**before, "M-avg": 0.0}, oov=None, signature="old",
                      emer_eval_version="0.0.1")
    summary = rescore_all(hub, "boss")
    assert summary.rescored == [record]
    current = hub.store.get(record)
    assert current.scores == before and [h["signature"] for h in current.history][-1] == "old"


def test_a_fresh_instance_restores_every_record_from_the_dataset_repo(tmp_path, ov_store, baselines):
    remote = tmp_path / "remote"
    first = Hub.start(make_settings(tmp_path / "a", EMER_HUB_RESULTS_REPO=REPO_ID), hf_api=FolderHub(remote))
    ids = {send(first, ov_store / "predict-openset.csv").submission_id,
           send(first, baselines / "Otter" / "output-reason-7b-subtitle-eng-openset.npz", user="bob",
                name="Bob model").submission_id}
    first.store.close()
    second = Hub.start(make_settings(tmp_path / "b", EMER_HUB_RESULTS_REPO=REPO_ID), hf_api=FolderHub(remote))
    assert {s.id for s in second.store.records()} == ids
    assert {row["id"] for row in Board(second).rows_json("ovmerd-labels") if row["source"] == "submitted"} == ids
    restored = second.store.get(next(iter(ids)))
    assert second.store.file_path(restored.file) is not None            # uploaded files come back too


def test_failing_remote_never_blocks_a_submission(tmp_path, ov_store):
    hub = Hub.start(make_settings(tmp_path, EMER_HUB_RESULTS_REPO=REPO_ID), hf_api=FolderHub(tmp_path / "r", "raise"))
    outcome = send(hub, ov_store / "predict-openset.csv")
    assert outcome.status == "scored" and hub.store.get(outcome.submission_id) is not None
    hub.store.close(timeout=1)
    assert hub.store.mirror.pending()                                   # kept for a later push


def test_ground_truth_from_a_private_hf_dataset(tmp_path, monkeypatch, ov_store):
    calls = []

    def fake_download(repo_id, filename, *, repo_type, token):
        calls.append((repo_id, filename, repo_type, token))
        return str(ov_store / "check-openset.csv")

    import huggingface_hub

    monkeypatch.setattr(huggingface_hub, "hf_hub_download", fake_download)
    track = Track("hf", "HF", "d", "labels", ("ew",), "EW-L1", "2025", "private", "a private test set",
                  {"hf_dataset": "org/private-gt", "hf_file": "gt.csv"}, {"ew": ("2025",)})
    settings = make_settings(tmp_path, EMER_HUB_HF_TOKEN="hf_secret")
    assert len(ground_truth(track, settings)) == 332
    assert calls == [("org/private-gt", "gt.csv", "dataset", "hf_secret")]

    def offline(*args, **kwargs):
        raise OSError("offline")

    monkeypatch.setattr(huggingface_hub, "hf_hub_download", offline)
    with pytest.raises(TrackUnavailable, match="cannot read the ground truth from the HF dataset org/private-gt"):
        ground_truth(track, settings)


def test_malformed_scores_in_the_dataset_repo_blank_only_those_metrics(tmp_path, ov_store, baselines):
    """Records restored from the results repo are read through the typed values: a broken metric of one record
    blanks that metric (table, API rows, detail); a broken primary leaves the record off the board; nothing fails."""
    remote = tmp_path / "remote"
    first = Hub.start(make_settings(tmp_path / "a", EMER_HUB_RESULTS_REPO=REPO_ID), hf_api=FolderHub(remote))
    kept = send(first, ov_store / "predict-openset.csv").submission_id
    broken = send(first, baselines / "Otter" / "output-reason-7b-subtitle-eng-openset.npz", user="bob",
                  name="Bob model").submission_id
    first.store.close()
    for record_id, change in ((kept, {"EW-L2": {"f": "high", "p": 0.4, "r": 0.4}, "M1": {"f": 0.5, "p": 1.5},
                                      "W1-L1": {"f": 0.5, "p": 0.5}, "M-avg": -1}),
                              (broken, {"EW-L1": {"f": 0.5, "p": 0.5, "r": 0.5, "ci95": [0.6, 0.4]}})):
        path = remote / record_relpath("ovmerd-labels", record_id)
        record = json.loads(path.read_text(encoding="utf-8"))
        record["scores"].update(change)
        path.write_bytes(encode(record))
    second = Hub.start(make_settings(tmp_path / "b", EMER_HUB_RESULTS_REPO=REPO_ID), hf_api=FolderHub(remote))
    board = Board(second, resamples=50)
    table = board.table("ovmerd-labels")
    assert table.attrs["skipped"] == (broken,) and broken not in set(table["id"])
    row = table.set_index("id").loc[kept]
    assert all(math.isnan(row[name]) for name in ("EW-L2 F", "M1 F", "W1-L1 F", "M-avg"))
    assert 0 < row["EW-L1 F"] < 100 and 0 < row["M2 F"] < 100 and 0 < row["W1-L2 F"] < 100
    api = next(r for r in board.rows_json("ovmerd-labels") if r["id"] == kept)
    assert {"EW-L2", "M1", "W1-L1", "M-avg"}.isdisjoint(api["scores"]) and api["scores"]["EW-L1"]["ci95"]
    text = detail_markdown(board.entry("ovmerd-labels", kept), scores=board.snapshot("ovmerd-labels").scores[kept])
    assert "| M2 |" in text and "| M1 |" not in text and "| EW-L2 |" not in text
    second.store.close()
