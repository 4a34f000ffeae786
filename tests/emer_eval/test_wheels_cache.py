"""The parsed wheels on disk: keyed by the source files' hashes, equal to a fresh parse, safe under concurrency."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from emer_eval import wheels as wheel_module
from emer_eval.wheels import EW_METRICS, build_wheels, cached_wheels, parsed_cache_path

RESOURCE = "affectgpt-2025-emotion-wheel"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "parsed"


def _same_tables(a: wheel_module.Wheels, b: wheel_module.Wheels) -> None:
    assert a.trees == b.trees and dict(a.raw_map) == dict(b.raw_map) and dict(a.format_map) == dict(b.format_map)
    assert [list(tree) for tree in a.trees] == [list(tree) for tree in b.trees]  # file order survives JSON
    assert all(a.targets(label) == b.targets(label) for label in a.format_map)


def test_a_cached_load_equals_a_fresh_parse_and_parses_nothing(data_dir: Path, cache: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folder = data_dir / RESOURCE
    first = cached_wheels(folder, "2025")
    assert [p.name for p in cache.iterdir()] == [parsed_cache_path(folder, "2025").name]

    def no_parsing(*args: object) -> None:
        raise AssertionError("the spreadsheets were parsed again")

    monkeypatch.setattr(wheel_module, "build_wheels", no_parsing)
    again = cached_wheels(folder, "2025")
    _same_tables(again, first)
    assert len(again.targets("happy")) == len(EW_METRICS)


def test_a_changed_source_file_misses_the_cache(data_dir: Path, cache: Path, tmp_path: Path) -> None:
    folder = tmp_path / RESOURCE
    shutil.copytree(data_dir / RESOURCE, folder)
    for path in folder.iterdir():
        path.chmod(0o644)
    before = parsed_cache_path(folder, "2025")
    cached_wheels(folder, "2025")
    with (folder / "format.csv").open("a", encoding="utf-8") as handle:
        handle.write("zzzcachetest,\n")
    after = parsed_cache_path(folder, "2025")
    assert after != before
    assert "zzzcachetest" in cached_wheels(folder, "2025").format_map


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": 1, "trees": []}', b"[1, 2, 3]"])
def test_a_damaged_entry_is_ignored_and_rewritten(data_dir: Path, cache: Path, damage: bytes) -> None:
    folder = data_dir / RESOURCE
    path = parsed_cache_path(folder, "2025")
    path.parent.mkdir(parents=True)
    path.write_bytes(damage)
    _same_tables(cached_wheels(folder, "2025"), build_wheels(folder, "2025"))
    assert path.read_bytes() != damage


def _load(folder: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    wheels = cached_wheels(Path(folder), "2025")
    queue.put(sorted(wheels.format_map)[:50] + [str(wheels.targets("happy"))])


def test_concurrent_processes_on_an_empty_cache_agree(data_dir: Path, cache: Path) -> None:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_load, args=(str(data_dir / RESOURCE), queue)) for _ in range(4)]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(60)
    assert [worker.exitcode for worker in workers] == [0] * 4
    assert all(result == results[0] for result in results)
    assert [p.name for p in cache.iterdir()] == [parsed_cache_path(data_dir / RESOURCE, "2025").name]  # no temp left
