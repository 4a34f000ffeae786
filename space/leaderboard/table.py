"""Submission records + reported rows + reference rows → the ranked leaderboard DataFrame; filters and columns.

Pure functions over plain data (no Gradio), so the ranking, the grouping and the escaping are unit-tested without a
browser, and the UI layer only passes widget values in and DataFrames out.

What is shown (decided here, once):

* submissions whose ``status`` is ``scored`` or ``baseline`` and whose ``visibility`` is ``visible`` — or
  ``flagged`` (under review, ⚑ badge; ``include_flagged=False`` drops them); never ``rejected``, ``hidden`` or held
  entries, entries of another track, or entries whose primary score is missing or malformed (skipped, their ids in
  ``df.attrs["skipped"]``);
* one row per model: a re-scored baseline carries the paper's number and the difference (``Paper``, ``Δ paper``);
  a paper row with no re-scored twin stays a row of its own, "reported, not re-scored";
* the reference rows of the track (trivial guesses, :mod:`space.leaderboard.reference`), never ranked.

Ranking (:class:`BoardSpec` carries the track's ``primary`` metric and its official protocol): only rows whose
signature follows the official protocol are ranked (paper rows count as official when the track says their protocol
was the official one). A track may rank its official rows apart by signature fields (``rank_apart``: the judge
track ranks ``lang:zh`` and ``lang:en`` rows separately): each such group (``official lang:zh``) is ranked 1…N on
its own and listed in the track's order. Primary score descending; equal scores (to 1e-9) → earlier ``created_at``
first, undated (paper) rows after dated ones by model name (case-insensitive), then id. Non-official rows are listed
after the ranked ones, unranked, with a badge. The 95 % rank range of each row with per-sample results comes from
the joint bootstrap within its ranked group (:mod:`space.leaderboard.ranking`), passed in as ``derived``.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from emer_eval import RETIRED_JUDGE

from ..tracks import ranking_group, signature_fields
from . import fields, markup
from .columns import (
    BY_NAME,
    COLUMNS,
    HIDDEN,
    LABELS_ONLY,
    MODALITIES,
    NEVER_HIDDEN,
    OTHER_BENCHMARKS,
    POINTS,
    PRIMARY,
    SOURCES,
    WEIGHTS,
    WHEEL_METRICS,
    primary_label,
)
from .scores import METRIC_PARTS, m_avg_column, metric_columns, read_scores

DEFAULT_TRACK = "ovmerd-labels"
SHOWN_STATUSES = frozenset({"scored", "baseline"})
"""Statuses of store records that appear on the board; ``reported`` and ``reference`` are accepted only from the
reported and reference rows, so a record can never pass itself off as a paper's number or a reference."""
_F_METRICS = ("EW-L1", "EW-L2", "M1", "M2", *WHEEL_METRICS)
_F_COLUMNS = tuple(f"{metric} F" for metric in _F_METRICS)
"""The metrics whose F the table shows in a column of their own, and those columns."""
TIE_TOLERANCE_DIGITS = 9
"""Scores equal to 9 decimals (as fractions) are ties: float noise from different code paths is not a lead."""


def _default_official(signature: str) -> bool:
    """Without a track: the published protocol is the official parser with labels or an LLM extraction."""
    parts = signature_fields(signature)
    extract = parts.get("extract", "")
    return parts.get("parse") == "official" and (extract == "none" or extract.startswith("llm:"))


@dataclass(frozen=True)
class BoardSpec:
    """What the table needs to know about a track: its id, primary metric, scale and official protocol."""

    track: str = DEFAULT_TRACK
    primary: str = "EW-L1"
    scale: str = "fraction"
    is_official: Callable[[str], bool] = field(default=_default_official, compare=False)
    test_clip_sources: tuple[str, ...] = ()
    rank_reported: bool = True
    rank_apart: tuple[str, ...] = ()
    """Signature fields whose values split the official rows into separately ranked groups."""
    group_order: tuple[str, ...] = ()
    """The ranked groups in board order (others follow by name)."""

    @classmethod
    def of(cls, track: Any) -> BoardSpec:
        """From a :class:`space.tracks.Track` (or a track id, with the defaults of the OV-MERD label track)."""
        if isinstance(track, str):
            return cls(track)
        return cls(track.id, track.primary, track.scale, track.is_official, track.test_clip_sources,
                   track.rank_reported, track.rank_apart, track.ranking_groups)

    @property
    def label(self) -> str:
        return primary_label(self.primary)

    def group(self, source: str, signature: str) -> str:
        """``reference``, ``non-official`` or the ranked group of a row (``official``, ``official lang:en``)."""
        if source == "reference":
            return "reference"
        if (source == "reported" and self.rank_reported) or (source != "reported" and self.is_official(signature)):
            parts = signature_fields(signature)
            return ranking_group([(key, parts.get(key, "?")) for key in self.rank_apart])
        return "non-official"

    @property
    def factor(self) -> float:
        """Fractions are shown ×100; judge scores keep their 1–10 scale."""
        return POINTS if self.scale == "fraction" else 1.0


