"""Admin operations: import published baselines, re-score everything, moderate a submission, resolve identical ones.

Each is a plain function over a :class:`~space.hub.Hub`, used by the Admin tab (for configured admins only) and by
``python -m space`` on the server. Every change is an immutable record or an append-only event, so it is logged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import emer_eval

from .content import CANONICAL, LABELS_FILE, content_hash, current_hash, labels_bytes, same_content, sample_refs
from .hub import Hub
from .leaderboard.scores import read_scores
from .portal.review import hold_reason, reference_sets
from .provision import BASELINE_SETTING, BASELINE_TRACK, baseline_pattern
from .store import LISTED, RescoreSummary, Submission, score_fields
from .tracks import ground_truth, ground_truth_if_here

OVMER_REPO = "https://github.com/zeroQiaoba/AffectGPT"
BASELINE_USER = "emer-hub-baselines"


class AdminError(Exception):
    """An admin action that cannot be carried out (not an admin, unknown record, …)."""


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)


def _score_file(hub: Hub, track_id: str, path: Path | emer_eval.Predictions) -> emer_eval.Result:
    track = hub.tracks[track_id]
    return hub.score(track, path, ground_truth(track, hub.settings))


def import_baselines(hub: Hub, folder: Path, *, track_id: str = BASELINE_TRACK, setting: str = BASELINE_SETTING,
                     actor: str = BASELINE_USER) -> ImportReport:
    """Import every ``<Model>/output-reason-7b-<setting>-eng-openset.npz`` under ``folder`` (see
    :func:`import_baseline_files`)."""
    paths = sorted(Path(folder).glob(baseline_pattern(setting)))
    return import_baseline_files(hub, paths, track_id=track_id, actor=actor)


def import_baseline_files(hub: Hub, paths: Iterable[Path], *, track_id: str = BASELINE_TRACK,
                          actor: str = BASELINE_USER) -> ImportReport:
    """Score each OV-MER output ``<Model>/<file>.npz`` in ``paths`` as a baseline entry named after its folder.

    Idempotent, also across replicas sharing one results repo: a file already on the track as a baseline (same bytes)
    is skipped, and when two replicas imported the same file at the same moment, :func:`settle_baselines` keeps the
    first import and hides the others, the same choice on every replica.
    """
    if track_id not in hub.tracks:
        raise AdminError(f"unknown track {track_id!r}")
    report = ImportReport()
    for path in paths:
        model = path.parent.name
        payload = path.read_bytes()
        if hub.store.find_by_sha(track_id, hashlib.sha256(payload).hexdigest(), statuses=("baseline",)):
            report.skipped.append(model)
            continue
        gt = ground_truth(hub.tracks[track_id], hub.settings)
        predictions = emer_eval.load_predictions(path)
        result = _score_file(hub, track_id, predictions)
        file_ref = hub.store.put_file(payload, path.name)
        # the labels it was scored with give per-sample results (rank ranges, families, head-to-head); the
        # declaration is the OV-MER paper's: these published models were evaluated zero-shot
        labels_ref = hub.store.put_file(labels_bytes(result.label_runs, gt), LABELS_FILE)
        record = hub.store.add(
            track=track_id, user=actor, status="baseline", source="baseline", file=file_ref,
            metadata={"model_name": model, "organisation": "OV-MER baseline (re-scored by the hub)",
                      "link": OVMER_REPO, "modalities": [], "open_weights": True,
                      "description": f"Published OV-MER output (labels extracted by Qwen2.5-7B-Instruct), re-scored "
                                     f"by the hub from {path.parent.name}/{path.name}.",
                      "training_data": [], "zero_shot": True,
                      "training_notes": "evaluated zero-shot in the OV-MER paper (no OV-MERD training)"},
            warnings=result.warnings,
            content={"sha256": content_hash(predictions, gt), "canonical": CANONICAL, "labels": labels_ref},
            **score_fields(result))
        report.imported.append(record.id)
    report.hidden = settle_baselines(hub, actor=actor)
    return report


def settle_baselines(hub: Hub, *, actor: str = BASELINE_USER) -> list[str]:
    """Hide every visible baseline that repeats an earlier one (same track, file and signature); returns the hidden ids.

    Two replicas starting together may both import a baseline before either sees the other's record. Both then
    choose the same survivor — the earliest record (creation time, then id) — so the boards converge; the extra
    record is hidden by an appended event, never deleted or rewritten.
    """
    first: dict[tuple[str, str, str], str] = {}
    hidden = []
    for sub in hub.store.records(statuses=("baseline",), visibility=("visible",)):
        if sub.file is None or sub.user != actor:
            continue
        key = (sub.track, sub.file["sha256"], sub.signature)  # a re-judge by another judge is a new baseline
        if key not in first:
            first[key] = sub.id
            continue
        hub.store.moderate(sub.id, "hide", actor=actor, reason=f"duplicate import of baseline {first[key]}")
        hidden.append(sub.id)
    return hidden


def rescore_all(hub: Hub, actor: str) -> RescoreSummary:
    """Re-score every stored submission and baseline with the current scorer; old scores move to history.

    The labels each new score comes from are stored too (a new extraction changes them), and on a judge track the
    per-clip judge scores, so the board's rank intervals, families and head-to-head follow the re-score, not the
    per-sample results of the first scoring. The review rules of an upload (:func:`.portal.review.hold_reason`) are
    applied again to every re-scored or unchanged submission no admin has ever moderated: an entry scored before a
    rule existed (a prompt injection scored before the hub looked for one) is held now, as a new upload would be,
    while an admin's decision on an entry is never overridden.
    """
    held: dict[str, str] = {}

    def scorer(submission: Submission, path: Path) -> dict[str, Any]:
        track = hub.tracks[submission.track]
        gt = ground_truth(track, hub.settings)
        predictions = track.read(emer_eval.load_predictions(path))  # read once: scored, then reviewed
        result = hub.score(track, predictions, gt)
        if submission.status == "scored" and submission.visible and not submission.moderation:
            reason = hold_reason(track, result.scores(), predictions.labels, gt, predictions.texts,
                                 reference_sets(track, hub.settings))
            if reason:
                held[submission.id] = reason
        fields = score_fields(result)
        fields.update(sample_refs(result, gt, hub.store.put_file))  # labels, or a judge track's per-clip scores
        return fields

    summary = hub.store.rescore_all(scorer, actor)
    for record_id in [*summary.rescored, *summary.unchanged]:
        if record_id in held:
            hub.store.moderate(record_id, "hold", actor="review", reason=held[record_id])
            summary.held.append((record_id, held[record_id]))
    return summary


def admin_row(hub: Hub, submission: Submission) -> dict[str, Any]:
    """One row of the admins' listing (the Admin tab): who, what, its state, EW-L1, why it is held or flagged, the
    judge's control of a judged entry (:func:`control_note`) and the entry it repeats, if marked."""
    original = identical_original(hub, submission) if submission.identical_review is None else None
    return {"id": submission.id, "track": submission.track, "user": submission.user,
            "model": submission.metadata.get("model_name", ""), "status": submission.status,
            "visibility": submission.visibility,
            "EW-L1 F": round(read_scores(submission.scores).value("EW-L1") * 100, 2),  # NaN if malformed
            "held / flagged because": submission.flag_reason or "", "judge control": control_note(submission),
            "identical to": original.id if original is not None else "", "created": submission.created_at[:19]}


