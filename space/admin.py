"""Admin operations: import published baselines, re-score everything, moderate a submission.

Each is a plain function over a :class:`~space.hub.Hub`, used by the Admin tab (for configured admins only) and by
``python -m space`` on the server. Every change is an immutable record or an append-only event, so it is logged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import emer_eval

from .hub import Hub
from .store import RescoreSummary, Submission
from .tracks import ground_truth

OVMER_REPO = "https://github.com/zeroQiaoba/AffectGPT"
DEFAULT_SETTING = "nosubtitle-addsub"  # the OV-MER paper's main setting: descriptions with the subtitle added
BASELINE_USER = "emer-hub-baselines"


class AdminError(Exception):
    """An admin action that cannot be carried out (not an admin, unknown record, …)."""


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _score_file(hub: Hub, track_id: str, path: Path) -> emer_eval.Result:
    track = hub.tracks[track_id]
    return emer_eval.score(path, ground_truth(track, hub.settings), wheels=track.wheels, metrics=track.metrics,
                           data_dirs=hub.settings.data_dirs or None, bootstrap=hub.settings.bootstrap,
                           extractor=hub.extractor(track))


def import_baselines(hub: Hub, folder: Path, *, track_id: str = "ovmerd-labels", setting: str = DEFAULT_SETTING,
                     actor: str = BASELINE_USER) -> ImportReport:
    """Score every ``<Model>/output-reason-7b-<setting>-eng-openset.npz`` under ``folder`` as a baseline entry.

    Re-running is harmless: a file already imported (same bytes, same track) is skipped.
    """
    if track_id not in hub.tracks:
        raise AdminError(f"unknown track {track_id!r}")
    report = ImportReport()
    for path in sorted(Path(folder).glob(f"*/output-reason-7b-{setting}-eng-openset.npz")):
        model = path.parent.name
        payload = path.read_bytes()
        if hub.store.find_by_sha(track_id, hashlib.sha256(payload).hexdigest(), statuses=("baseline",)):
            report.skipped.append(model)
            continue
        result = _score_file(hub, track_id, path)
        file_ref = hub.store.put_file(payload, path.name)
        record = hub.store.add(
            track=track_id, user=actor, status="baseline", source="baseline", file=file_ref,
            metadata={"model_name": model, "organisation": "OV-MER baseline (re-scored by the hub)",
                      "link": OVMER_REPO, "modalities": [], "open_weights": True,
                      "description": f"Published OV-MER output ({setting} setting, labels extracted by "
                                     f"Qwen2.5-7B-Instruct), re-scored by the hub from {path.parent.name}/{path.name}."},
            scores=result.metrics, oov=result.oov, warnings=result.warnings, signature=str(result.signature),
            emer_eval_version=emer_eval.__version__)
        report.imported.append(record.id)
    return report


def rescore_all(hub: Hub, actor: str) -> RescoreSummary:
    """Re-score every stored submission and baseline with the current scorer; old scores move to history."""

    def scorer(submission: Submission, path: Path) -> dict[str, Any]:
        result = _score_file(hub, submission.track, path)
        return {"scores": result.metrics, "oov": result.oov, "signature": str(result.signature),
                "emer_eval_version": emer_eval.__version__}

    return hub.store.rescore_all(scorer, actor)


def moderate(hub: Hub, record_id: str, action: str, *, actor: str, reason: str = "") -> Submission:
    """Hide, flag (with a reason) or restore a submission, after checking that ``actor`` is an admin."""
    if not hub.is_admin(actor):
        raise AdminError("only configured admins (EMER_HUB_ADMINS) can moderate submissions")
    if action == "flag" and not reason.strip():
        raise AdminError("flagging needs a reason, shown on the leaderboard")
    if hub.store.get(record_id) is None:
        raise AdminError(f"no submission {record_id!r}")
    return hub.store.moderate(record_id, action, actor=actor, reason=reason.strip())
