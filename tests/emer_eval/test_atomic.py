"""The one atomic write: a reader sees the whole file or none, and durability is the caller's explicit choice."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from emer_eval import write_bytes_atomic


def _power_cut(fd: int) -> None:
    raise OSError("simulated power cut before the data reached the disk")


def test_a_durable_write_that_crashes_midway_leaves_neither_a_partial_file_nor_a_temp_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("emer_eval.atomic.os.fsync", _power_cut)
    target = tmp_path / "records" / "r.json"
    target.parent.mkdir()
    with pytest.raises(OSError, match="power cut"):
        write_bytes_atomic(target, b'{"schema": 1}')
    assert list(target.parent.iterdir()) == []


def test_a_cache_write_is_not_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("emer_eval.atomic.os.fsync", _power_cut)  # any fsync would raise
    target = tmp_path / "new" / "folders" / "entry.json"
    assert write_bytes_atomic(target, b"reply", durable=False)
    assert target.read_bytes() == b"reply"


def test_durable_writes_fsync_the_file_and_every_new_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr("emer_eval.atomic.os.fsync", lambda fd: (synced.append(fd), real(fd))[1])
    write_bytes_atomic(tmp_path / "a" / "b" / "f.bin", b"x")
    assert len(synced) == 4  # the data, the new name, and the two new folders in their parents


def test_replace_false_is_write_once(tmp_path: Path) -> None:
    target = tmp_path / "f.json"
    assert write_bytes_atomic(target, b"first", replace=False)
    assert not write_bytes_atomic(target, b"second", replace=False)
    assert target.read_bytes() == b"first"
    assert write_bytes_atomic(target, b"third")
    assert target.read_bytes() == b"third"


def test_a_file_is_copied_by_streaming_and_readable_by_others(tmp_path: Path) -> None:
    source = tmp_path / "upload.csv"
    source.write_bytes(b"name,pred\n" * 100_000)
    target = tmp_path / "store" / "upload.csv"
    write_bytes_atomic(target, source)
    assert target.read_bytes() == source.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["upload.csv"]  # no temporary file left behind
