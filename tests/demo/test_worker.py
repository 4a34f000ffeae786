"""Demo stages run in worker processes that are killed at the deadline: an overrun uses no CPU afterwards, and the
next run is served by a replacement."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from space.demo import worker
from space.demo.decode import ClipError
from space.demo.pipeline import explain
from space.demo.types import Transcript
from space.demo.worker import STAGES, StageTimeout, WorkerCrashed, WorkerPool


def gone(pid: int) -> bool:
    """The process has ended and been reaped (so it can use no CPU); a zombie would still have a /proc entry."""
    return not Path(f"/proc/{pid}").exists()


@pytest.fixture
def pool():
    stages = {**STAGES, "spin": "stage_doubles:spin", "crash": "stage_doubles:crash",
              "awkward": "stage_doubles:awkward"}
    workers = WorkerPool(1, stages=stages, warm_up=())
    yield workers
    workers.close()


def test_a_stage_past_its_deadline_is_killed_and_the_next_run_works(pool):
    assert pool.run("subtitle", "I am fine", deadline=time.monotonic() + 30).text == "I am fine"
    [first] = pool.pids()
    with pytest.raises(StageTimeout, match="spin stage passed its deadline"):
        pool.run("spin", deadline=time.monotonic() + 1)
    assert gone(first)
    [replacement] = pool.pids()
    assert replacement != first
    assert pool.run("subtitle", "still here", deadline=time.monotonic() + 30).text == "still here"


def test_real_quadratic_work_is_stopped_not_abandoned(pool):
    """The lexical stage on 50,000 words (VADER is quadratic: minutes of CPU) is stopped at a 1-second deadline."""
    huge = Transcript(text="I am so angry with you and I will never forgive this. " * 5_000, source="subtitle")
    pool.run("subtitle", "warm", deadline=time.monotonic() + 30)
    [busy] = pool.pids()
    with pytest.raises(StageTimeout):
        pool.run("lexical", huge, deadline=time.monotonic() + 1)
    assert gone(busy)
    small = pool.run("lexical", Transcript(text="I am so angry with you.", source="subtitle"),
                     deadline=time.monotonic() + 60)
    assert small.findings


def test_a_crashed_worker_is_reported_and_replaced(pool):
    with pytest.raises(WorkerCrashed, match="crash stage stopped unexpectedly"):
        pool.run("crash", deadline=time.monotonic() + 30)
    assert pool.run("subtitle", "after the crash", deadline=time.monotonic() + 30).text == "after the crash"


def test_a_worker_that_died_while_idle_is_replaced_before_the_job(pool):
    pool.run("subtitle", "warm", deadline=time.monotonic() + 30)
    [idle] = pool.pids()
    os.kill(idle, signal.SIGKILL)                                          # the OOM killer, say
    deadline = time.monotonic() + 20
    while not ended(idle) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pool.run("subtitle", "served", deadline=time.monotonic() + 30).text == "served"
    assert pool.pids() != [idle]


def test_a_stage_error_comes_back_as_itself_and_keeps_the_worker(pool):
    pool.run("subtitle", "warm", deadline=time.monotonic() + 30)
    [serving] = pool.pids()
    with pytest.raises(ClipError, match="File not found: clip.mp4"):
        pool.run("decode", Path("/nonexistent/clip.mp4"), deadline=time.monotonic() + 30)
    assert pool.pids() == [serving]
    with pytest.raises(RuntimeError, match="Awkward: odd failure"):         # an exception pickle cannot rebuild
        pool.run("awkward", deadline=time.monotonic() + 30)
    assert pool.pids() == [serving]


def test_waiting_for_a_free_worker_counts_against_the_deadline(pool):
    busy = pool.submit("spin", deadline=time.monotonic() + 3)
    with pytest.raises(StageTimeout, match="no demo worker was free"):
        pool.run("subtitle", "queued", deadline=time.monotonic() + 0.5)
    with pytest.raises(StageTimeout):
        busy.result()


def test_the_pipeline_stops_an_overrunning_stage_and_still_explains(demo_clips, face_models, monkeypatch):
    monkeypatch.setenv("EMER_HUB_STAGE_TIMEOUT", "5")
    spinning = WorkerPool(2, stages={**STAGES, "visual": "stage_doubles:spin"})
    monkeypatch.setattr(worker, "_pool", spinning)
    try:
        assert spinning.start(wait=120)
        result = explain(demo_clips.path("speech.mp4"), subtitle="I am so angry with you.")
        assert any("visual stage took longer than 5 s and was stopped" in notice for notice in result.all_notices())
        assert result.acoustic.findings and result.explanation       # the other stages still ran
        assert len(spinning.pids()) == 2                            # the killed worker was replaced
    finally:
        spinning.close()


def test_a_stage_that_misses_its_model_says_so_without_the_servers_folders(demo_clips, face_models, monkeypatch):
    failing = WorkerPool(1, stages={**STAGES, "visual": "stage_doubles:model_missing"})
    monkeypatch.setattr(worker, "_pool", failing)
    try:
        assert failing.start(wait=120)
        result = explain(demo_clips.path("speech.mp4"), subtitle="I am so angry with you.")
    finally:
        failing.close()
    notices = " ".join(result.all_notices())
    assert "face_landmarker.task is not in the model cache …/models" in notices and "secret-mount" not in notices
    assert "secret-mount" not in str(result.to_full())                # nor in the JSON download


def test_workers_end_when_the_hub_process_dies_without_cleaning_up(tmp_path):
    """A SIGKILLed hub cannot stop its workers; they see their pipe close and exit instead of lingering."""
    script = ("import os, signal, time\n"
              "from space.demo.worker import WorkerPool\n"
              "pool = WorkerPool(2, warm_up=())\n"
              "pool.start(wait=60)\n"
              "print(*pool.pids(), flush=True)\n"
              "os.kill(os.getpid(), signal.SIGKILL)\n")
    hub = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         cwd=Path(worker.__file__).resolve().parents[2])
    pids = [int(pid) for pid in hub.stdout.split()]
    assert len(pids) == 2 and hub.returncode == -9
    deadline = time.monotonic() + 20
    while not all(ended(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(ended(pid) for pid in pids)


def ended(pid: int) -> bool:
    """The process is gone, or a zombie all of whose threads have exited (it runs nothing and holds no file).

    A killed multi-threaded process shows its main thread as a zombie while its other threads are still exiting
    and still hold the process's files (its end of the pipe among them): "Z" alone is not the end.
    """
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        threads = len(os.listdir(f"/proc/{pid}/task"))
    except OSError:
        return True
    return state == "Z" and threads <= 1


def resident_mb(pid: int) -> float:
    """A process's resident memory now, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_face_stages_have_lighter_workers_of_their_own(demo_clips, face_models):
    """A clip keeps a face worker and a voice worker busy at once; only the voice worker holds Whisper and librosa."""
    pools = worker.DemoPools(2)
    try:
        assert pools.size == 3 and pools.start(wait=300)
        deadline = time.monotonic() + 120
        clip = pools.run("decode", demo_clips.path("speech.mp4"), deadline=deadline)
        assert pools.run("visual", clip, deadline=deadline).dominant == "happy"
        assert "angry" in pools.run("speech", clip, deadline=deadline).text.lower()
        faces, voices = pools.faces.pids(), pools.voices.pids()
        assert len(faces) == 1 and len(voices) == 2 and sorted(faces + voices) == pools.pids()
        assert max(resident_mb(pid) for pid in faces) < 300 < min(resident_mb(pid) for pid in voices)
        with pytest.raises(KeyError):
            pools.faces.run("speech", clip, deadline=deadline)  # the face pool does not serve voice stages
    finally:
        pools.close()
    assert all(gone(pid) for pid in faces + voices)
