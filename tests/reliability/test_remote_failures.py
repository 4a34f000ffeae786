"""The durable remote copy failing under a running hub: submissions go on, nothing acknowledged is lost.

A *acknowledged* submission is one whose outcome said ``"scored"``: the submitter was told it counts. Each scenario
runs the real hub (``Hub.start`` with ``EMER_HUB_RESULTS_REPO``) against ``FolderHub``, an ``HfApi`` whose dataset
repo is a local folder, made to fail the way the Hub does — every call raising, calls hanging past the mirror's
timeout, every other call failing, the remote down across a restart, concurrent submitters on a flaky remote — and
checks that:

* every submission is still scored and acknowledged quickly (pushes never run on the request path), its record and
  file kept on the local disk, and what has not reached the remote is pending, not forgotten;
* at no moment does the remote hold a record whose uploaded file it lacks (a replica restored then would show an
  entry it cannot re-score);
* once the remote recovers (an admin's ``retry_pending``, the worker's own backoff, or the next start-up) nothing
  stays pending, and a FRESH instance on an empty disk, restoring from the remote, sees every acknowledged record,
  its file, and the same quota usage — and never a rejected upload.
"""

from __future__ import annotations

import glob
import json
import os
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hub_helpers import DECLARED, droppable, labels_without
from store.fake_hub import REPO_ID, FolderHub

from emer_eval import parse_predictions
from space.config import Settings
from space.hub import Hub
from space.portal.quotas import midnight
from space.portal.submit import Outcome, submit

TRACK = "ovmerd-labels"
FAST_BACKOFF = (0.05, 0.1, 0.2)
"""The mirror's backoff in these tests (the hub's default starts at 1 s and grows to 5 minutes)."""


