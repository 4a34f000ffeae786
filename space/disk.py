"""Bounded disk use: generated downloads live in one folder with a cap on files and bytes, stale temporaries and
partial uploads are swept at start-up.

Why: every board refresh wrote 4 export files and every demo run a folder, none ever removed; killed processes left
their half-written temp files. Gradio's own cache cleanup
(``delete_cache``) prunes what it copied; the files the hub writes itself are bounded here, oldest removed first.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from pathlib import Path

from emer_eval import write_bytes_atomic

DOWNLOADS = Path(tempfile.gettempdir()) / "emer-hub-downloads"
MAX_FILES = 200
MAX_BYTES = 200 * 2**20
STALE_SECONDS = 3600
"""Temporaries older than this at start-up belong to no running process (none takes an hour to write a file)."""
_LOCK = threading.Lock()


def download_path(name: str, directory: Path = DOWNLOADS, *, max_files: int = MAX_FILES,
                  max_bytes: int = MAX_BYTES) -> Path:
    """A fresh file path for a generated download, after pruning the folder to its bound (oldest first).

    Each file gets its own sub-folder so its name stays readable for the visitor and unique on disk.
    """
    with _LOCK:
        directory.mkdir(parents=True, exist_ok=True)
        prune(directory, max_files - 1, max_bytes)
        folder = Path(tempfile.mkdtemp(dir=directory))
    return folder / name


def write_download(name: str, content: str | bytes) -> Path:
    """Write a generated download (an export, a template, a badge …) under :func:`download_path` and return it.

    The one way the hub hands a file to a download button: a fresh name in the bounded folder, written atomically
    (no fsync: a lost download is simply asked for again).
    """
    path = download_path(name)
    write_bytes_atomic(path, content.encode("utf-8") if isinstance(content, str) else content, durable=False)
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
    if DOWNLOADS.is_dir():
        removed += sweep_stale(DOWNLOADS, ("*",), max_age=STALE_SECONDS)
    return removed


__all__ = ["DOWNLOADS", "download_path", "prune", "sweep_at_start", "sweep_partial_uploads", "sweep_stale"]
