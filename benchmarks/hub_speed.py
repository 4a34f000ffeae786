"""Speed of the hub: start-up to first page, leaderboard build at 10,000 records, submit-to-visible, concurrency.

    python benchmarks/hub_speed.py [--data DIR] [--write]

Targets (2-core machine): first page < 10 s after process start; leaderboard build with 10,000 records < 300 ms;
a 332-sample file visible on the board < 2 s after submitting; 20 concurrent gradio_client submissions all stored.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.results import write_section  # noqa: E402
from emer_eval import EW_METRICS  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def first_page_seconds(data: Path) -> float:
    """Wall time from spawning ``python app.py`` to the first HTTP 200 on ``/``."""
    port = free_port()
    env = {**os.environ, "EMER_DATA": str(data), "EMER_HUB_STORE_DIR": tempfile.mkdtemp(),
           "GRADIO_SERVER_PORT": str(port), "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_ANALYTICS_ENABLED": "False"}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "app.py"], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < 120:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    if response.status == 200:
                        return time.perf_counter() - start
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the app did not serve a page within 120 s")
    finally:
        process.terminate()
        process.wait(timeout=30)


def synthetic_records(n: int) -> list[dict]:
    rng = random.Random(0)
    records = []
    for i in range(n):
        f = rng.uniform(0.2, 0.7)
        scores = {name: {"f": rng.uniform(0.2, 0.7), "p": rng.uniform(0.2, 0.7), "r": rng.uniform(0.2, 0.7), "n": 332}
                  for name in EW_METRICS}
        scores["EW-L1"] = {"f": f, "p": f, "r": f, "ci95": [f - 0.04, f + 0.04]}
        scores["EW-L2"] = {"f": f - 0.1, "p": f - 0.1, "r": f - 0.1}
        scores["M-avg"] = f - 0.05
        records.append({"id": f"20261125T000000Z-{i:012x}", "track": "ovmerd-labels", "user": f"user{i % 97}",
                        "status": "scored", "source": "submitted", "visibility": "visible",
                        "metadata": {"model_name": f"<model {i}>", "organisation": f"org {i % 50}",
                                     "link": "https://example.org", "modalities": ["audio", "text"],
                                     "open_weights": bool(i % 2), "description": ""},
                        "scores": scores, "signature": "emer-eval:x",
                        "created_at": f"2026-11-{1 + i % 25:02d}T00:00:00+00:00"})
    return records


def table_build_ms(records: list[dict], reported: list, repeats: int) -> tuple[float, float]:
    """Median wall and CPU time (ms) of a cold ``build_table`` as the board runs it (collector paused).

    CPU time is reported beside wall time because the 2 cores are shared: wall time grows with other jobs' load."""
    from space.leaderboard.board import collector_paused
    from space.leaderboard.table import build_table

    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        with collector_paused():
            build_table(records, reported, "ovmerd-labels")
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def leaderboard_build_ms(n: int = 10_000) -> tuple[float, float, float]:
    """Wall and CPU time of the build (median of 7, ms), and of formatting the built table for display."""
    from space.leaderboard.reported import load_reported
    from space.leaderboard.table import build_table, display_frame

    records, reported = synthetic_records(n), load_reported()
    build_ms, build_cpu_ms = table_build_ms(records, reported, 7)
    frame = build_table(records, reported, "ovmerd-labels")
    displays = []
    for _ in range(7):
        start = time.perf_counter()
        display_frame(frame)
        displays.append(time.perf_counter() - start)
    return build_ms, build_cpu_ms, statistics.median(displays) * 1000


def bench_name(path: Path) -> str:
    """A model name of its own per file: the released outputs' names belong to the imported baseline rows, and a
    look-alike of another owner's entry is refused."""
    return f"bench {path.parent.name} {path.stem.removeprefix('output-reason-7b-')}"


