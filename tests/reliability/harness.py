"""Shared pieces of the reliability tests: the track and limits used, and how time and memory are measured."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TRACK = "ovmerd-labels"
ADMIN = "boss"
LIMITS = {"EMER_HUB_DAILY_QUOTA": 1000, "EMER_HUB_DAILY_ATTEMPTS": 1000, "EMER_HUB_HOURLY_UPLOAD_MB": 2000}
"""The session app serves hundreds of hostile uploads from one address: its quotas are raised (tests/reliability/
test_uploads.py tests the hourly upload cap on an app of its own)."""
FIGURES: dict[str, dict[str, dict[str, Any]]] = {"portal": {}, "cli": {}, "app": {}}
"""Per channel, per hostile case: outcome, seconds, peak RSS growth — filled by test_hostile_files."""


def summarise(figures: dict[str, dict[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Per channel: number of cases, count per outcome, the slowest and the most memory-hungry case."""
    summary = {}
    for channel, cases in figures.items():
        if not cases:
            continue
        outcomes: dict[str, int] = {}
        for entry in cases.values():
            outcomes[entry["outcome"]] = outcomes.get(entry["outcome"], 0) + 1
        slowest = max(cases.items(), key=lambda item: item[1]["seconds"])
        largest = max(cases.items(), key=lambda item: item[1]["peak_rss_growth_mb"])
        summary[channel] = {"cases": len(cases), "outcomes": outcomes, "max_seconds": slowest[1]["seconds"],
                            "slowest": slowest[0], "max_peak_rss_growth_mb": largest[1]["peak_rss_growth_mb"],
                            "largest": largest[0]}
    return summary


@dataclass
class Measure:
    seconds: float = 0.0
    peak_mb: float = 0.0
    method: str = ""


def _status_kb(field: str) -> int:
    match = re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.M)
    return int(match.group(1)) if match else 0


def _reset_peak_rss() -> bool:
    """Reset this process's peak RSS (VmHWM) to its current RSS — Linux ``clear_refs`` 5; False where unsupported."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


@contextmanager
def measure() -> Iterator[Measure]:
    """Wall time and peak RSS growth of the block (VmHWM after a reset; tracemalloc's peak where that is impossible)."""
    result = Measure()
    exact = _reset_peak_rss()
    if not exact:
        tracemalloc.start()
    start_rss = _status_kb("VmRSS")
    start = time.perf_counter()
    try:
        yield result
    finally:
        result.seconds = time.perf_counter() - start
        if exact:
            result.peak_mb, result.method = max(0, _status_kb("VmHWM") - start_rss) / 1024, "VmHWM"
        else:
            result.peak_mb, result.method = tracemalloc.get_traced_memory()[1] / 2**20, "tracemalloc"
            tracemalloc.stop()


_SPAWNER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
child.returncode = code = os.waitstatus_to_exitcode(status)
with open(sys.argv[1], "w") as report:
    report.write(str(usage.ru_maxrss))
sys.exit(code if code >= 0 else 128 - code)
"""
"""Runs a command and writes its peak RSS (KiB). Why a middle process: ``ru_maxrss`` survives ``exec`` and a child
forked from the test process starts with the test process's memory (gigabytes once torch is imported); a child forked
from this small spawner starts small, so its peak is its own."""


def run_cli(args: list[str], timeout: float = 60.0) -> tuple[int, str, str, float, float]:
    """``python -m emer_eval *args``: exit code, stdout, stderr, seconds and the CLI process's own peak RSS in MB."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", _SPAWNER, rss.name, sys.executable, "-m", "emer_eval", *args],
                                   stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True,
                                   env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        try:
            code = process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        peak_kib = int(rss.read() or 0)
        return code, out.read().decode("utf-8"), err.read().decode("utf-8"), seconds, peak_kib / 1024
