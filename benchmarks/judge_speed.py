"""Judge calls and wall time of the EMER-V1 track (100 clips): cold cache, second model, warm cache.

The judge is the tests' local OpenAI-protocol server on 127.0.0.1 (deterministic replies), optionally made to wait
``--latency`` seconds per request like a real endpoint, so the numbers show what the hub adds (requests per clip,
concurrency, cache) rather than a model's speed.

    python benchmarks/judge_speed.py [--data DIR] [--latency 0.1] [--write]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from fake_llm import FakeChatServer, judge_reply  # noqa: E402

from benchmarks.results import write_section  # noqa: E402
from emer_eval import Judge, LLMConfig, load_predictions, score_judged  # noqa: E402

BASELINES = "affectgpt-emer-v1-baseline-results"


def run(server: FakeChatServer, cache: Path, data: Path, model_file: str, workers: int) -> tuple[float, int, float]:
    """(seconds, requests sent, clue_overlap mean) of one 100-clip submission judged with both metrics."""
    judge = Judge(LLMConfig(base_url=server.base_url, model="bench-judge"), cache_dir=str(cache), workers=workers)
    references = load_predictions(data / BASELINES / "gt.csv").texts or {}
    predictions = load_predictions(data / BASELINES / model_file)
    before = len(server.requests)
    start = time.perf_counter()
    result = score_judged(predictions, references, judge=judge, lang="zh")
    return time.perf_counter() - start, len(server.requests) - before, result.judged["clue_overlap"].mean


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("EMER_DATA", str(REPO.parent / "shared" / "emer-data")))
    parser.add_argument("--latency", type=float, default=0.1, help="seconds the fake judge waits per request")
    parser.add_argument("--write", action="store_true", help="write the section of benchmarks/RESULTS.md")
    args = parser.parse_args()
    data = Path(args.data.split(os.pathsep)[0])

    def slow_reply(body: dict[str, Any], n: int) -> tuple[int, str]:
        time.sleep(args.latency)
        return judge_reply(body, n)

    rows = []
    server = FakeChatServer(slow_reply)
    try:
        for workers in (1, 4, 8):
            with tempfile.TemporaryDirectory() as folder:
                cache = Path(folder)
                cold = run(server, cache, data, "valley.csv", workers)
                other = run(server, cache, data, "pandagpt.csv", workers)
                warm = run(server, cache, data, "valley.csv", workers)
                rows.append((workers, cold, other, warm))
    finally:
        server.close()

    load = os.getloadavg()[0]
    lines = [f"One 100-clip submission judged with clue and label overlap; fake judge on 127.0.0.1 answering after "
             f"{args.latency:g} s per request (a stand-in for a real endpoint's latency). The hub's judge sends 4 "
             f"requests at a time (the `Judge` default). Load average at the end: {load:.1f}.", "",
             "| workers (concurrent requests) | cold: requests (per clip) | cold: wall s | 2nd model, gt summaries "
             "cached: requests | wall s | warm (same file again): requests | wall s |",
             "|---|---|---|---|---|---|---|"]
    for workers, cold, other, warm in rows:
        lines.append(f"| {workers} | {cold[1]} ({cold[1] / 100:.1f}) | {cold[0]:.2f} | {other[1]} | {other[0]:.2f} | "
                     f"{warm[1]} | {warm[0]:.3f} |")
    lines += ["", "Per clip at most 4 requests: 1 clue prompt, 2 summaries (ground truth and prediction), 1 label "
              "prompt; a prompt identical to one already answered (the same ground-truth summary for every model, "
              "the same pair of summaries) is answered from the cache, so later models cost at most 3 per clip. A "
              "warm run sends nothing and must stay under 1 s. Wall time of a cold run ≈ requests × latency ÷ workers."]
    body = "\n".join(lines)
    print(body)
    if args.write:
        write_section("EMER-V1 judge track", body)


if __name__ == "__main__":
    main()
