"""Figures of the security round two: what the limits cost, and what kept serving under a demo flood.

    python -m benchmarks.security_limits        # writes its section of benchmarks/RESULTS.md

Each figure is one run on the shared 2-core machine (other jobs run beside it, see the load average printed).
"""

from __future__ import annotations

import io
import os
import resource
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from benchmarks.crafted_media import cheap_costly_video
from benchmarks.results import write_section

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "tests" / "demo"))
DATA = Path(os.environ.get("EMER_DATA") or REPO.parent / "shared" / "emer-data").resolve()
os.environ["EMER_DATA"] = str(DATA)


@contextmanager
def _serving(hub: Any) -> Iterator[Any]:
    """The app on a free local port, queued and launched exactly as app.py does (the tests' ``launch_app``)."""
    import app as entry
    from space.ui import build_app

    demo = build_app(hub)
    entry.queue_app(demo, hub.settings)
    demo.launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True,
                **entry.launch_options(hub.settings))
    try:
        yield demo
    finally:
        demo.close()
        hub.store.close()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """Resident memory now (not the high-water mark, which earlier figures of this run already raised)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def traced_mb(action: Any) -> float:
    """Peak Python allocation of ``action`` in MB (tracemalloc)."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    try:
        value = action()
    except Exception as error:  # the refusals are the point: keep their message
        value = error
    return time.perf_counter() - start, value


def search_row() -> str:
    from leaderboard.factories import TRACK, make_record

    from space.leaderboard.table import build_table, filter_table

    board = build_table([make_record(f"r{n}", 0.3 + n / 1000, name=f"Model {n}") for n in range(200)], [], TRACK)
    query = " ".join(f"w{n}" for n in range(12_000))[:60_000]
    seconds, _ = timed(lambda: [filter_table(board, query) for _ in range(10)])
    peak = traced_mb(lambda: filter_table(board, query))
    return (f"| search, 60 KB query over the board ({len(board)} rows; cut to 8 words of 100 characters), 10 times | "
            f"{seconds * 100:.1f} ms each, {peak:.1f} MB peak Python allocation |")


def subtitle_row() -> str:
    from space.demo import lexical, speech
    from space.demo.pipeline import MAX_SUBTITLE_CHARS

    text = ("I can't believe you did this again, I am so angry. " * 30_000)[:MAX_SUBTITLE_CHARS]
    lexical.analyse_text(speech.subtitle_transcript("warm up"))
    seconds, _ = timed(lambda: lexical.analyse_text(speech.subtitle_transcript(text)))
    peak = traced_mb(lambda: lexical.analyse_text(speech.subtitle_transcript(text)))
    return (f"| subtitle of 1.5 MB, cut to {MAX_SUBTITLE_CHARS:,} characters, lexical stage | {seconds:.2f} s, "
            f"{peak:.1f} MB peak Python allocation |")


def overrun_rows() -> list[str]:
    """A stage forced past its deadline in a real worker: when it stops, whether its process is gone, and what the
    replacement costs."""
    from space.demo.types import Transcript
    from space.demo.worker import StageTimeout, WorkerPool

    pool = WorkerPool(1)
    started = time.perf_counter()
    pool.start(wait=300)
    cold = time.perf_counter() - started
    [busy] = pool.pids()
    huge = Transcript(text="I am so angry with you and I will never forgive this. " * 5_000, source="subtitle")
    seconds, outcome = timed(lambda: pool.run("lexical", huge, deadline=time.monotonic() + 5))
    gone = not Path(f"/proc/{busy}").exists()
    started = time.perf_counter()
    pool.start(wait=300)
    replaced = time.perf_counter() - started
    small = Transcript(text="I am so angry with you.", source="subtitle")
    warm, _ = timed(lambda: pool.run("lexical", small, deadline=time.monotonic() + 30))
    pool.close()
    return [f"| demo worker start (models loaded) | {cold:.1f} s, in the background at start-up |",
            f"| lexical stage on 50,000 words (minutes of CPU), 5 s deadline | "
            f"{'stopped' if isinstance(outcome, StageTimeout) else 'NOT stopped'} at {seconds:.2f} s, worker process "
            f"{'gone (no CPU used afterwards)' if gone else 'STILL ALIVE'}; replacement warm {replaced:.1f} s later, "
            f"next lexical stage {warm * 1000:.0f} ms |"]


