"""The one way this project writes a file: a reader, in any thread or process, sees a complete file or none at all.

Every write goes to a temporary file in the destination folder (same filesystem, so the rename is atomic) and is
renamed into place with ``os.replace``. Durability is an explicit choice of the caller:

* ``durable=True`` (records, quotas, fetched resources, model files): the file is fsynced before the rename and the
  folder after it, so the new name itself survives a power cut;
* ``durable=False`` (caches and exports that can be recomputed): no fsync -- a crash may lose the file, never leave a
  torn one.

Temporary names start with a dot and end in ``.tmp``; readers that list folders skip them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

Content = bytes | Path
"""Bytes to write, or a local file to copy (streamed, so large uploads never sit in memory)."""


def fsync_dir(directory: Path) -> None:
    """Make the folder's entries (a new name, a removal) durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_dir(directory: Path, *, durable: bool = True) -> None:
    """Create ``directory`` (and parents); when durable, each new folder is fsynced into its parent."""
    if directory.is_dir():
        return
    ensure_dir(directory.parent, durable=durable)
    try:
        directory.mkdir()
    except FileExistsError:  # another thread or process created it meanwhile
        return
    if durable:
        fsync_dir(directory.parent)


def write_bytes_atomic(path: Path, content: Content, *, durable: bool = True, replace: bool = True,
                       mode: int = 0o644) -> bool:
    """Atomically write ``content`` to ``path``; True when this call wrote it.

    ``replace=False`` makes the file write-once: an existing ``path`` is kept and False returned. That is race-free
    enough for callers that write either fresh random names or content-addressed, byte-identical content (two
    writers of one name always write the same bytes). ``mode`` replaces mkstemp's 0600, which would hide the file
    from other local users.
    """
    if not replace and path.exists():
        return False
    ensure_dir(path.parent, durable=durable)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            if isinstance(content, Path):
                with content.open("rb") as source:
                    shutil.copyfileobj(source, out)
            else:
                out.write(content)
            out.flush()
            os.fchmod(out.fileno(), mode)
            if durable:
                os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)
    return True
