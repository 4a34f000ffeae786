"""SIGKILL at random moments: a process writing to the store dies mid-submission, and the store must not care.

Each run spawns ``crash_worker.py`` on one shared store folder (the runs accumulate, as restarts of one Space do),
waits until it is writing, kills it with SIGKILL after a random delay, and then opens a FRESH ``Store`` on the folder
in this process. What must hold after every kill:

* the store reloads without an exception and ``store.problems`` is EMPTY — not "only ignorable entries": every
  write is temp-file + fsync + rename, so a reader can never meet a partial file under a final name, and what a kill
  legitimately leaves behind is never reported as a problem (see below);
* every record file parses and follows the schema, sits at the path its id and track say, and its uploaded file is
  present with exactly the sha256 the record names; every event parses; every stored file's content hashes to its
  name (nothing half-written under a final name);
* every submission the worker had acknowledged before the kill (printed after ``submit`` returned "scored") is there.

What a kill may legitimately leave, by design, and why none of it is a problem:

* hidden temporary files (``.<name>.<random>.tmp``, ``.attempt-*``) and hidden ``.upload-*`` staging folders — the
  write that owned them never completed; readers skip hidden names;
* an uploaded file no record references (killed between ``put_file`` and ``add``) — content-addressed, so it is
  harmless and a resubmission of the same bytes reuses it;
* an attempt-log entry with no record (killed after the attempt was counted) — attempts count uploads, not records;
* a pending-push marker whose file never appeared (killed between the marker and the write) — the mirror drops it,
  with a warning, the next time it tries.

The counts of these (so the kills demonstrably landed inside writes) are printed with the figures. At the end the
store is opened with a healthy remote: every pending push goes out, and a fresh replica restored from the remote
holds every record.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from store.fake_hub import REPO_ID, FolderHub

from space.store import RemoteMirror, Store, layout
from space.store.record import check_event, check_record

pytestmark = pytest.mark.slow  # minutes of subprocesses and load: not part of the fast suite

WORKER = Path(__file__).with_name("crash_worker.py")
REPO = Path(__file__).resolve().parents[2]
SUBMIT_RUNS = 30
BURST_RUNS = 20
SEED = int(os.environ.get("EMER_CRASH_SEED", "20250611"))


class Killed:
    """One worker run: spawn, wait for ``ready``, sleep, SIGKILL, collect what it acknowledged."""

    def __init__(self, args: list[str], stderr: Path) -> None:
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._stderr = stderr.open("w")
        self.proc = subprocess.Popen([sys.executable, str(WORKER), *args], stdout=subprocess.PIPE,
                                     stderr=self._stderr, text=True, cwd=REPO, env=os.environ.copy())
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.endswith("\n"):  # an unterminated last line was cut by the kill: not an acknowledgement
                self.lines.append(line.rstrip("\n"))
            if line.startswith("ready"):
                self.ready.set()
        self.ready.set()  # EOF: the process is gone (killed, or died by itself)

    def kill_after(self, delay: float, stderr: Path) -> None:
        assert self.ready.wait(60), "worker never became ready"
        time.sleep(delay)
        alive = self.proc.poll() is None
        if alive:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)
        self._reader.join(30)
        self._stderr.close()
        assert alive, f"the worker died by itself before the kill:\n{stderr.read_text()[-3000:]}"
        assert self.proc.returncode == -signal.SIGKILL
        assert "Traceback" not in stderr.read_text(), f"a writer failed before the kill:\n{stderr.read_text()[-3000:]}"

    def acknowledged(self) -> tuple[set[str], dict[str, int]]:
        records = {line.split()[1] for line in self.lines if line.startswith("ack ")}
        events: dict[str, int] = {}
        for line in self.lines:
            if line.startswith("event "):
                _, record, count = line.split()
                events[record] = max(events.get(record, 0), int(count))
        return records, events


def is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def inspect(root: Path, acked: set[str], acked_events: dict[str, int]) -> dict[str, int]:
    """The post-crash checks (module docstring); returns counts of what the kills left behind."""
    store = Store(root)  # fresh: nothing cached from the writer
    assert store.problems == [], store.problems
    records = {sub.id: sub for sub in store.records()}
    missing = acked - set(records)
    assert not missing, f"acknowledged but lost: {sorted(missing)[:5]}"
    for record_id, count in acked_events.items():
        assert len(records[record_id].moderation) >= count

    referenced: set[str] = set()
    record_files = [p for p in (root / layout.RECORDS).rglob("*") if p.is_file() and not is_hidden(p, root)]
    for path in record_files:
        relpath = path.relative_to(root).as_posix()
        record = check_record(json.loads(path.read_bytes()))
        assert relpath == layout.record_relpath(record["track"], record["id"]) and record["id"] in records
        if record["file"] is not None:
            file_rel = layout.file_relpath(record["file"]["sha256"], record["file"]["suffix"])
            content = (root / file_rel).read_bytes()  # present …
            assert hashlib.sha256(content).hexdigest() == record["file"]["sha256"]  # … and complete
            assert len(content) == record["file"]["size"]
            referenced.add(file_rel)
    assert len(record_files) == len(records)
    for path in (root / layout.EVENTS).rglob("*"):
        if path.is_file() and not is_hidden(path, root):
            event = check_event(json.loads(path.read_bytes()))
            assert event["record"] in records
    stored = [p for p in (root / layout.FILES).rglob("*") if p.is_file() and not is_hidden(p, root)]
    for path in stored:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name.split(".")[0], f"torn file {path}"
    markers = list((root / layout.PENDING).glob("*.json")) if (root / layout.PENDING).exists() else []
    marked = [json.loads(m.read_bytes())["path"] for m in markers]  # markers themselves are complete too
    return {
        "records": len(records),
        "hidden_leftovers": sum(1 for p in root.rglob("*") if p.name.startswith(".")),
        "orphan_files": len({p.relative_to(root).as_posix() for p in stored} - referenced),
        "pending_markers": len(marked),
        "markers_without_file": sum(1 for relpath in marked if not (root / relpath).exists()),
    }


def final_push_and_restore(root: Path, remote: Path, tmp: Path) -> tuple[int, int]:
    """Reopen with a healthy remote: nothing stays pending, and a fresh replica restores every record."""
    with Store(root, mirror=RemoteMirror(FolderHub(remote), REPO_ID, timeout=10.0, backoff=(0.05,))) as store:
        assert store.mirror.flush(60), store.mirror.last_error
        assert store.mirror.pending() == []
        local = {p.relative_to(root).as_posix() for d in layout.SYNCED_DIRS for p in (root / d).rglob("*")
                 if p.is_file() and not is_hidden(p, root)}
        assert local <= FolderHub(remote).files()
        ids = {sub.id for sub in store.records()}
    with Store(tmp / "replica", mirror=RemoteMirror(FolderHub(remote), REPO_ID)) as replica:
        assert replica.mirror.restore().error is None
        replica.refresh()
        assert {sub.id for sub in replica.records()} == ids and replica.problems == []
    return len(ids), len(local)


def crash_loop(tmp_path: Path, mode: str, runs: int, max_delay: float, extra: list[str]) -> dict[str, Any]:
    root, remote = tmp_path / "store", tmp_path / "remote"
    rng = random.Random(f"{SEED}-{mode}")
    totals: dict[str, Any] = {"runs": 0, "clean_reloads": 0, "acknowledged": 0, "kills_leaving_temp_files": 0,
                              "kills_leaving_orphan_file": 0, "kills_leaving_marker_without_file": 0}
    acked_all: set[str] = set()
    events_all: dict[str, int] = {}
    before = {"hidden_leftovers": 0, "orphan_files": 0, "markers_without_file": 0}
    for run in range(runs):
        stderr = tmp_path / f"stderr-{mode}-{run}.txt"
        worker = Killed([mode, "--store", str(root), "--remote", str(remote), "--run", str(run),
                         "--scratch", str(tmp_path / "scratch"), *extra], stderr)
        worker.kill_after(rng.uniform(0, max_delay), stderr)
        acked, events = worker.acknowledged()
        acked_all |= acked
        for record, count in events.items():
            events_all[record] = max(events_all.get(record, 0), count)
        totals["runs"] += 1
        counts = inspect(root, acked_all, events_all)  # raises on any damage
        totals["clean_reloads"] += 1
        totals["acknowledged"] = len(acked_all)
        totals["kills_leaving_temp_files"] += counts["hidden_leftovers"] > before["hidden_leftovers"]
        totals["kills_leaving_orphan_file"] += counts["orphan_files"] > before["orphan_files"]
        totals["kills_leaving_marker_without_file"] += counts["markers_without_file"] > before["markers_without_file"]
        before = counts
    totals["records"] = before["records"]
    totals["hidden_leftovers_at_end"] = before["hidden_leftovers"]
    totals["restored_records"], totals["pushed_files"] = final_push_and_restore(root, remote, tmp_path)
    return totals


def test_sigkill_during_submissions_loses_no_acknowledged_record_and_tears_no_file(tmp_path: Path,
                                                                                   record_property) -> None:
    totals = crash_loop(tmp_path, "submit", SUBMIT_RUNS, max_delay=1.5, extra=[])

    assert totals["clean_reloads"] == totals["runs"] == SUBMIT_RUNS
    assert totals["acknowledged"] > 0 and totals["records"] >= totals["acknowledged"]
    record_property("crash_submit", json.dumps(totals))
    print(f"\ncrash (submissions): {json.dumps(totals)}")


def test_sigkill_during_a_burst_of_concurrent_writes_tears_nothing(tmp_path: Path, record_property) -> None:
    totals = crash_loop(tmp_path, "burst", BURST_RUNS, max_delay=0.4, extra=["--threads", "8"])

    assert totals["clean_reloads"] == totals["runs"] == BURST_RUNS
    assert totals["acknowledged"] > 0 and totals["records"] >= totals["acknowledged"]
    assert totals["kills_leaving_temp_files"] > 0  # the kills did land inside writes
    record_property("crash_burst", json.dumps(totals))
    print(f"\ncrash (burst): {json.dumps(totals)}")
