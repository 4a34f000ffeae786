"""Checks that run before anything is scored: the metadata form and the predictions file.

Every problem becomes one message that names the field, row or column and says how to fix it; the caller collects
them so a researcher sees all problems of an upload at once rather than one per attempt.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from emer_eval import SUFFIXES, InputError, Predictions, examples, parse_predictions, reconcile

from ..leaderboard.markup import safe_https_url
from ..tracks import Track
from . import names

MODALITIES = ("audio", "video", "text")
NAME_FIELDS = ("model_name", "organisation")
LIMITS = {"model_name": 100, "organisation": 100, "link": 300, "description": 1000}
SENTENCE_WORDS = 8  # a "label" this long is a description pasted into the label column
MAX_DESCRIPTION_CHARS = 8000
"""Longest description scored. The longest of the 9,960 published OV-MER baseline descriptions has 4,999
characters; each description is one request to the operator's LLM (extraction or judge, times the extraction runs),
so cells of the file format's 131,072 characters would make one upload cost the endpoint ~85 times the tokens of a
real one."""
OPEN_WEIGHTS = {"open": True, "closed": False}
INVISIBLE = ("Cc", "Cf", "Cs", "Zl", "Zp")
"""Control, format (bidi overrides, zero-width), surrogate and line/paragraph-separator characters: refused in form
fields (they hide or reorder text on the board; a lone surrogate cannot even be stored as UTF-8)."""
MAX_FILENAME = 120


@dataclass
class Checked:
    """The outcome of validation: what can be scored, and every message for the user."""

    predictions: Predictions | None = None
    payload: bytes = b""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.predictions is not None


def display_name(name: Any) -> str:
    """The uploader's file name made safe to echo in messages, log and store: its last path component only (so
    ``../../etc/passwd.csv`` names no place, and the store never builds a path from it anyway), without control,
    format or surrogate characters (a newline or terminal escape in a name would forge message lines), at most
    :data:`MAX_FILENAME` characters with the suffix kept. Content checks still run on the bytes, whatever the name.
    """
    text = name if isinstance(name, str) else ""
    text = re.split(r"[/\\]", text)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch) not in INVISIBLE).strip()
    if text in ("", ".", ".."):
        return "upload"
    if len(text) > MAX_FILENAME:
        suffix = Path(text).suffix[:17]
        text = text[: MAX_FILENAME - len(suffix) - 1] + "…" + suffix
    return text


def _clean_text(value: Any, name: str, errors: list[str], *, required: bool = False) -> str:
    """A form field as NFC text; anything but text (or None) is refused rather than ``str()``-ed (an API client can
    send numbers, lists or objects)."""
    if value is not None and not isinstance(value, str):
        errors.append(f"{name}: expected text, got {type(value).__name__}")
        value = None
    is_name = name in NAME_FIELDS
    text = names.normalise(value or "") if is_name else unicodedata.normalize("NFC", value or "").strip()
    allowed = "" if is_name else "\n\t"  # a name is one line; a description may have several
    if any(unicodedata.category(ch) in INVISIBLE and ch not in allowed for ch in (value or "")):
        errors.append(f"{name}: contains control or invisible formatting characters"
                      f"{' or line breaks' if is_name else ''} — remove them")
    if is_name and names.stacked_marks(text):
        errors.append(f"{name}: has more than {names.MAX_MARKS} accents or other combining marks on one letter — "
                      f"stacked marks draw over the rows around it")
    mixed = names.mixed_scripts(text) if is_name else frozenset()
    if mixed:
        errors.append(f"{name}: a word mixes letters of different scripts ({', '.join(sorted(mixed)).lower()}), "
                      f"which can imitate another entry's name — write each word in one script (Latin may go with "
                      f"Chinese, Japanese or Korean)")
    if is_name and text and not names.skeleton(text):
        errors.append(f"{name}: needs letters or digits, e.g. the model's name")
    elif required and not text:
        errors.append(f"{name}: required — give the name shown on the leaderboard")
    if len(text) > LIMITS[name]:
        errors.append(f"{name}: {len(text)} characters; at most {LIMITS[name]}")
    return text


def check_metadata(raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Normalise the form fields; https links only; known modalities only. Never raises, whatever ``raw`` holds.

    The link must pass the very check the leaderboard applies before linking (:func:`safe_https_url`: https, a host,
    no credentials, no whitespace), so an accepted link is always shown as a link.
    """
    errors: list[str] = []
    metadata: dict[str, Any] = {
        "model_name": _clean_text(raw.get("model_name"), "model_name", errors, required=True),
        "organisation": _clean_text(raw.get("organisation"), "organisation", errors),
        "link": _clean_text(raw.get("link"), "link", errors),
        "description": _clean_text(raw.get("description"), "description", errors),
    }
    link = metadata["link"]
    if link and safe_https_url(link) is None:
        errors.append("link: only https:// links are accepted, e.g. https://github.com/org/model")
    modalities = raw.get("modalities") or []
    if isinstance(modalities, str):
        modalities = [item.strip() for item in modalities.split(",") if item.strip()]
    if not isinstance(modalities, (list, tuple)):
        errors.append(f"modalities: expected a list such as [\"audio\", \"text\"], got {type(modalities).__name__}")
        modalities = []
    unknown = [m if isinstance(m, str) else type(m).__name__ for m in modalities if m not in MODALITIES]
    if unknown:
        errors.append(f"modalities: unknown {examples(unknown, 5, 40)}; choose from {', '.join(MODALITIES)}")
    metadata["modalities"] = [m for m in MODALITIES if m in modalities]
    weights = raw.get("open_weights")
    metadata["open_weights"] = (weights if isinstance(weights, bool) else
                                OPEN_WEIGHTS.get(weights) if isinstance(weights, str) else None)
    return metadata, errors