@dataclass(frozen=True)
class Derived:
    """Per-entry values computed from stored per-sample labels (by the board cache, never on a page view)."""

    mean_labels: float = math.nan
    rank_range: tuple[int, int] | None = None


def _shown(entry: Mapping[str, Any], track: str, include_flagged: bool, kind: str) -> bool:
    status = entry.get("status")
    status_ok = status == kind if kind in ("reported", "reference") else status in SHOWN_STATUSES
    if not status_ok or entry.get("track") != track:
        return False
    visibility = entry.get("visibility", "visible")
    return visibility == "visible" or (include_flagged and visibility == "flagged")


def model_key(name: Any) -> str:
    """A model name reduced to lower-case letters and digits: how a baseline finds its paper row."""
    return re.sub(r"[^0-9a-z]+", "", markup.plain(name).casefold())


def build_table(records: Iterable[Any], reported: Iterable[Any] = (), track: Any = DEFAULT_TRACK, *,
                include_flagged: bool = True, references: Iterable[Any] = (),
                derived: Mapping[str, Derived] | None = None) -> pd.DataFrame:
    """The ranked leaderboard of ``track`` (a :class:`BoardSpec`, a Track or a track id); columns as in COLUMNS.

    ``records`` are the store's folded submissions (dicts or ``Submission`` objects); ``reported`` the entries of
    :func:`space.leaderboard.reported.load_reported`; ``references`` the track's reference rows; ``derived`` the
    per-entry values of the board cache (mean labels, rank range) by entry id. Skipped malformed entries are listed
    in ``df.attrs["skipped"]`` (ids, at most 50) and counted in ``df.attrs["skipped_count"]``.

    Built a column at a time (:func:`_columns`): the scores of every entry are read at once by
    :func:`space.leaderboard.scores.metric_columns` (one malformed metric blanks that metric; a blank primary skips
    the row), and each column is one pass over the entries, so a cold board of 10,000 records builds in a fraction
    of a second.
    """
    spec = track if isinstance(track, BoardSpec) else BoardSpec.of(track)
    shown: list[Mapping[str, Any]] = []
    kinds: list[str] = []
    for kind, source in (("record", records), ("reported", reported), ("reference", references)):
        for raw in source:
            entry = fields.as_mapping(raw)
            if entry is not None and _shown(entry, spec.track, include_flagged, kind):
                shown.append(entry)
                kinds.append(kind)
    columns = _columns(shown, kinds, spec, derived or {})
    keep = ~np.isnan(columns[PRIMARY])
    skipped = [markup.plain(entry.get("id")) or "?" for entry, ok in zip(shown, keep, strict=True) if not ok]
    twins = set(columns.pop("twin_of")) - {""}  # a paper row whose re-scored baseline is shown has no row of its own
    pairs = zip(kinds, columns["id"], strict=True)
    keep &= np.fromiter((kind != "reported" or row_id not in twins for kind, row_id in pairs), bool, len(kinds))
    frame = _rank(_typed_frame(columns, keep), spec.group_order)
    frame.attrs["skipped"] = tuple(skipped[:50])
    frame.attrs["skipped_count"] = len(skipped)
    frame.attrs["primary"] = spec.primary
    frame.attrs["label"] = spec.label
    frame.attrs["scale"] = spec.scale
    return frame


def _created(entry: Mapping[str, Any]) -> str:
    created = entry.get("created_at")
    return created if isinstance(created, str) else "~"


def _training(metadata: Mapping[str, Any]) -> list[str]:
    data = metadata.get("training_data")
    items = [item for item in data if isinstance(item, str)] if isinstance(data, list) else []
    notes = markup.plain(metadata.get("training_notes"))
    return [f"other: {notes}" if item == "other" and notes else item for item in items]


