"""Numbers published in papers (``space/data/reported.csv``) as entries shaped like the store's submission records.

Why the record shape: the table, the detail view and the exports then have a single code path for every row, and a
reported row can never take a shortcut around escaping or ranking. What differs is explicit: ``source`` and
``status`` are ``"reported"``, there is no signature, date or CI, precision/recall are NaN (the papers print only F),
and ``entry["reported"]`` carries the reference, the derived metrics, the published standard deviations and any
benchmark-specific numbers (``extra``) for the "other benchmarks" view.

The file stores fractions in [0, 1] (like the records), except ``*_1to10`` columns (ChatGPT judge scores, 1–10),
which also become judge-score blocks ``scores["clue_overlap"] = {"mean": …, "judge": "gpt-3.5-turbo-16k-0613"}``
shaped like the hub's own judge scores, so the EMER-V1 track shows the paper's rows beside its own.
A blank cell means "not reported" and loads as NaN, never 0. See ``space/data/README.md`` for every column.
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path
from typing import Any

from emer_eval import RETIRED_JUDGE

from .columns import WHEEL_METRICS

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "reported.csv"
PER_METRIC = ("M1", "M2", *WHEEL_METRICS)
AGGREGATES = ("EW-L1", "EW-L2")
BASE_COLUMNS = ("track", "model_name", "organisation", "modalities", "open_weights", "source", "source_ref", "derived")
_TRACK = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_MODALITIES = ("audio", "video", "text")


class ReportedDataError(ValueError):
    """``reported.csv`` is malformed; the message names the line and column to fix."""


def _number(text: str, where: str, low: float, high: float) -> float:
    if text.strip() == "":
        return math.nan
    try:
        value = float(text)
    except ValueError:
        raise ReportedDataError(f"{where}: {text!r} is not a number") from None
    if not low <= value <= high:
        raise ReportedDataError(f"{where}: {value} is outside [{low}, {high}] (fractions, not ×100?)")
    return value


def _weights(text: str, where: str) -> bool | None:
    value = text.strip().lower()
    if value in ("", "unknown"):
        return None
    if value in ("true", "open", "1"):
        return True
    if value in ("false", "closed", "0"):
        return False
    raise ReportedDataError(f"{where}: open_weights must be true, false or blank, got {text!r}")


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "model"


def _entry(row: dict[str, str], line: int) -> dict[str, Any]:
    where = f"reported.csv line {line}"
    track = row["track"].strip()
    if not _TRACK.fullmatch(track):
        raise ReportedDataError(f"{where}, track: {track!r} is not a valid track name")
    if row["source"].strip() != "reported":
        raise ReportedDataError(f"{where}, source: must be 'reported', got {row['source']!r}")
    name = row["model_name"].strip()
    if not name:
        raise ReportedDataError(f"{where}, model_name: empty")
    modalities = [m.strip() for m in row["modalities"].split(";") if m.strip()]
    unknown = [m for m in modalities if m not in _MODALITIES]
    if unknown:
        raise ReportedDataError(f"{where}, modalities: unknown {unknown} (use audio;video;text)")

    scores: dict[str, Any] = {}
    std: dict[str, float] = {}
    for metric in PER_METRIC:
        f = _number(row[f"{metric}_f"], f"{where}, {metric}_f", 0.0, 1.0)
        if not math.isnan(f):
            scores[metric] = {"f": f, "p": math.nan, "r": math.nan, "n": None}
        sd = _number(row[f"{metric}_f_std"], f"{where}, {metric}_f_std", 0.0, 1.0)
        if not math.isnan(sd):
            std[metric] = sd
    for metric in AGGREGATES:
        f = _number(row[f"{metric}_f"], f"{where}, {metric}_f", 0.0, 1.0)
        if not math.isnan(f):
            scores[metric] = {"f": f, "p": math.nan, "r": math.nan}
    m_avg = _number(row["M-avg"], f"{where}, M-avg", 0.0, 1.0)
    if not math.isnan(m_avg):
        scores["M-avg"] = m_avg

    derived = [item.strip().removesuffix("_f") for item in row["derived"].split(";") if item.strip()]
    extra: dict[str, float] = {}
    for column, text in row.items():
        if column in BASE_COLUMNS or column == "M-avg" or any(
                column in (f"{m}_f", f"{m}_f_std") for m in (*PER_METRIC, *AGGREGATES)):
            continue
        high = 10.0 if column.endswith("_1to10") else 1.0
        value = _number(text, f"{where}, {column}", 0.0, high)
        if not math.isnan(value):
            extra[column] = value
            if column.endswith("_1to10"):  # a judge score: a metric of a judge track, by the paper's (retired) judge
                scores[column.removesuffix("_1to10")] = {"mean": value, "scale": [1.0, 10.0], "judge": RETIRED_JUDGE}

    suffix = "-" + "-".join(modalities) if modalities else ""
    return {
        "id": f"reported/{track}/{_slug(name)}{suffix}",
        "track": track,
        "user": "",
        "status": "reported",
        "source": "reported",
        "visibility": "visible",
        "metadata": {"model_name": name, "organisation": row["organisation"].strip(), "link": "",
                     "modalities": modalities, "open_weights": _weights(row["open_weights"], where),
                     "description": ""},
        "scores": scores,
        "signature": "",
        "created_at": None,
        "scored_at": None,
        "reported": {"source_ref": row["source_ref"].strip(), "derived": derived, "std": std, "extra": extra},
    }


def load_reported(path: str | Path = DEFAULT_PATH) -> list[dict[str, Any]]:
    """Every row of ``reported.csv`` as a record-shaped entry (see the module docstring), in file order.

    Raises :class:`ReportedDataError` on a malformed file: it is the project's own data, so a mistake should fail
    the test suite loudly rather than show a wrong number.
    """
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        required = [*BASE_COLUMNS, "M-avg", *(f"{m}_f" for m in (*PER_METRIC, *AGGREGATES)),
                    *(f"{m}_f_std" for m in PER_METRIC)]
        missing = [column for column in required if column not in header]
        if missing:
            raise ReportedDataError(f"{path}: missing column(s) {', '.join(missing)}")
        entries = [_entry(row, line) for line, row in enumerate(reader, start=2)]
    seen: set[str] = set()
    for entry in entries:
        if entry["id"] in seen:
            raise ReportedDataError(f"{path}: duplicate row for {entry['id']} (same track, model and modalities)")
        seen.add(entry["id"])
    return entries
