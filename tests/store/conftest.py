"""Shared helpers of the store tests: a store in a temporary folder and a one-call valid submission."""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from space.store import Store, Submission

TRACK = "ovmerd"


def submit(store: Store, user: str = "alice", content: bytes | None = None, **overrides: Any) -> Submission:
    """Store a scored submission as the portal would: the file first, then the record that references it."""
    fields: dict[str, Any] = {
        "track": TRACK, "user": user, "status": "scored",
        "metadata": {"model_name": f"model-{user}", "organisation": "lab", "link": "https://example.org",
                     "modalities": ["video", "audio"], "open_weights": True, "description": "a test model"},
        "scores": {"EW-L1": {"f": 0.5, "p": 0.6, "r": 0.4}}, "oov": {"labels": 10, "dropped": 1, "fraction": 0.1},
        "warnings": ["2 unknown ids ignored"], "signature": "emer-eval:0.1.0|ew:2025", "emer_eval_version": "0.1.0",
    }
    if content is not None:
        fields["file"] = store.put_file(content, "predictions.csv")
    fields.update(overrides)
    return store.add(**fields)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "store") as opened:
        yield opened
