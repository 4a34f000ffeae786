"""The local store: records and files round-trip, the folded view, validation, queries and re-scoring."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from space.store import SchemaError, Store, Submission
from space.store.layout import utc_now

from .conftest import TRACK, submit

CSV = b"name,labels\nsample_00000001,happy; surprised\n"


def test_record_and_its_file_round_trip_through_a_fresh_store(store: Store) -> None:
    written = submit(store, content=CSV)

    reopened = Store(store.root).get(written.id)

    assert reopened == written
    assert reopened.scores["EW-L1"]["f"] == 0.5
    assert reopened.metadata["modalities"] == ["video", "audio"] and reopened.metadata["open_weights"] is True
    assert reopened.file is not None and reopened.file["size"] == len(CSV) and reopened.file["suffix"] == ".csv"
    path = store.file_path(reopened.file)
    assert path is not None and path.read_bytes() == CSV
    sha = reopened.file["sha256"]
    assert path.relative_to(store.root).as_posix() == f"files/{sha[:2]}/{sha}.csv"
    on_disk = json.loads((store.root / "records" / TRACK / f"{written.id}.json").read_text())
    assert on_disk["schema"] == 1 and on_disk["status"] == "scored" and on_disk["source"] == "submitted"
    assert on_disk["created_at"] == written.created_at


def test_record_ids_are_utc_timestamp_plus_random_hex(store: Store) -> None:
    ids = {submit(store).id for _ in range(50)}

    assert len(ids) == 50
    for record_id in ids:
        stamp, random_part = record_id.split("-")
        assert datetime.strptime(stamp, "%Y%m%dT%H%M%SZ") and len(random_part) == 12


def test_identical_uploads_are_stored_once(store: Store) -> None:
    first, second = store.put_file(CSV, "a.csv"), store.put_file(CSV, "b.CSV")

    assert first["sha256"] == second["sha256"] and second["name"] == "b.CSV"
    assert len(list((store.root / "files").rglob("*.csv"))) == 1


def test_put_file_accepts_a_path(store: Store, tmp_path: Path) -> None:
    upload = tmp_path / "upload.xlsx"
    upload.write_bytes(b"PK\x03\x04 not really a workbook")

    ref = store.put_file(upload, upload.name)

    assert ref["suffix"] == ".xlsx" and store.file_path(ref).read_bytes() == upload.read_bytes()
    assert [p.name for p in store.root.iterdir() if p.name.startswith(".")] == []  # no staging left behind


def test_folded_view_keeps_every_score_and_moderation_action(store: Store) -> None:
    sub = submit(store)

    store.rescore(sub.id, actor="admin", scores={"EW-L1": {"f": 0.6}}, oov=None, signature="sig-2",
                  emer_eval_version="0.2.0")
    store.moderate(sub.id, "flag", actor="mod", reason="suspicious link")
    store.moderate(sub.id, "hide", actor="mod")
    folded = store.rescore(sub.id, actor="admin", scores={"EW-L1": {"f": 0.7}}, oov={"labels": 3},
                           signature="sig-3", emer_eval_version="0.3.0", scored_at="2030-01-01T00:00:00+00:00")

    assert folded.scores == {"EW-L1": {"f": 0.7}} and folded.signature == "sig-3"
    assert folded.emer_eval_version == "0.3.0" and folded.scored_at == "2030-01-01T00:00:00+00:00"
    assert [(h["signature"], h["scores"]["EW-L1"]["f"], h["replaced_by"]) for h in folded.history] == [
        ("emer-eval:0.1.0|ew:2025", 0.5, "admin"), ("sig-2", 0.6, "admin")]
    assert folded.history[0]["emer_eval_version"] == "0.1.0" and folded.history[0]["scored_at"] == sub.scored_at
    assert folded.visibility == "hidden" and not folded.visible and folded.flag_reason is None
    assert [(m["kind"], m["actor"], m["reason"]) for m in folded.moderation] == [
        ("flag", "mod", "suspicious link"), ("hide", "mod", "")]
    assert Store(store.root).get(sub.id) == folded  # the view is rebuilt from the files alone

    restored = store.moderate(sub.id, "restore", actor="mod", reason="checked")
    assert restored.visibility == "visible" and len(restored.moderation) == 3
    flagged = store.moderate(sub.id, "flag", actor="mod", reason="duplicate of another entry")
    assert flagged.visibility == "flagged" and flagged.flag_reason == "duplicate of another entry"
    assert [s.id for s in store.records(visibility=("visible",))] == []
    assert [s.id for s in store.records(visibility=("flagged",))] == [sub.id]


def test_record_file_is_never_rewritten_by_later_events(store: Store) -> None:
    sub = submit(store)
    path = store.root / "records" / TRACK / f"{sub.id}.json"
    before = path.read_bytes()

    store.rescore(sub.id, actor="admin", scores={}, oov=None, signature="s", emer_eval_version="9")
    store.moderate(sub.id, "hide", actor="mod")

    assert path.read_bytes() == before
    assert len(list((store.root / "events" / sub.id).glob("*.json"))) == 2


def test_mutating_a_returned_view_changes_nothing_stored(store: Store) -> None:
    sub = submit(store)

    sub.scores["EW-L1"]["f"] = 1.0
    sub.metadata["model_name"] = "tampered"

    again = store.get(sub.id)
    assert again.scores["EW-L1"]["f"] == 0.5 and again.metadata["model_name"] == "model-alice"


def test_events_written_back_to_back_fold_in_write_order(store: Store) -> None:
    sub = submit(store)
    for i in range(30):
        store.moderate(sub.id, "hide" if i % 2 else "flag", actor="mod", reason=f"r{i}")

    folded = Store(store.root).get(sub.id)

    assert [m["reason"] for m in folded.moderation] == [f"r{i}" for i in range(30)]
    assert folded.visibility == "hidden"
    stamps = [utc_now() for _ in range(1000)]
    assert all(a < b for a, b in zip(stamps, stamps[1:], strict=False))


def test_broken_files_are_skipped_and_reported_while_good_ones_load(store: Store) -> None:
    good = [submit(store, user=f"user{i}") for i in range(3)]
    good_event = store.moderate(good[0].id, "hide", actor="mod")
    track_dir = store.root / "records" / TRACK
    valid_bytes = (track_dir / f"{good[1].id}.json").read_bytes()
    wrong_schema = json.loads(valid_bytes) | {"schema": 2, "id": "20250101T000000Z-00000000000c"}
    missing_field = {k: v for k, v in json.loads(valid_bytes).items() if k != "scores"} | {
        "id": "20250101T000000Z-00000000000d"}
    broken = {
        "20250101T000000Z-00000000000a.json": b'{"schema": 1, "id": "20250101T000000Z-00000000000a", "tr',
        "20250101T000000Z-00000000000b.json": valid_bytes[: len(valid_bytes) // 2],
        "20250101T000000Z-00000000000c.json": json.dumps(wrong_schema).encode(),
        "20250101T000000Z-00000000000d.json": json.dumps(missing_field).encode(),
        "20250101T000000Z-00000000000e.json": b"\xff\xfe\x00garbage",
        "20250101T000000Z-00000000000f.json": valid_bytes,  # a copy under another name: id/path mismatch
        "notes.txt": b"left here by hand",
    }
    for name, data in broken.items():
        (track_dir / name).write_bytes(data)
    (track_dir / ".20250101T000000Z-000000000010.json.x.tmp").write_bytes(b"{")  # a write in progress: ignored
    event_dir = store.root / "events" / good[0].id
    (event_dir / "20250101T000000000000Z-00000000000a.json").write_bytes(b'{"kind": "hide"')
    (store.root / "events" / good[2].id).mkdir()
    (store.root / "events" / good[2].id / "20250101T000000000000Z-00000000000b.json").write_text('{"schema": 1}')

    reopened = Store(store.root)

    assert sorted(s.id for s in reopened.records()) == sorted(s.id for s in good)
    assert reopened.get(good[0].id).visibility == "hidden" and len(reopened.get(good[0].id).moderation) == 1
    assert good_event.moderation[0] == reopened.get(good[0].id).moderation[0]
    reasons = dict(reopened.problems)
    assert set(reasons) == {f"records/{TRACK}/{name}" for name in broken} | {
        f"events/{good[0].id}/20250101T000000000000Z-00000000000a.json",
        f"events/{good[2].id}/20250101T000000000000Z-00000000000b.json"}
    assert reasons[f"records/{TRACK}/20250101T000000Z-00000000000a.json"].startswith("invalid JSON")
    assert reasons[f"records/{TRACK}/20250101T000000Z-00000000000b.json"].startswith("invalid JSON")
    assert "unsupported version 2" in reasons[f"records/{TRACK}/20250101T000000Z-00000000000c.json"]
    assert "scores: missing" in reasons[f"records/{TRACK}/20250101T000000Z-00000000000d.json"]
    assert reasons[f"records/{TRACK}/20250101T000000Z-00000000000e.json"].startswith("invalid JSON")
    assert "do not match" in reasons[f"records/{TRACK}/20250101T000000Z-00000000000f.json"]
    assert reasons[f"records/{TRACK}/notes.txt"] == "unexpected file name"
    reopened.refresh()
    assert len(reopened.problems) == len(reasons)  # reported once, not on every refresh


def test_invalid_input_raises_before_anything_is_written(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown metadata"):
        submit(store, metadata={"model_name": "m", "modle_link": "typo"})
    with pytest.raises(SchemaError, match="track: invalid name"):
        submit(store, track="../../etc")
    with pytest.raises(SchemaError, match="status"):
        submit(store, status="accepted")
    with pytest.raises(SchemaError, match="modalities"):
        submit(store, metadata={"model_name": "m", "modalities": "video"})
    with pytest.raises(TypeError):
        submit(store, scores={"EW-L1": {"f": object()}})
    with pytest.raises(ValueError, match="suffix"):
        store.put_file(CSV, "evil.c$v")
    with pytest.raises(KeyError):
        store.moderate("20250101T000000Z-000000000000", "hide", actor="mod")
    sub = submit(store)
    with pytest.raises(SchemaError, match="reason"):
        store.moderate(sub.id, "flag", actor="mod", reason="  ")
    with pytest.raises(ValueError, match="moderation"):
        store.moderate(sub.id, "delete", actor="mod")

    assert [s.id for s in Store(store.root).records()] == [sub.id]
    assert not (store.root / "events").exists()


def test_count_filters_by_user_track_time_and_status(store: Store) -> None:
    submit(store, user="alice")
    submit(store, user="alice", status="rejected", errors=["missing column"], scores={})
    submit(store, user="alice", track="mer2024")
    submit(store, user="bob")
    now = datetime.now(timezone.utc)

    assert store.count("alice") == 3
    assert store.count("alice", track=TRACK) == 2
    assert store.count("alice", track=TRACK, statuses=("scored",)) == 1
    assert store.count("alice", since=now - timedelta(minutes=1)) == 3
    assert store.count("alice", since=now + timedelta(minutes=1)) == 0
    assert store.count("carol") == 0
    with pytest.raises(ValueError, match="aware"):
        store.count("alice", since=datetime.now())


def test_find_by_sha_finds_byte_identical_scored_submissions_of_the_track(store: Store) -> None:
    first = submit(store, content=CSV)
    submit(store, content=CSV, status="rejected", errors=["quota"])
    submit(store, content=CSV, track="mer2024")
    submit(store, content=CSV + b"sample_00000002,sad\n")

    found = Store(store.root).find_by_sha(TRACK, first.file["sha256"])

    assert [s.id for s in found] == [first.id]
    assert len(store.find_by_sha(TRACK, first.file["sha256"], statuses=None)) == 2
    assert store.find_by_sha(TRACK, "0" * 64) == []


def test_rescore_all_appends_events_and_keeps_old_scores(store: Store) -> None:
    scored = submit(store, content=CSV)
    broken = submit(store, content=b"will make the scorer fail")
    baseline = submit(store, user="hub", source="baseline", status="baseline", content=b"baseline predictions")
    no_file = submit(store, user="carol")
    rejected = submit(store, content=b"bad", status="rejected", errors=["unparsable"])
    seen: list[str] = []

    def scorer(sub: Submission, path: Path) -> dict:
        seen.append(sub.id)
        if path.read_bytes().startswith(b"will make"):
            raise ValueError("row 2 has no labels")
        return {"scores": {"EW-L1": {"f": 0.9}}, "oov": None, "signature": "sig-new", "emer_eval_version": "0.2.0"}

    summary = store.rescore_all(scorer, actor="admin")

    assert sorted(summary.rescored) == sorted([scored.id, baseline.id])
    assert summary.failed == [(broken.id, "ValueError: row 2 has no labels")]
    assert summary.missing_file == [no_file.id] and rejected.id not in seen
    after = store.get(scored.id)
    assert after.scores == {"EW-L1": {"f": 0.9}} and after.history[0]["scores"] == scored.scores
    assert after.history[0]["signature"] == scored.signature and after.history[0]["replaced_by"] == "admin"
    assert store.get(broken.id).history == []

    again = store.rescore_all(scorer, actor="admin")

    assert sorted(again.unchanged) == sorted([scored.id, baseline.id]) and again.rescored == []
    assert len(store.get(scored.id).history) == 1
