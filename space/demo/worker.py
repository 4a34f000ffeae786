"""The demo's CPU-heavy stages run in worker processes that are killed the moment a stage passes its deadline.

Why processes: a thread cannot be stopped. With the stages on a thread pool, a stage past its deadline was only
abandoned — a 1 MB subtitle kept a core busy for an hour after its visitor had been told "skipped", and four such
requests starved every later clip. A worker process is killed (SIGKILL) at the deadline and replaced, so an overrun
costs no CPU afterwards.

Why plain child processes (``python -m space.demo.worker``) and not ``multiprocessing``: its spawn and forkserver
start methods re-import the parent's ``__main__`` in every child — ``app.py``, hence Gradio (seconds and ~150 MB per
worker). Each worker imports only the demo, loads the models once (a warm worker answers in the time of the work
itself) and serves jobs one at a time over a private pipe, until its parent closes the pipe or kills it.

The API is one call: :meth:`WorkerPool.run` ``(stage, *inputs, deadline=...) -> findings`` (or :meth:`submit` for a
future of it, to run two stages side by side). A stage is named; the worker resolves the name to a function of the
demo (:data:`STAGES`), so the parent never ships code, only inputs.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import logging
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from multiprocessing.connection import Connection, Pipe
from pathlib import Path
from typing import Any

log = logging.getLogger("emer_hub.demo.worker")
REPO = Path(__file__).resolve().parents[2]
NICENESS = 10
"""Workers yield the CPU to the hub's own process: the board and submissions keep serving while the demo is busy."""

STAGES: Mapping[str, str] = {
    "decode": "space.demo.decode:decode",
    "visual": "space.demo.visual:analyse_faces",
    "speech": "space.demo.speech:transcribe",
    "subtitle": "space.demo.speech:subtitle_transcript",
    "acoustic": "space.demo.acoustic:analyse_voice",
    "lexical": "space.demo.lexical:analyse_text",
}
"""Stage name → ``module:function`` the worker calls with the job's inputs."""
WARM_UP: tuple[str, ...] = ("space.demo.models:warm_up", "space.demo.speech:warm_up",
                            "space.demo.lexical:warm_up", "space.demo.acoustic:warm_up")
"""What a new worker of a pool serving every stage loads before its first job (~0.6 GB resident once warm)."""
FACE_STAGES = frozenset({"decode", "visual"})
FACE_WARM_UP: tuple[str, ...] = ("space.demo.models:warm_up",)
VOICE_WARM_UP: tuple[str, ...] = ("space.demo.speech:warm_up", "space.demo.lexical:warm_up",
                                  "space.demo.acoustic:warm_up")
"""What the workers of the demo's face and voice pools load (see :class:`DemoPools`)."""


class StageTimeout(Exception):
    """The stage passed its deadline; its worker was killed and replaced."""


class WorkerCrashed(RuntimeError):
    """The worker died during the stage (out of memory, a native crash); it was replaced."""


def _resolve(spec: str) -> Callable[..., Any]:
    module, _, name = spec.partition(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, warm_up: tuple[str, ...]) -> None:
        mine, theirs = Pipe()
        self.connection: Connection = mine
        self.process = subprocess.Popen(  # our own interpreter and module, no shell
            [sys.executable, "-m", "space.demo.worker", str(theirs.fileno())], pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL, cwd=REPO, start_new_session=True)
        theirs.close()
        mine.send({"sys_path": list(sys.path), "warm_up": warm_up})
        self.warm = False

    def wait_warm(self, deadline: float) -> bool:
        """Wait (until ``deadline``) for the worker's word that its models are loaded; False if it is not warm yet."""
        if not self.warm and self.connection.poll(max(0.0, deadline - time.monotonic())):
            self.warm = self.connection.recv() == ("warm", None)
        return self.warm

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill(self) -> None:
        """SIGKILL and reap: from here on the stage uses no CPU and no memory."""
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        self.process.wait()
        self.connection.close()


