"""A durable copy of the store in a Hugging Face dataset repo, because a Space's own disk does not survive a restart.

Every file the store writes is pushed at the same relative path. Before a push is attempted a "pending" marker is
written locally; it is removed only once the remote has acknowledged the commit, so a failed, timed-out or
interrupted push is retried by the background worker (with backoff) and again at the next start-up. Pushes never run
on the request path. Several replicas may share one repo: every pushed name is unique or content-addressed, and
nothing shared is read, modified and written back.

At start-up :meth:`RemoteMirror.restore` copies in every remote file that is missing locally and never overwrites.
While the hub runs, :meth:`RemoteMirror.start_pulling` does the same incrementally every ``interval`` seconds in its
own thread — one cheap "which commit is the head?" call when nothing changed, else one listing and downloads of the
new files only — so replicas sharing the repo converge: each sees the others' submissions, quota counts and
duplicates within one interval. A pull never runs on the request path and never rewrites a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from huggingface_hub import CommitOperationAdd, HfApi
from huggingface_hub.hf_api import RepoFile

from emer_eval import sha256_file, write_bytes_atomic

from . import layout
from .record import SchemaError, check_placed

log = logging.getLogger(__name__)


MAX_RECORD_BYTES = 2**20
"""Largest record or event copied in from the remote: a hub's own are a few kilobytes (form fields are capped and
messages quote at most three short ids)."""
MAX_FILE_BYTES = 256 * 2**20
"""Largest uploaded or per-sample file copied in from the remote by default: far above any upload limit, far below
what would fill a replica's disk."""


@dataclass(frozen=True)
class RestoreReport:
    """How a restore went: files copied in, files already present, and the error if the download failed."""

    copied: int
    present: int
    error: str | None = None
    refused: int = 0
    """Remote files left out: not files a hub writes (see :func:`refusal`)."""


@dataclass(frozen=True)
class PullReport:
    """One incremental pull: the remote head it read, files copied in, whether there is more to copy, any error."""

    head: str | None
    copied: int = 0
    unchanged: bool = False
    more: bool = False
    error: str | None = None
    refused: tuple[str, ...] = ()
    """Remote paths that are not files a hub writes (see :func:`refusal`): never copied in, never asked for again."""


