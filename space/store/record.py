"""The record and event schema, one validator for writing and loading, and the fold into a current view.

A record states what happened when a submission arrived and is never rewritten; later facts (a re-score under a new
scorer version, a moderator hiding or flagging it) are events. :func:`fold` replays a record's events into the
:class:`Submission` the app displays, so old scores and every moderation action stay on disk by construction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from . import layout

if TYPE_CHECKING:
    import emer_eval

SCHEMA = 1
STATUSES = ("scored", "rejected", "baseline")
SOURCES = ("submitted", "baseline")
MODERATION = {"hide": "hidden", "flag": "flagged", "restore": "visible", "hold": "held"}
"""Moderation event kind → the visibility it leaves the record in. ``hold`` is the hub's own: a submission that
looks like the ground truth waits, unranked, until an admin restores (approves) or hides it."""
LISTED = ("visible", "flagged")
"""The visibilities shown to visitors (a flagged entry with its mark): a hidden or held one is on no board, detail
view, download or figure."""
EVENT_KINDS = ("rescore", "resolve", *MODERATION)
"""``resolve``: an admin reviewed an entry marked "identical to" another owner's earlier entry and kept both; the mark
is cleared and the reason shown publicly (hiding one of the two is an ordinary ``hide``)."""
SCORE_FIELDS = ("scores", "oov", "signature", "emer_eval_version", "scored_at")
"""What a rescore replaces; the replaced values move to ``history``. A rescore may also name the per-sample results it
scored (``labels``, or a judge track's ``judged`` scores; file refs): the record's ``content`` then follows them, so
per-sample results match the scores."""
SAMPLE_REFS = ("labels", "judged")
"""The file refs of per-sample results a record's ``content`` (and a rescore event) may name."""

_RECORD_ID = re.compile(layout.RECORD_ID_PATTERN)
_EVENT_ID = re.compile(layout.EVENT_ID_PATTERN)
_SHA256 = re.compile(layout.SHA256_PATTERN)


class SchemaError(ValueError):
    """A record or event that does not follow the schema; the message names the field."""


@dataclass(frozen=True)
class Submission:
    """The folded, current view of one record: its latest scores, earlier ones in ``history``, its visibility.

    ``history`` holds the replaced score sets, oldest first, each with the :data:`SCORE_FIELDS` plus ``replaced_at``
    and ``replaced_by`` (the rescore event that superseded it). ``moderation`` lists every hide / flag / restore as
    ``{"kind", "actor", "at", "reason"}``, oldest first. Containers are fresh copies: changing them changes nothing
    stored.
    """

    id: str
    track: str
    user: str
    status: str
    source: str
    metadata: dict[str, Any]
    file: dict[str, Any] | None
    scores: dict[str, Any]
    oov: dict[str, Any] | None
    warnings: list[str]
    errors: list[str]
    signature: str
    emer_eval_version: str
    created_at: str
    scored_at: str | None
    history: list[dict[str, Any]]
    visibility: str
    flag_reason: str | None
    moderation: list[dict[str, Any]]
    content: dict[str, Any] | None = None
    """``{"sha256": hash of the parsed predictions, "labels": file ref of the labels scored}`` or None (old records):
    the hash finds resubmissions of the same predictions in another file; the labels give per-sample results (those
    of the latest rescore that named its labels). A judge track stores ``"judged"``: the file ref of the per-sample
    judge scores instead of labels."""
    identical_review: dict[str, Any] | None = None
    """The latest ``resolve`` event (``{"actor", "at", "reason"}``): an admin kept this entry although it repeats an
    earlier entry of another owner, so the board no longer marks it "identical to"."""

    @property
    def visible(self) -> bool:
        """True unless a moderator hid or flagged it (and did not restore it since)."""
        return self.visibility == "visible"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy, e.g. for an export or a detail view."""
        return asdict(self)


def parse_time(value: Any, field: str) -> datetime:
    """Parse a stored ISO timestamp; naive or malformed ones are schema errors (they would sort wrongly)."""
    if not isinstance(value, str):
        raise SchemaError(f"{field}: expected an ISO timestamp string, got {type(value).__name__}")
    try:
        instant = datetime.fromisoformat(value)
    except ValueError as exc:
        raise SchemaError(f"{field}: {exc}") from None
    if instant.tzinfo is None:
        raise SchemaError(f"{field}: timestamp {value!r} has no time zone")
    return instant


def _expect(obj: Mapping[str, Any], field: str, types: type | tuple[type, ...], where: str = "") -> Any:
    if field not in obj:
        raise SchemaError(f"{where}{field}: missing")
    value = obj[field]
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in _as_tuple(types)):
        names = "/".join("null" if t is type(None) else t.__name__ for t in _as_tuple(types))
        raise SchemaError(f"{where}{field}: expected {names}, got {type(value).__name__}")
    return value


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def _expect_strings(obj: Mapping[str, Any], field: str, where: str = "") -> None:
    if not all(isinstance(item, str) for item in _expect(obj, field, list, where)):
        raise SchemaError(f"{where}{field}: expected a list of strings")


def _check_scoring(obj: Mapping[str, Any], scored_at_required: bool) -> None:
    _expect(obj, "scores", dict)
    _expect(obj, "oov", (dict, type(None)))
    _expect(obj, "signature", str)
    _expect(obj, "emer_eval_version", str)
    if _expect(obj, "scored_at", (str, type(None))) is not None or scored_at_required:
        parse_time(obj["scored_at"], "scored_at")


def _check_envelope(obj: Any, id_pattern: re.Pattern[str], what: str) -> None:
    """What records and events share: a JSON object of this schema version with a well-formed id."""
    if not isinstance(obj, dict):
        raise SchemaError(f"expected a JSON object, got {type(obj).__name__}")
    if obj.get("schema") != SCHEMA:
        raise SchemaError(f"schema: unsupported version {obj.get('schema')!r} (this code reads {SCHEMA})")
    if not id_pattern.fullmatch(_expect(obj, "id", str)):
        raise SchemaError(f"id: malformed {what} id {obj['id']!r}")


def check_record(obj: Any) -> dict[str, Any]:
    """Return ``obj`` if it is a valid schema-1 record, else raise :class:`SchemaError`."""
    _check_envelope(obj, _RECORD_ID, "record")
    if not layout.TRACK_NAME.fullmatch(_expect(obj, "track", str)):
        raise SchemaError(f"track: invalid name {obj['track']!r} (letters, digits, '.', '_', '-'; at most 64)")
    if not _expect(obj, "user", str):
        raise SchemaError("user: empty")
    if _expect(obj, "status", str) not in STATUSES:
        raise SchemaError(f"status: {obj['status']!r} is not one of {', '.join(STATUSES)}")
    if _expect(obj, "source", str) not in SOURCES:
        raise SchemaError(f"source: {obj['source']!r} is not one of {', '.join(SOURCES)}")
    metadata = _expect(obj, "metadata", dict)
    for field in ("model_name", "organisation", "link", "description"):
        _expect(metadata, field, str, "metadata.")
    _expect_strings(metadata, "modalities", "metadata.")
    _expect(metadata, "open_weights", (bool, type(None)), "metadata.")
    file = _expect(obj, "file", (dict, type(None)))
    if file is not None:
        if not _SHA256.fullmatch(_expect(file, "sha256", str, "file.")):
            raise SchemaError("file.sha256: expected 64 lowercase hex digits")
        _expect(file, "name", str, "file.")
        if _expect(file, "size", int, "file.") < 0:
            raise SchemaError("file.size: negative")
        if not layout.FILE_SUFFIX.fullmatch(_expect(file, "suffix", str, "file.")):
            raise SchemaError(f"file.suffix: invalid {file['suffix']!r}")
    _check_scoring(obj, scored_at_required=False)
    _expect_strings(obj, "warnings")
    _expect_strings(obj, "errors")
    parse_time(obj.get("created_at"), "created_at")
    content = obj.get("content")
    if content is not None:
        if not isinstance(content, dict) or not _SHA256.fullmatch(_expect(content, "sha256", str, "content.")):
            raise SchemaError("content.sha256: expected 64 lowercase hex digits")
        labels = _expect(content, "labels", (dict, type(None)), "content.")
        judged = content.get("judged")  # a judge track's per-sample scores (optional: older records lack them)
        for key, ref in (("labels", labels), ("judged", judged)):
            if ref is not None and (not isinstance(ref, dict)
                                    or not _SHA256.fullmatch(_expect(ref, "sha256", str, f"content.{key}."))):
                raise SchemaError(f"content.{key}.sha256: expected 64 lowercase hex digits")
    return obj


def check_event(obj: Any) -> dict[str, Any]:
    """Return ``obj`` if it is a valid schema-1 event, else raise :class:`SchemaError`."""
    _check_envelope(obj, _EVENT_ID, "event")
    if not _RECORD_ID.fullmatch(_expect(obj, "record", str)):
        raise SchemaError(f"record: malformed record id {obj['record']!r}")
    kind = _expect(obj, "kind", str)
    if kind not in EVENT_KINDS:
        raise SchemaError(f"kind: {kind!r} is not one of {', '.join(EVENT_KINDS)}")
    if not _expect(obj, "actor", str):
        raise SchemaError("actor: empty")
    parse_time(obj.get("at"), "at")
    if kind == "rescore":
        _check_scoring(obj, scored_at_required=True)
        for key in SAMPLE_REFS:
            ref = obj.get(key)
            if ref is not None and (not isinstance(ref, dict)
                                    or not _SHA256.fullmatch(_expect(ref, "sha256", str, f"{key}."))):
                raise SchemaError(f"{key}.sha256: expected 64 lowercase hex digits")
    elif not _expect(obj, "reason", str).strip() and kind in ("flag", "hold", "resolve"):
        raise SchemaError(f"reason: a {kind} needs a reason")
    return obj


def check_placed(obj: Any, relpath: str) -> dict[str, Any]:
    """Return ``obj`` if it is a valid record or event stored where its own fields place it, else raise
    :class:`SchemaError`: a record at ``records/<its track>/<its id>.json``, an event at
    ``events/<its record>/<its id>.json``. Why: a file under another record's name would pass for that record's."""
    if match := layout.RECORD_PATH.fullmatch(relpath):
        record = check_record(obj)
        if (record["track"], record["id"]) != (match["track"], match["id"]):
            raise SchemaError("id/track do not match the file's path")
        return record
    if match := layout.EVENT_PATH.fullmatch(relpath):
        event = check_event(obj)
        if (event["record"], event["id"]) != (match["record"], match["id"]):
            raise SchemaError("record/id do not match the file's path")
        return event
    raise SchemaError(f"{relpath!r} is not a record or event path")


def encode(obj: Mapping[str, Any]) -> bytes:
    """The stored bytes: UTF-8 JSON, sorted keys, one trailing newline (stable, diff-friendly in the dataset repo)."""
    return (json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def _copied(value: Any) -> Any:
    """A fresh copy of a JSON tree (dicts, lists, scalars): what ``copy.deepcopy`` does for loaded records, without
    its memo bookkeeping, which made folding 10,000 records take seconds."""
    if type(value) is dict:
        return {key: _copied(item) for key, item in value.items()}
    if type(value) is list:
        return [_copied(item) for item in value]
    return value


def fold(record: Mapping[str, Any], events: Iterable[Mapping[str, Any]]) -> Submission:
    """Replay ``events`` (any order; sorted here by time, then id) over ``record`` into its current view."""
    current: dict[str, Any] = {field: record.get(field) for field in SCORE_FIELDS}
    content = _copied(record.get("content"))
    history: list[dict[str, Any]] = []
    moderation: list[dict[str, Any]] = []
    visibility, flag_reason, review = "visible", None, None
    for event in sorted(events, key=lambda e: (parse_time(e["at"], "at"), e["id"])):
        if event["kind"] == "rescore":
            history.append({**current, "replaced_at": event["at"], "replaced_by": event["actor"]})
            current = {field: event.get(field) for field in SCORE_FIELDS}
            for key in SAMPLE_REFS:
                if event.get(key) is not None:
                    content = {**(content or {}), key: _copied(event[key])}
        elif event["kind"] == "resolve":
            moderation.append({key: event[key] for key in ("kind", "actor", "at", "reason")})
            review = {key: event[key] for key in ("actor", "at", "reason")}
        else:
            moderation.append({key: event[key] for key in ("kind", "actor", "at", "reason")})
            visibility = MODERATION[event["kind"]]
            flag_reason = event["reason"] if event["kind"] in ("flag", "hold") else None
    return Submission(
        id=record["id"], track=record["track"], user=record["user"], status=record["status"],
        source=record["source"], metadata=_copied(record["metadata"]), file=_copied(record["file"]),
        scores=_copied(current["scores"]), oov=_copied(current["oov"]),
        warnings=list(record["warnings"]), errors=list(record["errors"]), signature=current["signature"],
        emer_eval_version=current["emer_eval_version"], created_at=record["created_at"],
        scored_at=current["scored_at"], history=_copied(history), visibility=visibility,
        flag_reason=flag_reason, moderation=moderation, content=content, identical_review=review,
    )


def score_fields(result: emer_eval.Result) -> dict[str, Any]:
    """What a record keeps of a result — the one translation from a score to the store (see ``Store.add``).

    ``scores`` is :meth:`emer_eval.Result.scores`: each metric's :class:`~emer_eval.MetricValue` as JSON (fractions in
    [0, 1]), M-avg, and the other families (hit, G2, the judge means of a judge track).
    """
    return {"scores": result.scores(), "oov": result.oov, "signature": str(result.signature),
            "emer_eval_version": result.signature.version}
