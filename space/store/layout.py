"""Where every stored file lives, and the names that make writes from many replicas collision-free.

The layout is the contract between the local store, the remote mirror and any replica sharing the remote repo::

    records/<track>/<record id>.json         one immutable record per submission
    events/<record id>/<event id>.json       append-only later facts (rescore, hide, flag, restore)
    files/<sha256[:2]>/<sha256><suffix>      uploaded files, content-addressed
    pending/<hash of relpath>.json           local only: pushes not yet acknowledged by the remote
    locks/<hash of key>.lock                 local only: per-user quota locks, per-hash-prefix duplicate locks

Names combine a UTC timestamp (so listings sort by time) with 48 random bits (so two replicas never pick the same
name and no file is ever shared or rewritten).
"""

from __future__ import annotations

import re
import secrets
import threading
from datetime import datetime, timedelta, timezone

RECORDS, EVENTS, FILES, PENDING, LOCKS = "records", "events", "files", "pending", "locks"
SYNCED_DIRS = (FILES, RECORDS, EVENTS)
"""The folders mirrored to the remote repo; pending markers and locks describe one machine and stay local."""

TRACK_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"
RECORD_ID_PATTERN = r"\d{8}T\d{6}Z-[0-9a-f]{12}"
EVENT_ID_PATTERN = r"\d{8}T\d{12}Z-[0-9a-f]{12}"
SHA256_PATTERN = r"[0-9a-f]{64}"
SUFFIX_PATTERN = r"(?:\.[a-z0-9]{1,16})?"

TRACK_NAME = re.compile(TRACK_PATTERN)
"""Tracks become directory names: only a safe, short alphabet, so no name can escape ``records/``."""
FILE_SUFFIX = re.compile(SUFFIX_PATTERN)
RECORD_PATH = re.compile(rf"{RECORDS}/(?P<track>{TRACK_PATTERN})/(?P<id>{RECORD_ID_PATTERN})\.json")
EVENT_PATH = re.compile(rf"{EVENTS}/(?P<record>{RECORD_ID_PATTERN})/(?P<id>{EVENT_ID_PATTERN})\.json")
FILE_PATH = re.compile(rf"{FILES}/(?P<prefix>[0-9a-f]{{2}})/(?P=prefix)[0-9a-f]{{62}}{SUFFIX_PATTERN}")

_clock_lock = threading.Lock()
_last_instant = datetime.min.replace(tzinfo=timezone.utc)


def utc_now() -> datetime:
    """The current UTC time, strictly increasing within this process.

    Events are folded in timestamp order; two events written in the same microsecond (a hide straight after a flag)
    must not be left to the random part of their names to order.
    """
    global _last_instant
    with _clock_lock:
        now = datetime.now(timezone.utc)
        if now <= _last_instant:
            now = _last_instant + timedelta(microseconds=1)
        _last_instant = now
        return now


def iso(instant: datetime) -> str:
    """ISO 8601 with microseconds and ``+00:00``: sorts as text and parses with Python 3.10's ``fromisoformat``."""
    return instant.astimezone(timezone.utc).isoformat(timespec="microseconds")


def new_record_id(instant: datetime) -> str:
    """``yyyymmddTHHMMSSZ-<12 hex>``: readable creation time, unique across replicas."""
    return f"{instant:%Y%m%dT%H%M%S}Z-{secrets.token_hex(6)}"


def new_event_id(instant: datetime) -> str:
    """``yyyymmddTHHMMSSffffffZ-<12 hex>``: microseconds keep a record's events in the order they were written."""
    return f"{instant:%Y%m%dT%H%M%S%f}Z-{secrets.token_hex(6)}"


def check_suffix(suffix: str) -> str:
    """File suffixes become part of stored names: a dot and at most 16 lowercase letters or digits, or nothing."""
    if not isinstance(suffix, str) or not FILE_SUFFIX.fullmatch(suffix):
        raise ValueError(f"invalid file suffix {suffix!r}: expected e.g. '.csv' (lowercase letters and digits)")
    return suffix


def record_relpath(track: str, record_id: str) -> str:
    """Relative path of a record."""
    return f"{RECORDS}/{track}/{record_id}.json"


def event_relpath(record_id: str, event_id: str) -> str:
    """Relative path of an event of a record."""
    return f"{EVENTS}/{record_id}/{event_id}.json"


def file_relpath(sha256: str, suffix: str) -> str:
    """Relative path of an uploaded file, fanned out by the first two hex digits of its hash."""
    return f"{FILES}/{sha256[:2]}/{sha256}{suffix}"


def is_synced(relpath: str) -> bool:
    """True for the paths a mirror may push or restore; anything else in a remote repo is ignored."""
    return any(pattern.fullmatch(relpath) for pattern in (RECORD_PATH, EVENT_PATH, FILE_PATH))