@contextlib.contextmanager
def _removed_after(folder: str) -> Iterator[None]:
    try:
        yield
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class RemoteMirror:
    """Push the store's new files to ``repo_id`` (a dataset repo) from a background thread; restore them at start-up.

    Files due together go in one commit (up to ``batch_size``): the worker lingers ``linger`` seconds after a path
    becomes due so that a submission's file and record, written a few milliseconds apart, land in one commit, and a
    backlog after an outage does not become thousands of commits. A push taking longer than ``timeout`` seconds
    counts as failed (it is retried; pushing the same bytes twice is harmless). After consecutive failures the
    worker waits ``backoff[n]`` seconds (the last value repeats) before trying again — before pushing *anything*,
    not just the failed files: see :meth:`_next_batch` for why that keeps the remote consistent.
    """

    def __init__(self, api: HfApi, repo_id: str, token: str | None = None, *, timeout: float = 120.0,
                 backoff: Sequence[float] = (1.0, 5.0, 15.0, 60.0, 300.0), batch_size: int = 100,
                 linger: float = 0.25, max_file_bytes: int = MAX_FILE_BYTES) -> None:
        self.api, self.repo_id, self.token = api, repo_id, token
        self.max_file_bytes = max_file_bytes
        self.timeout, self.backoff, self.batch_size, self.linger = timeout, tuple(backoff), batch_size, linger
        self.last_error: str | None = None
        self._root: Path | None = None
        self._cond = threading.Condition()
        self._due: dict[str, float] = {}  # relpath → monotonic time of its next attempt
        self._in_flight: list[str] = []
        self._failures = 0
        self._paused_until = 0.0  # monotonic time before which, after a failed push, nothing is pushed
        self._closed = False
        self._worker: threading.Thread | None = None
        self._pulled_head: str | None = None  # the remote commit whose every synced file is known to be local
        self._known: set[str] = set()  # remote paths already present locally (never re-checked: files are immutable)
        self._pull_lock = threading.Lock()
        self._puller: threading.Thread | None = None
        self._stop_pulling = threading.Event()
        self.last_pull: PullReport | None = None

    # ----- wiring

    def attach(self, root: Path) -> None:
        """Bind to a store's root (the store calls this), start the worker, queue what earlier runs left pending."""
        with self._cond:
            if self._root is not None:
                raise RuntimeError("this mirror is already attached to a store")
            self._root = Path(root)
            self._worker = threading.Thread(target=self._run, name=f"mirror:{self.repo_id}", daemon=True)
            self._worker.start()
        self.retry_pending()

    def close(self, timeout: float = 10.0) -> None:
        """Wait up to ``timeout`` s for queued pushes, then stop the worker; unpushed files stay pending on disk."""
        self._stop_pulling.set()
        self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._worker is not None:
            self._worker.join(timeout=1.0)
        if self._puller is not None:
            self._puller.join(timeout=1.0)

    # ----- pushing

    def mark(self, relpath: str) -> None:
        """Durably note that ``relpath`` must reach the remote; the store calls this before writing the file."""
        if not layout.is_synced(relpath):
            raise ValueError(f"{relpath!r} is not a record, event or stored file path")
        write_bytes_atomic(self._marker(relpath), json.dumps({"path": relpath}).encode(), replace=False)

    def push(self, relpath: str) -> None:
        """Queue ``relpath`` (relative to the root, already written) for upload; marks it first if not yet marked."""
        with self._cond:  # atomic with the worker's "file missing → drop marker" (see _commit)
            self.mark(relpath)
            self._due.setdefault(relpath, time.monotonic())
            self._cond.notify_all()

    def pending(self) -> list[str]:
        """Relative paths not yet acknowledged by the remote (read from the markers on disk), sorted."""
        paths = []
        for marker in sorted((self._require_root() / layout.PENDING).glob("*.json")):
            try:
                paths.append(json.loads(marker.read_bytes())["path"])
            except (OSError, ValueError, KeyError, TypeError) as exc:
                log.warning("ignoring unreadable pending marker %s: %s", marker, exc)
        return sorted(paths)

    def retry_pending(self) -> int:
        """Queue every pending path for an immediate attempt (start-up, or an admin's "retry now"); returns how many."""
        paths = [path for path in self.pending() if layout.is_synced(path)]
        now = time.monotonic()
        with self._cond:
            self._failures, self._paused_until = 0, 0.0
            for path in paths:
                self._due[path] = now
            self._cond.notify_all()
        return len(paths)

    def flush(self, timeout: float) -> bool:
        """Wait until nothing is queued or in flight; False if ``timeout`` seconds passed first (e.g. remote down)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._due or self._in_flight:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._closed:
                    return False
                self._cond.wait(remaining)
            return True

    def _run(self) -> None:
        while True:
            with self._cond:
                batch = self._next_batch()
                if batch is None:
                    return
                self._in_flight = batch
            error = self._commit(batch)
            with self._cond:
                self._in_flight = []
                if error is None:
                    self._failures, self.last_error = 0, None
                    for path in batch:
                        self._marker(path).unlink(missing_ok=True)
                else:
                    self._failures += 1
                    self.last_error = error
                    retry_at = time.monotonic() + self.backoff[min(self._failures, len(self.backoff)) - 1]
                    self._paused_until = retry_at
                    for path in batch:
                        self._due.setdefault(path, retry_at)
                    log.warning("push of %d file(s) to %s failed (%s); retrying", len(batch), self.repo_id, error)
                self._cond.notify_all()

    def _next_batch(self) -> list[str] | None:
        """Wait (holding the condition) for due paths and take up to ``batch_size`` of them; None once closed.

        The remote must never hold a record whose uploaded file it lacks, nor an event whose record it lacks: a
        replica restored from it (a Space that lost its disk) would show entries it cannot re-score. The store queues
        a submission's file before its record, and a record before its events, so two rules keep that order:

        * batches are taken files first, then records, then events (:func:`_push_order`), so a backlog larger
          than ``batch_size`` is sent in dependency order;
        * after a failed push the whole queue pauses until the backoff ends (``_paused_until``), instead of only the
          failed paths waiting — otherwise, with a flaky remote, a file's push fails, its record's push (queued a
          moment later) succeeds, and the remote holds the record without its file; the pause also stops a down
          remote from being called once per new file.
        """
        while not self._closed:
            if not self._due:
                self._cond.wait()
                continue
            now = time.monotonic()
            start = max(self._paused_until, min(self._due.values()) + self.linger)
            if now < start:
                self._cond.wait(start - now)
                continue
            due = sorted((path for path, at in self._due.items() if at <= now), key=_push_order)[:self.batch_size]
            for path in due:
                del self._due[path]
            return due
        return None

    def _commit(self, batch: list[str]) -> str | None:
        """Commit ``batch`` in a helper thread bounded by ``timeout``; the error message, or None on success."""
        root = self._require_root()
        with self._cond:  # a write that crashed after its marker, a write still in progress, or a hand deletion
            present = [path for path in batch if (root / path).is_file()]
            for path in sorted(set(batch) - set(present)):  # an in-progress write re-marks it when it pushes
                log.warning("not pushing %s: no such local file", path)
                self._marker(path).unlink(missing_ok=True)
        if not present:
            return None
        outcome: list[BaseException | None] = []

        def call() -> None:
            try:
                self.api.create_commit(
                    repo_id=self.repo_id, repo_type="dataset", token=self.token,
                    operations=[CommitOperationAdd(path_in_repo=path, path_or_fileobj=str(root / path))
                                for path in present],
                    commit_message=f"EMER Hub: add {present[0]}" + (f" and {len(present) - 1} more"
                                                                   if len(present) > 1 else ""))
                outcome.append(None)
            except BaseException as exc:  # reported to the worker, which keeps the files pending
                outcome.append(exc)

        thread = threading.Thread(target=call, name="mirror-commit", daemon=True)
        thread.start()
        thread.join(self.timeout)
        if not outcome:
            return f"timed out after {self.timeout:g} s"
        return None if outcome[0] is None else f"{type(outcome[0]).__name__}: {outcome[0]}"

    # ----- restoring

    def restore(self) -> RestoreReport:
        """Download the repo and copy in every record, event and file missing locally that a hub could have written
        (:func:`refusal`); never overwrite, never raise.

        A failed download (no network, no repo yet) is reported, not raised: the app must still start.
        """
        root = self._require_root()
        copied = present = refused = 0
        tmp = tempfile.mkdtemp(prefix="emer-restore-")
        outcome: list[BaseException | None] = []

        def download() -> None:
            try:
                self.api.snapshot_download(repo_id=self.repo_id, repo_type="dataset", local_dir=tmp, token=self.token,
                                           allow_patterns=[f"{folder}/*" for folder in layout.SYNCED_DIRS])
                outcome.append(None)
            except Exception as exc:  # any hub or network failure: start from the local disk alone
                outcome.append(exc)
            finally:
                if abandoned.is_set():  # start-up went on without it: its files are nobody's
                    shutil.rmtree(tmp, ignore_errors=True)

        # the restore has a time limit of its own (the mirror's timeout): a hanging Hub must not hold start-up
        abandoned = threading.Event()
        worker = threading.Thread(target=download, daemon=True, name="restore")
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive() or not outcome:
            abandoned.set()
            if not worker.is_alive():  # it ended between the wait and the flag: clean up for it
                shutil.rmtree(tmp, ignore_errors=True)
            log.error("restore from %s took longer than %.0f s; starting from the local store", self.repo_id,
                      self.timeout)
            return RestoreReport(0, 0, f"timed out after {self.timeout:.0f} s (pulls catch up later)")
        if outcome[0] is not None:
            shutil.rmtree(tmp, ignore_errors=True)
            log.error("restore from %s failed: %s", self.repo_id, outcome[0])
            return RestoreReport(0, 0, f"{type(outcome[0]).__name__}: {outcome[0]}")
        with _removed_after(tmp):
            for path in sorted(Path(tmp).rglob("*")):
                relpath = path.relative_to(tmp).as_posix()
                if not path.is_file() or not layout.is_synced(relpath):
                    continue
                if (root / relpath).exists():
                    present += 1
                    continue
                reason = self._oversized(relpath, path.stat().st_size) or refusal(relpath, path)
                if reason is not None:
                    log.warning("restore from %s: refused %s (%s)", self.repo_id, relpath, reason)
                    refused += 1
                    continue
                if write_bytes_atomic(root / relpath, path, replace=False):
                    copied += 1
                else:
                    present += 1
        return RestoreReport(copied, present, refused=refused)

    # ----- pulling (replicas converging)

    def start_pulling(self, interval: float, on_pulled: Callable[[PullReport], None] | None = None) -> None:
        """Pull every ``interval`` seconds in a daemon thread until :meth:`close`; ``on_pulled`` hears of each pull
        that copied something in, batch by batch (errors are logged and retried at the next interval)."""
        if interval <= 0:
            raise ValueError("the pull interval must be positive")
        self._require_root()

        def run() -> None:
            while not self._stop_pulling.wait(interval):
                more = True
                while more and not self._stop_pulling.is_set():  # a backlog: keep going, batch by batch
                    report = self.pull()
                    more = report.more
                    if report.copied and on_pulled is not None:
                        try:
                            on_pulled(report)
                        except Exception:  # a hook's bug must not stop the pulls
                            log.exception("after-pull hook failed")

        self._puller = threading.Thread(target=run, name=f"pull:{self.repo_id}", daemon=True)
        self._puller.start()

    def pull(self, max_files: int = 2000) -> PullReport:
        """Copy in the remote files this replica lacks (at most ``max_files``); never overwrites, never raises.

        The head commit is read first and the listing and downloads are pinned to it, so one pull sees one
        consistent remote. When the head has not moved since the last complete pull, nothing else is asked.
        Files are written files first, then records, then events (what each refers to lands before it).
        """
        with self._pull_lock:
            try:
                head = self.api.repo_info(self.repo_id, repo_type="dataset", token=self.token).sha
                if head is not None and head == self._pulled_head:
                    report = PullReport(head, unchanged=True)
                else:
                    report = self._pull_from(head, max_files)
            except Exception as exc:  # offline, rate-limited, repo not created yet: try again next interval
                report = PullReport(None, error=f"{type(exc).__name__}: {exc}")
                log.warning("pull from %s failed: %s", self.repo_id, report.error)
            self.last_pull = report
            return report

    def _pull_from(self, head: str | None, max_files: int) -> PullReport:
        root = self._require_root()
        new = [entry for entry in self.api.list_repo_tree(
            self.repo_id, recursive=True, repo_type="dataset", revision=head, token=self.token)
            if isinstance(entry, RepoFile) and entry.path not in self._known]  # a set lookup before any regex
        wanted: list[str] = []
        refused: list[str] = []
        for entry in new:
            relpath = entry.path
            if not layout.is_synced(relpath):  # the repo's README, .gitattributes, anything not the store's
                continue
            if (root / relpath).exists():
                self._known.add(relpath)
            elif reason := self._oversized(relpath, entry.size):  # refused before a byte of it is downloaded
                self._refuse(relpath, reason, refused)
            else:
                wanted.append(relpath)
        wanted.sort(key=_push_order)
        batch = wanted[:max_files]
        copied, errors = 0, []
        with tempfile.TemporaryDirectory(prefix="emer-pull-") as tmp:
            def download(relpath: str) -> Path:
                return Path(self.api.hf_hub_download(self.repo_id, relpath, repo_type="dataset", revision=head,
                                                     local_dir=tmp, token=self.token))

            with ThreadPoolExecutor(max_workers=4, thread_name_prefix="pull") as pool:
                futures = [(relpath, pool.submit(download, relpath)) for relpath in batch]
                for relpath, future in futures:  # in push order: a record is written after its file
                    try:  # not fsynced: the remote is the durable copy, and a restart restores what a crash lost
                        downloaded = future.result()
                        reason = refusal(relpath, downloaded)
                        if reason is not None:
                            self._refuse(relpath, reason, refused)
                            continue
                        write_bytes_atomic(root / relpath, downloaded, durable=False, replace=False)
                        copied += 1
                        self._known.add(relpath)
                    except Exception as exc:  # one missing or unreadable file: the rest still lands
                        errors.append(f"{relpath}: {type(exc).__name__}: {exc}")
        complete = not errors and len(batch) == len(wanted)
        if complete:
            self._pulled_head = head
        if errors:
            log.warning("pull from %s: %d file(s) failed, e.g. %s", self.repo_id, len(errors), errors[0])
        return PullReport(head, copied, more=len(batch) < len(wanted) and not errors,
                          error=f"{len(errors)} file(s) failed, e.g. {errors[0]}" if errors else None,
                          refused=tuple(refused))

    def _oversized(self, relpath: str, size: int) -> str | None:
        """Why a remote file is too large to be one a hub writes, or None; read before it is downloaded or read."""
        limit = MAX_RECORD_BYTES if relpath.startswith((layout.RECORDS, layout.EVENTS)) else self.max_file_bytes
        return f"{size:,} bytes, more than {limit:,}" if size > limit else None

    def _refuse(self, relpath: str, reason: str, refused: list[str]) -> None:
        """Leave a remote file out for good: it is no file a hub writes, and files are never rewritten."""
        log.warning("pull from %s: refused %s (%s)", self.repo_id, relpath, reason)
        self._known.add(relpath)
        refused.append(relpath)

    def _marker(self, relpath: str) -> Path:
        return self._require_root() / layout.PENDING / f"{hashlib.sha256(relpath.encode()).hexdigest()[:32]}.json"

    def _require_root(self) -> Path:
        if self._root is None:
            raise RuntimeError("attach the mirror to a store first: Store(root, mirror=mirror)")
        return self._root


def refusal(relpath: str, path: Path) -> str | None:
    """Why the remote file ``relpath``, downloaded to ``path``, is not one a hub writes, or None: an uploaded file's
    bytes must hash to its name (streamed, as the store hashes an upload: such a file may be large), a record or
    event must pass the schema where its path places it (see :func:`~space.store.record.check_placed`).

    Why: the results repo is writable by every replica's token. A file planted there under another file's hash would
    be what a re-score reads, and a record filed under another record's name would pass for it.
    """
    if relpath.startswith(layout.FILES):
        name = relpath.rsplit("/", 1)[-1]
        return None if name.startswith(sha256_file(path)) else "its bytes do not hash to its name"
    try:
        check_placed(json.loads(path.read_bytes()), relpath)
    except SchemaError as exc:
        return f"schema: {exc}"
    except ValueError as exc:  # JSON syntax, invalid UTF-8
        return f"invalid JSON: {exc}"
    return None


def _push_order(relpath: str) -> tuple[int, str]:
    """Uploaded files, then records, then events (what each refers to goes first); by path within a folder."""
    return layout.SYNCED_DIRS.index(relpath.split("/", 1)[0]), relpath