def app_measurements(data: Path) -> dict[str, object]:
    """Submit-to-visible and 20 concurrent submissions against the app launched in-process."""
    from gradio_client import Client, handle_file

    import app as entry
    from space.config import Settings
    from space.hub import Hub
    from space.ui import build_app

    store = tempfile.mkdtemp()
    settings = Settings.from_env({"EMER_DATA": str(data), "EMER_HUB_STORE_DIR": store, "EMER_HUB_DAILY_QUOTA": "1000",
                                  "EMER_HUB_DAILY_ATTEMPTS": "1000"})
    hub = Hub.start(settings)
    demo = build_app(hub)
    entry.queue_app(demo, settings)  # queued and launched as app.py does: the waiting rooms and limits are measured too
    demo.launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True,
                **entry.launch_options(settings))
    files = sorted((data / "ovmer-baseline-outputs-ovmerd").glob("*/*-openset.npz"))
    try:
        client = Client(demo.local_url, analytics_enabled=False, verbose=False)
        visible = []
        for path in files[:5]:
            start = time.perf_counter()
            result = client.predict(file=handle_file(str(path)), track="ovmerd-labels", model_name=bench_name(path),
                                    organisation="", link="", modalities=[], description="",
                                    training_data=["none"], zero_shot="yes", api_name="/submit_predictions")
            rows = client.predict(track="ovmerd-labels", api_name="/leaderboard_json")
            assert any(row["id"] == result["submission_id"] for row in rows), result
            visible.append(time.perf_counter() - start)

        def one(path: Path) -> float:
            own = Client(demo.local_url, analytics_enabled=False, verbose=False)
            start = time.perf_counter()
            result = own.predict(file=handle_file(str(path)), track="ovmerd-labels", model_name=bench_name(path),
                                 organisation="", link="", modalities=[], description="",
                                 training_data=["none"], zero_shot="yes", api_name="/submit_predictions")
            assert result["status"] == "scored", result["errors"]
            return time.perf_counter() - start

        batch = files[5:25]
        with ThreadPoolExecutor(max_workers=20) as pool:
            latencies = sorted(pool.map(one, batch))
        stored = len(hub.store.records(statuses=("scored",)))
    finally:
        demo.close()
        hub.store.close()
    return {"visible": statistics.median(visible), "latencies": latencies, "stored": stored,
            "expected": 5 + len(batch)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("EMER_DATA", str(REPO.parent / "shared" / "emer-data")))
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    data = Path(args.data.split(os.pathsep)[0])
    starts = [first_page_seconds(data) for _ in range(3)]
    build_ms, build_cpu_ms, display_ms = leaderboard_build_ms()
    app = app_measurements(data)
    latencies = app["latencies"]
    p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
    body = "\n".join([
        "| measurement | result | target |",
        "|---|---|---|",
        f"| process start → first page served (median of 3) | {statistics.median(starts):.1f} s "
        f"(runs: {', '.join(f'{s:.1f}' for s in starts)}) | < 10 s |",
        f"| leaderboard build (`build_table` as the board runs it), 10,000 records + 38 reported rows (median of 7) | "
        f"{build_ms:.0f} ms wall, {build_cpu_ms:.0f} ms CPU (+ {display_ms:.0f} ms display formatting) | < 300 ms |",
        f"| submit 332-sample file → visible in /leaderboard_json (median of 5, gradio_client) | "
        f"{app['visible'] * 1000:.0f} ms | < 2 s |",
        f"| 20 concurrent gradio_client submissions (20 connections) | {app['stored'] - 5} of 20 stored, "
        f"{app['stored']} of {app['expected']} in all; p50 {statistics.median(latencies):.2f} s, p95 {p95:.2f} s | "
        f"all stored |",
        "",
        "Scoring runs with concurrency 4 (`concurrency_id=\"scoring\"`); each submission includes a 1,000-resample "
        "bootstrap CI. Latencies include upload and queueing. The app is queued and launched as `app.py` does "
        "(waiting rooms, upload guard). CPU time is given beside wall time because the 2 cores are shared: wall "
        f"time grows with other jobs' load (load average {os.getloadavg()[0]:.1f} at the end).",
        *([] if build_ms < 300 else [
            "",
            f"**The table build misses its target** ({build_ms:.0f} ms > 300 ms): this is a cold `build_table` of "
            "10,000 records, which the app runs once per track and process and again when the row set changes; a "
            "page view in between returns the cached table (see *Board speed*). The table is built a column at a "
            "time; most of what remains is checking the five fields of each of the 140,000 stored score blocks "
            "and the per-row text work (escaping, link checks)."]),
    ])
    print(body)
    if args.write:
        write_section("Hub speed", body)


if __name__ == "__main__":
    main()
