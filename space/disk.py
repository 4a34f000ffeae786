"""Bounded disk use: generated downloads live in one folder with a cap on files and bytes, stale temporaries and
partial uploads are swept at start-up.

Why: every board refresh wrote 4 export files and every demo run a folder, none ever removed; killed processes left
their half-written temp files. Gradio copies every file a download button hands out into its cache, pruned only
hourly (``delete_cache``), unless the file is already in that cache: so the downloads folder lives there, and its
cap, oldest removed first, bounds everything the downloads cost on disk.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from pathlib import Path

from emer_eval import write_bytes_atomic

DOWNLOADS = "emer-hub-downloads"
"""The downloads folder's name inside Gradio's cache folder (:func:`downloads`)."""
MAX_FILES = 200
MAX_BYTES = 200 * 2**20
STALE_SECONDS = 3600
"""Temporaries older than this at start-up belong to no running process (none takes an hour to write a file)."""
_LOCK = threading.Lock()


def downloads() -> Path:
    """The bounded downloads folder, inside Gradio's cache folder (``GRADIO_TEMP_DIR``, else the system temp folder's
    ``gradio``): Gradio serves a file from there as it is, where it would copy a file from anywhere else."""
    from gradio.utils import get_upload_folder

    return Path(get_upload_folder()) / DOWNLOADS


def write_download(name: str, content: str | bytes, directory: Path | None = None, *, max_files: int = MAX_FILES,
                   max_bytes: int = MAX_BYTES) -> Path:
    """Write a generated download (an export, a template, a badge …) into the bounded folder and return its path.

    The one way the hub hands a file to a download button. Content-addressed: each file has a sub-folder named by
    the hash of its name and bytes (its name stays readable for the visitor), so the same download asked for again
    is the same file, made the newest again; a new one is written atomically (no fsync: a lost download is simply
    asked for again) after pruning the folder to its bound, oldest first. Files are never changed once written, so
    visitors who download the same thing at once may share one.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    directory = directory or downloads()
    folder = directory / hashlib.sha256(name.encode("utf-8") + b"\0" + data).hexdigest()[:32]
    path = folder / name
    with _LOCK:
        directory.mkdir(parents=True, exist_ok=True)
        if path.is_file():
            os.utime(folder)  # asked for again: the last to be evicted
            return path
        prune(directory, max_files - 1, max_bytes)
        folder.mkdir(exist_ok=True)
    write_bytes_atomic(path, data, durable=False, replace=False)  # two writers of one name write the same bytes
    return path


def prune(directory: Path, max_files: int, max_bytes: int) -> int:
    """Remove the oldest entries of ``directory`` until at most ``max_files`` remain within ``max_bytes``."""
    entries = []
    for entry in directory.iterdir():
        try:
            entries.append((entry.stat().st_mtime, _size(entry), entry))
        except OSError:
            continue
    entries.sort(key=lambda item: item[0])
    total = sum(size for _, size, _ in entries)
    removed = 0
    while entries and (len(entries) > max_files or total > max_bytes):
        _, size, oldest = entries.pop(0)
        _remove(oldest)
        total -= size
        removed += 1
    return removed


def sweep_stale(folder: Path, patterns: tuple[str, ...], max_age: float = STALE_SECONDS) -> int:
    """Remove files and folders under ``folder`` matching ``patterns`` and older than ``max_age`` seconds."""
    if not folder.is_dir():
        return 0
    return _remove_older([entry for pattern in patterns for entry in folder.rglob(pattern)], max_age)


def sweep_partial_uploads(folder: Path, max_age: float = STALE_SECONDS) -> int:
    """Remove the partial uploads of killed processes from Gradio's upload ``folder``.

    Gradio writes an upload into a temporary file directly in that folder and moves it into a sub-folder once it is
    complete, so a file still at the top level after ``max_age`` belongs to an upload that never ended. (Aborted
    uploads of a running hub are removed at once by :mod:`space.uploads`.)
    """
    if not folder.is_dir():
        return 0
    return _remove_older([entry for entry in folder.iterdir() if entry.is_file()], max_age)


def _remove_older(entries: list[Path], max_age: float) -> int:
    cutoff = time.time() - max_age
    removed = 0
    for entry in entries:
        try:
            if entry.stat().st_mtime < cutoff:
                _remove(entry)
                removed += 1
        except OSError:
            continue
    return removed


def _size(entry: Path) -> int:
    if entry.is_dir():
        return sum(child.stat().st_size for child in entry.rglob("*") if child.is_file())
    return entry.stat().st_size


def _remove(entry: Path) -> None:
    if entry.is_dir():
        shutil.rmtree(entry, ignore_errors=True)
    else:
        entry.unlink(missing_ok=True)


def temp_patterns() -> tuple[str, ...]:
    """What the hub's writers leave behind when killed: atomic-write and attempt temporaries."""
    return (".attempt-*", "*.tmp", ".*.tmp")


def sweep_at_start(store_dir: Path, upload_dir: Path | None = None) -> int:
    """Start-up sweep of the store's stale temporaries, of old generated downloads and of partial uploads left in
    Gradio's upload folder (default: Gradio's own, ``GRADIO_TEMP_DIR`` or the system temp folder's ``gradio``)."""
    from gradio.utils import get_upload_folder

    removed = sweep_stale(store_dir, temp_patterns())
    removed += sweep_partial_uploads(upload_dir or Path(get_upload_folder()))
    if (folder := downloads()).is_dir():
        removed += sweep_stale(folder, ("*",), max_age=STALE_SECONDS)
    return removed


__all__ = ["downloads", "prune", "sweep_at_start", "sweep_partial_uploads", "sweep_stale", "write_download"]
