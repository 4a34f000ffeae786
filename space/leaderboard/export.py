"""CSV and JSON downloads of the (filtered) leaderboard: raw numbers, plain text, nothing a spreadsheet executes.

Why a separate frame: the on-screen table holds escaped markdown (``\\[x\\]``, ``&lt;``) that would be noise in a
file, so exports write the plain-text twin of every markup column (``Column.export_as``) under the column's header.
Numbers are the unrounded points (×100) of the table, written as numbers. A CSV opened in a spreadsheet runs
formulas, so every *text* cell that starts with ``= + - @``, a tab or a carriage return gets a leading apostrophe
(OWASP "CSV injection"); numeric cells are never touched, so a score stays a number. JSON has no such risk and keeps
plain values (NaN → null, dates as ISO 8601 UTC).
"""

from __future__ import annotations

import json
import math
import os
import re
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from emer_eval import neutralise_formula, write_bytes_atomic

from ..disk import write_download
from .columns import BY_NAME, COLUMNS, POINTS, PRIMARY

__all__ = ["export_frame", "to_csv_text", "to_json_rows", "to_json_text", "write_export"]


def export_frame(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The exportable view of a leaderboard frame: plain text instead of markup, hidden helpers dropped.

    ``columns`` restricts the export to what the user has on screen (never-hidden columns and ``id`` always
    included, so a row can be traced back); default: every exportable column.
    """
    wanted = None if columns is None else set(columns) | {c.name for c in COLUMNS if c.never_hidden} | {"id"}
    out: dict[str, Any] = {}
    for column in COLUMNS:
        if not column.export or column.name not in frame.columns or (wanted is not None and column.name not in wanted):
            continue
        source = column.export_as or column.name
        out[column.name] = frame[source if source in frame.columns else column.name]
    exported = pd.DataFrame(out, index=frame.index).reset_index(drop=True)
    label = frame.attrs.get("label", PRIMARY)
    if label != PRIMARY and PRIMARY in exported.columns:  # the primary under its own name, as on screen
        exported = exported.drop(columns=[label], errors="ignore").rename(columns={PRIMARY: label})
    return exported


def to_csv_text(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> str:
    """The CSV text (UTF-8, comma-separated, header row) of the exportable frame, formulas neutralised."""
    out = export_frame(frame, columns)
    for name in out.columns:
        column = BY_NAME[name if name in BY_NAME else PRIMARY]
        if column.dtype in ("string", "str", "object"):
            out[name] = out[name].astype("object").map(neutralise_formula)
        elif column.dtype.startswith("datetime"):
            out[name] = out[name].map(_iso)
    return out.to_csv(index=False, lineterminator="\n")


def to_json_rows(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """One JSON-ready dict per row: floats, ints, bools, plain strings, ``None`` for missing values."""
    out = export_frame(frame, columns)
    rows = []
    for record in out.to_dict(orient="records"):
        rows.append({str(key): _plain_value(value) for key, value in record.items()})
    return rows


def to_json_text(frame: pd.DataFrame, columns: Sequence[str] | None = None, *, track: str | None = None) -> str:
    """A JSON document ``{"track", "units", "rows"}`` — the units line saves every consumer a guess."""
    label = frame.attrs.get("label", "the primary metric")
    document = {"track": track, "primary": label,
                "units": f"scores in points (fraction × {POINTS:g}; judge scores on their 1–10 scale); CI = 95 % "
                         f"bootstrap of {label}; 'Rank 95 %' = joint-bootstrap rank range",
                "rows": to_json_rows(frame, columns)}
    return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False)


def _plain_value(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return _iso(value)
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalar → Python scalar
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _iso(value: Any) -> str:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    return pd.Timestamp(value).isoformat()


def _safe_name(track: str | None) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", track or "leaderboard").strip("-") or "leaderboard"


def write_export(frame: pd.DataFrame, fmt: str, *, track: str | None = None, columns: Sequence[str] | None = None,
                 directory: str | os.PathLike[str] | None = None) -> str:
    """Write ``fmt`` (``"csv"`` or ``"json"``) to a file and return its path (for ``gr.DownloadButton``).

    By default in the hub's downloads folder, one file per distinct export (content-addressed: its own folder, a
    readable name, never changed once written), bounded in files and bytes (oldest removed first, see
    :mod:`space.disk`).
    """
    if fmt == "csv":
        text = to_csv_text(frame, columns)
    elif fmt == "json":
        text = to_json_text(frame, columns, track=track)
    else:
        raise ValueError(f"unknown export format {fmt!r}: use 'csv' or 'json'")
    if directory is None:  # the hub's bounded downloads folder: refreshes do not pile files up (space.disk)
        return str(write_download(f"emer-hub-{_safe_name(track)}.{fmt}", text))
    target = Path(directory) / f"emer-hub-{_safe_name(track)}-{secrets.token_hex(8)}.{fmt}"
    write_bytes_atomic(target, text.encode("utf-8"), durable=False)  # a lost export is simply asked for again
    return str(target)