def control_note(submission: Submission) -> str:
    """The judge's mismatched-reference control of an entry in a line ("" without one): the number behind the hold of
    an entry whose judge does not tell its clips apart (:func:`space.portal.review.indistinct_clips`)."""
    control = read_scores(submission.scores).control
    if control is None:
        return ""
    return (f"matched {control.matched_mean:.2f}, control {control.control_mean:.2f}, gap {control.gap:.2f} on "
            f"{control.n} clips")


def held_lines(hub: Hub) -> list[str]:
    """The entries held for an admin, one line each with the reason and any judge control (``python -m space
    held``), oldest first."""
    lines = []
    for sub in hub.store.records(visibility=("held",)):
        note = control_note(sub)
        lines.append(f"{sub.id}  {sub.track}  {sub.metadata.get('model_name') or '(unnamed)'} ({sub.user}): "
                     f"{sub.flag_reason}" + (f" [{note}]" if note else ""))
    return lines


IDENTICAL_DECISIONS = ("keep", "hide-copy", "hide-original")
"""What an admin can decide about an entry marked "identical to" another owner's earlier entry: ``keep`` both (the
mark is cleared, the reason is shown publicly), ``hide-copy`` (the marked entry goes; the original keeps the credit),
``hide-original`` (the earlier entry goes — e.g. it was the copy of a leaked file — and the later one is credited)."""


