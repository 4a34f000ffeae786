"""One submission, end to end: identity → quota → validate → de-duplicate → score → store → outcome.

Every path returns an :class:`Outcome` (never raises on a user's input); an upload that is refused leaves the store of
records untouched and only counts as an attempt.

Duplicates are found by content (:mod:`space.content`), not bytes: the same predictions in another file, format or
header are the same submission. From the same owner they are refused with a pointer to the earlier entry (by model
name and date — record ids stay out of messages); from another owner they are accepted and the board marks them
"identical to" the earlier entry, for an admin to resolve.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from emer_eval import EmerEvalError, EndpointError, printable

from ..content import content_hash, same_content, stored_content
from ..hub import Hub
from ..judging import no_judge_message
from ..leaderboard import reference
from ..leaderboard.reported import load_reported
from ..redaction import for_visitors
from ..store import LISTED, Submission, score_fields
from ..tracks import Track, TrackUnavailable, ground_truth
from .declarations import check_declarations
from .names import look_alike
from .quotas import SCORED, Quota, count_attempts, log_attempt, utc_day
from .review import hold_reason, reference_sets
from .validate import check_file, check_metadata, display_name

Progress = Callable[[float, str], None]


@dataclass
class Outcome:
    """What the submitter (UI or API client) gets back."""

    status: str  # "scored" | "rejected"
    submission_id: str | None = None
    scores: dict[str, Any] = field(default_factory=dict)
    signature: str = ""
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    oov: dict[str, Any] | None = None
    quota: dict[str, int] | None = None
    per_sample: list[dict[str, Any]] | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "status": self.status, "submission_id": self.submission_id, "scores": self.scores,
            "signature": self.signature, "warnings": self.warnings, "errors": self.errors, "oov": self.oov,
            "quota": self.quota}
        if self.per_sample is not None:
            payload["per_sample"] = self.per_sample
        if self.notes:
            payload["notes"] = self.notes
        return payload


def quota_of(hub: Hub, user: str, now: datetime, client: str | None = None) -> Quota:
    holder = attempt_holder(hub, user, client)
    since, until = utc_day(now)
    scored = (hub.store.count(user, since=since, until=until, statuses=("scored",)) if holder == user
              else count_attempts(hub.settings.store_dir, holder, now, SCORED))
    return Quota(scored=scored, scored_limit=hub.settings.daily_quota,
                 attempts=count_attempts(hub.settings.store_dir, holder, now),
                 attempts_limit=hub.settings.daily_attempts)


def attempt_holder(hub: Hub, user: str, client: str | None) -> str:
    """Whose quotas an upload counts against: the login on a Space; without OAuth, where every visitor is the one
    configured user, that user *at this client address* — so neither 15 junk uploads nor 5 valid ones from one
    address block submissions for everyone until midnight."""
    return user if hub.settings.on_space or not client else f"{user}@{client}"


NO_LOGIN = ""
"""The owner of the rows no login owns (imported baselines, paper rows, the board's reference rows): a user is never
empty, whereas a Hugging Face account may well be called "reported" or "emer-hub-baselines" and would otherwise pass
as their owner."""


def _impersonation(hub: Hub, user: str, metadata: Mapping[str, Any]) -> list[str]:
    """A model name that looks like another owner's entry (submitted, baseline, from a paper or a reference row) is
    refused."""
    entries = [(str(record.metadata.get("model_name", "")), NO_LOGIN if record.source == "baseline" else record.user)
               for record in hub.store.records()]
    entries += [(str(row["metadata"]["model_name"]), NO_LOGIN) for row in load_reported()]
    entries += [(name, NO_LOGIN) for name in reference.NAMES]
    clash = look_alike(str(metadata.get("model_name", "")), user, entries)
    if clash is None:
        return []
    return [f"model_name: looks like the existing entry '{printable(clash, 100)}' of another submitter; choose a "
            f"name that tells them apart (e.g. add your team or the variant)"]


def submit(hub: Hub, *, user: str | None, upload: Path | None, filename: str, track_id: str,
           metadata: Mapping[str, Any], progress: Progress | None = None, client: str | None = None) -> Outcome:
    """Validate, score and store one predictions file for ``user`` (taken from the server-side login); ``client``
    is the request's address (attempts are counted per address where there is no login, see
    :func:`attempt_holder`)."""
    report = progress or (lambda fraction, message: None)
    filename = display_name(filename)  # the client's name is untrusted: echoed, logged and stored only when safe
    if not user:
        return Outcome("rejected", errors=["log in with Hugging Face to submit (anonymous submissions are refused)"])
    track = hub.tracks.get(track_id)
    if track is None:
        return Outcome("rejected", errors=[f"unknown track '{track_id}'; choose one of {', '.join(hub.tracks)}"])
    try:
        gt = ground_truth(track, hub.settings)
    except TrackUnavailable as error:
        if not hub.data_status.settled:  # the hub is fetching its data right now: say so, not "run a command"
            progress_now = hub.data_status.markdown().lstrip("⏳ ")
            return Outcome("rejected", errors=[f"track '{track.id}' is not available yet: the server is still "
                                               f"fetching its data ({progress_now}); try again in a minute"])
        failed = hub.data_status.problems_with(track.ground_truth.get("resource", ""))
        reason = f"its data could not be fetched: {failed[0]}" if failed else for_visitors(str(error))
        return Outcome("rejected", errors=[f"track '{track.id}' is not available on this server: {reason}"])
    if track.judged and hub.judge() is None:  # refused before the quota: the user did nothing wrong
        return Outcome("rejected", errors=[no_judge_message(track)])

    now = datetime.now(timezone.utc)
    with hub.store.user_lock(attempt_holder(hub, user, client)):  # off a Space: per address, not one for all
        quota = quota_of(hub, user, now, client)
        refusal = quota.refusal()
        if refusal:
            return Outcome("rejected", errors=[refusal], quota=quota.to_dict())
        log_attempt(hub.settings.store_dir, attempt_holder(hub, user, client), now, track.id, filename)
        quota = replace(quota, attempts=quota.attempts + 1)  # counted under the lock: nobody else can add one
        report(0.05, "validating")
        clean, errors = check_metadata(metadata)
        declared, declaration_errors = check_declarations(metadata, track.test_clip_sources)
        clean.update(declared)
        errors += declaration_errors
        errors += _impersonation(hub, user, clean)
        checked = check_file(upload, filename, track, gt, hub.settings.max_upload_bytes)
        errors += checked.errors
        if errors or checked.predictions is None:
            return Outcome("rejected", errors=errors, warnings=checked.warnings, quota=quota.to_dict())
        content_sha = content_hash(checked.predictions, gt)
        # the duplicate check and the write as one step for everyone, not only for this user: under the user lock
        # alone, two users uploading the same predictions at once could both pass it (Store.content_lock)
        with hub.store.content_lock(track.id, content_sha):
            same = [*same_content(hub.store, track, content_sha, gt),  # records from before content hashes:
                    *hub.store.find_by_sha(track.id, hashlib.sha256(checked.payload).hexdigest())]  # by bytes
            mine = [entry for entry in same if entry.user == user]
            if mine:
                return Outcome("rejected", quota=quota.to_dict(), errors=[_duplicate_message(mine[0])])
            report(0.2, "scoring")
            try:
                result = hub.score(track, checked.predictions, gt, lambda f, m: report(0.2 + 0.7 * f, m))
            except EndpointError as error:  # its text names the operator's endpoint and quotes its replies: logged
                hub.log.error("the LLM endpoint failed while scoring for %s on %s: %s", user, track.id, error)
                return Outcome("rejected", warnings=checked.warnings, quota=quota.to_dict(), errors=[
                    f"this hub's LLM endpoint failed ({error.summary}) while {_llm_work(track)}; nothing was "
                    f"stored — please try again later"])
            except EmerEvalError as error:  # e.g. a resource gone missing: what, not the folders searched
                hub.log.warning("scoring refused for %s on %s: %s", user, track.id, error)
                return Outcome("rejected", errors=[for_visitors(str(error))], warnings=checked.warnings,
                               quota=quota.to_dict())
            except Exception:  # a scorer bug must not look like the user's fault, nor crash the worker
                hub.log.error("scoring failed for %s on %s:\n%s", user, track.id, traceback.format_exc())
                return Outcome("rejected", quota=quota.to_dict(),
                               errors=["internal error while scoring; nothing was stored — please report it"])
            warnings = checked.warnings + [w for w in result.warnings if w not in checked.warnings]
            report(0.95, "storing")
            file_ref = hub.store.put_file(checked.payload, filename)
            content = stored_content(result, gt, content_sha, hub.store.put_file)  # labels or judge scores
            record = hub.store.add(track=track.id, user=user, status="scored", metadata=clean, file=file_ref,
                                   warnings=warnings, content=content, **score_fields(result))
            holder = attempt_holder(hub, user, client)
            if holder != user:  # counted per address (see quota_of)
                log_attempt(hub.settings.store_dir, holder, now, track.id, filename, SCORED)
            quota = replace(quota, scored=quota.scored + 1)
            held = hold_reason(track, result.scores(), checked.predictions.labels, gt, checked.predictions.texts,
                               reference_sets(track, hub.settings)) or _withheld_copy(same)
            if held:
                hub.store.moderate(record.id, "hold", actor="review", reason=held)
                warnings.append(held)
    per_sample = None if track.private else result.per_sample_rows(gt)
    scores = track.disclosed(result.scores())
    return Outcome("scored", record.id, scores, str(result.signature), warnings, [], track.disclosed(result.oov),
                   quota.to_dict(), per_sample, notes=list(result.notes))


def _withheld_copy(same: Sequence[Submission]) -> str:
    """A hold reason when these predictions repeat an entry moderation withholds (hidden or held), else "". Without
    it, a second account's copy of a hidden entry took its place on the board, unmarked: the "identical to" mark
    points only at entries the board shows."""
    withheld = next((sub for sub in same if sub.visibility not in LISTED), None)
    if withheld is None:
        return ""
    return (f"these predictions repeat an entry a moderator hid or holds for review (submitted "
            f"{withheld.created_at[:10]}); held until an admin reviews this one")


def _llm_work(track: Track) -> str:
    return "judging the explanations" if track.judged else "extracting labels from the explanations"


def _duplicate_message(earlier: Submission) -> str:
    """Where the owner's identical entry is, by the names they see on the board (never a record id)."""
    name = earlier.metadata.get("model_name") or "(unnamed)"
    return (f"you already submitted these exact predictions to this track: your entry \"{name}\" of "
            f"{earlier.created_at[:10]} (the same labels per sample, whatever the file's format or header); "
            "change the predictions to submit again")


