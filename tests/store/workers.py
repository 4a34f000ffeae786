"""Entry points of the spawned processes in the concurrency tests (spawn needs them importable by name)."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from space.store import Store

QUOTA = 5


def write_records(root: str, worker: int, count: int, shared_record: str, start: Any) -> None:
    """Write ``count`` records and one rescore event on a record every worker shares, after all workers are up."""
    store = Store(Path(root))
    start.wait()
    for i in range(count):
        store.add(track="ovmerd", user=f"user{worker}", status="scored", metadata={"model_name": f"m{worker}-{i}"},
                  scores={"EW-L1": {"f": i / count}}, signature=f"w{worker}", emer_eval_version="0.1.0")
    store.rescore(shared_record, actor=f"worker{worker}", scores={"worker": worker}, oov=None,
                  signature=f"w{worker}", emer_eval_version="0.1.0")


def submit_within_quota(store: Store, user: str) -> bool:
    """The portal's critical section: lock, count today's submissions, write only while under the quota."""
    midnight = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    with store.user_lock(user):
        if store.count(user, since=midnight, statuses=("scored",)) >= QUOTA:
            return False
        time.sleep(0.005)  # widen the window between count and write: without the lock, many would pass
        store.add(track="ovmerd", user=user, status="scored", metadata={"model_name": "m"})
        return True


def race_threads(store: Store, user: str, threads: int) -> list[bool]:
    """Start ``threads`` submissions of one user at the same instant; each one's outcome."""
    barrier = threading.Barrier(threads)
    results: list[bool] = []

    def attempt() -> None:
        barrier.wait()
        results.append(submit_within_quota(store, user))

    pool = [threading.Thread(target=attempt) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return results


def quota_process(root: str, user: str, threads: int, start: Any, admitted: Any) -> None:
    """Several threads of one process racing for the quota, against other processes doing the same."""
    store = Store(Path(root))
    start.wait()
    results = race_threads(store, user, threads)
    with admitted.get_lock():
        admitted.value += sum(results)