class Scenario:
    """One hub on a remote, the uploads it sent, and what it was told."""

    def __init__(self, tmp_path: Path, data_dir: Path, mode: str, **fake: Any) -> None:
        self.tmp, self.data_dir = tmp_path, data_dir
        self.remote = tmp_path / "remote"
        self.api = FolderHub(self.remote, mode=mode, **fake)
        self.hub = self.start(tmp_path / "local", self.api)
        self.outcomes: list[tuple[str, Outcome]] = []
        self.latencies: list[float] = []
        self.inconsistencies = 0
        self._lock = threading.Lock()
        self._sources = [parse_predictions(Path(p).read_bytes(), Path(p).suffix, p) for p in sorted(glob.glob(
            str(data_dir / "ovmer-baseline-outputs-ovmerd" / "*" / "*-openset.npz")))]
        self._count = 0

    def start(self, folder: Path, api: FolderHub) -> Hub:
        settings = Settings.from_env({
            "EMER_DATA": os.environ.get("EMER_DATA", str(self.data_dir)), "EMER_HUB_STORE_DIR": str(folder),
            "EMER_HUB_LOCAL_USER": "remote-tester", "EMER_HUB_DAILY_QUOTA": "1000",
            "EMER_HUB_DAILY_ATTEMPTS": "1000", "EMER_HUB_BOOTSTRAP": "50", "EMER_HUB_RESULTS_REPO": REPO_ID})
        hub = Hub.start(settings, hf_api=api)
        hub.store.mirror.backoff = FAST_BACKOFF
        return hub

    def upload(self) -> Path:
        """A new valid label file (a baseline output without one sample, as CSV), different from every other."""
        with self._lock:
            n, self._count = self._count, self._count + 1
        source = self._sources[n % len(self._sources)]
        dropped = droppable(source)[n // len(self._sources)]
        return labels_without(source, dropped, self.tmp / "uploads" / f"predictions-{n:03d}.csv")

    def send(self, user: str = "alice", path: Path | None = None) -> Outcome:
        path = path or self.upload()
        start = time.perf_counter()
        outcome = submit(self.hub, user=user, upload=path, filename=path.name, track_id=TRACK,
                         metadata={"model_name": f"{user} {path.stem}", **DECLARED})
        with self._lock:
            self.latencies.append(time.perf_counter() - start)
            self.outcomes.append((user, outcome))
        self.check_remote_consistency()
        return outcome

    def send_invalid(self) -> Outcome:
        bad = self.tmp / "uploads" / "invalid.csv"
        bad.parent.mkdir(parents=True, exist_ok=True)
        bad.write_text("name,openset\nsample_00000000,[happy]\nsample_00000000,[sad]\n")
        outcome = self.send(path=bad)
        assert outcome.status == "rejected"
        return outcome

    @property
    def acknowledged(self) -> dict[str, str]:
        """record id → user, for every outcome that said "scored"."""
        return {o.submission_id: user for user, o in self.outcomes if o.status == "scored"}

    def check_remote_consistency(self) -> None:
        """The remote never holds a record without the uploaded file it references."""
        files = {path for path in self.api.files() if not path.rsplit("/", 1)[-1].startswith(".")}  # not uploads
        for relpath in files:                                                                    # in progress
            if relpath.startswith("records/"):
                try:
                    record = json.loads((self.remote / relpath).read_bytes())
                except FileNotFoundError:
                    continue
                ref = record["file"]
                if ref and f"files/{ref['sha256'][:2]}/{ref['sha256']}{ref['suffix']}" not in files:
                    with self._lock:
                        self.inconsistencies += 1

    def local_state(self) -> tuple[set[str], int]:
        store = self.hub.store
        ids = {sub.id for sub in store.records()}
        for sub in store.records():
            assert store.file_path(sub.file) is not None
        return ids, len(store.mirror.pending())

    def fresh_instance(self) -> dict[str, Any]:
        """A brand-new hub on an empty disk, restored from the (healthy) remote: what does it see?"""
        fresh = self.start(self.tmp / f"fresh-{time.monotonic_ns()}", FolderHub(self.remote))
        try:
            records = {sub.id: sub for sub in fresh.store.records()}
            today = midnight(datetime.now(timezone.utc))
            return {
                "ids": set(records),
                "files_ok": all(fresh.store.file_path(sub.file) is not None for sub in records.values()),
                "quota": {user: fresh.store.count(user, since=today, statuses=("scored",))
                          for user in set(self.acknowledged.values())},
                "problems": fresh.store.problems,
            }
        finally:
            fresh.store.close(timeout=1)

    def verify_recovered(self) -> dict[str, Any]:
        """After recovery: nothing pending, and a fresh replica sees every acknowledged record (and only those)."""
        assert self.hub.store.mirror.flush(30), self.hub.store.mirror.last_error
        assert self.hub.store.mirror.pending() == []
        self.check_remote_consistency()
        seen = self.fresh_instance()
        acknowledged = self.acknowledged
        assert seen["ids"] == set(acknowledged), (len(seen["ids"]), len(acknowledged))
        assert seen["files_ok"] and seen["problems"] == []
        expected = {user: sum(1 for u in acknowledged.values() if u == user) for user in set(acknowledged.values())}
        assert seen["quota"] == expected
        assert self.inconsistencies == 0
        return {"restored": len(seen["ids"])}

    def close(self) -> None:
        self.api.release.set()
        self.hub.store.close(timeout=1)


def submit_all(scenario: Scenario, count: int) -> None:
    for _ in range(count):
        outcome = scenario.send()
        assert outcome.status == "scored", outcome.errors
    scenario.send_invalid()


def remote_raises(s: Scenario) -> dict[str, Any]:
    """Every call fails, from start-up on (the restore too); an admin retries once it is back."""
    assert s.hub.store.mirror is not None and s.api.failures == 1  # the start-up restore failed, the hub started
    submit_all(s, 6)
    ids, pending = s.local_state()
    # pending per submission: its record, its upload and the labels it was scored with
    assert ids == set(s.acknowledged) and pending == 18 and s.api.files() == set()
    assert not s.hub.store.mirror.flush(0.5) and "unreachable" in s.hub.store.mirror.last_error
    s.api.mode = "ok"
    s.hub.store.mirror.retry_pending()
    return {"pending_before_recovery": pending, **s.verify_recovered()}


def remote_hangs(s: Scenario) -> dict[str, Any]:
    """Pushes hang far past the mirror's timeout; submissions must not wait for them."""
    s.hub.store.mirror.timeout = 0.3
    s.api.mode, s.api.hang_seconds = "hang", 120.0
    submit_all(s, 6)
    assert max(s.latencies) < 5.0, s.latencies  # each answer came long before any push could finish
    ids, pending = s.local_state()
    assert ids == set(s.acknowledged) and pending == 18
    assert not s.hub.store.mirror.flush(0.8) and "timed out" in s.hub.store.mirror.last_error
    s.api.mode = "ok"
    s.api.release.set()  # the hung calls finish too (pushing the same bytes twice is harmless)
    s.hub.store.mirror.retry_pending()
    return {"pending_before_recovery": pending, **s.verify_recovered()}


def remote_alternates(s: Scenario) -> dict[str, Any]:
    """Every other call fails; the worker's own backoff gets everything there, with no admin action.

    The mirror's linger is off and the submissions are spaced out, so each file and each record is its own push
    and failures fall between a submission's file and its record.
    """
    s.hub.store.mirror.linger = 0.0
    for _ in range(12):
        assert s.send().status == "scored"
        time.sleep(0.06)
    s.send_invalid()
    ids, _ = s.local_state()
    assert ids == set(s.acknowledged)
    return s.verify_recovered()  # flush without retry_pending: the backoff retries on its own


def remote_down_across_restart(s: Scenario) -> dict[str, Any]:
    """The remote is down and the hub restarts before it recovers: the next start-up pushes what was pending."""
    submit_all(s, 5)
    _, pending = s.local_state()
    s.hub.store.close(timeout=0.2)  # the process ends with the remote still down
    s.api = FolderHub(s.remote)  # back up by the time the hub restarts on the same disk
    s.hub = s.start(s.tmp / "local", s.api)
    assert {sub.id for sub in s.hub.store.records()} == set(s.acknowledged)
    return {"pending_before_recovery": pending, **s.verify_recovered()}


def concurrent_on_flaky_remote(s: Scenario) -> dict[str, Any]:
    """Four users submitting at once while every other push fails; the remote is watched throughout."""
    s.hub.store.mirror.linger = 0.0  # push every file the moment it is written: the most interleaving
    watching = threading.Event()
    errors: list[BaseException] = []

    def watch() -> None:
        try:
            while not watching.is_set():
                s.check_remote_consistency()
                time.sleep(0.005)
        except BaseException as exc:
            errors.append(exc)

    watcher = threading.Thread(target=watch)
    watcher.start()
    barrier = threading.Barrier(4)

    def user(n: int) -> None:
        try:
            barrier.wait()
            for _ in range(5):
                assert s.send(user=f"user{n}").status == "scored"
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=user, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    try:
        result = s.verify_recovered()
    finally:
        watching.set()
        watcher.join()
    assert not errors, errors
    return result


SCENARIOS: dict[str, tuple[str, dict[str, Any], Callable[[Scenario], dict[str, Any]]]] = {
    "raises": ("raise", {}, remote_raises),
    "hangs-past-timeout": ("ok", {}, remote_hangs),
    "fails-every-other-call": ("alternate", {}, remote_alternates),
    "down-across-a-restart": ("raise", {}, remote_down_across_restart),
    "concurrent-on-flaky-remote": ("alternate", {}, concurrent_on_flaky_remote),
}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_a_failing_remote_loses_no_acknowledged_submission(name: str, tmp_path: Path, data_dir: Path,
                                                           record_property) -> None:
    mode, fake, run = SCENARIOS[name]
    scenario = Scenario(tmp_path, data_dir, mode, **fake)
    try:
        details = run(scenario)
    finally:
        scenario.close()
    statuses = [outcome.status for _, outcome in scenario.outcomes]
    figures = {"scenario": name, "submissions": len(statuses), "scored": statuses.count("scored"),
               "rejected": statuses.count("rejected"), "remote_calls": scenario.api.calls,
               "remote_failures": scenario.api.failures, "commits": scenario.api.commits,
               "max_latency_s": round(max(scenario.latencies), 3),
               "records_without_file_on_remote": scenario.inconsistencies, **details}
    assert figures["restored"] == figures["scored"]
    record_property("remote_failure", json.dumps(figures))
    print(f"\nremote failure: {json.dumps(figures)}")
