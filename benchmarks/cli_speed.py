"""Whole-process speed of the ``emer-eval`` command: wall time, peak memory, and where the time goes.

Runs ``python -m emer_eval score --json`` as users do (a fresh process each time, the parsed-wheel disk cache warm)
on the 332-sample OV-MERD set and on a 20,000-sample synthetic set, with the default 1,000-resample bootstrap and
without it (``--bootstrap 0``). Prints a markdown table for benchmarks/RESULTS.md.

    python benchmarks/cli_speed.py [--data DIR] [--repeat 5]
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one ``python -m emer_eval`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "emer_eval", *args], cwd=REPO, env=env, capture_output=True,
                          text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def synthetic(gt_path: Path, folder: Path, n: int) -> tuple[Path, Path]:
    """A ground truth and predictions of ``n`` samples, cycling the real OV-MERD labels."""
    with gt_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    gt, pred = folder / "gt.csv", folder / "pred.csv"
    with gt.open("w", encoding="utf-8", newline="") as g, pred.open("w", encoding="utf-8", newline="") as p:
        gw, pw = csv.writer(g), csv.writer(p)
        gw.writerow(["name", "openset"])
        pw.writerow(["name", "openset"])
        for i in range(n):
            row, other = rows[i % len(rows)], rows[(i * 7 + 3) % len(rows)]
            gw.writerow([f"s{i:06d}", row["openset"]])
            pw.writerow([f"s{i:06d}", other["openset"]])
    return pred, gt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("EMER_DATA", str(REPO.parent / "shared" / "emer-data")))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = Path(args.data)
    gt = data / "mertools-mer2024-ov-store" / "check-openset.csv"
    pred = data / "ovmer-baseline-outputs-ovmerd" / "Chat-UniVi" / "output-reason-7b-nosubtitle-addsub-eng-openset.npz"
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "EMER_DATA": str(data), "EMER_EVAL_CACHE": str(Path(tmp) / "cache")}
        big_pred, big_gt = synthetic(gt, Path(tmp), 20_000)
        run(["score", "--pred", str(pred), "--gt", str(gt), "--json"], env)  # fills the parsed-wheel cache
        lines = [f"| samples | bootstrap | wall (median of {args.repeat}) | peak RSS |", "|---|---|---|---|"]
        for label, (p, g) in (("332", (pred, gt)), ("20,000", (big_pred, big_gt))):
            for boot in ("1000", "0"):
                walls, peaks = zip(*(run(["score", "--pred", str(p), "--gt", str(g), "--json", "--bootstrap", boot],
                                         env) for _ in range(args.repeat)), strict=True)
                lines.append(f"| {label} | {boot} | {statistics.median(walls):.2f} s | {max(peaks):.0f} MB |")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import emer_eval.cli"], cwd=REPO, env=env, check=True)
        lines.append(f"\n`python -c 'import emer_eval.cli'` alone: {time.perf_counter() - start:.2f} s wall.")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
