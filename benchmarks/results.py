"""Write one benchmark's section of ``benchmarks/RESULTS.md``, replacing the previous run of the same benchmark."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")
HEADER = "# Benchmark results\n\nEach section is written by the script it names; re-run the script to refresh it.\n"


def machine() -> str:
    """One line describing where and when the numbers were measured."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC · {cpu} · {os.cpu_count()} cores · "
            f"Python {platform.python_version()} · {platform.system()} {platform.release()}")


def write_section(title: str, body: str) -> None:
    """Replace (or append) the ``## title`` section, delimited by markers so re-runs do not duplicate it."""
    start, end = f"<!-- {title} -->", f"<!-- /{title} -->"
    section = f"{start}\n## {title}\n\n_{machine()}_\n\n{body.strip()}\n{end}\n"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else HEADER
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end) + "\n?", re.S)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text, encoding="utf-8")
