"""The demo under 5 concurrent clips through the public /explain endpoint: requests queue, none fails, memory stays
bounded; the per-stage deadline (the worker killed) is covered in tests/demo/test_worker.py."""

from __future__ import annotations

import resource
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from gradio_client import Client, handle_file

from space.demo import worker
from space.demo.examples import make_clip

pytestmark = pytest.mark.slow  # minutes of subprocesses and load: not part of the fast suite

SENTENCES = ["I am so happy to see you again!", "This is terrible, I am really angry.", "I am scared of the dark.",
             "What a wonderful surprise, thank you!", "I feel so sad and lonely today."]


def resident_mb(pid: int) -> float:
    """A process's resident memory now, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_five_concurrent_clips_all_answered(app, tmp_path, face_models):
    clips = [make_clip(tmp_path / f"clip{i}.mp4", text) for i, text in enumerate(SENTENCES)]
    assert worker.pool().start(wait=300)                 # as app.py does at start-up: the workers load their models
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def explain(clip):
        client = Client(app.url, analytics_enabled=False, verbose=False)  # one client per concurrent visitor
        started = time.perf_counter()
        result = client.predict(video=handle_file(str(clip)), subtitle="", language="auto", backend="offline",
                                api_name="/explain")
        return time.perf_counter() - started, result

    with ThreadPoolExecutor(max_workers=5) as pool:
        outcomes = list(pool.map(explain, clips))
    latencies = sorted(seconds for seconds, _ in outcomes)
    for (_, result), sentence in zip(outcomes, SENTENCES, strict=True):
        assert result["explanation"].startswith("In the video,") and result["labels"]
        key = max(sentence.rstrip("!.").split(), key=len).strip(",").lower()  # a content word, not "am" ("I'm")
        assert key in result["transcript"].lower()
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - rss_before
    workers = [resident_mb(pid) for pid in worker.pool().pids()]
    shown = ", ".join(f"{s:.1f}" for s in latencies)
    print(f"\n5 concurrent clips: latencies {shown} s; peak RSS growth {growth:.0f} MB in the hub's process, "
          f"demo workers {', '.join(f'{mb:.0f}' for mb in workers)} MB")
    assert growth < 1500             # the app and test share this process: bounded, not per-request copies
    assert 0 < len(workers) <= worker.pool().size and max(workers) < 1500   # models once per worker, no growth
    assert latencies[-1] < 120
