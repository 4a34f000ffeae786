"""An in-memory index of the records and events on disk, kept current by reading only files it has not seen.

Files are immutable, so a path read once never needs reading again: a refresh lists the directories and loads the new
names. That keeps quota counts and leaderboard reads cheap while still seeing what other processes and replicas (via
a restore) wrote. A file that cannot be read or does not follow the schema is skipped and reported in ``problems``,
never raised, so one bad file cannot stop the app from starting.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from . import layout
from .record import SchemaError, check_placed, parse_time


class DiskIndex:
    """Records by id, events by record id, and the lookups quotas need. Not thread-safe: the store guards it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.records: dict[str, dict[str, Any]] = {}
        self.events: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
        self.created: dict[str, datetime] = {}
        self.by_user: defaultdict[str, list[str]] = defaultdict(list)
        self.by_sha: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
        self.by_content: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
        self.problems: list[tuple[str, str]] = []
        self._seen: set[str] = set()

    @property
    def revision(self) -> int:
        """How many files have been indexed: files are immutable and only ever added, so any change of any record
        (a new record, a rescore, a moderation) changes this number."""
        return len(self._seen)

    def refresh(self) -> None:
        """Load every record and event file that appeared since the last refresh."""
        for directory in _subdirectories(self.root / layout.RECORDS):
            self._load_new(directory, layout.RECORD_PATH, self._add_record)
        for directory in _subdirectories(self.root / layout.EVENTS):
            self._load_new(directory, layout.EVENT_PATH, self._add_event)

    def add_record(self, relpath: str, record: dict[str, Any]) -> None:
        """Index a record this process just wrote, without reading it back (unless a refresh already loaded it)."""
        if relpath in self._seen:
            return
        self._seen.add(relpath)
        self._add_record(record, relpath)

    def add_event(self, relpath: str, event: dict[str, Any]) -> None:
        """Index an event this process just wrote, without reading it back (unless a refresh already loaded it)."""
        if relpath in self._seen:
            return
        self._seen.add(relpath)
        self._add_event(event, relpath)

    def _load_new(self, directory: Path, pattern: re.Pattern[str],
                  add: Callable[[Any, str], None]) -> None:
        prefix = f"{directory.parent.name}/{directory.name}/"
        try:
            names = os.listdir(directory)
        except OSError as exc:  # e.g. removed between the two listings: report, keep serving the rest
            self._problem(prefix, f"cannot list: {exc}")
            return
        for name in names:
            relpath = prefix + name
            if name.startswith(".") or relpath in self._seen:
                continue  # temporary files of writes in progress, or already loaded
            self._seen.add(relpath)
            if pattern.fullmatch(relpath) is None:
                self._problem(relpath, "unexpected file name")
                continue
            try:
                data = json.loads((self.root / relpath).read_bytes())
                add(data, relpath)
            except FileNotFoundError:
                self._seen.discard(relpath)  # deleted meanwhile (by hand): nothing to index
            except OSError as exc:
                self._problem(relpath, f"unreadable: {exc}")
            except SchemaError as exc:
                self._problem(relpath, f"schema: {exc}")
            except ValueError as exc:  # JSON syntax, truncation, invalid UTF-8
                self._problem(relpath, f"invalid JSON: {exc}")

    def _add_record(self, data: Any, relpath: str) -> None:
        record = check_placed(data, relpath)
        if record["id"] in self.records:
            raise SchemaError(f"duplicate record id {record['id']} (also in another track)")
        record_id = record["id"]
        self.records[record_id] = record
        self.created[record_id] = parse_time(record["created_at"], "created_at")
        self.by_user[record["user"]].append(record_id)
        if record["file"] is not None:
            self.by_sha[(record["track"], record["file"]["sha256"])].append(record_id)
        if record.get("content") is not None:
            self.by_content[(record["track"], record["content"]["sha256"])].append(record_id)

    def _add_event(self, data: Any, relpath: str) -> None:
        event = check_placed(data, relpath)
        self.events[event["record"]].append(event)

    def _problem(self, relpath: str, reason: str) -> None:
        if (relpath, reason) not in self.problems:  # a directory that keeps failing is reported once
            self.problems.append((relpath, reason))


def _subdirectories(directory: Path) -> list[Path]:
    try:
        entries = list(os.scandir(directory))
    except FileNotFoundError:
        return []
    return [Path(entry.path) for entry in entries if entry.is_dir() and not entry.name.startswith(".")]
