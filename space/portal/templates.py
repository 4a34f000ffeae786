"""Downloadable template files, one per track: every sample id of the track with an empty prediction to fill in."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ..tracks import Track


def template_text(track: Track, names: Iterable[str]) -> str:
    """A CSV with the track's ids and the column it expects (``openset`` or ``reason``); ids are not secret."""
    column = "openset" if track.input == "labels" else "reason"
    chinese = track.judged and "zh" in track.references
    example = "['happy', 'relieved']" if track.input == "labels" else (
        "在视频中，…… 在音频中，…… 在文本中，…… 因此，推测他的情感状态为放松、高兴。" if chinese
        else "In the video, … In the audio, … In the text, … Based on these clues, he feels relieved and happy.")
    handle = io.StringIO(newline="")
    writer = csv.writer(handle)
    writer.writerow(["name", column])
    for index, name in enumerate(sorted(names)):
        writer.writerow([name, example if index == 0 else ""])
    return handle.getvalue()