def _score_columns(shown: Sequence[Mapping[str, Any]], kinds: Sequence[str], spec: BoardSpec) -> dict[str, Any]:
    """The score columns (fractions) of every shown entry: the primary's value, P, R and CI, each metric's F, M-avg,
    and the judge of a judged primary.

    Paper rows are read F-only (papers print F alone), and a primary that is not an emotion-wheel metric (a judge's
    mean, the hit rate, M-avg) through :func:`read_scores`: both are a handful of rows.
    """
    n = len(shown)
    stored = [entry.get("scores") for entry in shown]
    metrics = metric_columns(stored, _F_METRICS)
    f_values = {column: metrics[name][:, 0] for name, column in zip(_F_METRICS, _F_COLUMNS, strict=True)}
    m_avg = m_avg_column(stored)
    columnar = spec.primary in metrics and spec.scale == "fraction"
    primary = metrics[spec.primary].copy() if columnar else np.full((n, len(METRIC_PARTS)), math.nan)
    judges: list[str | None] = [None] * n
    for i, (scores, kind) in enumerate(zip(stored, kinds, strict=True)):
        if kind != "reported" and columnar:
            continue
        typed = read_scores(scores, published=kind == "reported")
        primary[i] = (typed.value(spec.primary, spec.scale), typed.part(spec.primary, "p"),
                      typed.part(spec.primary, "r"), *typed.ci(spec.primary, spec.scale))
        if kind == "reported":
            for column, value in zip(_F_COLUMNS, typed.f_values(_F_METRICS), strict=True):
                f_values[column][i] = value
            m_avg[i] = typed.value("M-avg")
        judged = typed.judged.get(spec.primary) if spec.scale != "fraction" else None
        judges[i] = None if judged is None else judged.judge
    return {"primary": primary, "f": f_values, "M-avg": m_avg, "judges": judges}