def identical_original(hub: Hub, submission: Submission) -> Submission | None:
    """The earlier entry of another owner that ``submission`` repeats, as the board marks it; None when unmarked.

    The board marks an entry when the first shown entry (scored or baseline, visible or flagged) with the same parsed
    predictions belongs to someone else; the same rule here, so an admin resolves exactly what the board shows.
    """
    track = hub.tracks.get(submission.track)
    if track is None or submission.visibility == "hidden":  # not on any board, so not marked: a hidden copy is settled
        return None
    gt = ground_truth_if_here(track, hub.settings)  # None: stored hashes compared
    sha = current_hash(submission, hub.store, track, gt)
    if sha is None:
        return None
    shown = [sub for sub in same_content(hub.store, track, sha, gt, statuses=("scored", "baseline"))
             if sub.visibility in LISTED]
    first = shown[0] if shown else None
    if first is None or first.id == submission.id or first.user == submission.user:
        return None
    return first


def resolve_identical(hub: Hub, record_id: str, decision: str, *, actor: str, reason: str) -> Submission:
    """Settle an "identical to" mark (see :data:`IDENTICAL_DECISIONS`); admins only, every decision logged as an
    event with its reason. Returns the marked entry as it is afterwards."""
    if not hub.is_admin(actor):
        raise AdminError("only configured admins (EMER_HUB_ADMINS) can resolve identical entries")
    if decision not in IDENTICAL_DECISIONS:
        raise AdminError(f"unknown decision {decision!r}: choose {', '.join(IDENTICAL_DECISIONS)}")
    if not reason.strip():
        raise AdminError("resolving an identical entry needs a reason (it is logged; 'keep' shows it publicly)")
    submission = hub.store.get(record_id)
    if submission is None:
        raise AdminError(f"no submission {record_id!r}")
    # the check and the decision as one step: two admins settling one mark at once both passed the check, and with
    # "hide-copy" beside "hide-original" both entries went; the second now finds the mark settled
    with hub.store.content_lock(submission.track, (submission.content or {}).get("sha256") or submission.id):
        return _decide(hub, hub.store.get(record_id) or submission, decision, actor=actor, reason=reason.strip())


def _decide(hub: Hub, submission: Submission, decision: str, *, actor: str, reason: str) -> Submission:
    """Apply one decision to a marked entry, read afresh (see :func:`resolve_identical`)."""
    original = identical_original(hub, submission)
    if original is None or submission.identical_review is not None:
        raise AdminError(f"submission {submission.id!r} is not marked identical to another owner's entry")
    original_name = original.metadata.get("model_name") or "(unnamed)"
    if decision == "keep":
        return hub.store.resolve(submission.id, actor=actor, reason=reason)
    if decision == "hide-copy":
        return hub.store.moderate(submission.id, "hide", actor=actor,
                                  reason=f"repeats the earlier entry {original_name}: {reason}")
    copy_name = submission.metadata.get("model_name") or "(unnamed)"
    hub.store.moderate(original.id, "hide", actor=actor, reason=f"the later entry {copy_name} is credited: {reason}")
    return hub.store.get(submission.id) or submission


def moderate(hub: Hub, record_id: str, action: str, *, actor: str, reason: str = "") -> Submission:
    """Hide, flag (with a reason) or restore a submission, after checking that ``actor`` is an admin."""
    if not hub.is_admin(actor):
        raise AdminError("only configured admins (EMER_HUB_ADMINS) can moderate submissions")
    if action == "flag" and not reason.strip():
        raise AdminError("flagging needs a reason, shown on the leaderboard")
    if hub.store.get(record_id) is None:
        raise AdminError(f"no submission {record_id!r}")
    return hub.store.moderate(record_id, action, actor=actor, reason=reason.strip())
