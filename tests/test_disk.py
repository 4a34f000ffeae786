"""Disk stays bounded: generated downloads are pruned oldest first; stale temporaries are swept at start-up."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pandas as pd

from space import disk
from space.leaderboard.export import write_export


def test_downloads_are_bounded_in_files_and_bytes_oldest_first(tmp_path: Path):
    paths = []
    for n in range(6):
        path = disk.download_path(f"file-{n}.json", tmp_path, max_files=3, max_bytes=10_000)
        path.write_text("x" * 100)
        os.utime(path.parent, (time.time() - 100 + n, time.time() - 100 + n))
        paths.append(path)
    assert len(list(tmp_path.iterdir())) == 3
    assert [p.exists() for p in paths] == [False, False, False, True, True, True]
    big = disk.download_path("big.json", tmp_path, max_files=10, max_bytes=250)
    big.write_text("y" * 200)
    disk.download_path("next.json", tmp_path, max_files=10, max_bytes=250)
    assert sum(f.stat().st_size for f in tmp_path.rglob("*") if f.is_file()) <= 250


def test_stale_temporaries_are_swept_fresh_ones_kept(tmp_path: Path):
    old = [tmp_path / ".record.json.abc.tmp", tmp_path / "attempts" / "u" / ".attempt-x"]
    fresh = tmp_path / ".other.json.def.tmp"
    kept = tmp_path / "record.json"
    for path in [*old, fresh, kept]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("partial")
    for path in [*old, kept]:
        os.utime(path, (time.time() - 2 * disk.STALE_SECONDS,) * 2)
    assert disk.sweep_stale(tmp_path, disk.temp_patterns()) == 2
    assert not any(path.exists() for path in old) and fresh.exists() and kept.exists()


def test_every_generated_download_is_written_whole_into_the_bounded_folder():
    """Templates, badges, eval-results files and demo results all go through write_download: one folder, one
    bound, a complete file under a readable name and nothing half-written beside it."""
    paths = [disk.write_download("emer-badge-ovmerd-labels.svg", "<svg/>"),
             disk.write_download("ovmerd-labels-template.csv", b"name,openset\n")]
    for path, content in zip(paths, (b"<svg/>", b"name,openset\n"), strict=True):
        assert disk.DOWNLOADS in path.parents and path.read_bytes() == content
        assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left in its folder
    assert paths[0].name == "emer-badge-ovmerd-labels.svg" and paths[0].parent != paths[1].parent


def test_board_exports_go_to_the_bounded_folder():
    path = Path(write_export(pd.DataFrame({"Model": ["=cmd"]}), "csv", track="ovmerd-labels"))
    assert disk.DOWNLOADS in path.parents and path.name == "emer-hub-ovmerd-labels.csv"
    assert len(list(disk.DOWNLOADS.iterdir())) <= disk.MAX_FILES


def test_partial_uploads_of_a_killed_process_are_swept_finished_ones_kept(tmp_path: Path):
    partial, fresh = tmp_path / "tmpab12cd", tmp_path / "tmpef34gh"           # still being written, or abandoned
    finished = tmp_path / "0f3a" / "clip.mp4"                          # Gradio moved it into a sub-folder
    finished.parent.mkdir()
    for path in (partial, fresh, finished):
        path.write_bytes(b"\0" * 10)
    for path in (partial, finished):
        os.utime(path, (time.time() - 2 * disk.STALE_SECONDS,) * 2)
    assert disk.sweep_partial_uploads(tmp_path) == 1
    assert not partial.exists() and fresh.exists() and finished.exists()
    partial.write_bytes(b"\0")
    os.utime(partial, (time.time() - 2 * disk.STALE_SECONDS,) * 2)
    disk.sweep_at_start(tmp_path / "store", upload_dir=tmp_path)               # the start-up sweep includes it
    assert not partial.exists() and fresh.exists()
