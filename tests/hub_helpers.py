"""Helpers shared by the hub tests: settings on a temporary store and test files (the app: ``launch_app``)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from emer_eval import Predictions
from space.config import Settings

DECLARED = {"training_data": ["none"], "zero_shot": "yes"}
"""The declarations every submission needs (no emotion training data, zero-shot): merged into test metadata and
passed as keyword arguments to ``/submit_predictions``."""


def private_tracks(folder: Path) -> Path:
    """A copy of the hub's tracks file whose tracks are private (aggregates only), for tests of that mechanism."""
    from space.config import REPO

    text = (REPO / "space" / "tracks.toml").read_text(encoding="utf-8")
    path = folder / "private-tracks.toml"
    path.write_text(text.replace('test_set = "public"', 'test_set = "private"'), encoding="utf-8")
    return path


def make_settings(tmp_path: Path, **changes) -> Settings:
    """Settings for a hub on ``tmp_path`` that reads the real data; ``changes`` are extra environment variables."""
    env = {"EMER_DATA": os.environ["EMER_DATA"], "EMER_HUB_STORE_DIR": str(tmp_path / "store"),
           "EMER_HUB_LOCAL_USER": "tester", "EMER_HUB_BOOTSTRAP": "200"}
    env.update({key: str(value) for key, value in changes.items()})
    return Settings.from_env(env)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def droppable(source: Predictions) -> list[str]:
    """Samples with at least one predicted label: leaving one out changes the predictions, not only the bytes (the
    portal refuses an owner's second submission of the same predictions, whatever its bytes)."""
    assert source.labels is not None
    return [name for name in source.names if source.labels[name]]


def labels_without(source: Predictions, dropped: str, path: Path) -> Path:
    """``source``'s labels as an ``openset`` CSV without sample ``dropped``: a valid file with bytes of its own."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "openset"])
        writer.writerows([name, str(list(source.labels[name]))] for name in source.names if name != dropped)
    return path

