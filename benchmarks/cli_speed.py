"""Whole-process speed of the ``emer-eval`` command: wall time, peak memory, and where the time goes.

Runs ``python -m emer_eval score --json`` as users do (a fresh process each time, the parsed-wheel disk cache warm)
on the 332-sample OV-MERD set and on a 20,000-sample synthetic set, with the default 1,000-resample bootstrap and
without it (``--bootstrap 0``). Peak memory is each process's own (``wait4``), not a running maximum. Prints a
markdown table, and with ``--write`` records it in benchmarks/RESULTS.md with the load average it ran under.

    python benchmarks/cli_speed.py [--data DIR] [--repeat 5] [--write]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.results import write_section  # noqa: E402


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one ``python -m emer_eval`` process (its own
    rusage, reaped by ``wait4``). CPU time is what the process itself needed, however loaded the machine is."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "emer_eval", *args], cwd=REPO, env=env, stdout=out,
                                   stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            raise SystemExit(err.read().decode(errors="replace"))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


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
    parser.add_argument("--write", action="store_true", help="record the table in benchmarks/RESULTS.md")
    args = parser.parse_args()
    data = Path(args.data)
    gt = data / "mertools-mer2024-ov-store" / "check-openset.csv"
    pred = data / "ovmer-baseline-outputs-ovmerd" / "Chat-UniVi" / "output-reason-7b-nosubtitle-addsub-eng-openset.npz"
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "EMER_DATA": str(data), "EMER_EVAL_CACHE": str(Path(tmp) / "cache")}
        big_pred, big_gt = synthetic(gt, Path(tmp), 20_000)
        run(["score", "--pred", str(pred), "--gt", str(gt), "--json"], env)  # fills the parsed-wheel cache
        lines = [f"| samples | bootstrap | wall (median of {args.repeat}) | fastest wall | CPU user+sys (median) | "
                 "peak RSS | target |", "|---|---|---|---|---|---|---|"]
        targets = {"332": "< 0.4 s", "20,000": "< 1.5 s"}
        limits = {"332": 0.4, "20,000": 1.5}
        verdicts, peak_all = [], 0.0
        for label, (p, g) in (("332", (pred, gt)), ("20,000", (big_pred, big_gt))):
            for boot in ("1000", "0"):
                walls, cpus, peaks = zip(*(run(["score", "--pred", str(p), "--gt", str(g), "--json", "--bootstrap",
                                                boot], env) for _ in range(args.repeat)), strict=True)
                lines.append(f"| {label} | {boot} | {statistics.median(walls):.2f} s | {min(walls):.2f} s | "
                             f"{statistics.median(cpus):.2f} s | {max(peaks):.0f} MB | {targets[label]}, < 150 MB |")
                peak_all = max(peak_all, *peaks)
                if boot == "1000":
                    met = "met" if statistics.median(walls) < limits[label] else "missed"
                    verdicts.append(f"{label} samples with the CI {met} ({statistics.median(walls):.2f} s median, "
                                    f"target {targets[label]})")
        imports = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import emer_eval.cli"], cwd=REPO, env=env, check=True)
            imports.append(time.perf_counter() - start)
        lines.append(f"\n`python -c 'import emer_eval.cli'` alone: {statistics.median(imports):.2f} s wall (median).")
        lines.append(f"Targets: {'; '.join(verdicts)}; memory {'met' if peak_all < 150 else 'missed'} "
                     f"(largest peak {peak_all:.0f} MB, target < 150 MB).")
    lines.append(f"1-minute load average on the 2 cores: {load_before:.1f} before, {os.getloadavg()[0]:.1f} after "
                 f"(other work shared the machine; an idle machine is faster).")
    print("\n".join(lines))
    if args.write:
        write_section("Whole-process CLI speed", "`python -m emer_eval score --json` as a fresh process each time, "
                      "the parsed-wheel disk cache warm, bootstrap in chunks of at most 2^21 cells "
                      "(`python benchmarks/cli_speed.py --write`).\n\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