def _columns(shown: Sequence[Mapping[str, Any]], kinds: Sequence[str], spec: BoardSpec,
             derived: Mapping[str, Derived]) -> dict[str, Any]:
    """Every column of the shown entries (fractions for score columns, one value per entry, blank primaries
    included: the caller drops them), plus ``twin_of``: the paper row a re-scored baseline stands for."""
    n = len(shown)
    scores = _score_columns(shown, kinds, spec)
    metadata = [m if fields.is_mapping(m := entry.get("metadata")) else {} for entry in shown]
    sources = ["reference" if kind == "reference" else fields.source(entry) for entry, kind in zip(shown, kinds,
                                                                                                  strict=True)]
    signatures = [markup.plain(entry.get("signature")) for entry in shown]
    group_of = functools.lru_cache(maxsize=None)(spec.group)  # a few signatures serve thousands of rows
    groups = [group_of(source, signature) for source, signature in zip(sources, signatures, strict=True)]
    names = [markup.plain(meta.get("model_name")) or "(unnamed)" for meta in metadata]
    organisations = [markup.plain(meta.get("organisation")) for meta in metadata]
    urls = [markup.safe_https_url(meta.get("link")) or "" for meta in metadata]
    modalities = [markup.clean_modalities(meta.get("modalities")) for meta in metadata]
    flagged = [entry.get("visibility") == "flagged" for entry in shown]
    training = [_training(meta) for meta in metadata]
    on_test = [any(item in spec.test_clip_sources for item in items) for items in training]
    ids = [markup.plain(entry.get("id")) for entry in shown]
    entry_derived = [derived.get(str(entry.get("id"))) for entry in shown]
    ranges = [item.rank_range if item else None for item in entry_derived]
    identical, review = _repeats(shown, kinds, names)

    paper_rows = {model_key(metadata[i].get("model_name")): i for i, kind in enumerate(kinds) if kind == "reported"}
    twin_of = [""] * n
    unit = spec.factor  # the primary-scale columns are stored in display units: points, or the judge's scale
    primary = scores["primary"]
    paper = np.full(n, math.nan)
    for i, (kind, source) in enumerate(zip(kinds, sources, strict=True)):
        if kind == "record" and source == "baseline":
            twin = paper_rows.get(model_key(metadata[i].get("model_name")))
            if twin is not None:
                twin_of[i] = ids[twin]
                paper[i] = primary[twin, 0]
    notes = [_notes(source, group, flag, test, same, rank_range)
             for source, group, flag, test, same, rank_range
             in zip(sources, groups, flagged, on_test, identical, ranges, strict=True)]
    for i, judge in enumerate(scores["judges"]):
        if groups[i] == "non-official" and judge is not None:  # why a judged row is not ranked
            notes[i] += (f"⚖️ {'retired ' if judge == RETIRED_JUDGE else ''}judge {markup.plain(judge)}",)
    cells = [_notes_cells(row_notes) for row_notes in notes]
    oov = [fields.oov(entry) for entry in shown]
    zero_shot = [meta.get("zero_shot") for meta in metadata]
    reported = [entry.get("reported") for entry in shown]
    created = [entry.get("created_at") for entry in shown]
    return {
        PRIMARY: primary[:, 0] * unit, "P": primary[:, 1], "R": primary[:, 2], "Paper": paper * unit,
        "Δ paper": (primary[:, 0] - paper) * unit,
        "Mean labels": [_mean_labels(entry, kind, item) for entry, kind, item in zip(shown, kinds, entry_derived,
                                                                                     strict=True)],
        "OOV %": [fields.fraction(item.get("fraction")) if fields.is_mapping(item) else math.nan for item in oov],
        "CI low": primary[:, 3] * unit, "CI high": primary[:, 4] * unit,
        **scores["f"], "M-avg": scores["M-avg"],
        "Model": [markup.link(name, url, checked=True) + (" ⚑" if flag else "")
                  for name, url, flag in zip(names, urls, flagged, strict=True)],
        "Rank 95 %": [_range_text(source, group, rank_range)
                      for source, group, rank_range in zip(sources, groups, ranges, strict=True)],
        "Notes": [cell for cell, _ in cells],
        "Organisation": [markup.escape(organisation) for organisation in organisations],
        "Modalities": [markup.modality_badges(items) for items in modalities],
        "Weights": [fields.weights(meta.get("open_weights")) for meta in metadata], "Source": sources,
        "Zero-shot": ["yes" if value is True else "no" if value is False else "" for value in zero_shot],
        "Training data": [", ".join(items) for items in training], "Signature": signatures,
        "Reference": [markup.plain(item.get("source_ref")) if fields.is_mapping(item) else "" for item in reported],
        "id": ids, "model_name": names, "organisation_name": organisations,
        "modality_list": [";".join(items) for items in modalities], "notes_text": [text for _, text in cells],
        "link": urls, "group": groups,
        "rank_lo": [rank_range[0] if rank_range else None for rank_range in ranges],
        "rank_hi": [rank_range[1] if rank_range else None for rank_range in ranges],
        "tied_first": [bool(rank_range and rank_range[0] == 1) for rank_range in ranges],
        "trained_on_test": on_test, "identical_to": identical, "identical_review": review, "flagged": flagged,
        "Date": [value if isinstance(value, str) else None for value in created],
        "twin_of": twin_of,
    }


def _mean_labels(entry: Mapping[str, Any], kind: str, derived: Derived | None) -> float:
    """Labels per clip: a reference row's own k, else what the board cache derived from the per-sample labels."""
    if kind == "reference":
        return float(entry["reference"]["k"]) if fields.is_mapping(entry.get("reference")) else math.nan
    return derived.mean_labels if derived else math.nan


def _repeats(shown: Sequence[Mapping[str, Any]], kinds: Sequence[str],
             names: Sequence[str]) -> tuple[list[str], list[str]]:
    """Per entry: the model name of the earlier entry of *another* owner with the same file (``identical_to``), or,
    once an admin kept both, that name with the admin's public reason (``identical_review``); blank otherwise."""
    hashed = {i: content["sha256"] for i, (entry, kind) in enumerate(zip(shown, kinds, strict=True))
              if kind == "record" and fields.is_mapping(content := entry.get("content"))
              and isinstance(content.get("sha256"), str)}
    first_by_content: dict[str, int] = {}
    for i in sorted(hashed, key=lambda i: _created(shown[i])):
        first_by_content.setdefault(hashed[i], i)
    identical = [""] * len(shown)
    review = [""] * len(shown)
    for i, sha256 in hashed.items():
        first = first_by_content[sha256]
        entry = shown[i]
        if first != i and shown[first].get("user") != entry.get("user"):
            original = names[first]
            resolved = entry.get("identical_review")
            if fields.is_mapping(resolved):  # an admin kept both: the mark is cleared, the reason stays public
                review[i] = f"repeats {original}; kept after review: {markup.plain(resolved.get('reason'))}"
            else:
                identical[i] = original
    return identical, review


