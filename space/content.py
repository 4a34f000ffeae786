"""What a submission predicted, independent of its file: a content hash for duplicates, the labels for per-sample work.

Why both: two files can differ in every byte (CSV vs JSON vs npz, a renamed header, ``[a, b]`` vs ``a, b``) and still
be the same predictions; the hash of the *parsed* predictions finds those, and of a description only what it says
(:func:`same_text`). The labels the scorer used, stored once as
a content-addressed file next to the upload, let the board compute rank intervals, family breakdowns and head-to-head
comparisons without re-parsing or re-extracting anything. On a judge track the per-sample judge scores play that part
(:func:`judged_bytes`): a head-to-head test never asks the judge again.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emer_eval import Predictions, Result, load_predictions

from .tracks import Track, read_as, signature_fields

if TYPE_CHECKING:
    from .store import Store, Submission

LABELS_FILE = "labels.json"
JUDGED_FILE = "judged.json"
CANONICAL = 2
"""The version of :func:`canonical` behind a record's ``content.sha256``, stored beside it as ``content.canonical``.
A record without it hashed descriptions with only their whitespace collapsed (version 1): its hash is recomputed
from its stored upload when compared (:func:`current_hash`), so old entries and new copies of them still meet.
Label lists hash as they did (the parser already lowercases them)."""
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u00ab": '"', "\u00bb": '"'})


def canonical(predictions: Predictions, ground_truth: Mapping[str, Any]) -> bytes:
    """The parsed predictions as the scorer sees them, as canonical JSON bytes.

    Only ground-truth samples count (unknown ids are ignored by the scorer); a missing sample equals an empty
    prediction; label order and repeats do not matter (the metrics are set-level); descriptions compare by what they
    say (:func:`same_text`). Labels are compared as parsed: the parser lowercases and strips them, as the metrics
    read them, and a fullwidth label is out of the wheels' vocabulary, so it scores differently.
    """
    if predictions.labels is not None:
        body: dict[str, Any] = {name: sorted(set(predictions.labels.get(name, ()))) for name in ground_truth}
        kind = "labels"
    else:
        texts = predictions.texts or {}
        body = {name: same_text(str(texts.get(name, ""))) for name in ground_truth}
        kind = "texts"
    return json.dumps({"kind": kind, "predictions": body}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def content_hash(predictions: Predictions, ground_truth: Mapping[str, Any]) -> str:
    """sha256 of :func:`canonical`: equal for equal predictions, whatever the file's bytes, format or header."""
    return hashlib.sha256(canonical(predictions, ground_truth)).hexdigest()


def same_text(text: str) -> str:
    """A description reduced to what it says: compatibility forms (fullwidth letters, ligatures) read as their plain
    letters (NFKC), case folded, typographic quotes and apostrophes straight, whitespace collapsed — a copy changed
    only in these is the same description to a reader and to the extractor, so it must not pass as new predictions.
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(folded.translate(_QUOTES).split())


def current_hash(record: Submission, store: Store, track: Track, ground_truth: Mapping[str, Any] | None) -> str | None:
    """A record's content hash under the current :func:`canonical` (None: it has none, as records older than content
    hashes). A record of an older version is rehashed from its stored upload as ``track`` reads it (descriptions
    only on an explanations track, as a new upload is hashed) — its stored hash is kept when the upload or the
    track's ground truth is not on this disk — cached per upload; one scored from label lists (``extract:none`` in
    its signature) hashes as before and is not read again."""
    content = record.content or {}
    stored = content.get("sha256")
    if content.get("canonical") == CANONICAL or not isinstance(stored, str) or ground_truth is None \
            or signature_fields(record.signature).get("extract") == "none":  # parsed only for an older record
        return stored
    path = store.file_path(record.file)
    return stored if path is None else _rehash(str(path), tuple(ground_truth), track.input) or stored


@functools.lru_cache(maxsize=4096)
def _rehash(path: str, samples: tuple[str, ...], track_input: str) -> str | None:
    """Content-addressed uploads never change: each is parsed once per process (None: it no longer parses)."""
    try:
        return content_hash(read_as(track_input, load_predictions(path)), dict.fromkeys(samples))
    except Exception:  # an old upload the parser now refuses: its stored hash stays the best there is
        return None


def same_content(store: Store, track: Track, sha256: str, ground_truth: Mapping[str, Any] | None,
                 statuses: Collection[str] = ("scored",)) -> list[Submission]:
    """Records of ``track`` (with one of ``statuses``) whose predictions hash to ``sha256`` now, oldest first: the
    indexed ones of the current version, and older-version records rehashed (:func:`current_hash`)."""
    found = {sub.id: sub for sub in store.find_by_content(track.id, sha256, statuses=statuses)}
    for sub in store.records(track.id, statuses=statuses):  # a current record's hash is its stored one, indexed
        if sub.id not in found and current_hash(sub, store, track, ground_truth) == sha256:
            found[sub.id] = sub
    return sorted(found.values(), key=lambda sub: (sub.created_at, sub.id))


def rehashed(records: Sequence[Submission], store: Store, track: Track,
             ground_truth: Mapping[str, Any] | None) -> list[Submission]:
    """``records`` with each content hash as :func:`current_hash` gives it, for a view that compares stored hashes
    (the board's "identical to" marks) the way a new submission is compared."""
    return [sub if (sha := current_hash(sub, store, track, ground_truth)) == (sub.content or {}).get("sha256")
            else dataclasses.replace(sub, content={**(sub.content or {}), "sha256": sha, "canonical": CANONICAL})
            for sub in records]


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
    """A record's ``content``: the predictions' hash (of :data:`CANONICAL`) and its :func:`sample_refs`."""
    return {"sha256": sha256, "canonical": CANONICAL, **sample_refs(result, ground_truth, put_file)}


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
