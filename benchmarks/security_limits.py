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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import numpy as np

from benchmarks.results import write_section

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "tests" / "demo"))
DATA = Path(os.environ.get("EMER_DATA") or REPO.parent / "shared" / "emer-data").resolve()
os.environ["EMER_DATA"] = str(DATA)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
    return f"| search, 60 KB query over the board ({len(board)} rows), 10 times | {seconds * 100:.1f} ms each |"


def subtitle_row() -> str:
    from space.demo import lexical, speech
    from space.demo.pipeline import MAX_SUBTITLE_CHARS

    text = ("I can't believe you did this again, I am so angry. " * 30_000)[:MAX_SUBTITLE_CHARS]
    lexical.analyse_text(speech.subtitle_transcript("warm up"))
    seconds, _ = timed(lambda: lexical.analyse_text(speech.subtitle_transcript(text)))
    return f"| subtitle of 1.5 MB, cut to {MAX_SUBTITLE_CHARS:,} characters, lexical stage | {seconds:.2f} s |"


def video_row(folder: Path) -> str:
    import av

    from space.demo.decode import decode

    path = folder / "huge.mp4"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=240)
        stream.width = stream.height = 4608
        stream.pix_fmt = "yuv420p"
        stream.options = {"preset": "ultrafast"}
        for index in range(3):
            frame = av.VideoFrame.from_ndarray(np.full((4608, 4608, 3), index * 60, np.uint8), format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    before = peak_mb()
    seconds, refusal = timed(lambda: decode(path))
    return (f"| video 4608² at 240 fps ({path.stat().st_size // 1024} KB) | refused in {seconds * 1000:.0f} ms, "
            f"+{peak_mb() - before:.0f} MB peak: “{str(refusal)[:70]}…” |")


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
    from hub_helpers import make_settings, serving

    from space.demo.pipeline import DemoResult
    from space.hub import Hub
    from space.ui import demo_tab

    release = threading.Event()
    demo_tab.explain = lambda *args, **kwargs: (release.wait(120), DemoResult(done=True))[1]
    hub = Hub.start(make_settings(folder, EMER_HUB_PROVISION=0))
    with serving(hub) as demo:
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


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = [search_row(), subtitle_row(), video_row(folder), *cli_rows(folder), flood_row(folder / "hub")]
    body = ("| what | figure |\n|---|---|\n" + "\n".join(rows) +
            f"\n\nLoad average when the run ended: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared).")
    write_section("Security limits", body)
    print(body)


if __name__ == "__main__":
    main()