def _range_text(source: str, group: str, rank_range: tuple[int, int] | None) -> str:
    if rank_range is not None:
        low, high = rank_range
        return str(low) if low == high else f"{low}–{high}"
    if source == "reported":
        return "no interval (paper)"
    if group == "reference":
        return "not ranked"
    return "—"


def with_rank_ranges(frame: pd.DataFrame, ranges: Mapping[str, tuple[int, int]]) -> pd.DataFrame:
    """``frame`` with the 95 % rank range of each row in ``ranges`` (by id) filled in: its range columns and its
    notes. The board computes ranges from the built table's order, then fills them here instead of building the
    table twice (the second build was half of a cold board)."""
    if not ranges:
        return frame
    frame = frame.copy()
    positions = [i for i, row_id in enumerate(frame["id"]) if row_id in ranges]
    low, high, range_text, notes_cell, notes_text, tied = (
        frame[name].tolist() for name in ("rank_lo", "rank_hi", "Rank 95 %", "Notes", "notes_text", "tied_first"))
    for i in positions:
        row = frame.iloc[i]
        rank_range = ranges[row["id"]]
        notes = _notes(row["Source"], row["group"], bool(row["flagged"]), bool(row["trained_on_test"]),
                       row["identical_to"], rank_range)
        low[i], high[i] = rank_range
        tied[i] = rank_range[0] == 1
        range_text[i] = _range_text(row["Source"], row["group"], rank_range)
        notes_cell[i], notes_text[i] = _notes_cells(notes)
    for name, values in (("rank_lo", low), ("rank_hi", high)):
        frame[name] = pd.array(values, dtype="Int64")
    for name, values in (("Rank 95 %", range_text), ("Notes", notes_cell), ("notes_text", notes_text)):
        frame[name] = pd.array(values, dtype="string")
    frame["tied_first"] = np.asarray(tied, dtype=bool)
    return frame


@functools.lru_cache(maxsize=1024)
def _notes_cells(notes: tuple[str, ...]) -> tuple[str, str]:
    """The Notes cell (badges as they are, words escaped) and its plain twin; a board has few distinct note sets."""
    return " ".join(markup.escape(note) if note[0].isalnum() else note for note in notes), " · ".join(notes)


@functools.lru_cache(maxsize=1024)
def _notes(source: str, group: str, flagged: bool, trained_on_test: bool, identical: str,
           rank_range: tuple[int, int] | None) -> tuple[str, ...]:
    notes = []
    if group == "reference":
        notes.append("🧪 reference")
    if group == "non-official":
        notes.append("non-official")
    if is_ranked(group) and group != "official":
        notes.append(f"ranked within {group.removeprefix('official ')}")
    if source == "reported":
        notes.append("📄 reported, not re-scored")
    if rank_range is not None and rank_range[0] == 1:
        notes.append("🥇 tied for first" if rank_range[1] > 1 else "🥇 first")
    if trained_on_test:
        notes.append("⚠️ trained on test clips")
    if identical:
        notes.append(f"≡ identical to {identical}")
    if flagged:
        notes.append("⚑ flagged")
    return tuple(notes)


def _typed_frame(columns: Mapping[str, Any], keep: np.ndarray) -> pd.DataFrame:
    """The kept rows of ``columns``, in declaration order with their declared dtypes (fractions × 100 here, the only
    place it happens)."""
    n = int(keep.sum())
    rows = np.flatnonzero(keep)
    frame: dict[str, Any] = {}
    for column in COLUMNS:
        if column.name == "Rank":
            frame["Rank"] = pd.array([pd.NA] * n, dtype="Int64")
            continue
        values = columns[column.name]
        if column.dtype == "float64":
            array = np.asarray(values, dtype="float64")[rows]
            frame[column.name] = array * POINTS if column.points else array
            continue
        picked = values if n == len(values) else [values[i] for i in rows]
        if column.name == "Date":
            frame["Date"] = pd.to_datetime(pd.Series(picked, dtype="object"), utc=True, errors="coerce",
                                           format="ISO8601").astype("datetime64[ns, UTC]")
        else:
            frame[column.name] = pd.Series(picked, dtype=column.dtype).array
    return pd.DataFrame(frame, index=pd.RangeIndex(n))


