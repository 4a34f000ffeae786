"""Crash-safe, write-once files: a reader, in any thread or process, sees a complete file or none at all.

Every write goes to a temporary file in the destination directory (same filesystem, so the rename is atomic), is
flushed and fsynced, renamed into place with ``os.replace`` and then the directory is fsynced so the new name itself
survives a power cut. Temporary names start with a dot and end in ``.tmp``; readers skip them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Union

Content = Union[bytes, Path]
"""Bytes to write, or a local file to copy (streamed, so large uploads never sit in memory)."""


def fsync_dir(directory: Path) -> None:
    """Make the directory's entries (a new name, a removal) durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_dir(directory: Path) -> None:
    """Create ``directory`` (and parents) durably: a new directory is itself an entry of its parent."""
    if directory.is_dir():
        return
    ensure_dir(directory.parent)
    try:
        directory.mkdir()
    except FileExistsError:  # another thread or process created it meanwhile
        return
    fsync_dir(directory.parent)


def write_once(path: Path, content: Content) -> bool:
    """Atomically create ``path`` with ``content`` unless it already exists; True when this call wrote it.

    "Exists, then replace" is race-free enough here because every caller writes either a fresh random name (records,
    events) or content-addressed / byte-identical content (uploaded files, restored copies): two writers of one name
    always write the same bytes.
    """
    if path.exists():
        return False
    ensure_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            if isinstance(content, Path):
                with content.open("rb") as source:
                    shutil.copyfileobj(source, out)
            else:
                out.write(content)
            out.flush()
            os.fchmod(out.fileno(), 0o644)  # mkstemp's 0600 would hide the file from other local users
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return True
