"""Speed and memory of emer_eval's core scoring (issue targets on a 2-core machine).

Measures: building the wheel resources; one 332-sample submission with all 12 EW metrics; the 31 OV-MER label files
in the data folder for both wheel versions; a generated 20,000-sample submission; peak memory of the core (no torch).

    python benchmarks/scoring_speed.py [--data DIR] [--write]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.results import write_section
from emer_eval import load_ground_truth, load_predictions
from emer_eval.metrics.ew import bootstrap_ci, sample_stats, summarise
from emer_eval.resources import resolve
from emer_eval.wheels import WHEEL_RESOURCES, Wheels, build_wheels, load_wheels

Labels = Mapping[str, Sequence[str]]
REFERENCE_SECONDS = {"2026": 0.25, "2025": 22.0}  # the authors' code, per 332-sample submission (issue measurement)


def score_one(wheels: Wheels, predictions: Labels, gt: Labels) -> object:
    return summarise(sample_stats(wheels, predictions, gt))


def score_all(wheels: Wheels, predictions: list[Labels], gt: Labels) -> object:
    return [score_one(wheels, p, gt) for p in predictions]


def ci_one(wheels: Wheels, predictions: Labels, gt: Labels) -> object:
    return bootstrap_ci(sample_stats(wheels, predictions, gt))


def label_files(data: Path) -> list[Path]:
    files = sorted((data / "ovmer-baseline-outputs-ovmerd").glob("*/*-openset.npz"))
    return files + [data / "mertools-mer2024-ov-store" / "predict-openset.csv"]


def timed(function: Callable[..., object], *args: object, repeat: int = 5) -> tuple[float, object]:
    """Median wall time of ``repeat`` calls of ``function(*args)``, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def fresh_process_load(data: Path) -> float:
    """Seconds to import emer_eval and build both wheel versions in a new interpreter (what a user waits for)."""
    code = ("import time; t = time.perf_counter(); from emer_eval.wheels import load_wheels; "
            f"load_wheels('2025', ({str(data)!r},)); load_wheels('2026', ({str(data)!r},)); "
            "print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[1])
    return float(done.stdout)


def synthetic(wheels, n: int, seed: int = 0) -> tuple[dict, dict]:
    """n samples of 1–8 labels drawn from the surface forms, plus 10 % out-of-vocabulary words."""
    rng = random.Random(seed)
    forms = sorted(wheels.format_map)
    oov = [f"oov-word-{i}" for i in range(200)]

    def labels() -> list[str]:
        return [rng.choice(oov) if rng.random() < 0.1 else rng.choice(forms) for _ in range(rng.randint(1, 8))]

    names = [f"sample_{i:08d}" for i in range(n)]
    return {name: labels() for name in names}, {name: labels() for name in names}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = str(Path(__file__).resolve().parents[2] / "shared" / "emer-data")
    parser.add_argument("--data", default=os.environ.get("EMER_DATA", default_data))
    parser.add_argument("--write", action="store_true", help="record the results in benchmarks/RESULTS.md")
    args = parser.parse_args()
    data = Path(args.data.split(os.pathsep)[0])
    dirs = (str(data),)
    gt = load_ground_truth(data / "mertools-mer2024-ov-store" / "check-openset.csv")
    files = label_files(data)
    predictions = [load_predictions(path).labels for path in files]

    rows = []
    for version in ("2025", "2026"):
        folder = resolve(WHEEL_RESOURCES[version], dirs)
        build_time, _ = timed(build_wheels, folder, version, repeat=3)
        wheels = load_wheels(version, dirs)
        first = time.perf_counter()
        sample_stats(wheels, predictions[0], gt)           # cold label memo
        cold = time.perf_counter() - first
        one, _ = timed(score_one, wheels, predictions[0], gt, repeat=20)
        every, _ = timed(score_all, wheels, predictions, gt, repeat=3)
        ci, _ = timed(ci_one, wheels, predictions[0], gt, repeat=5)
        big_pred, big_gt = synthetic(wheels, 20_000)
        big, _ = timed(score_one, wheels, big_pred, big_gt, repeat=3)
        rows.append((version, build_time, cold, one, every, ci, big))

    fresh = statistics.median(fresh_process_load(data) for _ in range(3))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        f"Data: {len(files)} OV-MER label files (332 samples each) and a generated 20,000-sample file "
        f"(1–8 labels per sample, 10 % out of vocabulary). Wall-clock medians.",
        "",
        "| wheels | build resources | 1 × 332 (first, cold label memo) | 1 × 332, all 12 EW | "
        f"{len(files)} files | + bootstrap CI (1,000) | 20,000 samples | speed-up vs reference |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for version, build_time, cold, one, every, ci, big in rows:
        lines.append(f"| {version} | {build_time * 1000:.0f} ms | {cold * 1000:.1f} ms | {one * 1000:.2f} ms | "
                     f"{every * 1000:.0f} ms | {ci * 1000:.1f} ms | {big * 1000:.0f} ms | "
                     f"{REFERENCE_SECONDS[version] / cold:,.0f}× (reference {REFERENCE_SECONDS[version]} s) |")
    lines += [
        "",
        f"Import + build of both wheel versions in a fresh process: {fresh * 1000:.0f} ms.",
        "",
        f"Peak resident memory of the whole run (core only, no torch): {peak_mb:.0f} MB.",
        "",
        "Targets: resources < 1 s; one 332-sample submission, all 12 EW metrics < 20 ms; 20,000 samples < 1 s; "
        "peak memory < 300 MB; ≥ 20× faster than the reference. The speed-up uses the cold (first) submission.",
    ]
    body = "\n".join(lines)
    print(body)
    if args.write:
        write_section("emer_eval scoring speed", body)


if __name__ == "__main__":
    main()
