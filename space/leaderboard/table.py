"""Submission records + reported rows → the ranked leaderboard DataFrame; filtering and column selection over it.

Pure functions over plain data (no Gradio), so the ranking, the tie-break and the escaping are unit-tested without a
browser, and the UI layer only passes widget values in and DataFrames out.

What is shown (decided here, once):

* submissions whose ``status`` is ``scored`` or ``baseline`` and whose ``visibility`` is ``visible`` — or
  ``flagged``: a moderator's flag means "under review", not "removed" (that is ``hidden``), so a flagged entry stays
  on the board, ranked as usual, with a ⚑ badge (``include_flagged=False`` drops them);
* every reported (paper) row of the track;
* never ``rejected`` or ``hidden`` entries, entries of another track, or entries whose EW-L1 F is missing or not a
  number in [0, 1] — a malformed record is skipped (its id listed in ``df.attrs["skipped"]``), never ranked and
  never allowed to break the table.

Ranking: EW-L1 F descending; equal F (to 1e-9) → earlier ``created_at`` first (the first to reach a score keeps the
place), rows without a date (reported rows) after dated ones and among themselves by model name (case-insensitive),
finally by id so the order is total and stable. Ranks are 1…N, computed on the whole track: filtering keeps each
row's rank. ``CI overlaps leader`` marks statistical ties with the best-ranked row that has a 95 % CI.
"""

from __future__ import annotations

import math
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from . import fields, markup
from .columns import (BY_NAME, COLUMNS, HIDDEN, MODALITIES, NEVER_HIDDEN, OTHER_BENCHMARKS, POINTS, PRIMARY,
                      SCORE_COLUMNS, SOURCES, WEIGHTS, WHEEL_METRICS)

DEFAULT_TRACK = "ovmerd-labels"
SHOWN_STATUSES = frozenset({"scored", "baseline"})
"""Statuses of store records that appear on the board; ``reported`` is accepted only from the ``reported`` rows, so
a record can never pass itself off as a paper's number."""
TIE_TOLERANCE_DIGITS = 9
"""F values equal to 9 decimals (as fractions) are ties: float noise from different code paths is not a lead."""

_SCORE_SPEC: dict[str, tuple[str, str]] = {
    PRIMARY: ("EW-L1", "f"), "CI low": ("EW-L1", "ci_low"), "CI high": ("EW-L1", "ci_high"),
    "EW-L1 P": ("EW-L1", "p"), "EW-L1 R": ("EW-L1", "r"), "EW-L2 F": ("EW-L2", "f"),
    "M1 F": ("M1", "f"), "M2 F": ("M2", "f"), "M-avg": ("M-avg", ""),
    **{f"{metric} F": (metric, "f") for metric in WHEEL_METRICS},
}
"""Where each score column comes from in ``scores``: (metric key, field); ``""`` = the value itself."""
if set(_SCORE_SPEC) != set(SCORE_COLUMNS):  # a column declared in columns.py without a source here
    raise RuntimeError(f"score columns without a source: {sorted(set(SCORE_COLUMNS) ^ set(_SCORE_SPEC))}")
_SCORE_ORDER = tuple(_SCORE_SPEC[name] for name in SCORE_COLUMNS)
_TEXT_COLUMNS = ("Model", "Organisation", "Modalities", "Weights", "Source", "Signature", "Reference", "id",
                 "model_name", "organisation_name", "modality_list", "link", "flagged")


def _shown(entry: Mapping[str, Any], track: str, include_flagged: bool, reported: bool) -> bool:
    status_ok = entry.get("status") == "reported" if reported else entry.get("status") in SHOWN_STATUSES
    if not status_ok or entry.get("track") != track:
        return False
    visibility = entry.get("visibility", "visible")
    return visibility == "visible" or (include_flagged and visibility == "flagged")


