"""Builders of store-shaped submission records for the leaderboard tests (plain dicts, fractions in [0, 1])."""

from __future__ import annotations

import copy
from typing import Any

WHEELS = [f"W{k}-L{level}" for k in range(1, 6) for level in (1, 2)]
TRACK = "ovmerd-labels"


def make_record(record_id: str, f: float, *, name: str | None = None, created_at: str = "2025-03-01T12:00:00+00:00",
                ci: tuple[float, float] | None = None, status: str = "scored", source: str = "submitted",
                visibility: str = "visible", track: str = TRACK, organisation: str = "Lab",
                link: str = "https://example.org/model", modalities: tuple[str, ...] = ("audio", "video", "text"),
                open_weights: bool | None = True, p: float | None = None, r: float | None = None,
                description: str = "A model.", **extra: Any) -> dict[str, Any]:
    """A folded record whose EW-L1 F is ``f``; every per-wheel metric gets plausible values derived from ``f``.

    ``extra`` keys are set at the top level of the record (``user``, ``oov``, ``history``, ``flag_reason`` …).
    """
    p = f + 0.01 if p is None else p
    r = f - 0.01 if r is None else r
    scores: dict[str, Any] = {m: {"f": f, "p": p, "r": r, "n": 332} for m in ("M1", "M2", *WHEELS)}
    scores["EW-L1"] = {"f": f, "p": p, "r": r}
    if ci is not None:
        scores["EW-L1"]["ci95"] = list(ci)
    scores["EW-L2"] = {"f": f * 0.8, "p": p * 0.8, "r": r * 0.8}
    scores["M-avg"] = f * 0.9
    record = {
        "id": record_id, "track": track, "user": "tester", "status": status, "source": source,
        "visibility": visibility,
        "metadata": {"model_name": name or f"model-{record_id}", "organisation": organisation, "link": link,
                     "modalities": list(modalities), "open_weights": open_weights, "description": description},
        "scores": scores, "signature": "emer-eval:0.1.0|ew:2025|parse:official|extract:none|n:332|boot:1000|seed:1",
        "created_at": created_at, "scored_at": created_at,
    }
    record.update(copy.deepcopy(extra))
    return record
