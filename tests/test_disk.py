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
        path = disk.write_download(f"file-{n}.json", "x" * 99 + str(n), tmp_path, max_files=3, max_bytes=10_000)
        os.utime(path.parent, (time.time() - 100 + n, time.time() - 100 + n))
        paths.append(path)
    assert len(list(tmp_path.iterdir())) == 3
    assert [p.exists() for p in paths] == [False, False, False, True, True, True]
    disk.write_download("big.json", "y" * 200, tmp_path, max_files=10, max_bytes=250)
    disk.write_download("next.json", "z", tmp_path, max_files=10, max_bytes=250)
    assert sum(f.stat().st_size for f in tmp_path.rglob("*") if f.is_file()) <= 250


def test_the_same_download_is_one_file_made_newest_again(tmp_path: Path):
    first = disk.write_download("emer-hub-ovmerd-labels.csv", "a,b\n", tmp_path)
    other = disk.write_download("emer-hub-ovmerd-labels.csv", "a,c\n", tmp_path)
    os.utime(first.parent, (time.time() - 100,) * 2)
    os.utime(other.parent, (time.time() - 50,) * 2)
    again = disk.write_download("emer-hub-ovmerd-labels.csv", "a,b\n", tmp_path)
    assert again == first and other != first and len(list(tmp_path.iterdir())) == 2
    assert first.parent.stat().st_mtime > other.parent.stat().st_mtime  # asked for last: evicted last


def test_many_distinct_exports_stay_under_the_cap_and_the_newest_is_served(tmp_path: Path):
    """A visitor cycling the board's filters makes a new export each time: the folder keeps at most its cap, and
    Gradio serves the newest from where it is, with no copy of its own in its cache (which is pruned only hourly)."""
    import gradio as gr

    frames = [pd.DataFrame({"Model": [f"model {n}"], "Score": [n]}) for n in range(30)]
    paths = [Path(disk.write_download(f"emer-hub-{n}.csv", frame.to_csv(), tmp_path, max_files=5, max_bytes=10**6))
             for n, frame in enumerate(frames)]
    assert len(list(tmp_path.iterdir())) == 5 and paths[-1].read_text() == frames[-1].to_csv()
    newest = Path(write_export(frames[-1], "csv", track="ovmerd-labels"))
    with gr.Blocks() as blocks:
        pass
    assert disk.downloads() in newest.parents
    assert blocks.move_resource_to_block_cache(newest) == str(newest)  # served in place: not copied again


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
        assert disk.downloads() in path.parents and path.read_bytes() == content
        assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left in its folder
    assert paths[0].name == "emer-badge-ovmerd-labels.svg" and paths[0].parent != paths[1].parent


def test_board_exports_go_to_the_bounded_folder():
    path = Path(write_export(pd.DataFrame({"Model": ["=cmd"]}), "csv", track="ovmerd-labels"))
    assert disk.downloads() in path.parents and path.name == "emer-hub-ovmerd-labels.csv"
    assert len(list(disk.downloads().iterdir())) <= disk.MAX_FILES


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