class WorkerPool:
    """At most ``size`` long-lived workers; a stage past its deadline costs its worker, which is replaced at once
    (the replacement loads its models while idle, so the next visitor finds it warm).

    Workers start on first need (or all at once with :meth:`start`); each job takes an idle worker, waiting for one
    no longer than its own deadline.
    """

    def __init__(self, size: int, *, stages: Mapping[str, str] = STAGES, warm_up: tuple[str, ...] = WARM_UP) -> None:
        if size < 1:
            raise ValueError(f"a worker pool needs at least one worker, got {size}")
        self.size = size
        self.stages = dict(stages)
        self.warm_up = warm_up
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._waiters = ThreadPoolExecutor(max_workers=2 * size, thread_name_prefix="demo-stage")

    def start(self, wait: float = 0.0) -> bool:
        """Start every worker now so the first visitor does not wait for the models; with ``wait`` (seconds), wait
        that long for all of them to be warm and say whether they are."""
        while (worker := self._new_worker()) is not None:
            self._idle.put(worker)
        deadline = time.monotonic() + wait
        with self._lock:
            workers = list(self._workers)
        return all(worker.wait_warm(deadline) for worker in workers)

    def submit(self, stage: str, *inputs: Any, deadline: float, **options: Any) -> Future[Any]:
        """Run ``stage`` on ``inputs`` by ``deadline`` (a :func:`time.monotonic` value) in a worker.

        The future holds the stage's findings, or the stage's own exception, :class:`StageTimeout` (the worker was
        killed at the deadline) or :class:`WorkerCrashed`; it is settled by the deadline (plus the time to kill a
        process).
        """
        if stage not in self.stages:
            raise KeyError(f"unknown demo stage {stage!r}")
        return self._waiters.submit(self._run, stage, inputs, options, deadline)

    def run(self, stage: str, *inputs: Any, deadline: float, **options: Any) -> Any:
        """:meth:`submit` and wait for the findings."""
        return self.submit(stage, *inputs, deadline=deadline, **options).result()

    def pids(self) -> list[int]:
        """Process ids of the workers alive now."""
        with self._lock:
            return sorted(worker.pid for worker in self._workers)

    def close(self) -> None:
        """Stop every worker and refuse further jobs."""
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.kill()
        self._waiters.shutdown(wait=False, cancel_futures=True)

    def _new_worker(self) -> _Worker | None:
        with self._lock:
            if self._closed or len(self._workers) >= self.size:
                return None
            worker = _Worker(self.warm_up)
            self._workers.add(worker)
            return worker

    def _acquire(self, stage: str, deadline: float) -> _Worker:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        worker = self._new_worker()
        if worker is not None:
            return worker
        try:
            return self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise StageTimeout(f"no demo worker was free for the {stage} stage before its deadline") from None

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start its replacement."""
        with self._lock:
            self._workers.discard(worker)
        worker.kill()
        replacement = self._new_worker()
        if replacement is not None:
            self._idle.put(replacement)

    def _send(self, stage: str, job: tuple[str, tuple[Any, ...], dict[str, Any]], deadline: float) -> _Worker:
        """Hand ``job`` to an idle worker; one that died while idle (the kernel's OOM killer …) is replaced and the
        job goes to the next."""
        for attempt in (1, 2):
            worker = self._acquire(stage, deadline)
            try:
                worker.connection.send(job)  # pickles first: an unpicklable input sends nothing
            except OSError:
                self._replace(worker)
                if attempt == 2:
                    raise WorkerCrashed(f"the worker of the {stage} stage stopped unexpectedly") from None
                continue
            except Exception:
                self._idle.put(worker)
                raise
            return worker
        raise AssertionError("unreachable")

    def _run(self, stage: str, inputs: tuple[Any, ...], options: dict[str, Any], deadline: float) -> Any:
        if self._closed:
            raise WorkerCrashed("the demo workers are stopped")
        worker = self._send(stage, (self.stages[stage], inputs, options), deadline)
        try:
            finished = worker.wait_warm(deadline) and worker.connection.poll(max(0.0, deadline - time.monotonic()))
            reply: tuple[str, Any] = worker.connection.recv() if finished else ("late", None)
        except (EOFError, OSError):
            self._replace(worker)
            raise WorkerCrashed(f"the worker of the {stage} stage stopped unexpectedly") from None
        except Exception as error:  # an unreadable reply: the pipe's state is unknown, so the worker goes
            self._replace(worker)
            raise WorkerCrashed(f"the reply of the {stage} stage could not be read ({type(error).__name__})") from None
        status, value = reply
        if status == "late":
            self._replace(worker)
            raise StageTimeout(f"the {stage} stage passed its deadline; its worker was stopped")
        self._idle.put(worker)
        if status == "error":
            raise value
        return value


_pool: DemoPools | None = None
_pool_lock = threading.Lock()


class DemoPools:
    """The demo's two pools behind one :class:`WorkerPool`-like API: a stage goes to the pool that serves it.

    Why two: a clip keeps two workers busy at once (faces beside speech-to-text), and a worker loads every model its
    pool may need. The face stages (:data:`FACE_STAGES`) need only PyAV and the face models (~0.1 GB); the voice
    stages need Whisper, librosa and the lexicons (~0.5 GB). One generic pool held all of it twice per clip.
    """

    def __init__(self, size: int) -> None:
        voice = {stage: spec for stage, spec in STAGES.items() if stage not in FACE_STAGES}
        self.faces = WorkerPool(max(1, size // 2), stages={stage: STAGES[stage] for stage in FACE_STAGES},
                                warm_up=FACE_WARM_UP)
        self.voices = WorkerPool(size, stages=voice, warm_up=VOICE_WARM_UP)
        self.size = self.faces.size + self.voices.size

    def _serving(self, stage: str) -> WorkerPool:
        return self.faces if stage in FACE_STAGES else self.voices

    def submit(self, stage: str, *inputs: Any, deadline: float, **options: Any) -> Future[Any]:
        return self._serving(stage).submit(stage, *inputs, deadline=deadline, **options)

    def run(self, stage: str, *inputs: Any, deadline: float, **options: Any) -> Any:
        return self._serving(stage).run(stage, *inputs, deadline=deadline, **options)

    def start(self, wait: float = 0.0) -> bool:
        """Start every worker of both pools now; with ``wait``, wait that long (in all) for all of them to be warm."""
        deadline = time.monotonic() + wait
        self.faces.start()  # both load their models side by side
        voices_warm = self.voices.start(wait)
        faces_warm = self.faces.start(max(0.0, deadline - time.monotonic()))
        return voices_warm and faces_warm

    def pids(self) -> list[int]:
        return sorted([*self.faces.pids(), *self.voices.pids()])

    def close(self) -> None:
        self.faces.close()
        self.voices.close()


def pool() -> DemoPools:
    """The process-wide pools, sized by ``EMER_HUB_DEMO_WORKERS`` (voice workers; half as many face workers),
    stopped at exit."""
    global _pool
    with _pool_lock:
        if _pool is None:
            from ..config import Settings

            _pool = DemoPools(Settings.from_env().demo_workers)
            atexit.register(_pool.close)
        return _pool


def _answer(connection: Connection) -> None:
    """Serve jobs until the parent closes the pipe: call the named function, send back its value or exception."""
    while True:
        try:
            spec, inputs, options = connection.recv()
        except EOFError:
            return
        try:
            reply: tuple[str, Any] = ("ok", _resolve(spec)(*inputs, **options))
        except Exception as error:  # the stage's own error goes back to the pipeline, which reports it
            reply = ("error", _portable(error))
        try:
            connection.send(reply)
        except Exception as error:  # an unpicklable value: say what it was
            connection.send(("error", RuntimeError(f"{type(error).__name__}: {error}")))


def _portable(error: Exception) -> Exception:
    """``error`` if the parent can rebuild it from a pickle (some exception classes cannot), else a RuntimeError
    with its type and message."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def main(argv: list[str]) -> int:
    """Worker entry point: ``python -m space.demo.worker FD``."""
    connection = Connection(int(argv[0]))
    setup = connection.recv()
    sys.path[:] = setup["sys_path"]
    os.nice(NICENESS)
    logging.basicConfig(level=logging.WARNING, format=f"demo-worker {os.getpid()} %(levelname)s %(message)s")
    for spec in setup["warm_up"]:
        try:
            _resolve(spec)()
        except Exception as error:  # the stage reports what is missing when it is asked for
            log.warning("warm-up %s failed: %s", spec, error)
    connection.send(("warm", None))
    _answer(connection)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