def build_table(records: Iterable[Any], reported: Iterable[Any] = (), track: str = DEFAULT_TRACK, *,
                include_flagged: bool = True) -> pd.DataFrame:
    """The ranked leaderboard of ``track``: one row per shown entry, columns and dtypes as in :data:`COLUMNS`.

    ``records`` are the store's folded submissions (dicts or ``Submission`` objects); ``reported`` the entries of
    :func:`space.leaderboard.reported.load_reported`. Scores become points (×100). Skipped malformed entries are
    listed in ``df.attrs["skipped"]`` (ids, at most 50) and counted in ``df.attrs["skipped_count"]``.
    """
    rows: list[tuple[Any, ...]] = []
    skipped: list[str] = []
    sources = [(raw, False) for raw in records] + [(raw, True) for raw in reported]
    for raw, is_reported in sources:
        entry = fields.as_mapping(raw)
        if entry is None or not _shown(entry, track, include_flagged, is_reported):
            continue
        row = _row(entry)
        if row is None:
            skipped.append(markup.plain(entry.get("id")) or "?")
        else:
            rows.append(row)
    n_scores = len(SCORE_COLUMNS)
    values = list(zip(*rows)) if rows else [()] * (n_scores + len(_TEXT_COLUMNS) + 1)
    data: dict[str, Any] = dict(zip(SCORE_COLUMNS, values[:n_scores]))
    data.update(zip(_TEXT_COLUMNS, values[n_scores:-1]))
    frame = _rank(_typed_frame(data, values[-1]))
    frame.attrs["skipped"] = tuple(skipped[:50])
    frame.attrs["skipped_count"] = len(skipped)
    return frame