def video_rows(folder: Path) -> list[str]:
    from space.demo.decode import decode

    rows = []
    for label, side, rate, seconds in (("4096×2304 at 240 fps for 10 s", (4096, 2304), 240, 10),
                                       ("1920×1080 at 30 fps for 59 s (the largest accepted)", (1920, 1080), 30, 59)):
        path = cheap_costly_video(folder / f"{rate}.mp4", *side, rate, seconds)
        before = rss_mb()
        elapsed, value = timed(lambda path=path: decode(path))
        grown = rss_mb() - before  # while the decoded clip is still held
        outcome = (f"refused in {elapsed * 1000:.0f} ms before decoding: “{str(value)[:60]}…”"
                   if isinstance(value, Exception) else
                   f"decoded in {elapsed:.1f} s ({len(value.frames)} frames kept)")  # type: ignore[attr-defined]
        rows.append(f"| video {label} (static picture), {path.stat().st_size // 1024} KB on disk | {outcome}, "
                    f"resident memory +{grown:.0f} MB |")
    return rows


def cli_rows(folder: Path) -> list[str]:
    from emer_eval.io import load_predictions, parse_predictions

    sparse = folder / "sparse.csv"
    with sparse.open("wb") as handle:
        handle.truncate(2 * 2**30)
    before = peak_mb()
    seconds, refusal = timed(lambda: load_predictions(sparse))
    rows = [f"| 2 GB sparse file | refused in {seconds * 1000:.1f} ms, +{peak_mb() - before:.0f} MB: "
            f"“{str(refusal)[:60]}…” |"]
    buffer = io.BytesIO()
    np.savez_compressed(buffer, filenames=np.array(["sample_1"] * 300),
                        fileitems=np.array(["happy".ljust(40_000)] * 300))
    before = peak_mb()
    seconds, refusal = timed(lambda: parse_predictions(buffer.getvalue(), ".npz", "bomb.npz"))
    rows.append(f"| .npz of {len(buffer.getvalue()) // 1024} KB expanding to 46 MB | "
                f"refused in {seconds * 1000:.1f} ms, +{peak_mb() - before:.0f} MB |")
    names = [f"sample_{i:08d}" for i in range(150_000)]
    payload = ("{" + ",".join(f'"{n}": ["happy", "worried", "tense"]' for n in names) + "}").encode()
    tracemalloc.start()
    seconds, _ = timed(lambda: parse_predictions(payload, ".json", "big.json"))
    grown = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    rows.append(f"| JSON of {len(payload) / 2**20:.1f} MB, 150,000 samples | {seconds:.1f} s, {grown:.0f} MB peak "
                f"Python allocation ({grown * 2**20 / len(payload):.0f} bytes per input byte; inputs stop at 32 MB) |")
    return rows


def flood_row(folder: Path) -> str:
    from hub_helpers import make_settings

    from space.demo.pipeline import DemoResult
    from space.hub import Hub
    from space.ui import demo_tab

    release = threading.Event()
    demo_tab.explain = lambda *args, **kwargs: (release.wait(120), DemoResult(done=True))[1]
    hub = Hub.start(make_settings(folder, EMER_HUB_PROVISION=0))
    with _serving(hub) as demo:
        url = demo.local_url

        def call(n: int) -> int:
            transport = httpx.HTTPTransport(local_address=f"127.0.0.{2 + n % 6}")
            with httpx.Client(transport=transport, timeout=30) as client:
                return client.post(url + "gradio_api/call/explain", json={"data": [None, "", "en", "offline"]}
                                   ).status_code

        with ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(call, range(70)))
        latencies = []
        for _ in range(5):
            start = time.perf_counter()
            event = httpx.post(url + "gradio_api/call/leaderboard_json", json={"data": ["ovmerd-labels"]}).json()
            httpx.get(url + f"gradio_api/call/leaderboard_json/{event['event_id']}", timeout=60)
            latencies.append(time.perf_counter() - start)
        release.set()
    return (f"| 70 demo requests stuck on a slow endpoint, from 6 addresses | {codes.count(200)} admitted, "
            f"{codes.count(503)} refused (“demo queue is full”); board served 5/5, median "
            f"{sorted(latencies)[2] * 1000:.0f} ms |")


