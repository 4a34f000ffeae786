"""Many clients at once: 200 submissions over 20 concurrent gradio_client connections to the app launched in-process.

What must hold, whatever the interleaving: every acknowledged submission is exactly one record (none lost, none
duplicated), every record file parses and follows the schema, every uploaded file is stored under its sha256 with
exactly the uploaded bytes, no temporary file is left behind, the daily quota admits exactly its limit when twenty
submissions of one user race for it, and one file raced by eight users is scored once. Latencies (p50 / p95 per
submission, upload to answer) are printed.

Every connection is the same identity (the configured local user), as on a self-hosted hub; the 200-run raises that
user's quota to 200, the race runs with the default-like quota of 5.
"""

from __future__ import annotations

import glob
import hashlib
import json
import statistics
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from gradio_client import Client, handle_file
from hub_helpers import DECLARED, droppable, labels_without, make_settings

from emer_eval import parse_predictions
from space.config import Settings
from space.hub import Hub
from space.portal.quotas import midnight
from space.portal.submit import submit
from space.store import Store
from space.store.record import check_record

CONNECTIONS = 20
SUBMISSIONS = 200
RACE_QUOTA = 5
TRACK = "ovmerd-labels"
USER = "load-tester"


def perturbed_files(data_dir: Path, folder: Path, count: int) -> list[Path]:
    """``count`` valid, pairwise different label files: real outputs, each with a different sample left out (CSV).

    The sources are the 30 published OV-MERD baseline outputs and MERTools' own predictions; file ``i`` is source
    ``i % n`` without its ``i // n``-th sample, so no two files share their bytes (checked).
    """
    sources = sorted(glob.glob(str(data_dir / "ovmer-baseline-outputs-ovmerd" / "*" / "*-openset.npz")))
    sources.append(str(data_dir / "mertools-mer2024-ov-store" / "predict-openset.csv"))
    parsed = [parse_predictions(Path(path).read_bytes(), Path(path).suffix, path) for path in sources]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        predictions = parsed[i % len(parsed)]
        dropped = droppable(predictions)[i // len(parsed)]
        path = labels_without(predictions, dropped, folder / f"predictions-{i:03d}.csv")
        again = parse_predictions(path.read_bytes(), ".csv", path.name)  # the CSV says what the source said
        assert again.labels == {n: predictions.labels[n] for n in predictions.names if n != dropped}
        paths.append(path)
    assert len({hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}) == count
    return paths


def settings_for(root: Path, quota: int, attempts: int) -> Settings:
    return make_settings(root, EMER_HUB_LOCAL_USER=USER, EMER_HUB_DAILY_QUOTA=quota,
                         EMER_HUB_DAILY_ATTEMPTS=attempts, EMER_HUB_BOOTSTRAP=100)


def run_clients(url: str, jobs: list[list[Path]]) -> list[tuple[Path, dict[str, Any], float]]:
    """One thread and one ``Client`` per job list, all starting together; (file, outcome, seconds) per submission."""
    barrier = threading.Barrier(len(jobs))
    results: list[tuple[Path, dict[str, Any], float]] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def connection(files: list[Path]) -> None:
        try:
            client = Client(url, analytics_enabled=False, verbose=False)
        except BaseException as exc:
            failures.append(exc)
            barrier.abort()
            return
        try:
            barrier.wait()
            for path in files:
                start = time.perf_counter()
                outcome = client.predict(file=handle_file(str(path)), track=TRACK, model_name=f"Load {path.stem}",
                                         organisation="Reliability", link="https://example.org/load",
                                         modalities=["audio", "video"], description="concurrency test",
                                         api_name="/submit_predictions", **DECLARED)
                elapsed = time.perf_counter() - start
                with lock:
                    results.append((path, outcome, elapsed))
        except BaseException as exc:
            failures.append(exc)
        finally:
            client.close()

    threads = [threading.Thread(target=connection, args=(files,), name=f"client-{n}") for n, files in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert not any(thread.is_alive() for thread in threads), "a client thread did not finish in 300 s"
    assert not failures, failures
    return results


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def audit_store(root: Path, uploaded: dict[str, bytes]) -> dict[str, int]:
    """Check every file under the store root; return counts. ``uploaded`` maps sha256 → the bytes a client sent."""
    leftovers = [p for p in root.rglob("*") if p.name.startswith(".") or p.name.endswith(".tmp")]
    assert leftovers == [], f"temporary files left behind: {leftovers[:5]}"
    record_files = sorted((root / "records").rglob("*"))
    record_files = [p for p in record_files if p.is_file()]
    ids, shas = [], []
    for path in record_files:
        record = check_record(json.loads(path.read_bytes()))  # parses and follows the schema
        assert path.stem == record["id"] and path.parent.name == record["track"] == TRACK
        assert record["status"] == "scored" and record["user"] == USER and record["file"] is not None
        stored = root / "files" / record["file"]["sha256"][:2] / (record["file"]["sha256"] + record["file"]["suffix"])
        content = stored.read_bytes()
        assert hashlib.sha256(content).hexdigest() == record["file"]["sha256"]
        assert len(content) == record["file"]["size"]
        assert content == uploaded[record["file"]["sha256"]]
        ids.append(record["id"])
        shas.append(record["file"]["sha256"])
    stored_files = [p for p in (root / "files").rglob("*") if p.is_file()] if (root / "files").exists() else []
    return {"record_files": len(record_files), "distinct_ids": len(set(ids)), "distinct_files": len(set(shas)),
            "stored_files": len(stored_files)}


def test_200_submissions_from_20_connections_store_exactly_200_complete_records(tmp_path: Path, data_dir: Path,
                                                                                 record_property, launch_app) -> None:
    files = perturbed_files(data_dir, tmp_path / "uploads", SUBMISSIONS)
    uploaded = {hashlib.sha256(p.read_bytes()).hexdigest(): p.read_bytes() for p in files}
    settings = settings_for(tmp_path, quota=SUBMISSIONS, attempts=1000)
    jobs = [files[n::CONNECTIONS] for n in range(CONNECTIONS)]

    with launch_app(hub=Hub.start(settings)) as running:
        wall = time.perf_counter()
        results = run_clients(running.url, jobs)
        wall = time.perf_counter() - wall

    assert len(results) == SUBMISSIONS
    refused = [(path.name, outcome["errors"]) for path, outcome, _ in results if outcome["status"] != "scored"]
    assert refused == []
    acknowledged = [outcome["submission_id"] for _, outcome, _ in results]
    assert len(set(acknowledged)) == SUBMISSIONS

    reopened = Store(settings.store_dir)  # a fresh reader: only what reached the disk counts
    assert reopened.problems == []
    records = reopened.records(TRACK)
    assert sorted(sub.id for sub in records) == sorted(acknowledged)
    assert reopened.count(USER, since=midnight(datetime.now(timezone.utc)), statuses=("scored",)) == SUBMISSIONS
    by_id = {sub.id: sub for sub in records}
    for path, outcome, _ in results:  # each acknowledgement names the record of exactly that file
        sub = by_id[outcome["submission_id"]]
        assert sub.file["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert sub.metadata["model_name"] == f"Load {path.stem}"
        # the answer has 4 decimals when the track is private
        assert sub.scores["EW-L1"]["f"] == pytest.approx(outcome["scores"]["EW-L1"]["f"], abs=5e-5)
    counts = audit_store(settings.store_dir, uploaded)
    # stored files: each upload and the labels it was scored with (distinct predictions, so distinct labels)
    assert counts == {"record_files": SUBMISSIONS, "distinct_ids": SUBMISSIONS, "distinct_files": SUBMISSIONS,
                      "stored_files": 2 * SUBMISSIONS}
    attempts = list((settings.store_dir / "attempts").rglob("*.json"))
    assert len(attempts) == SUBMISSIONS

    latencies = [elapsed for _, _, elapsed in results]
    figures = {"submissions": SUBMISSIONS, "connections": CONNECTIONS, "records_found": counts["record_files"],
               "duplicates": counts["record_files"] - counts["distinct_ids"],
               "p50_s": round(percentile(latencies, 50), 3), "p95_s": round(percentile(latencies, 95), 3),
               "max_s": round(max(latencies), 3), "wall_s": round(wall, 2),
               "throughput_per_s": round(SUBMISSIONS / wall, 2)}
    for key, value in figures.items():
        record_property(key, value)
    print(f"\nconcurrency figures: {json.dumps(figures)}")


def test_twenty_racing_submissions_admit_exactly_the_quota(tmp_path: Path, data_dir: Path, record_property,
                                                           launch_app) -> None:
    files = perturbed_files(data_dir, tmp_path / "uploads", CONNECTIONS)
    settings = settings_for(tmp_path, quota=RACE_QUOTA, attempts=1000)

    with launch_app(hub=Hub.start(settings)) as running:
        results = run_clients(running.url, [[path] for path in files])

    statuses = [outcome["status"] for _, outcome, _ in results]
    assert statuses.count("scored") == RACE_QUOTA and statuses.count("rejected") == CONNECTIONS - RACE_QUOTA
    for _, outcome, _ in results:
        if outcome["status"] == "rejected":
            assert len(outcome["errors"]) == 1 and outcome["errors"][0].startswith(
                f"daily submission quota used ({RACE_QUOTA} scored submissions per UTC day)"), outcome["errors"]
            assert outcome["submission_id"] is None and outcome["quota"]["remaining_scored"] == 0
    scored_ids = {outcome["submission_id"] for _, outcome, _ in results if outcome["status"] == "scored"}
    reopened = Store(settings.store_dir)
    assert {sub.id for sub in reopened.records()} == scored_ids and reopened.problems == []
    # a refusal by quota happens before the upload is read, so only the admitted five were logged as attempts
    assert len(list((settings.store_dir / "attempts").rglob("*.json"))) == RACE_QUOTA
    record_property("race", f"{len(scored_ids)} scored / {statuses.count('rejected')} rejected")
    print(f"\nquota race: {CONNECTIONS} concurrent submissions, quota {RACE_QUOTA}: "
          f"{len(scored_ids)} scored, {statuses.count('rejected')} rejected with the quota message")


def test_the_same_predictions_eight_times_at_once_are_scored_exactly_once(tmp_path: Path, data_dir: Path,
                                                                          record_property) -> None:
    """De-duplication is exact under concurrency too: one record per owner, predictions and track, however the
    owner's eight uploads race (from other owners identical predictions are accepted and marked, see the portal).
    """
    upload = perturbed_files(data_dir, tmp_path / "uploads", 1)[0]
    hub = Hub.start(settings_for(tmp_path, quota=RACE_QUOTA, attempts=1000))
    barrier = threading.Barrier(8)
    outcomes: list[Any] = []

    def send(n: int) -> None:
        barrier.wait()
        outcomes.append(submit(hub, user="racer", upload=upload, filename=upload.name, track_id=TRACK,
                               metadata={"model_name": f"copy {n}", **DECLARED}))

    threads = [threading.Thread(target=send, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    hub.store.close()

    assert [o.status for o in outcomes].count("scored") == 1
    for outcome in outcomes:
        if outcome.status == "rejected":
            assert outcome.errors[0].startswith("you already submitted these exact predictions"), outcome.errors
    assert len(Store(hub.settings.store_dir).records()) == 1
    record_property("duplicate_race", "1 owner, 8 concurrent uploads of the same file: 1 scored / 7 rejected")
