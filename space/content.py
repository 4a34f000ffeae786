"""What a submission predicted, independent of its file: a content hash for duplicates, the labels for per-sample work.

Why both: two files can differ in every byte (CSV vs JSON vs npz, a renamed header, ``[a, b]`` vs ``a, b``) and still
be the same predictions; the hash of the *parsed* predictions finds those. The labels the scorer used, stored once as
a content-addressed file next to the upload, let the board compute rank intervals, family breakdowns and head-to-head
comparisons without re-parsing or re-extracting anything. On a judge track the per-sample judge scores play that part
(:func:`judged_bytes`): a head-to-head test never asks the judge again.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from emer_eval import Predictions, Result

LABELS_FILE = "labels.json"
JUDGED_FILE = "judged.json"


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


def sample_refs(result: Result, ground_truth: Mapping[str, Any],
                put_file: Callable[[bytes, str], dict[str, Any]]) -> dict[str, Any]:
    """The per-sample results of a score, stored with ``put_file``: ``labels`` (the labels the scorer used, None on a
    judge track) and, on a judge track, ``judged`` (the per-clip judge scores)."""
    refs: dict[str, Any] = {"labels": None}
    if result.labels is not None:
        refs["labels"] = put_file(labels_bytes(result.label_runs, ground_truth), LABELS_FILE)
    if result.judged:
        per_sample = {metric: score.per_sample_dict() for metric, score in result.judged.items()}
        refs["judged"] = put_file(judged_bytes(per_sample), JUDGED_FILE)
    return refs


def stored_content(result: Result, ground_truth: Mapping[str, Any], sha256: str,
                   put_file: Callable[[bytes, str], dict[str, Any]]) -> dict[str, Any]:
    """A record's ``content``: the predictions' hash and its :func:`sample_refs`."""
    return {"sha256": sha256, **sample_refs(result, ground_truth, put_file)}


def judged_bytes(per_sample: Mapping[str, Mapping[str, float | None]]) -> bytes:
    """Per-sample judge scores (``metric → sample id → score``; None = the reply held no score) as stored JSON."""
    return json.dumps({metric: dict(scores) for metric, scores in per_sample.items()}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def load_judged(path: Path | None) -> dict[str, dict[str, float | None]] | None:
    """A stored judge-scores file (see :func:`judged_bytes`), or None when it is missing or malformed."""
    return None if path is None else _read_judged(str(path))


@functools.lru_cache(maxsize=1024)
def _read_judged(path: str) -> dict[str, dict[str, float | None]] | None:
    try:
        data = json.loads(Path(path).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not all(isinstance(scores, dict) for scores in data.values()):
        return None
    judged: dict[str, dict[str, float | None]] = {}
    for metric, scores in data.items():
        if not all(value is None or type(value) in (int, float) for value in scores.values()):
            return None
        judged[str(metric)] = {str(name): None if value is None else float(value) for name, value in scores.items()}
    return judged