def upload_rows(folder: Path) -> list[str]:
    """An upload flood at the default hourly cap, and aborted uploads: what is left on disk."""
    import socket

    from hub_helpers import make_settings

    from space.hub import Hub

    uploads = folder / "gradio-uploads"
    os.environ["GRADIO_TEMP_DIR"] = str(uploads)
    hub = Hub.start(make_settings(folder, EMER_HUB_PROVISION=0))
    payload = b"\0" * (19 * 2**20)
    with _serving(hub) as demo:
        url = demo.local_url

        def post(n: int) -> int:
            transport = httpx.HTTPTransport(local_address="127.0.0.2")
            with httpx.Client(transport=transport, timeout=60) as client:
                return client.post(url + "gradio_api/upload",
                                   files={"files": (f"c{n}.mp4", payload, "video/mp4")}).status_code

        started = time.perf_counter()
        with ThreadPoolExecutor(4) as pool:
            codes = list(pool.map(post, range(40)))
        flood_seconds = time.perf_counter() - started
        flooded = sum(f.stat().st_size for f in uploads.rglob("*") if f.is_file())
        head = b"--x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.mp4\"\r\n\r\n"
        for n in range(10):
            connection = socket.create_connection(("127.0.0.1", demo.server_port),
                                                  source_address=(f"127.0.0.{10 + n}", 0))
            connection.sendall(b"POST /gradio_api/upload HTTP/1.1\r\nHost: x\r\n"
                               b"Content-Type: multipart/form-data; boundary=x\r\n"
                               b"Content-Length: 20000000\r\n\r\n" + head + b"\0" * (5 * 2**20))
            time.sleep(0.3)
            connection.close()
        time.sleep(2)
        partial = [f for f in uploads.iterdir() if f.is_file()]
    return [f"| 40 uploads of 19 MB from one address in {flood_seconds:.1f} s (default cap 200 MB/hour) | "
            f"{codes.count(200)} accepted, {codes.count(429)} refused (HTTP 429 “Upload refused: your address has "
            f"uploaded …”); Gradio's upload folder holds {flooded / 2**20:.0f} MB (was 760 MB) |",
            f"| 10 uploads aborted after 5 MB each | {len(partial)} partial files left |"]


def name_rows() -> list[str]:
    from space.portal.names import look_alike

    existing = [("Chat-UniVi", "paper")]
    tries = ["Chat\u2010UniVi", "Ch\u0430t-UniVi", "\uff23\uff48\uff41\uff54\uff35\uff4e\uff49\uff36\uff49",
             "chat univi", "Chat-Un1Vi", "Chat-UniVi", "Chat-Uni\u200bVi", "Chat_UniVi", "CHAT-UNIVI"]
    refused = [name for name in tries if look_alike(name, "someone", existing)]
    shown = ", ".join(ascii(name) for name in refused)
    return [f"| {len(tries)} look-alikes of the paper's “Chat-UniVi” from another owner | {len(refused)} refused: "
            f"{shown} |"]


def cli_refusal_rows(folder: Path) -> list[str]:
    import contextlib
    import csv

    from emer_eval import load_ground_truth
    from emer_eval.cli import main as cli

    gt_path = DATA / "mertools-mer2024-ov-store" / "check-openset.csv"
    gt = load_ground_truth(gt_path)
    cases = {"ids that match nothing": {f"b'{name}'": labels for name, labels in gt.items()},
             "Chinese labels": {name: ["愤怒", "高兴"] for name in gt},
             "labels out of vocabulary": {name: ["blorp", "zzyzx"] for name in gt}}
    rows = []
    for what, predictions in cases.items():
        path = folder / f"{what.split()[0]}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["name", "openset"])
            writer.writerows([name, "[" + ", ".join(labels) + "]"] for name, labels in predictions.items())
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = cli(["score", "--pred", str(path), "--gt", str(gt_path)])
        rows.append(f"| CLI, {what} | exit {status}: “{err.getvalue().strip()[:110]}…” |")
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = [search_row(), subtitle_row(), *overrun_rows(), *video_rows(folder), *cli_rows(folder),
                *cli_refusal_rows(folder), *name_rows(), flood_row(folder / "hub"), *upload_rows(folder / "uploads")]
    body = ("| what | figure |\n|---|---|\n" + "\n".join(rows) +
            f"\n\nLoad average when the run ended: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared).")
    write_section("Security limits", body)
    print(body)


if __name__ == "__main__":
    main()
