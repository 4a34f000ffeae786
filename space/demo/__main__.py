"""``python -m space.demo batch CLIPS_DIR -o predictions.csv``: the demo pipeline over a folder of clips.

Writes a file the portal accepts (``name, openset, reason``) plus an ``error`` column: a clip that cannot be analysed
gets its message there instead of aborting the run. The sample name is the file name without its suffix; a subtitle
may sit beside a clip as ``<name>.txt`` (otherwise the audio is transcribed).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from tqdm import tqdm

from .pipeline import BACKENDS, explain

VIDEO_SUFFIXES = (".mp4", ".webm", ".mov", ".mkv")


def batch(folder: Path, output: Path, *, backend: str = "offline", language: str = "auto") -> tuple[int, int]:
    """Analyse every clip in ``folder``; returns (clips, clips with an error)."""
    clips = sorted(path for path in folder.iterdir() if path.suffix.lower() in VIDEO_SUFFIXES)
    failures = 0
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "openset", "reason", "error"])
        for path in tqdm(clips, desc="clips", unit="clip"):
            sidecar = path.with_suffix(".txt")
            subtitle = sidecar.read_text(encoding="utf-8").strip() if sidecar.is_file() else ""
            try:
                result = explain(path, subtitle=subtitle, language=language, backend=backend)
                labels = [label.label for label in result.labels]
                error = "" if result.explanation else "; ".join(result.all_notices()) or "no result"
            except Exception as exc:  # one bad clip must not end the run
                labels, error, result = [], f"{type(exc).__name__}: {exc}", None
            failures += bool(error)
            writer.writerow([path.stem, repr(labels), result.explanation if result else "", error])
    return len(clips), failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m space.demo", description="EMER Hub demo pipeline")
    commands = parser.add_subparsers(dest="command", required=True)
    run_batch = commands.add_parser("batch", help="explain every clip of a folder into a predictions CSV")
    run_batch.add_argument("folder", type=Path)
    run_batch.add_argument("-o", "--output", type=Path, required=True)
    run_batch.add_argument("--backend", choices=BACKENDS, default="offline")
    run_batch.add_argument("--language", choices=("auto", "en", "zh"), default="auto")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"error: {args.folder} is not a folder", file=sys.stderr)
        return 2
    total, failed = batch(args.folder, args.output, backend=args.backend, language=args.language)
    print(f"{total} clips, {failed} with an error → {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
