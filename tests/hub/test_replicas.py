"""Several replicas sharing one results repo converge: each pulls what the others pushed, in the background, so the
board, the quotas and the duplicate checks agree within the pull interval; the baselines are imported once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from gradio_client import Client, handle_file
from hub_helpers import DECLARED, labels_without, make_settings
from store.fake_hub import REPO_ID, FolderHub

from emer_eval import load_predictions
from space.hub import Hub
from space.leaderboard.board import Board
from space.portal.submit import submit
from space.provision import Provisioner

INTERVAL = 1  # seconds between pulls in these tests (the default is 30)


def replica(tmp_path: Path, name: str, remote: Path, **changes: object) -> Hub:
    settings = make_settings(tmp_path / name, **{"EMER_HUB_RESULTS_REPO": REPO_ID,
                                                  "EMER_HUB_PULL_INTERVAL": INTERVAL, **changes})
    return Hub.start(settings, hf_api=FolderHub(remote))


def wait_for(condition, what: str, deadline: float = 30.0):
    """Poll until ``condition()`` is truthy; the deadline is generous (loaded CI machines), not a measurement."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"gave up waiting for {what}")


def board_ids(client: Client) -> set[str]:
    return {row["id"] for row in client.predict(track="ovmerd-labels", api_name="/leaderboard_json")}


@pytest.mark.slow
def test_two_apps_on_one_results_repo_share_board_quota_and_duplicates(tmp_path, chat_univi, data_dir, launch_app):
    remote = tmp_path / "remote"
    first = replica(tmp_path, "a", remote, EMER_HUB_DAILY_QUOTA=2)
    assert Provisioner(first).run() is True
    assert len(first.store.records(statuses=("baseline",))) == 10
    assert first.store.mirror.flush(30)
    second = replica(tmp_path, "b", remote, EMER_HUB_DAILY_QUOTA=2)  # restores the first one's pushes at start-up
    assert Provisioner(second).run() is True
    assert second.data_status.snapshot()["baselines"].endswith("(0 imported and re-scored now)")  # imported once
    assert len([path for path in FolderHub(remote).files() if path.startswith("records/")]) == 10

    outputs = data_dir / "ovmer-baseline-outputs-ovmerd"
    files = [outputs / model / "output-reason-7b-subtitle-eng-openset.npz"
             for model in ("Otter", "SALMONN", "Video-LLaVA", "VideoChat2")]
    files.append(labels_without(load_predictions(chat_univi), "sample_00000000", tmp_path / "fifth.csv"))
    with launch_app(hub=first) as app_a, launch_app(hub=second) as app_b:
        client_a, client_b = app_a.client, app_b.client

        on_a = client_a.predict(file=handle_file(str(files[0])), track="ovmerd-labels", model_name="On A",
                                api_name="/submit_predictions", **DECLARED)
        assert on_a["status"] == "scored", on_a["errors"]
        wait_for(lambda: on_a["submission_id"] in board_ids(client_b), "A's submission on B's board")

        again = client_b.predict(file=handle_file(str(files[0])), track="ovmerd-labels", model_name="Again",
                                 api_name="/submit_predictions", **DECLARED)
        assert again["status"] == "rejected" and "you already submitted these exact predictions" in again["errors"][0]

        on_b = client_b.predict(file=handle_file(str(files[1])), track="ovmerd-labels", model_name="On B",
                                api_name="/submit_predictions", **DECLARED)
        assert on_b["status"] == "scored", on_b["errors"]
        wait_for(lambda: on_b["submission_id"] in board_ids(client_a), "B's submission on A's board")
        assert board_ids(client_a) == board_ids(client_b)

        # A login's daily quota is counted from the shared records, so it holds across replicas. (Without a login the
        # quota is per client address and per replica: see docs/reliability.md.)
        metadata = {"model_name": "Alice's model", **DECLARED}
        alice_a = submit(first, user="alice", upload=files[2], filename=files[2].name, track_id="ovmerd-labels",
                         metadata=metadata)
        assert alice_a.status == "scored" and first.store.mirror.flush(30)
        wait_for(lambda: second.store.mirror.pull() and second.store.get(alice_a.submission_id), "A's record on B")
        alice_b = submit(second, user="alice", upload=files[3], filename=files[3].name, track_id="ovmerd-labels",
                         metadata=metadata)
        assert alice_b.status == "scored" and alice_b.quota is not None and alice_b.quota["scored_today"] == 2
        assert second.store.mirror.flush(30)
        wait_for(lambda: first.store.mirror.pull() and first.store.get(alice_b.submission_id), "B's record on A")
        third = submit(first, user="alice", upload=files[4], filename=files[4].name, track_id="ovmerd-labels",
                       metadata=metadata)
        assert third.status == "rejected" and "daily submission quota used" in third.errors[0]


