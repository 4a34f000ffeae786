"""What a submitter declares about training: which data the model saw, and whether it is zero-shot.

Why required: the OV-MERD labels are public and MER2025 distributes OV-MERD as training data, so a score on it means
little without knowing whether the model trained on the test clips. The board marks such entries and offers a
"zero-shot only" view; nothing here can verify a declaration, so it is shown as the submitter's word.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from .validate import INVISIBLE

TRAINING_DATA = ("OV-MERD", "MER2025 Track 2 train", "MER-Caption(+)", "other", "none")
"""Checkbox choices. ``none``: no emotion-labelled training data at all; ``other`` needs a description."""
NOTES_LIMIT = 300
ZERO_SHOT = {"yes": True, "no": False}


def check_declarations(raw: Mapping[str, Any], test_clip_sources: tuple[str, ...] = ()) -> tuple[dict[str, Any],
                                                                                              list[str]]:
    """``training_data`` (list of :data:`TRAINING_DATA`), ``training_notes`` (text) and ``zero_shot`` (yes/no).

    Returns the clean values for the record's metadata and one message per problem; never raises. A model declared
    zero-shot cannot list a training set that holds the test clips (``test_clip_sources``).
    """
    errors: list[str] = []
    data = raw.get("training_data")
    if isinstance(data, str):
        data = [item.strip() for item in data.split(",") if item.strip()]
    if not isinstance(data, (list, tuple)) or not data:
        errors.append("training_data: required — tick every training set the model used (" +
                      ", ".join(TRAINING_DATA) + "); tick 'none' if it saw no emotion-labelled data")
        data = []
    unknown = [item for item in data if item not in TRAINING_DATA]
    if unknown:
        errors.append(f"training_data: unknown {', '.join(str(item)[:40] for item in unknown[:3])}; choose from "
                      + ", ".join(TRAINING_DATA))
    chosen = [item for item in TRAINING_DATA if item in data]
    if "none" in chosen and len(chosen) > 1:
        errors.append("training_data: 'none' cannot be ticked together with a training set")
    notes = raw.get("training_notes")
    notes = unicodedata.normalize("NFC", notes).strip() if isinstance(notes, str) else ""
    if any(unicodedata.category(ch) in INVISIBLE for ch in notes):
        errors.append("training_notes: contains control or invisible formatting characters — remove them")
    if len(notes) > NOTES_LIMIT:
        errors.append(f"training_notes: {len(notes)} characters; at most {NOTES_LIMIT}")
    if "other" in chosen and not notes:
        errors.append("training_notes: you ticked 'other' — name the other training data")
    zero_shot_raw = raw.get("zero_shot")
    if isinstance(zero_shot_raw, bool):
        zero_shot: bool | None = zero_shot_raw
    else:
        zero_shot = ZERO_SHOT.get(zero_shot_raw.strip().lower()) if isinstance(zero_shot_raw, str) else None
    if zero_shot is None:
        errors.append("zero_shot: required — answer yes (no training on this task's data) or no")
    leaked = [item for item in chosen if item in test_clip_sources]
    if zero_shot and leaked:
        errors.append(f"zero_shot: 'yes' contradicts training on {', '.join(leaked)}, which holds this track's "
                      "test clips — answer no")
    return {"training_data": chosen, "training_notes": notes[:NOTES_LIMIT], "zero_shot": zero_shot}, errors