def is_ranked(group: str) -> bool:
    """Is ``group`` (a row's ``group`` column) one of the ranked groups?"""
    return group == "official" or group.startswith("official ")


def _sections(groups: pd.Series, order: Sequence[str]) -> pd.Series:
    """Board section of each row: the ranked groups in ``order`` (unknown ones after, by name; reference rows with
    the first), then the non-official rows."""
    names = groups.unique()
    ranked = sorted((g for g in names if is_ranked(g)), key=lambda g: (order.index(g) if g in order else len(order), g))
    position = {group: index for index, group in enumerate(ranked)}
    section = {g: position.get(g, 0 if g == "reference" else len(ranked)) for g in names}
    return pd.Series([section[g] for g in groups.to_numpy(dtype=object)], index=groups.index, dtype=int)


def _rank(frame: pd.DataFrame, order: Sequence[str] = ()) -> pd.DataFrame:
    """Order: each ranked group (reference rows among the first by score), then non-official rows; rank 1…N within
    each ranked group."""
    if frame.empty:
        return frame
    keys = pd.DataFrame({
        "section": _sections(frame["group"], order),
        "score": frame[PRIMARY].round(TIE_TOLERANCE_DIGITS - 2),
        "undated": frame["Date"].isna(),
        "date": frame["Date"],
        "name": frame["model_name"].str.casefold(),
        "id": frame["id"],
    })
    rows = keys.sort_values(["section", "score", "undated", "date", "name", "id"],
                            ascending=[True, False, True, True, True, True], na_position="last",
                            kind="mergesort").index
    ranked = frame.loc[rows].reset_index(drop=True)
    rank = pd.Series(ranked.groupby("group", sort=False).cumcount().to_numpy() + 1, dtype="Int64")
    rank[~ranked["group"].map({g: is_ranked(g) for g in ranked["group"].unique()}).to_numpy(dtype=bool)] = pd.NA
    ranked["Rank"] = rank.array
    return ranked


def ci_overlaps_leader(frame: pd.DataFrame) -> pd.Series:
    """Per row: does its CI overlap the CI of its leader? NA without a CI or a leader.

    The leader of a ranked row is the first row of its ranked group (in ``frame`` order) that has a CI; unranked
    rows are held against the first such leader of the board. Overlap of closed intervals: ``low ≤ leader_high and
    high ≥ leader_low``. The leader overlaps itself.
    """
    low, high = frame["CI low"], frame["CI high"]
    has_ci = low.notna() & high.notna()
    result = pd.Series(pd.array([pd.NA] * len(frame), dtype="boolean"), index=frame.index)
    ranked = (has_ci & frame["Rank"].notna()).to_numpy()
    if not ranked.any():
        return result
    groups = frame["group"].to_numpy()
    lows, highs = low.to_numpy(dtype=float), high.to_numpy(dtype=float)
    leaders: dict[str, int] = {}
    for position in np.flatnonzero(ranked):  # rows are in board order: the first of each group leads it
        leaders.setdefault(str(groups[position]), int(position))
    first = min(leaders.values())
    for row in map(int, np.flatnonzero(has_ci.to_numpy())):
        leader = leaders.get(str(groups[row]), first)
        result.iloc[row] = bool(lows[row] <= highs[leader] and highs[row] >= lows[leader])
    return result


MAX_QUERY_CHARS = 100
MAX_QUERY_WORDS = 8
"""A search costs one pass over the table per word: 40 KB of query text used to stall every visitor for seconds."""


def search_words(query: str | None) -> list[str]:
    """The distinct case-folded words a search looks for, bounded in number and length."""
    words = (query or "")[:MAX_QUERY_CHARS].casefold().split()
    return list(dict.fromkeys(words))[:MAX_QUERY_WORDS]