def _row(entry: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """One entry → (score fractions in ``SCORE_COLUMNS`` order, texts in ``_TEXT_COLUMNS`` order, created_at).

    ``None`` when the primary metric is unusable: such an entry cannot be ranked, so it is skipped. One flat tuple
    per row (transposed once with ``zip``) keeps a 10,000-record build well under the 300 ms budget.
    """
    scores = entry.get("scores")
    scores = scores if fields.is_mapping(scores) else {}
    if math.isnan(fields.metric(scores, "EW-L1", "f")):
        return None
    low, high = fields.ci95(scores.get("EW-L1"))
    numbers = []
    for metric, field in _SCORE_ORDER:
        if field == "ci_low" or field == "ci_high":
            numbers.append(low if field == "ci_low" else high)
            continue
        value = scores.get(metric)
        if field:
            value = value.get(field) if fields.is_mapping(value) else None
        # inline fast path of fields.fraction (the common case: a float in range); anything else goes through it
        numbers.append(value if type(value) is float and 0.0 <= value <= 1.0 else fields.fraction(value))

    metadata = entry.get("metadata")
    metadata = metadata if fields.is_mapping(metadata) else {}
    name = markup.plain(metadata.get("model_name")) or "(unnamed)"
    organisation = markup.plain(metadata.get("organisation"))
    url = markup.safe_https_url(metadata.get("link")) or ""
    modalities = markup.clean_modalities(metadata.get("modalities"))
    flagged = entry.get("visibility") == "flagged"
    reference = entry.get("reported")
    created = entry.get("created_at")
    return (
        *numbers,
        markup.link(name, url, checked=True) + (" ⚑" if flagged else ""),
        markup.escape(organisation),
        markup.modality_badges(modalities),
        fields.weights(metadata.get("open_weights")),
        fields.source(entry),
        markup.plain(entry.get("signature")),
        markup.plain(reference.get("source_ref")) if fields.is_mapping(reference) else "",
        markup.plain(entry.get("id")),
        name,
        organisation,
        ";".join(modalities),
        url,
        flagged,
        created if isinstance(created, str) else None,
    )


def _typed_frame(data: dict[str, Sequence[Any]], created: Sequence[Any]) -> pd.DataFrame:
    """Columns in declaration order with their declared dtypes (scores × 100 here, the only place it happens)."""
    n = len(data["id"])
    columns: dict[str, Any] = {}
    for column in COLUMNS:
        if column.name == "Date":
            columns["Date"] = pd.to_datetime(pd.Series(list(created), dtype="object"), utc=True, errors="coerce",
                                             format="ISO8601").astype("datetime64[ns, UTC]")
        elif column.name == "Rank":
            columns["Rank"] = pd.array(np.arange(1, n + 1), dtype="Int64")
        elif column.name == "CI overlaps leader":
            columns[column.name] = pd.array([pd.NA] * n, dtype="boolean")
        elif column.dtype == "float64":
            columns[column.name] = np.asarray(data[column.name], dtype="float64") * POINTS
        else:
            columns[column.name] = pd.array(list(data[column.name]), dtype=column.dtype)
    return pd.DataFrame(columns, index=pd.RangeIndex(n))


def _rank(frame: pd.DataFrame) -> pd.DataFrame:
    """Sort by the documented tie-break, number the rows 1…N and mark CI overlaps with the leader."""
    if frame.empty:
        return frame
    keys = pd.DataFrame({
        "f": (frame[PRIMARY] / POINTS).round(TIE_TOLERANCE_DIGITS),
        "undated": frame["Date"].isna(),
        "date": frame["Date"],
        "name": frame["model_name"].str.casefold(),
        "id": frame["id"],
    })
    order = keys.sort_values(["f", "undated", "date", "name", "id"], ascending=[False, True, True, True, True],
                             na_position="last", kind="mergesort").index
    ranked = frame.loc[order].reset_index(drop=True)
    ranked["Rank"] = pd.array(np.arange(1, len(ranked) + 1), dtype="Int64")
    ranked["CI overlaps leader"] = ci_overlaps_leader(ranked)
    return ranked


def ci_overlaps_leader(frame: pd.DataFrame) -> pd.Series:
    """Per row: does its CI overlap the CI of the first row (in ``frame`` order) that has one? NA without a CI.

    Overlap of closed intervals: ``low ≤ leader_high and high ≥ leader_low``. The leader overlaps itself.
    """
    low, high = frame["CI low"], frame["CI high"]
    has_ci = low.notna() & high.notna()
    result = pd.Series(pd.array([pd.NA] * len(frame), dtype="boolean"), index=frame.index)
    if not has_ci.any():
        return result
    leader = has_ci.idxmax()
    overlap = (low <= high[leader]) & (high >= low[leader])
    result[has_ci] = overlap[has_ci]
    return result


MAX_QUERY_CHARS = 100
MAX_QUERY_WORDS = 8
"""A search costs one pass over the table per word: 40 KB of query text used to stall every visitor for seconds."""


def search_words(query: str | None) -> list[str]:
    """The distinct case-folded words a search looks for, bounded in number and length."""
    words = (query or "")[:MAX_QUERY_CHARS].casefold().split()
    return list(dict.fromkeys(words))[:MAX_QUERY_WORDS]


def filter_table(frame: pd.DataFrame, query: str = "", modalities: Sequence[str] | None = None,
                 sources: Sequence[str] | None = None, weights: Sequence[str] | None = None) -> pd.DataFrame:
    """The rows matching every given filter; ``None`` means "no filter", an empty list matches nothing.

    * ``query``: every whitespace-separated word must occur (case-insensitive, literally — no regex) in the plain
      model name or organisation (at most :data:`MAX_QUERY_WORDS` distinct words of the first
      :data:`MAX_QUERY_CHARS` characters: the cost of a search stays bounded whatever is typed or sent).
    * ``modalities``: rows whose known modalities are all among the selected ones ("what can I run with these
      inputs"). Selecting all three is no filter; otherwise rows with unknown modalities are left out.
    * ``sources``: any of ``submitted`` / ``baseline`` / ``reported``; ``weights``: any of ``open`` / ``closed`` /
      ``unknown``.

    Ranks are not renumbered: a row keeps its place on the full board.
    """
    mask = pd.Series(True, index=frame.index)
    words = search_words(query)
    if words:
        haystack = frame["model_name"].str.casefold() + "\n" + frame["organisation_name"].str.casefold()
        for word in words:
            mask &= haystack.str.contains(word, regex=False).fillna(False).astype(bool)
    if modalities is not None:
        allowed = {m for m in modalities if m in MODALITIES}
        if allowed != set(MODALITIES):
            def fits(value: str) -> bool:
                used = set(value.split(";")) - {""}
                return bool(used) and used <= allowed
            mask &= frame["modality_list"].map(fits).astype(bool)
    if sources is not None:
        mask &= frame["Source"].isin([s for s in sources if s in SOURCES]).astype(bool)
    if weights is not None:
        mask &= frame["Weights"].isin([w for w in weights if w in WEIGHTS]).astype(bool)
    return frame.loc[mask.to_numpy()]


def select_columns(frame: pd.DataFrame, columns: Sequence[str] | None = None, *,
                   keep_hidden: bool = False) -> pd.DataFrame:
    """The never-hidden columns plus ``columns`` (default: the declared defaults), in declaration order.

    ``keep_hidden=True`` also keeps the hidden ones (id, plain twins) — for a UI state that must map a clicked row
    back to its entry. Unknown names raise ``ValueError``: a silently dropped column is a bug.
    """
    from .columns import default_columns

    wanted = set(default_columns() if columns is None else columns)
    unknown = sorted(wanted - set(BY_NAME))
    if unknown:
        raise ValueError(f"unknown leaderboard column(s): {', '.join(unknown)}")
    wanted |= set(NEVER_HIDDEN)
    if keep_hidden:
        wanted |= set(HIDDEN)
    else:
        wanted -= set(HIDDEN)
    return frame[[c.name for c in COLUMNS if c.name in wanted and c.name in frame.columns]]


def display_frame(frame: pd.DataFrame, columns: Sequence[str] | None = None, decimals: int = 2) -> pd.DataFrame:
    """What ``gr.Dataframe`` shows: selected columns, scores rounded to ``decimals`` (still numbers, still sortable).

    Rounding happens only here; exports and plots use the unrounded table. The nullable flag becomes yes / no / blank
    and dates become ``YYYY-MM-DD HH:MM`` text (blank for paper rows), which serialise cleanly and sort correctly.
    """
    shown = select_columns(frame, columns).copy()
    for name in shown.columns:
        column = BY_NAME[name]
        if column.dtype == "float64":
            shown[name] = shown[name].round(decimals)
        elif column.dtype == "boolean":
            shown[name] = shown[name].map({True: "yes", False: "no"}, na_action="ignore").fillna("").astype("string")
        elif column.dtype.startswith("datetime"):
            shown[name] = shown[name].dt.strftime("%Y-%m-%d %H:%M").fillna("").astype("string")
    return shown


def entry_by_id(entries: Iterable[Any], entry_id: str) -> Mapping[str, Any] | None:
    """The record or reported entry with ``entry_id`` (for the detail view of a clicked row), else ``None``."""
    for raw in entries:
        entry = fields.as_mapping(raw)
        if entry is not None and entry.get("id") == entry_id:
            return entry
    return None


def other_benchmark_table(reported: Iterable[Any], track: str) -> pd.DataFrame:
    """Reported numbers of a benchmark that is not a submission track (see ``OTHER_BENCHMARKS``), ranked.

    Rank by the benchmark's primary column descending, ties by model name then modalities; NaN last. Scores are
    scaled by the benchmark's ``scale`` (fractions → points; judge scores stay 1–10).
    """
    spec = OTHER_BENCHMARKS[track]
    rows = []
    for raw in reported:
        entry = fields.as_mapping(raw)
        if entry is None or entry.get("track") != track:
            continue
        metadata = entry.get("metadata") or {}
        info = entry.get("reported") or {}
        extra = info.get("extra") or {}
        modalities = markup.clean_modalities(metadata.get("modalities"))
        row: dict[str, Any] = {
            "Model": markup.escape(metadata.get("model_name")),
            "Modalities": markup.modality_badges(modalities),
        }
        for header, key in spec.metrics:
            value = extra.get(key, math.nan)
            row[header] = float(value) * spec.scale if isinstance(value, (int, float)) else math.nan
        row.update({"Reference": markup.plain(info.get("source_ref")), "id": markup.plain(entry.get("id")),
                    "model_name": markup.plain(metadata.get("model_name")), "modality_list": ";".join(modalities)})
        rows.append(row)
    headers = ["Model", "Modalities", *(h for h, _ in spec.metrics), "Reference", "id", "model_name", "modality_list"]
    frame = pd.DataFrame(rows, columns=headers)
    for header, _ in spec.metrics:
        frame[header] = frame[header].astype("float64")
    for header in ("Model", "Modalities", "Reference", "id", "model_name", "modality_list"):
        frame[header] = frame[header].astype("string")
    frame = frame.sort_values([spec.primary, "model_name", "modality_list"], ascending=[False, True, True],
                              na_position="last", kind="mergesort", key=_casefold_strings).reset_index(drop=True)
    frame.insert(0, "Rank", pd.array(np.arange(1, len(frame) + 1), dtype="Int64"))
    return frame


def _casefold_strings(series: pd.Series) -> pd.Series:
    return series.str.casefold() if series.dtype == "string" else series