def _sentence_labels(labels: Mapping[str, Iterable[str]]) -> list[str]:
    return [name for name, items in labels.items() if any(len(label.split()) > SENTENCE_WORDS for label in items)]


def _foreign_ids(name: str, names: Sequence[str], known: Sequence[str], track: Track, gt: Mapping[str, Any]) -> str:
    """Why a file looks made for another test set, or "": most of its ids are not the track's, and it leaves most of
    the track's clips without a prediction. Scored, it would be mostly empty predictions, stored, ranked near the
    bottom and counted against the day's quota; a superset of the track's clips, or a partial file of its own ids,
    is scored as before."""
    unknown = [sample for sample in names if sample not in gt]
    if len(unknown) <= len(known) or len(known) >= len(gt) / 2:
        return ""
    return (f"{name}: {len(unknown)} of its {len(names)} ids are not samples of track '{track.id}' (e.g. "
            f"{examples(unknown)}), and it predicts only {len(known)} of the track's {len(gt)} clips — a file "
            f"for another track or test set? Check the track and the id column")


def check_file(path: Path | None, name: str, track: Track, gt: Mapping[str, Any], max_bytes: int) -> Checked:
    """Read and check an uploaded predictions file against its track; never raises on a user's file."""
    checked = Checked()
    if path is None:
        checked.errors.append("no file: upload a predictions file (csv, json, jsonl or npz)")
        return checked
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        checked.errors.append(f"{name}: file type '{suffix or '(none)'}' is not accepted — upload one of "
                              f"{', '.join(SUFFIXES)}")
        return checked
    size = path.stat().st_size
    if size > max_bytes:
        checked.errors.append(f"{name}: {size / 2**20:.1f} MB; the limit is {max_bytes / 2**20:.0f} MB")
        return checked
    checked.payload = path.read_bytes()
    try:
        # a labels track reads every label field with the official parser, whatever its shape (emer_eval's rule)
        predictions = parse_predictions(checked.payload, suffix, name,
                                        kind="labels" if track.input == "labels" else None)
    except InputError as error:
        checked.errors.append(str(error))
        return checked
    if track.input == "labels" and predictions.labels is None:
        checked.errors.append(f"{name}: this track takes label lists (an 'openset' column) but the file holds "
                              f"descriptions — submit it to the explanations track, or add the labels")
        return checked
    if track.input == "explanations" and predictions.texts is None:
        checked.errors.append(f"{name}: this track takes descriptions (a 'reason' column) but the file holds only "
                              f"labels — submit it to the labels track")
        return checked
    read = track.read(predictions)
    if read is not predictions:
        checked.warnings.append(f"{name}: its label column was left out — this track extracts the labels from the "
                                f"descriptions itself; label lists go to the labels track")
        predictions = read
    known = [sample for sample in predictions.names if sample in gt]
    if not known:
        example = next(iter(gt), "sample_00000000")
        checked.errors.append(f"{name}: none of its {len(predictions.names)} ids are samples of track '{track.id}' "
                              f"(ids look like {example}) — wrong track or wrong id column?")
        return checked
    if track.input == "labels":
        assert predictions.labels is not None
        long_rows = _sentence_labels({sample: predictions.labels[sample] for sample in known})
        if len(long_rows) > max(1, len(known) // 10):
            checked.errors.append(f"{name}: {len(long_rows)} samples (e.g. {long_rows[0]}) have 'labels' longer than "
                                  f"{SENTENCE_WORDS} words — the openset column takes label lists such as "
                                  f"[happy, relieved]; descriptions go to the explanations track")
            return checked
        if long_rows:
            checked.warnings.append(f"{len(long_rows)} sample(s) have labels longer than {SENTENCE_WORDS} words "
                                    f"(e.g. {long_rows[0]}); they will not match the emotion wheels")
        if not any(predictions.labels[sample] for sample in known):
            checked.errors.append(f"{name}: every prediction is empty — nothing to score")
            return checked
    else:
        assert predictions.texts is not None
        if not any(predictions.texts[sample].strip() for sample in known):
            checked.errors.append(f"{name}: every description is empty — nothing to score")
            return checked
        too_long = [sample for sample in known if len(predictions.texts[sample]) > MAX_DESCRIPTION_CHARS]
        if too_long:
            checked.errors.append(f"{name}: {len(too_long)} description(s) are longer than {MAX_DESCRIPTION_CHARS:,} "
                                  f"characters (e.g. {too_long[0]}) — an explanation of one clip takes a paragraph "
                                  f"or two")
            return checked
    foreign = _foreign_ids(name, predictions.names, known, track, gt)
    if foreign:
        checked.errors.append(foreign)
        return checked
    checked.predictions = predictions
    checked.warnings += reconcile(predictions.names, gt)
    return checked
