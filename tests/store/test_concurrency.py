"""Concurrent writers: many processes and threads share one store and nothing is lost, torn or over-admitted."""

from __future__ import annotations

import json
import multiprocessing

import pytest

from space.store import Store

from .conftest import submit
from .workers import QUOTA, quota_process, race_threads, write_records


def test_eight_processes_writing_at_once_lose_nothing(store: Store) -> None:
    shared = submit(store, user="shared")
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(8)
    workers = [ctx.Process(target=write_records, args=(str(store.root), w, 25, shared.id, start)) for w in range(8)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(60)
    assert [p.exitcode for p in workers] == [0] * 8

    reopened = Store(store.root)

    records = [s for s in reopened.records() if s.user != "shared"]
    assert len(records) == 200 and reopened.problems == []
    assert {(s.user, s.metadata["model_name"]) for s in records} == {
        (f"user{w}", f"m{w}-{i}") for w in range(8) for i in range(25)}
    files = [p for p in store.root.rglob("*") if p.is_file() and "locks" not in p.parts]
    assert len([p for p in files if p.parts[-3] == "records"]) == 201
    for path in files:
        json.loads(path.read_bytes())
    assert [p for p in store.root.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"] == []
    folded = reopened.get(shared.id)  # 8 rescores: the original and 7 rescored sets in history, 1 current
    assert sorted(h["replaced_by"] for h in folded.history) == [f"worker{w}" for w in range(8)]
    assert {h["scores"].get("worker") for h in folded.history[1:]} | {folded.scores["worker"]} == set(range(8))


def test_quota_race_between_threads_admits_exactly_the_quota(store: Store) -> None:
    results = race_threads(store, "alice", 20)

    assert sum(results) == QUOTA and len(results) == 20
    assert Store(store.root).count("alice") == QUOTA


def test_quota_race_between_processes_admits_exactly_the_quota(store: Store) -> None:
    ctx = multiprocessing.get_context("spawn")
    start, admitted = ctx.Barrier(4), ctx.Value("i", 0)
    workers = [ctx.Process(target=quota_process, args=(str(store.root), "bob", 5, start, admitted)) for _ in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(60)

    assert [p.exitcode for p in workers] == [0] * 4
    assert admitted.value == QUOTA and Store(store.root).count("bob") == QUOTA


def test_a_refresh_landing_between_a_write_and_its_indexing_counts_it_once(store: Store,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    write = Store._write

    def write_then_let_another_thread_refresh(self: Store, relpath: str, content: bytes) -> None:
        write(self, relpath, content)
        self.refresh()

    monkeypatch.setattr(Store, "_write", write_then_let_another_thread_refresh)

    sub = submit(store)
    store.moderate(sub.id, "flag", actor="mod", reason="spam")

    assert [s.id for s in store.records()] == [sub.id] and store.count("alice") == 1
    assert len(store.get(sub.id).moderation) == 1 and store.problems == []