def test_replicas_that_imported_the_same_baselines_at_once_settle_on_the_same_rows(tmp_path):
    remote = tmp_path / "remote"
    hubs = [replica(tmp_path, name, remote, EMER_HUB_PULL_INTERVAL=0) for name in ("a", "b")]
    try:
        for hub in hubs:  # both start on an empty repo: each imports all ten before it sees the other's
            assert Provisioner(hub).run() is True
        for hub in hubs:
            assert hub.store.mirror.flush(30)
        for hub in hubs:
            report = hub.store.mirror.pull()
            assert report.copied == 10 and report.error is None  # the ten records; the files are the same bytes
        for hub in hubs:
            hub.after_pull()  # each hides the same ten (the later import) on its own
        boards = [Board(hub).rows_json("ovmerd-labels") for hub in hubs]
        shown = [sorted(row["id"] for row in board if row["source"] == "baseline") for board in boards]
        assert len(shown[0]) == 10 and shown[0] == shown[1]
        assert len(hubs[0].store.records(statuses=("baseline",))) == 20  # nothing deleted: the extra ten are hidden
        for hub in hubs:
            assert Provisioner(hub).run() is True  # a restart or a later pass imports nothing again
            assert len(hub.store.records(statuses=("baseline",))) == 20
    finally:
        for hub in hubs:
            hub.store.close()


def test_a_pull_asks_one_question_when_nothing_changed_and_copies_only_what_is_new(tmp_path, chat_univi):
    remote = tmp_path / "remote"
    writer = replica(tmp_path, "a", remote, EMER_HUB_PULL_INTERVAL=0)
    api = FolderHub(remote)
    reader = Hub.start(make_settings(tmp_path / "b", EMER_HUB_RESULTS_REPO=REPO_ID, EMER_HUB_PULL_INTERVAL=0),
                       hf_api=api)
    try:
        outcome = submit(writer, user="alice", upload=chat_univi, filename=chat_univi.name, track_id="ovmerd-labels",
                         metadata={"model_name": "m", **DECLARED})
        assert outcome.status == "scored" and writer.store.mirror.flush(30)
        first = reader.store.mirror.pull()
        # the record, its upload and the labels it was scored with
        assert first.copied == 3 and reader.store.get(outcome.submission_id) is not None
        calls, listings, downloads = api.calls, api.listings, api.downloads
        again = reader.store.mirror.pull()
        assert again.unchanged and again.copied == 0
        assert (api.calls - calls, api.listings - listings, api.downloads - downloads) == (1, 0, 0)

        writer.store.moderate(outcome.submission_id, "flag", actor="boss", reason="checking")
        assert writer.store.mirror.flush(30)
        third = reader.store.mirror.pull()
        assert third.copied == 1 and api.downloads - downloads == 1  # only the new event
        assert reader.store.get(outcome.submission_id).visibility == "flagged"
    finally:
        writer.store.close()
        reader.store.close()


def test_a_pull_never_overwrites_and_never_raises(tmp_path, chat_univi):
    remote = tmp_path / "remote"
    writer = replica(tmp_path, "a", remote, EMER_HUB_PULL_INTERVAL=0)
    reader = Hub.start(make_settings(tmp_path / "b", EMER_HUB_RESULTS_REPO=REPO_ID, EMER_HUB_PULL_INTERVAL=0),
                       hf_api=FolderHub(remote))
    try:
        outcome = submit(writer, user="alice", upload=chat_univi, filename=chat_univi.name, track_id="ovmerd-labels",
                         metadata={"model_name": "m", **DECLARED})
        assert writer.store.mirror.flush(30)
        record = next(path for path in FolderHub(remote).files() if path.startswith("records/"))
        local = reader.settings.store_dir / record
        local.parent.mkdir(parents=True)
        local.write_text('{"kept": "the local copy is never replaced"}')
        assert reader.store.mirror.pull().error is None
        assert local.read_text() == '{"kept": "the local copy is never replaced"}'

        reader.store.mirror.api.mode = "raise"
        failed = reader.store.mirror.pull()
        assert failed.error is not None and "unreachable" in failed.error and failed.copied == 0
        assert outcome.status == "scored"
    finally:
        writer.store.close()
        reader.store.close()
