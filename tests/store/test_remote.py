"""The remote mirror: pushes off the request path, survives failures with pending markers, restores everything."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from space.store import RemoteMirror, Store

from .conftest import TRACK, submit
from .fake_hub import REPO_ID, FolderHub

FAST = {"timeout": 0.3, "backoff": (0.02, 0.05)}
"""Mirror settings that keep failure tests fast: short timeout, short backoff."""


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    return tmp_path / "remote"


@pytest.fixture
def opened() -> Iterator[list[Store]]:
    """Stores a test opens; closed afterwards so no mirror thread outlives its test."""
    stores: list[Store] = []
    yield stores
    for store in stores:
        store.close(timeout=0.5)


def open_store(opened: list[Store], root: Path, hub: FolderHub) -> Store:
    store = Store(root, mirror=RemoteMirror(hub, REPO_ID, token=None, **FAST))
    opened.append(store)
    return store


def fill(store: Store, n: int, user: str) -> list[str]:
    """n submissions with files plus a moderation event on the first: every kind of synced file."""
    ids = [submit(store, user=user, content=f"{user},{i}\n".encode()).id for i in range(n)]
    store.moderate(ids[0], "flag", actor="mod", reason="check the link")
    return ids


def restored_view(opened: list[Store], tmp_path: Path, remote: Path, name: str) -> Store:
    """A brand-new replica with an empty disk, restored from the remote."""
    fresh = open_store(opened, tmp_path / name, FolderHub(remote))
    report = fresh.mirror.restore()
    assert report.error is None
    return fresh


def test_a_fresh_store_restores_every_record_event_and_file(opened: list[Store], tmp_path: Path,
                                                            remote: Path) -> None:
    hub = FolderHub(remote)
    original = open_store(opened, tmp_path / "a", hub)
    ids = fill(original, 5, "alice")
    assert original.mirror.flush(5)
    assert original.mirror.pending() == [] and hub.failures == 0
    (remote / "records" / TRACK / "notes.txt").write_text("not a store file")  # junk in the repo is ignored

    fresh = restored_view(opened, tmp_path / "fresh-root", remote, "b")

    assert [s.to_dict() for s in fresh.records()] == [s.to_dict() for s in original.records()]
    assert fresh.get(ids[0]).visibility == "flagged"
    for sub in fresh.records():
        assert fresh.file_path(sub.file).read_bytes() == original.file_path(sub.file).read_bytes()
    assert fresh.problems == [] and not (fresh.root / "records" / TRACK / "notes.txt").exists()
    assert {p.name for p in fresh.root.iterdir()} <= {"records", "events", "files", "pending"}
    assert fresh.mirror.pending() == []  # restored files are not pushed back


def test_restore_never_overwrites_a_local_file_and_reports_a_failed_download(opened: list[Store], tmp_path: Path,
                                                                           remote: Path) -> None:
    hub = FolderHub(remote)
    store = open_store(opened, tmp_path / "a", hub)
    sub = submit(store)
    assert store.mirror.flush(5)
    (remote / "records" / TRACK / f"{sub.id}.json").write_text('{"tampered": true}')

    report = store.mirror.restore()

    assert (report.copied, report.present, report.error) == (0, 1, None)
    assert store.get(sub.id) == sub
    hub.mode = "raise"
    failed = store.mirror.restore()
    assert failed.copied == 0 and "unreachable" in failed.error


@pytest.mark.parametrize("failure", ["raise", "hang"])
def test_a_down_remote_keeps_everything_pending_until_it_recovers(opened: list[Store], tmp_path: Path, remote: Path,
                                                                  failure: str) -> None:
    hub = FolderHub(remote, mode=failure)
    store = open_store(opened, tmp_path / "a", hub)

    ids = fill(store, 4, "alice")

    assert not store.mirror.flush(1.0)
    synced = {p.relative_to(store.root).as_posix() for folder in ("records", "events", "files")
              for p in (store.root / folder).rglob("*.json" if folder != "files" else "*.csv")}
    assert set(store.mirror.pending()) == synced and len(synced) == 4 + 4 + 1
    assert len(store.records()) == 4 and store.mirror.last_error
    assert "timed out" in store.mirror.last_error if failure == "hang" else "unreachable" in store.mirror.last_error

    hub.mode = "ok"
    hub.release.set()
    store.mirror.retry_pending()  # the admin's "retry now" (the worker's backoff would get there too)
    assert store.mirror.flush(5) and store.mirror.pending() == []
    assert synced <= hub.files()
    assert sorted(s.id for s in restored_view(opened, tmp_path, remote, "b").records()) == sorted(ids)


def test_a_remote_failing_every_other_call_still_gets_everything(opened: list[Store], tmp_path: Path,
                                                                 remote: Path) -> None:
    hub = FolderHub(remote, mode="alternate")
    store = open_store(opened, tmp_path / "a", hub)
    ids = []
    for i in range(6):  # one at a time, so pushes interleave with failures
        ids += fill(store, 1, f"user{i}")
        time.sleep(0.01)

    assert store.mirror.flush(5) and store.mirror.pending() == []
    assert hub.failures >= 1
    assert sorted(s.id for s in restored_view(opened, tmp_path, remote, "b").records()) == sorted(ids)


def test_pending_pushes_survive_a_restart(opened: list[Store], tmp_path: Path, remote: Path) -> None:
    down = FolderHub(remote, mode="raise")
    store = open_store(opened, tmp_path / "a", down)
    ids = fill(store, 3, "alice")
    store.close(timeout=0.2)  # the process ends with the remote still down
    assert len(list((store.root / "pending").glob("*.json"))) == 3 + 3 + 1

    restarted = open_store(opened, store.root, FolderHub(remote))

    assert restarted.mirror.flush(5) and restarted.mirror.pending() == []
    assert sorted(s.id for s in restored_view(opened, tmp_path, remote, "b").records()) == sorted(ids)


def test_two_replicas_sharing_one_remote_restore_to_the_union(opened: list[Store], tmp_path: Path,
                                                              remote: Path) -> None:
    replica_a = open_store(opened, tmp_path / "a", FolderHub(remote))
    replica_b = open_store(opened, tmp_path / "b", FolderHub(remote))
    same_bytes = b"both replicas received this exact file\n"

    ids_a = fill(replica_a, 3, "alice") + [submit(replica_a, user="carol", content=same_bytes).id]
    ids_b = fill(replica_b, 4, "bob") + [submit(replica_b, user="dave", content=same_bytes).id]
    replica_b.rescore(ids_b[1], actor="admin", scores={"EW-L1": {"f": 0.8}}, oov=None, signature="s2",
                      emer_eval_version="0.2.0")
    assert replica_a.mirror.flush(5) and replica_b.mirror.flush(5)

    union = restored_view(opened, tmp_path, remote, "c")

    assert sorted(s.id for s in union.records()) == sorted(ids_a + ids_b)
    rescored = union.get(ids_b[1])
    assert rescored.scores == {"EW-L1": {"f": 0.8}} and rescored.history[0]["scores"]["EW-L1"]["f"] == 0.5
    assert len(union.find_by_sha(TRACK, union.get(ids_a[-1]).file["sha256"])) == 2
    report = replica_a.mirror.restore()  # a running replica picks up the other's records without touching its own
    assert report.copied > 0 and report.present == len(ids_a) * 2 + 1
    assert sorted(s.id for s in replica_a.records()) == sorted(ids_a + ids_b)


def test_a_write_that_fails_after_its_marker_leaves_no_stuck_push(opened: list[Store], tmp_path: Path, remote: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    hub = FolderHub(remote)
    store = open_store(opened, tmp_path / "a", hub)
    kept = submit(store)
    assert store.mirror.flush(5)

    def disk_full(path: Path, content: object, **options: object) -> bool:
        raise OSError("No space left on device")

    monkeypatch.setattr("space.store.local.write_bytes_atomic", disk_full)
    with pytest.raises(OSError, match="No space"):
        submit(store, user="bob")
    assert len(store.mirror.pending()) == 1  # the marker went first: the push could not be skipped
    monkeypatch.undo()

    assert store.mirror.retry_pending() == 1 and store.mirror.flush(5)

    assert store.mirror.pending() == [] and [s.id for s in store.records()] == [kept.id]
    assert {p.split("/")[-1] for p in hub.files()} == {f"{kept.id}.json"}


def test_a_record_never_reaches_the_remote_before_its_file(opened: list[Store], tmp_path: Path, remote: Path) -> None:
    hub = FolderHub(remote, mode="alternate")  # fails every other call: often between a file and its record
    store = Store(tmp_path / "a", mirror=RemoteMirror(hub, REPO_ID, timeout=0.3, backoff=(0.1,), linger=0.0))
    opened.append(store)

    for i in range(6):
        sub = submit(store, user=f"user{i}", content=f"user{i},{i}\n".encode())
        time.sleep(0.03)
        on_remote = hub.files()
        for done in store.records():
            if f"records/{TRACK}/{done.id}.json" in on_remote:
                assert f"files/{done.file['sha256'][:2]}/{done.file['sha256']}.csv" in on_remote, sub.id

    assert hub.failures >= 2 and store.mirror.flush(5) and store.mirror.pending() == []


def test_a_pull_copies_in_only_what_the_hub_itself_writes(opened: list[Store], tmp_path: Path, remote: Path) -> None:
    """Anyone who can write to the results repo (a leaked replica token, a mis-set permission) could plant files that
    every replica copied in: predictions under another file's hash, a record filed under another record's id,
    bytes that are no JSON, a file too large to be an upload. Only files a hub writes land; the rest is refused
    once, without being downloaded again at each pull."""
    writer = open_store(opened, tmp_path / "writer", FolderHub(remote))
    honest = submit(writer, user="alice", content=b"alice,1\n")
    assert writer.mirror.flush(5)
    planted = {
        f"files/{'ab' * 32}.csv".replace("files/", "files/ab/"): b"not the bytes of this hash\n",
        "records/other-track/20260101T000000Z-0123456789ab.json": (remote / f"records/{TRACK}/{honest.id}.json")
        .read_bytes(),
        f"events/{honest.id}/20260101T000000000000Z-0123456789ab.json": b"\xff\xfe not utf-8",
        f"files/cd/{'cd' * 32}.csv": b"x" * 4096,
    }
    for relpath, data in planted.items():
        (remote / relpath).parent.mkdir(parents=True, exist_ok=True)
        (remote / relpath).write_bytes(data)
    hub = FolderHub(remote)
    reader = Store(tmp_path / "reader", mirror=RemoteMirror(hub, REPO_ID, token=None, max_file_bytes=1024, **FAST))
    opened.append(reader)

    report = reader.mirror.pull()
    assert report.error is None and report.copied == 2 and sorted(report.refused) == sorted(planted)
    assert [s.id for s in reader.records()] == [honest.id] and reader.problems == []
    assert not any((tmp_path / "reader" / relpath).exists() for relpath in planted)
    downloads = hub.downloads
    (remote / "README.md").write_text("moved head\n")
    hub.create_commit(REPO_ID, [], commit_message="move the head", repo_type="dataset")
    again = reader.mirror.pull()
    assert again.copied == 0 and again.refused == () and hub.downloads == downloads
    fresh = Store(tmp_path / "fresh", mirror=RemoteMirror(FolderHub(remote), REPO_ID, token=None, max_file_bytes=1024,
                                                         **FAST))
    opened.append(fresh)
    restored = fresh.mirror.restore()
    assert (restored.copied, restored.refused) == (2, len(planted))
    assert [s.id for s in fresh.records()] == [honest.id] and fresh.problems == []
