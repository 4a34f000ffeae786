"""What a submission predicted, independent of its file: a content hash for duplicates, the labels for per-sample work.

Why both: two files can differ in every byte (CSV vs JSON vs npz, a renamed header, ``[a, b]`` vs ``a, b``) and still
be the same predictions; the hash of the *parsed* predictions finds those. The labels the scorer used, stored once as
a content-addressed file next to the upload, let the board compute rank intervals, family breakdowns and head-to-head
comparisons without re-parsing or re-extracting anything.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from emer_eval import Predictions

LABELS_FILE = "labels.json"


def canonical(predictions: Predictions, ground_truth: Mapping[str, Any]) -> bytes:
    """The parsed predictions as the scorer sees them, as canonical JSON bytes.

    Only ground-truth samples count (unknown ids are ignored by the scorer); a missing sample equals an empty
    prediction; label order and repeats do not matter (the metrics are set-level); descriptions compare with their
    whitespace collapsed.
    """
    if predictions.labels is not None:
        body: dict[str, Any] = {name: sorted(set(predictions.labels.get(name, ()))) for name in ground_truth}
        kind = "labels"
    else:
        texts = predictions.texts or {}
        body = {name: " ".join(str(texts.get(name, "")).split()) for name in ground_truth}
        kind = "texts"
    return json.dumps({"kind": kind, "predictions": body}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def content_hash(predictions: Predictions, ground_truth: Mapping[str, Any]) -> str:
    """sha256 of :func:`canonical`: equal for equal predictions, whatever the file's bytes, format or header."""
    return hashlib.sha256(canonical(predictions, ground_truth)).hexdigest()


def labels_bytes(label_runs: Sequence[Mapping[str, Sequence[str]]], ground_truth: Mapping[str, Any]) -> bytes:
    """The labels the scorer used, one list per ground-truth sample (in its order), as stored JSON.

    One run (label predictions, or one extraction) is a JSON object ``{sample: [labels]}``; k extraction runs are a
    JSON array of k such objects, run 1 first, so per-sample results can average over every run as the score does.
    """
    runs = [{name: list(labels.get(name, ())) for name in ground_truth} for labels in label_runs] or [{}]
    return json.dumps(runs[0] if len(runs) == 1 else runs, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def load_labels(path: Path | None) -> list[dict[str, list[str]]] | None:
    """The runs of a stored labels file (see :func:`labels_bytes`), or None when it is missing or unreadable."""
    if path is None:
        return None
    return _read_labels(str(path))


@functools.lru_cache(maxsize=4096)
def _read_labels(path: str) -> list[dict[str, list[str]]] | None:
    """Content-addressed files never change, so a path read once is cached for the life of the process."""
    try:
        data = json.loads(Path(path).read_bytes())
    except (OSError, ValueError):
        return None
    runs = data if isinstance(data, list) and data else [data]
    if not all(isinstance(run, dict) and all(isinstance(v, list) for v in run.values()) for run in runs):
        return None
    return [{str(name): [str(label) for label in labels] for name, labels in run.items()} for run in runs]
