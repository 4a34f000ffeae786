"""Size and time of the README's two install commands, each in a fresh virtual environment.

For ``pip install -r requirements.txt`` (the Space) and ``pip install -r requirements-test.txt`` (tests, lint, the
``[text]`` extra): the wall time of the install, the size of the environment, whether torch or test tools came
in, and the state of pip's cache (each command's first run gets an empty cache directory of its own, so it is cold;
each command is then installed a second time, into another fresh venv, with the cache its first run filled: warm).
Runs on a clean copy of the committed tree (``git archive HEAD``), so local files cannot leak in.

    python benchmarks/install_size.py [--write]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.results import write_section  # noqa: E402


def megabytes(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20


def installed(python: Path, module: str) -> bool:
    return subprocess.run([str(python), "-c", f"import {module}"], capture_output=True).returncode == 0


def measure(source: Path, work: Path, name: str, requirements: str, cache: Path) -> str:
    """One fresh venv, one ``pip install -r``; a table row."""
    venv = Path(tempfile.mkdtemp(prefix=f"venv-{name}-", dir=work))  # never one that an earlier row filled
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    bare = megabytes(venv)
    cache_before = megabytes(cache) if cache.exists() else 0.0
    start = time.perf_counter()
    done = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "-r", requirements], cwd=source,
                          env={**os.environ, "PIP_CACHE_DIR": str(cache)}, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{name}: pip failed\n{done.stderr[-2000:]}")
    python = venv / "bin" / "python"
    extras = ", ".join(m for m in ("torch", "pytest", "playwright", "mypy") if installed(python, m)) or "none"
    return (f"| `pip install -r {requirements}` | {name} | {seconds:.0f} s | {megabytes(venv) - bare:,.0f} MB | "
            f"{extras} | {cache_before:.0f} → {megabytes(cache):.0f} MB | {os.getloadavg()[0]:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record the table in benchmarks/RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="emer-install-") as tmp:
        work = Path(tmp)
        source = work / "src"
        source.mkdir()
        archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=REPO, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
        rows = [measure(source, work, "cold", "requirements.txt", work / "cache-space"),
                measure(source, work, "warm", "requirements.txt", work / "cache-space"),
                measure(source, work, "cold", "requirements-test.txt", work / "cache-test"),
                measure(source, work, "warm", "requirements-test.txt", work / "cache-test")]
        shutil.rmtree(source)
    table = "\n".join([
        "| command | pip cache | wall | environment size | of torch, pytest, playwright, mypy | pip cache | load |",
        "|---|---|---|---|---|---|---|", *rows])
    print(table)
    if args.write:
        write_section("Install size and time", "Each README command in a fresh `python -m venv` (size: the "
                      "environment minus the bare venv), from a `git archive` of the committed tree; cold: an empty "
                      "pip cache of its own, warm: the cache the cold run of the same command filled "
                      "(`python benchmarks/install_size.py --write`); load is the 1-minute load average on the 2 "
                      "cores when the install ended.\n\n" + table)


if __name__ == "__main__":
    main()
