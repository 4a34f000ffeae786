"""The durable submission store: immutable records, append-only events, content-addressed files, on local disk.

Nothing is ever rewritten, so nothing can be lost by a crash, a race or a bad re-score: a submission is one record
file, everything later is an event file, and :meth:`Store.get` folds them into the current view. Several threads and
processes may share one root; an optional mirror copies every new file to a durable remote (see ``remote.py``).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import shutil
import tempfile
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from emer_eval import Content, ensure_dir, sha256_file, write_bytes_atomic

from . import layout
from .index import DiskIndex
from .record import MODERATION, SCHEMA, Submission, check_event, check_record, encode, fold

METADATA_DEFAULTS: dict[str, Any] = {"model_name": "", "organisation": "", "link": "", "modalities": [],
                                     "open_weights": None, "description": "", "training_data": [],
                                     "training_notes": "", "zero_shot": None}
Scorer = Callable[[Submission, Path], Mapping[str, Any]]
"""Re-scores one submission's stored file: returns ``scores``, ``oov``, ``signature`` and ``emer_eval_version``, and
optionally ``labels`` or ``judged`` (file refs of the labels or per-clip judge scores it scored, stored with
:meth:`Store.put_file`)."""


class Mirror(Protocol):
    """What the store needs from a remote copy (implemented by :class:`space.store.remote.RemoteMirror`)."""

    def attach(self, root: Path) -> None: ...

    def mark(self, relpath: str) -> None: ...

    def push(self, relpath: str) -> None: ...

    def close(self, timeout: float = ...) -> None: ...


@dataclass
class RescoreSummary:
    """What :meth:`Store.rescore_all` did, per record id, so an admin sees every skipped or failed entry."""

    rescored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    missing_file: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    held: list[tuple[str, str]] = field(default_factory=list)  # (id, reason): the review rules, applied by the hub


class Store:
    """Submission records under ``root``; safe for concurrent threads and processes sharing ``root``.

    >>> store = Store("submissions")                                               # doctest: +SKIP
    >>> ref = store.put_file(Path("predict.csv"), "predict.csv")                  # doctest: +SKIP
    >>> with store.user_lock("alice"):                                            # doctest: +SKIP
    ...     if store.count("alice", since=midnight, statuses=("scored",)) < 5:
    ...         store.add(track="ovmerd", user="alice", status="scored", metadata={"model_name": "m"}, file=ref,
    ...                   scores=result["metrics"], signature=result["signature"], emer_eval_version="0.1.0")
    """

    def __init__(self, root: str | Path, mirror: Mirror | None = None) -> None:
        self.root = Path(root)
        ensure_dir(self.root)
        self.mirror = mirror
        self._guard = threading.RLock()
        self._user_locks: dict[str, threading.Lock] = {}
        self._index = DiskIndex(self.root)
        if mirror is not None:
            mirror.attach(self.root)
        self.refresh()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self, timeout: float = 10.0) -> None:
        """Give the mirror up to ``timeout`` seconds to push what is queued; the rest stays pending on disk."""
        if self.mirror is not None:
            self.mirror.close(timeout)

    # ----- reading

    @property
    def problems(self) -> list[tuple[str, str]]:
        """``(relative path, reason)`` of every file skipped while loading, for an admin view or a log."""
        with self._guard:
            return list(self._index.problems)

    def refresh(self) -> None:
        """Load files written since the last call (by other processes, or restored from the remote)."""
        with self._guard:
            self._index.refresh()

    def revision(self) -> int:
        """A number that changes whenever anything stored changes (after reading what others wrote): a cheap cache key
        for views built from every record, such as the leaderboard."""
        with self._guard:
            self._index.refresh()
            return self._index.revision

    def get(self, record_id: str) -> Submission | None:
        """The folded view of one record, or None if no such record exists (yet) on this machine."""
        with self._guard:
            self._index.refresh()
            return self._fold(record_id) if record_id in self._index.records else None

    def records(self, track: str | None = None, *, statuses: Collection[str] | None = None,
                visibility: Collection[str] | None = None) -> list[Submission]:
        """Folded views, oldest first, optionally only one track, some statuses, some visibilities."""
        with self._guard:
            self._index.refresh()
            folded = [self._fold(record_id) for record_id in self._chronological(
                record_id for record_id, record in self._index.records.items()
                if (track is None or record["track"] == track) and (statuses is None or record["status"] in statuses))]
        return [sub for sub in folded if visibility is None or sub.visibility in visibility]

    def count(self, user: str, *, track: str | None = None, since: datetime | None = None,
              until: datetime | None = None, statuses: Collection[str] | None = None) -> int:
        """Records of ``user`` (in ``track``, created at or after ``since`` and before ``until``, with one of
        ``statuses``). A window needs its end too: a record dated later (another replica's clock running ahead, a
        record planted in the results repo dated 2099) must not count against today.

        Call it inside :meth:`user_lock` and write before leaving the lock, so that quota checks are consistent.
        """
        if any(bound is not None and bound.tzinfo is None for bound in (since, until)):
            raise ValueError("since and until must be time-zone aware (UTC): a naive time would shift the quota "
                             "window")
        with self._guard:
            self._index.refresh()
            records, created = self._index.records, self._index.created
            return sum(1 for record_id in self._index.by_user.get(user, ())
                       if (track is None or records[record_id]["track"] == track)
                       and (since is None or created[record_id] >= since)
                       and (until is None or created[record_id] < until)
                       and (statuses is None or records[record_id]["status"] in statuses))

    def find_by_sha(self, track: str, sha256: str, statuses: Collection[str] | None = ("scored",)) -> list[Submission]:
        """Records of ``track`` whose uploaded file has this hash, oldest first: the byte-identical resubmissions."""
        with self._guard:
            self._index.refresh()
            return [self._fold(record_id) for record_id in self._chronological(
                record_id for record_id in self._index.by_sha.get((track, sha256), ())
                if statuses is None or self._index.records[record_id]["status"] in statuses)]

    def find_by_content(self, track: str, sha256: str,
                        statuses: Collection[str] | None = ("scored",)) -> list[Submission]:
        """Records of ``track`` whose parsed predictions hash to ``sha256``, oldest first, whatever their files."""
        with self._guard:
            self._index.refresh()
            return [self._fold(record_id) for record_id in self._chronological(
                record_id for record_id in self._index.by_content.get((track, sha256), ())
                if statuses is None or self._index.records[record_id]["status"] in statuses)]

    def file_path(self, file: Mapping[str, Any] | None) -> Path | None:
        """Local path of a record's uploaded file (``Submission.file``), or None if there is none on this disk."""
        if file is None:
            return None
        path = self.root / layout.file_relpath(file["sha256"], file["suffix"])
        return path if path.is_file() else None

    # ----- writing

    @contextmanager
    def user_lock(self, user: str) -> Iterator[None]:
        """Hold ``user``'s quota lock across threads (a lock) and processes (``flock``); not re-entrant.

        Count, then write, inside it: two concurrent submissions of one user can then never both pass a quota.
        """
        with self._exclusive(user):
            yield

    @contextmanager
    def content_lock(self, track: str, sha256: str) -> Iterator[None]:
        """Hold the lock of uploads with this hash on ``track`` (threads and processes); not re-entrant.

        Look up :meth:`find_by_sha`, then write, inside it: the user lock alone lets two *different* users who
        upload the same bytes at the same moment both pass the "already scored" check (measured: 8 of 8 scored).
        Hashes share 256 locks per track (by their first two hex digits), so the lock files stay few; take it
        inside :meth:`user_lock`, never the other way round, so the two cannot deadlock.
        """
        with self._exclusive(f"\0content\0{track}\0{sha256[:2]}"):  # NUL: no user name can collide with it
            yield

    @contextmanager
    def _exclusive(self, key: str) -> Iterator[None]:
        with self._guard:
            thread_lock = self._user_locks.setdefault(key, threading.Lock())
        lock_dir = self.root / layout.LOCKS
        ensure_dir(lock_dir)
        with thread_lock, open(lock_dir / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.lock", "ab") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def put_file(self, source: bytes | str | Path, name: str) -> dict[str, Any]:
        """Store an uploaded file under its sha256 (once) and return the ``file`` reference for :meth:`add`.

        ``name`` is the user's file name, kept for display; its lowercased suffix becomes part of the stored name.
        """
        suffix = layout.check_suffix(Path(name).suffix.lower())
        if isinstance(source, bytes):
            sha, size = hashlib.sha256(source).hexdigest(), len(source)
            self._write(layout.file_relpath(sha, suffix), source)
        else:
            with tempfile.TemporaryDirectory(dir=self.root, prefix=".upload-") as staging:
                snapshot = Path(staging) / "file"  # hash and store the same bytes even if the source changes
                shutil.copyfile(source, snapshot)
                sha, size = sha256_file(snapshot), snapshot.stat().st_size
                self._write(layout.file_relpath(sha, suffix), snapshot)
        return {"sha256": sha, "name": name, "size": size, "suffix": suffix}

    def add(self, *, track: str, user: str, status: str, metadata: Mapping[str, Any], source: str = "submitted",
            file: Mapping[str, Any] | None = None, scores: Mapping[str, Any] | None = None,
            oov: Mapping[str, Any] | None = None, warnings: Collection[str] = (), errors: Collection[str] = (),
            signature: str = "", emer_eval_version: str = "", scored_at: str | None = None,
            content: Mapping[str, Any] | None = None) -> Submission:
        """Write a new immutable record and return its folded view; invalid input raises before anything is written.

        ``metadata`` keys default to :data:`METADATA_DEFAULTS`; unknown keys are refused (a typo must not vanish).
        ``scored_at`` defaults to now for scored records and baselines. ``content`` names the parsed predictions
        (see :attr:`Submission.content`).
        """
        unknown = set(metadata) - set(METADATA_DEFAULTS)
        if unknown:
            raise ValueError(f"unknown metadata field(s): {', '.join(sorted(unknown))}")
        now = layout.utc_now()
        record: dict[str, Any] = {
            "schema": SCHEMA, "id": layout.new_record_id(now), "track": track, "user": user, "status": status,
            "source": source, "metadata": {**METADATA_DEFAULTS, **metadata},
            "file": dict(file) if file is not None else None, "scores": dict(scores or {}),
            "oov": dict(oov) if oov is not None else None, "warnings": list(warnings), "errors": list(errors),
            "signature": signature, "emer_eval_version": emer_eval_version, "created_at": layout.iso(now),
            "scored_at": scored_at if scored_at is not None or status == "rejected" else layout.iso(now),
        }
        if content is not None:
            record["content"] = dict(content)
        data = encode(check_record(record))
        stored = check_record(json.loads(data))  # index exactly what a reader will load (lists, not tuples)
        relpath = layout.record_relpath(track, record["id"])
        self._write(relpath, data)
        with self._guard:
            self._index.add_record(relpath, stored)
        return fold(stored, ())

    def rescore(self, record_id: str, *, actor: str, scores: Mapping[str, Any], oov: Mapping[str, Any] | None,
                signature: str, emer_eval_version: str, scored_at: str | None = None,
                labels: Mapping[str, Any] | None = None, judged: Mapping[str, Any] | None = None) -> Submission:
        """Append a rescore event: the record's current scores move to ``history``, nothing is overwritten.

        ``labels`` (a file ref) names the labels the new scores come from — ``judged`` the per-clip judge scores of a
        judge track; the record's per-sample results then follow them (an LLM re-extraction changes the labels, a new
        judge the per-clip scores, not only the aggregate).
        """
        fields: dict[str, Any] = {
            "scores": dict(scores), "oov": dict(oov) if oov is not None else None, "signature": signature,
            "emer_eval_version": emer_eval_version, "scored_at": scored_at,
        }
        for key, ref in (("labels", labels), ("judged", judged)):
            if ref is not None:
                fields[key] = dict(ref)
        return self._append(record_id, "rescore", actor, fields)

    def resolve(self, record_id: str, *, actor: str, reason: str) -> Submission:
        """Append a ``resolve`` event: an admin kept an entry marked "identical to" another's (the reason is public)."""
        return self._append(record_id, "resolve", actor, {"reason": reason})

    def moderate(self, record_id: str, kind: str, *, actor: str, reason: str = "") -> Submission:
        """Append a ``hide``, ``flag`` (needs a reason) or ``restore`` event; the log of these is the audit trail."""
        if kind not in MODERATION:
            raise ValueError(f"unknown moderation {kind!r}: choose from {', '.join(MODERATION)}")
        return self._append(record_id, kind, actor, {"reason": reason})

    def rescore_all(self, scorer: Scorer, actor: str, *,
                    statuses: Collection[str] = ("scored", "baseline")) -> RescoreSummary:
        """Re-score every record with one of ``statuses`` whose file is on this disk, appending rescore events.

        A scorer exception is recorded per record and the run goes on; a result identical to the current scores
        (same numbers, signature and version) appends nothing, so repeated runs do not pile up history.
        """
        summary = RescoreSummary()
        for sub in self.records(statuses=statuses):
            path = self.file_path(sub.file)
            if path is None:
                summary.missing_file.append(sub.id)
                continue
            try:
                result = scorer(sub, path)
                new = {key: result[key] for key in ("scores", "oov", "signature", "emer_eval_version")}
                labels, judged = result.get("labels"), result.get("judged")
                stored = sub.content or {}
                same_samples = all(ref is None or (stored.get(key) or {}).get("sha256") == ref.get("sha256")
                                   for key, ref in (("labels", labels), ("judged", judged)))
                if new == {key: getattr(sub, key) for key in new} and same_samples:
                    summary.unchanged.append(sub.id)
                    continue
                self.rescore(sub.id, actor=actor, labels=labels, judged=judged, **new)
            except Exception as exc:  # one bad file or scorer bug must not stop the other re-scores
                summary.failed.append((sub.id, f"{type(exc).__name__}: {exc}"))
                continue
            summary.rescored.append(sub.id)
        return summary

    def _append(self, record_id: str, kind: str, actor: str, fields: dict[str, Any]) -> Submission:
        if self.get(record_id) is None:
            raise KeyError(f"no record {record_id!r}")
        now = layout.utc_now()
        event = {"schema": SCHEMA, "id": layout.new_event_id(now), "record": record_id, "kind": kind,
                 "actor": actor, "at": layout.iso(now), **fields}
        if kind == "rescore" and event["scored_at"] is None:
            event["scored_at"] = event["at"]
        relpath = layout.event_relpath(record_id, event["id"])
        data = encode(check_event(event))
        stored = check_event(json.loads(data))
        self._write(relpath, data)
        with self._guard:
            self._index.add_event(relpath, stored)
            return self._fold(record_id)

    def _write(self, relpath: str, content: Content) -> None:
        """Write a new file once and queue it for the mirror.

        The pending marker is written before the file: a crash between the two then leaves a marker for a file that
        never appeared (dropped with a warning at the next start) rather than a file the remote never receives.
        """
        path = self.root / relpath
        if path.exists():  # an identical upload stored before (and pushed, or still pending)
            return
        if self.mirror is not None:
            self.mirror.mark(relpath)
        write_bytes_atomic(path, content, replace=False)
        if self.mirror is not None:
            self.mirror.push(relpath)

    def _chronological(self, record_ids: Iterable[str]) -> list[str]:
        """Oldest first by the parsed creation time (robust to other writers' UTC offsets), then by id."""
        return sorted(record_ids, key=lambda record_id: (self._index.created[record_id], record_id))

    def _fold(self, record_id: str) -> Submission:
        """Fold an indexed record with its indexed events (the caller holds the guard)."""
        return fold(self._index.records[record_id], self._index.events.get(record_id, ()))