def filter_table(frame: pd.DataFrame, query: str = "", modalities: Sequence[str] | None = None,
                 sources: Sequence[str] | None = None, weights: Sequence[str] | None = None, *,
                 declared_only: bool = False, zero_shot_only: bool = False) -> pd.DataFrame:
    """The rows matching every given filter; ``None`` means "no filter", an empty list matches nothing.

    * ``query``: every whitespace-separated word must occur (case-insensitive, literally — no regex) in the plain
      model name or organisation (at most :data:`MAX_QUERY_WORDS` distinct words of the first
      :data:`MAX_QUERY_CHARS` characters: the cost of a search stays bounded whatever is typed or sent).
    * ``modalities``: rows whose known modalities are all among the selected ones ("what can I run with these
      inputs"). Rows whose modalities are unknown (most baselines and paper rows) stay, unless ``declared_only``.
    * ``sources``: any of ``submitted`` / ``baseline`` / ``reported`` / ``reference``; ``weights``: any of
      ``open`` / ``closed`` / ``unknown``.
    * ``zero_shot_only``: rows declared zero-shot, plus the reference rows (they learn nothing).

    Ranks are not renumbered: a row keeps its place on the full board.
    """
    mask = pd.Series(True, index=frame.index)
    words = search_words(query)
    if words:
        haystack = frame["model_name"].str.casefold() + "\n" + frame["organisation_name"].str.casefold()
        for word in words:
            mask &= haystack.str.contains(word, regex=False).fillna(False).astype(bool)
    if modalities is not None or declared_only:
        allowed = set(MODALITIES) if modalities is None else {m for m in modalities if m in MODALITIES}

        def fits(value: str) -> bool:
            used = set(value.split(";")) - {""}
            return used <= allowed and bool(used or not declared_only)
        mask &= frame["modality_list"].map(fits).astype(bool)
    if sources is not None:
        mask &= frame["Source"].isin([s for s in sources if s in SOURCES]).astype(bool)
    if weights is not None:
        mask &= frame["Weights"].isin([w for w in weights if w in WEIGHTS]).astype(bool)
    if zero_shot_only:
        mask &= ((frame["Zero-shot"] == "yes") | (frame["group"] == "reference")).fillna(False).astype(bool)
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

    The primary column appears under the metric's own name (``frame.attrs["label"]``, e.g. "EW-L1 F"), replacing a
    same-named metric column. Rounding happens only here; exports and plots use the unrounded table. Flags become
    yes / no / blank and dates ``YYYY-MM-DD HH:MM`` text, which serialise cleanly and sort correctly. On a judge
    track (``attrs["scale"]`` 1–10) the label-only columns (P, R, mean labels, OOV, wheel metrics) are left off.
    """
    shown = select_columns(frame, columns).copy()
    if frame.attrs.get("scale", "fraction") != "fraction":  # judge rows: 1–10 means, no precision, recall or labels
        shown = shown.drop(columns=[name for name in LABELS_ONLY if name in shown.columns])
    for name in shown.columns:
        column = BY_NAME[name]
        if column.dtype == "float64":
            shown[name] = shown[name].round(decimals)
        elif column.dtype == "boolean":
            shown[name] = shown[name].map({True: "yes", False: "no"}, na_action="ignore").fillna("").astype("string")
        elif column.dtype.startswith("datetime"):
            shown[name] = shown[name].dt.strftime("%Y-%m-%d %H:%M").fillna("").astype("string")
    label = frame.attrs.get("label", PRIMARY)
    if label != PRIMARY:
        shown = shown.drop(columns=[label], errors="ignore").rename(columns={PRIMARY: label})
    return shown


def entry_by_id(entries: Iterable[Any], entry_id: str) -> Mapping[str, Any] | None:
    """The record or reported entry with ``entry_id`` (for the detail view of a clicked row), else ``None``."""
    for raw in entries:
        entry = fields.as_mapping(raw)
        if entry is not None and entry.get("id") == entry_id:
            return entry
    return None


def other_benchmark_table(reported: Iterable[Any], track: str) -> pd.DataFrame:
    """Reported numbers of a benchmark known only from papers (see ``OTHER_BENCHMARKS``), sorted and ranked.

    Sorted by the benchmark's primary column descending, ties by model name then modalities; NaN last. ``Rank``
    numbers that order, or stays empty for a benchmark that is not ranked (the retired EMER-V1 judge). Scores are
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
    ranks = np.arange(1, len(frame) + 1) if spec.ranked else [pd.NA] * len(frame)
    frame.insert(0, "Rank", pd.Series(ranks, dtype="Int64"))
    return frame


def _casefold_strings(series: pd.Series) -> pd.Series:
    return series.str.casefold() if series.dtype == "string" else series
