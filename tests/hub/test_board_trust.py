"""The board on a running hub: duplicates by content, declarations, head-to-head, results published on the Hub."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
import yaml
from hub_helpers import DECLARED, make_settings, write

import emer_eval
from space.admin import import_baselines
from space.hub import Hub
from space.leaderboard.board import Board, BoardError
from space.leaderboard.publish import BoardPublisher, badge_svg, board_jsonl, eval_results_yaml
from space.portal.submit import submit

TRACK = "ovmerd-labels"
RECORD_ID = re.compile(r"\d{8}T\d{6}Z-[0-9a-f]{12}")


def send(hub, path, *, user="tester", name="My model", **declared):
    metadata = {"model_name": name, **(declared or DECLARED)}
    return submit(hub, user=user, upload=path, filename=path.name, track_id=TRACK, metadata=metadata)


@pytest.fixture()
def hub(tmp_path):
    started = Hub.start(make_settings(tmp_path, EMER_HUB_DAILY_QUOTA=50, EMER_HUB_DAILY_ATTEMPTS=100))
    yield started
    started.store.close()


@pytest.fixture(scope="module")
def labels(ov_store):
    return emer_eval.load_predictions(ov_store / "predict-openset.csv").labels


def the_same_predictions(folder, labels):
    """One prediction set in four files that share no bytes: CSV, renamed header, unbracketed lists, JSON, npz."""
    names = list(labels)
    csv_text = "name,openset\n" + "".join(f"{n},\"{list(labels[n])}\"\n" for n in names)
    renamed = "names,openset\n" + "".join(f"{n},\"{', '.join(reversed(labels[n]))}\"\n" for n in reversed(names))
    files = [write(folder, "a.csv", csv_text), write(folder, "b.csv", renamed),
             write(folder, "c.json", json.dumps({n: list(labels[n]) for n in names}))]
    npz = folder / "d.npz"
    np.savez(npz, filenames=np.array(names), fileitems=np.array([", ".join(labels[n]) for n in names]))
    return [*files, npz]


# --- duplicates by content ------------------------------------------------------------------------------------------

def test_the_same_predictions_in_any_format_are_one_submission_per_owner(hub, labels, tmp_path):
    first, *copies = the_same_predictions(tmp_path, labels)
    scored = send(hub, first, name="Original")
    assert scored.status == "scored", scored.errors
    for path in copies:
        again = send(hub, path, name=f"copy as {path.suffix}")
        assert again.status == "rejected", path.name
        message = again.errors[0]
        assert "you already submitted these exact predictions" in message and '"Original"' in message
        assert not RECORD_ID.search(message)                             # no record ids in messages
    assert len(hub.store.records()) == 1
    assert again.quota["remaining_scored"] == 49                         # refusals used no scoring quota


def test_the_same_predictions_from_another_owner_are_accepted_and_marked(hub, labels, tmp_path):
    first, second, *_ = the_same_predictions(tmp_path, labels)
    original = send(hub, first, user="alice", name="Alice model")
    copy = send(hub, second, user="mallory", name="Mallory model")
    assert original.status == copy.status == "scored"
    rows = {row["id"]: row for row in Board(hub).rows_json(TRACK)}
    assert rows[copy.submission_id]["identical_to"] == "Alice model"
    assert rows[original.submission_id]["identical_to"] is None
    different = write(tmp_path, "e.csv", "name,openset\nsample_00000000,[happy]\n")
    assert send(hub, different, user="mallory", name="Other").status == "scored"


# --- declarations ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("declared, message", [
    ({}, "training_data: required"),
    ({"training_data": ["none"]}, "zero_shot: required"),
    ({"training_data": ["OV-MERD"], "zero_shot": "yes"}, "contradicts training on OV-MERD"),
    ({"training_data": ["other"], "zero_shot": "no"}, "name the other training data"),
    ({"training_data": ["none", "OV-MERD"], "zero_shot": "no"}, "'none' cannot be ticked together"),
    ({"training_data": ["ImageNet"], "zero_shot": "no"}, "training_data: unknown ImageNet"),
])
def test_declarations_are_required_and_checked(hub, ov_store, declared, message):
    metadata = {"model_name": "Undeclared", **declared}
    outcome = submit(hub, user="tester", upload=ov_store / "predict-openset.csv", filename="p.csv", track_id=TRACK,
                     metadata=metadata)
    assert outcome.status == "rejected" and any(message in error for error in outcome.errors), outcome.errors
    assert hub.store.records() == []


def test_training_on_the_test_clips_is_marked_and_filtered(hub, ov_store, tmp_path, labels):
    trained = send(hub, ov_store / "predict-openset.csv", name="Trained",
                   training_data=["MER2025 Track 2 train"], zero_shot="no")
    assert trained.status == "scored", trained.errors
    row = next(r for r in Board(hub).rows_json(TRACK) if r["id"] == trained.submission_id)
    assert row["trained_on_test_clips"] and row["zero_shot"] is False
    assert row["training_data"] == ["MER2025 Track 2 train"]
    from space.leaderboard.table import filter_table

    table = Board(hub).table(TRACK)
    assert trained.submission_id not in filter_table(table, zero_shot_only=True)["id"].tolist()
    assert "⚠️ trained on test clips" in table.set_index("id").loc[trained.submission_id, "notes_text"]


# --- the board: ranks, comparison -----------------------------------------------------------------------------------

@pytest.fixture()
def with_baselines(hub, baselines):
    import_baselines(hub, baselines)
    return hub


def test_ranked_rows_have_ranges_that_contain_their_rank(with_baselines):
    rows = Board(with_baselines, resamples=300).rows_json(TRACK)
    ranked = [row for row in rows if row["rank"] is not None]
    assert [row["rank"] for row in ranked] == list(range(1, len(ranked) + 1))
    for row in ranked:
        if row["source"] == "baseline":
            low, high = row["rank_range"]
            assert low <= row["rank"] <= high
        else:
            assert row["rank_range"] is None                              # paper rows: no interval
    assert sum(row["tied_for_first"] for row in rows) >= 2               # the OV-MER leaders are tied
    references = [row for row in rows if row["source"] == "reference"]
    assert len(references) == 3 and all(row["rank"] is None and row["rank_range"] is None for row in references)
    assert all(0.0 <= row["score"] <= 1.0 for row in rows)


def test_the_board_is_rebuilt_when_rows_change_not_on_every_view(with_baselines, ov_store):
    board = Board(with_baselines, resamples=200)
    first = board.snapshot(TRACK)
    assert board.snapshot(TRACK) is first                                 # a page view reads the cache
    send(with_baselines, ov_store / "predict-openset.csv")
    assert board.snapshot(TRACK) is not first and len(board.table(TRACK)) == len(first.table) + 1


def test_head_to_head_of_two_baselines(with_baselines):
    board = Board(with_baselines, resamples=500)
    rows = {row["model_name"]: row for row in board.rows_json(TRACK) if row["source"] == "baseline"}
    result = board.compare(TRACK, rows["Chat-UniVi"]["id"], rows["Qwen-Audio"]["id"])
    assert result["delta"] == pytest.approx(rows["Chat-UniVi"]["score"] - rows["Qwen-Audio"]["score"])
    low, high = result["ci95"]
    assert 0 < low < result["delta"] < high and result["p_value"] < 0.01
    assert set(result["per_family"]) == {"mad", "disgusted", "sad", "happy", "surprised", "scared"}
    assert result["disagreements"] and all(abs(c["delta_f"]) > 0 for c in result["disagreements"])
    same = board.compare(TRACK, rows["Otter"]["id"], rows["Otter"]["id"])
    assert same["delta"] == 0 and same["ci95"] == [0, 0] and all(v == 0 for v in same["per_family"].values())
    paper = next(row for row in board.rows_json(TRACK) if row["source"] == "reported")
    with pytest.raises(BoardError, match="no per-sample results"):
        board.compare(TRACK, rows["Otter"]["id"], paper["id"])
    with pytest.raises(BoardError, match="no entry"):
        board.compare(TRACK, rows["Otter"]["id"], "nope")


# --- results on the Hub ---------------------------------------------------------------------------------------------

def test_board_file_is_published_rewritten_and_readable_with_datasets(tmp_path, ov_store, baselines):
    from store.fake_hub import REPO_ID, FolderHub

    api = FolderHub(tmp_path / "remote")
    hub = Hub.start(make_settings(tmp_path, EMER_HUB_RESULTS_REPO=REPO_ID), hf_api=api)
    publisher = BoardPublisher(api, REPO_ID)
    board = Board(hub, publisher=publisher, resamples=100)
    board.refresh(TRACK)
    assert publisher.flush(30) and publisher.last_error is None
    published = tmp_path / "remote" / "board" / f"{TRACK}.jsonl"
    before = published.read_text(encoding="utf-8").splitlines()
    assert len(before) == len(board.table(TRACK))
    assert send(hub, ov_store / "predict-openset.csv", name="Published").status == "scored"
    board.refresh(TRACK)
    assert publisher.flush(30)
    import datasets

    data = datasets.load_dataset("json", data_files=str(published), split="train")
    assert len(data) == len(before) + 1
    mine = next(row for row in data if row["model_name"] == "Published")
    assert mine["source"] == "submitted" and mine["official"] is True and mine["signature"].startswith("emer-eval:")
    assert 0 < mine["EW-L1_f"] < 1 and mine["zero_shot"] is True and mine["training_data"] == ["none"]
    assert {"rank", "rank_best", "rank_worst", "reported", "delta_reported", "mean_labels", "oov_share"} <= set(
        data.column_names)
    hub.store.close()


def test_eval_results_and_badge_follow_the_documented_format(with_baselines):
    rows = Board(with_baselines, resamples=100).rows_json(TRACK)
    row = next(r for r in rows if r["source"] == "baseline")
    document = yaml.safe_load(eval_results_yaml(row, dataset_id="emer-hub/ovmerd-labels", task_id=TRACK,
                                                source_url="https://huggingface.co/spaces/org/emer-hub"))
    assert isinstance(document, list) and len(document) == 1
    item = document[0]
    assert item["dataset"] == {"id": "emer-hub/ovmerd-labels", "task_id": TRACK}
    assert item["value"] == pytest.approx(round(row["score"] * 100, 2))
    assert item["source"]["url"].startswith("https://") and row["signature"] in item["notes"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(item["date"]))
    svg = badge_svg("EW-L1 F", row["score"], "fraction", row["rank"], row["rank_range"])
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and "href" not in svg and "<script" not in svg
    texts = "".join(element.text or "" for element in root.iter())
    assert f"{row['score'] * 100:.2f}" in texts and f"rank {row['rank']}" in texts
    hostile = ET.fromstring(badge_svg("<b>x</b>&", 0.5, "fraction", None, None))   # escaped, still well-formed
    assert "<b>" not in "".join(element.text or "" for element in hostile.iter() if element.tag.endswith("g"))
    assert board_jsonl([]) == b""


def test_family_breakdown_is_in_the_export(with_baselines):
    board = Board(with_baselines, resamples=100)
    frame = board.family_export(TRACK)
    baselines = [row for row in board.rows_json(TRACK) if row["source"] == "baseline"]
    references = [row for row in board.rows_json(TRACK) if row["source"] == "reference"]
    assert len(frame) == len(baselines) + len(references)          # every entry with per-sample results
    for group in ("mad", "happy", "positive", "negative", "other"):
        assert {f"{group} P", f"{group} R", f"{group} F", f"{group} clips in gt"} <= set(frame.columns)
    assert frame[[c for c in frame.columns if c.endswith((" P", " R", " F"))]].stack().between(0, 100).all()
    empty = frame.set_index("model").loc["Empty prediction"]
    assert empty["happy R"] == 0 and empty["happy clips in gt"] > 0


def test_front_matter_tags_tell_the_truth_about_the_tracks(hub):
    from space.config import REPO
    from space.leaderboard.conventions import check_tags, implied_tags

    front = yaml.safe_load((REPO / "README.md").read_text(encoding="utf-8").split("---")[1])
    tags = set(check_tags(front["tags"]))
    assert implied_tags(hub.tracks.values()) <= tags
    statuses = {track.test_set for track in hub.tracks.values()}
    expected = "test:public" if statuses == {"public"} else "test:private" if statuses == {"private"} else "test:mix"
    assert {tag for tag in tags if tag.startswith("test:")} == {expected}
    judged = any(track.judged or track.input == "explanations" for track in hub.tracks.values())
    assert ("judge:model" in tags) == judged


def test_result_files_are_written_when_asked_for_never_on_selection(with_baselines, monkeypatch):
    """Selecting a row writes nothing; each click on "Get the …" writes exactly its one file, which parses."""
    from pathlib import Path

    from space.leaderboard.conventions import check_eval_results
    from space.ui import leaderboard_tab

    written: list[Path] = []
    real = leaderboard_tab.write_download
    monkeypatch.setattr(leaderboard_tab, "write_download", lambda name, content: written.append(real(name, content))
                        or written[-1])
    board = Board(with_baselines, resamples=100)
    table = board.table(TRACK)
    baseline = table.loc[table["Source"] == "baseline", "id"].iloc[0]
    reference = table.loc[table["Source"] == "reference", "id"].iloc[0]
    for entry_id in (baseline, reference, None):
        text, _, _ = leaderboard_tab.entry_detail(board, TRACK, entry_id)
        assert text and written == []
    assert leaderboard_tab.entry_detail(board, TRACK, baseline)[2] is True
    assert leaderboard_tab.entry_detail(board, TRACK, reference)[2] is False     # nothing to offer: no buttons

    path = Path(leaderboard_tab.entry_file(board, TRACK, baseline, "eval_results"))
    assert written == [path] and path.name == f"emer-eval-results-{TRACK}.yaml"
    item = check_eval_results(yaml.safe_load(path.read_text(encoding="utf-8")))[0]
    row = next(r for r in board.rows_json(TRACK) if r["id"] == baseline)
    assert item["value"] == pytest.approx(round(row["score"] * 100, 2))
    badge = Path(leaderboard_tab.entry_file(board, TRACK, baseline, "badge"))
    assert written == [path, badge] and badge.suffix == ".svg"
    assert f"{row['score'] * 100:.2f}" in "".join(e.text or "" for e in ET.fromstring(badge.read_text()).iter())
    for entry_id in (reference, None, "no-such-entry"):
        with pytest.raises(BoardError, match="select a row"):
            leaderboard_tab.entry_file(board, TRACK, entry_id, "badge")
    assert len(written) == 2


def test_a_board_build_leaves_the_garbage_collector_as_it_found_it(with_baselines):
    import gc

    from space.leaderboard.board import collector_paused

    Board(with_baselines, resamples=50).table(TRACK)
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("a build that fails")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()                     # a collector someone else paused stays paused
    finally:
        gc.enable()
