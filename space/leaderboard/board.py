"""The board of a running hub: store records, paper rows and reference rows, built once per change of the row set.

Why a cache keyed by the row set: the rank intervals (a joint bootstrap over every ranked row), the per-sample
evidence and the reference rows cost far more than a page view should. :meth:`Board.refresh` computes them when the
set of rows changes (after a submission, an admin action, or a write by another replica noticed on the next read)
and every page view, API call and export reads the cached table. Nothing here imports Gradio.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import math
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from emer_eval import (
    JUDGE_SCALE,
    RETIRED_JUDGE,
    mean_bootstrap,
    paired_bootstrap,
    paired_mean_test,
    rank_intervals,
    resampleable,
)

from ..content import load_judged, load_labels, rehashed
from ..hub import Hub
from ..store import LISTED
from ..tracks import Track, TrackUnavailable, ground_truth, ground_truth_if_here, signature_fields
from . import fields
from .evidence import Evidence, evidence_for
from .ranking import rank_ranges
from .reference import reference_entries
from .reported import load_reported
from .scores import StoredScores, read_scores
from .table import (
    BoardSpec,
    Derived,
    build_table,
    ci_overlaps_leader,
    entry_by_id,
    is_ranked,
    with_rank_ranges,
)

RESAMPLES = 1000
SEED = 12345
FAMILIES_NOT_JUDGED = ("the by-family breakdown does not apply to judge scores: an LLM judge gives one 1-10 overlap "
                       "score per clip, not emotion labels that fall into families")


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a board is built, then restore it as it was.

    Why: a cold build of 10,000 rows allocates about a million small, acyclic objects (folded records, typed scores,
    row dicts), and each allocation burst made the collector walk the whole growing heap again: a third of a cold
    board's time, for no garbage (reference counting frees all of it). Mercurial's ``util.nogc`` pauses collection
    around its bulk container builds for the same reason. Nothing is lost: cycles made meanwhile are collected on the
    first pass after the build.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class BoardError(ValueError):
    """A request the board cannot answer (unknown track or entry, no per-sample results); the message says why."""


@dataclass
class Snapshot:
    """One track's board at one row set: the table and what it was built from."""

    key: tuple[Any, ...]
    table: pd.DataFrame
    entries: dict[str, Mapping[str, Any]]
    evidence: dict[str, Evidence]
    derived: dict[str, Derived] = field(default_factory=dict)
    judged: dict[str, JudgedSamples] = field(default_factory=dict)
    """Per-sample judge scores of a judge track's entries (the label tracks' counterpart of ``evidence``)."""
    scores: dict[str, StoredScores] = field(default_factory=dict)
    """The typed scores of the entries a view has asked for, each read once (:mod:`space.leaderboard.scores`)."""

    def scores_of(self, entry_id: str) -> StoredScores:
        """The typed scores of an entry of this board (empty for an id it does not show), read on first use: the
        table reads its columns of all entries at once, and most entries are never opened one by one."""
        found = self.scores.get(entry_id)
        if found is None:
            entry = self.entries.get(entry_id)
            found = StoredScores() if entry is None or not self.shows(entry_id) else read_scores(
                entry.get("scores"), published=fields.source(entry) == "reported")
            self.scores[entry_id] = found
        return found

    @functools.cached_property
    def row_ids(self) -> frozenset[str]:
        """The ids of the board's rows."""
        return frozenset(self.table["id"]) if "id" in self.table else frozenset()

    def shows(self, entry_id: str) -> bool:
        """Is the entry a row of this board (not a hidden, held or rejected record)?"""
        return entry_id in self.row_ids

    def has_samples(self, entry_id: str) -> bool:
        """Has the entry per-sample results (labels or judge scores) for head-to-head tests?"""
        return entry_id in self.evidence or entry_id in self.judged


@dataclass(frozen=True)
class JudgedSamples:
    """One entry's per-sample judge scores: ``metric → scores`` aligned with ``ids``; an unscored reply counts 1, as in
    the stored mean."""

    ids: tuple[str, ...]
    scores: Mapping[str, np.ndarray]

    @classmethod
    def of(cls, stored: Mapping[str, Mapping[str, float | None]]) -> JudgedSamples | None:
        """From a stored judge-scores file; None when its metrics cover different samples (a malformed file)."""
        first = next(iter(stored.values()), None)
        if not first:
            return None
        ids = tuple(first)
        if any(tuple(per_sample) != ids for per_sample in stored.values()):
            return None
        return cls(ids, {metric: np.array([JUDGE_SCALE[0] if value is None else value for value in per_sample.values()])
                         for metric, per_sample in stored.items()})


class Board:
    """Cached boards of every track of ``hub``; thread-safe. With a ``publisher`` (see
    :class:`space.leaderboard.publish.BoardPublisher`) every rebuilt board is also published to the results repo."""

    def __init__(self, hub: Hub, *, publisher: Any = None, resamples: int = RESAMPLES, seed: int = SEED) -> None:
        self.hub = hub
        self.reported = load_reported()
        self.publisher = publisher
        self.resamples = resamples
        self.seed = seed
        self._lock = threading.RLock()
        self._snapshots: dict[str, Snapshot] = {}
        self._references: dict[str, tuple[Any, list[dict[str, Any]]]] = {}

    # --- reading ---------------------------------------------------------------------------------------------------

    def track(self, track_id: str) -> Track:
        track = self.hub.tracks.get(track_id)
        if track is None:
            raise BoardError(f"unknown track '{track_id}'; choose one of {', '.join(self.hub.tracks)}")
        return track

    def snapshot(self, track_id: str) -> Snapshot:
        """The current board of a track, rebuilt only if its row set changed since the last build."""
        track = self.track(track_id)
        revision = self.hub.store.revision()  # cheap: no record is read or folded while nothing changed
        with self._lock:
            current = self._snapshots.get(track.id)
            if current is not None and current.key[0] == revision:
                return current
        with collector_paused():  # folding every record is the other bulk allocation of a rebuild
            records = self.hub.store.records(track.id)
        key = (revision, tuple((r.id, r.visibility, r.signature, r.scored_at, r.status, len(r.moderation))
                               for r in records))
        with self._lock:
            current = self._snapshots.get(track.id)
            if current is not None and current.key[1] == key[1]:  # other tracks changed: keep this board
                current.key = key
                return current
            with collector_paused():
                snapshot = self._build(track, records, key)
            self._snapshots[track.id] = snapshot
        if self.publisher is not None:
            try:
                self.publisher.publish(track.id, self.rows_json(track.id))
            except Exception as error:  # publishing is a copy: the board must keep serving without it
                self.hub.log.warning("publishing the board of %s failed: %s", track.id, error)
        return snapshot

    def refresh(self, track_id: str | None = None) -> None:
        """Bring the cached board(s) up to date now (after a submission or an admin action), not on a page view."""
        for tid in [track_id] if track_id else list(self.hub.tracks):
            self.snapshot(tid)

    def table(self, track_id: str) -> pd.DataFrame:
        """The board as displayed and exported (scores in points; to 2 decimals on a private track)."""
        return self.track(track_id).disclosed(self.snapshot(track_id).table, points=True)

    def entries(self, track_id: str) -> list[Mapping[str, Any]]:
        """Records (visible or flagged), paper rows and reference rows of a track, for the detail view.

        A record hidden by a moderator is left out at once (the store is asked, not the cache): the detail view looks
        rows up by ids a browser loaded earlier, and a hide must not wait for that browser's next refresh.
        """
        track = self.track(track_id)
        records = [fields.as_mapping(r) for r in self.hub.store.records(track.id, visibility=LISTED)]
        papers = [row for row in self.reported if row.get("track") == track.id]
        return [entry for entry in [*records, *papers, *self.references(track)] if entry is not None]

    def entry(self, track_id: str, entry_id: str) -> Mapping[str, Any] | None:
        return entry_by_id(self.entries(track_id), entry_id)

    def references(self, track: Track) -> list[dict[str, Any]]:
        """The reference rows of a label-scored track, recomputed only when its ground truth changes."""
        if not track.label_scored:
            return []
        try:
            gt = ground_truth(track, self.hub.settings)
        except TrackUnavailable:
            return []
        with self._lock:
            cached = self._references.get(track.id)
            if cached is not None and cached[0] is gt:
                return cached[1]
            rows = reference_entries(track.id, gt, wheels=track.wheels, primary=track.primary, private=track.private,
                                     data_dirs=self.hub.settings.data_dirs or None, family_wheel=track.family_wheel)
            self._references[track.id] = (gt, rows)
            return rows

    def judged(self, entry: Mapping[str, Any]) -> JudgedSamples | None:
        """Per-sample judge scores of a judge track's record, None without them (paper rows, older records)."""
        content = entry.get("content")
        ref = content.get("judged") if fields.is_mapping(content) else None
        if not fields.is_mapping(ref):
            return None
        stored = load_judged(self.hub.store.file_path(ref))
        return JudgedSamples.of(stored) if stored else None

    def evidence(self, track: Track, entry: Mapping[str, Any]) -> Evidence | None:
        """Per-sample evidence of an entry: stored labels of a record, or the reference row's own; None for papers."""
        if isinstance(entry.get("evidence"), Evidence):
            return entry["evidence"]
        content = entry.get("content")
        labels_ref = content.get("labels") if fields.is_mapping(content) else None
        if not fields.is_mapping(labels_ref):
            return None
        try:
            gt = ground_truth(track, self.hub.settings)
        except TrackUnavailable:
            return None
        path = self.hub.store.file_path(labels_ref)
        return evidence_for(labels_ref["sha256"], lambda: load_labels(path), gt, track.wheels,
                            self.hub.settings.data_dirs or None, track.family_wheel)

    # --- building --------------------------------------------------------------------------------------------------

    def _build(self, track: Track, records: list[Any], key: tuple[Any, ...]) -> Snapshot:
        spec = BoardSpec.of(track)
        references = self.references(track)
        # older records' content hashes as a submission compares them, for the "identical to" marks
        records = rehashed(records, self.hub.store, track, ground_truth_if_here(track, self.hub.settings))
        shown = [fields.as_mapping(r) for r in records]
        evidence: dict[str, Evidence] = {}
        for entry in [*shown, *references]:
            if entry is None:
                continue
            found = self.evidence(track, entry)
            if found is not None:
                evidence[str(entry["id"])] = found
        judged = {str(entry["id"]): found for entry in shown if entry is not None and track.judged
                  for found in [self.judged(entry)] if found is not None}
        derived = {entry_id: Derived(mean_labels=item.mean_labels) for entry_id, item in evidence.items()}
        papers = [row for row in self.reported if row.get("track") == track.id]
        unranged = build_table(records, papers, spec, references=references, derived=derived)
        ranges = (self._judged_rank_ranges(track, unranged, judged) if track.judged
                  else self._rank_ranges(track, unranged, evidence))
        table = with_rank_ranges(unranged, ranges)
        derived = {entry_id: Derived(mean_labels=evidence[entry_id].mean_labels if entry_id in evidence else math.nan,
                                     rank_range=ranges.get(entry_id))
                   for entry_id in {*evidence, *judged}}
        entries = {str(e["id"]): e for e in [*shown, *papers, *references] if e is not None}
        return Snapshot(key, table, entries, evidence, derived, judged)

    def _rank_ranges(self, track: Track, table: pd.DataFrame,
                     evidence: Mapping[str, Evidence]) -> dict[str, tuple[int, int]]:
        """95 % rank ranges of the ranked rows: those with per-sample results resampled, paper rows held constant."""
        if not resampleable(track.primary):
            return {}
        ranges: dict[str, tuple[int, int]] = {}
        for _, ranked in table.loc[table["Rank"].notna()].groupby("group", sort=False):  # each ranked group alone
            rows = [(row_id, evidence.get(row_id), score / (100.0 if track.scale == "fraction" else 1.0))
                    for row_id, score in zip(ranked["id"], ranked["Score"], strict=False)]
            ranges.update(rank_ranges(rows, track.primary, resamples=self.resamples, seed=self.seed))
        return ranges

    def _judged_rank_ranges(self, track: Track, table: pd.DataFrame,
                            judged: Mapping[str, JudgedSamples]) -> dict[str, tuple[int, int]]:
        """95 % rank ranges of a judge track's ranked rows, per ranked group, from one joint bootstrap of the clips:
        rows with per-sample scores on the same clips are resampled together, the others held at their mean."""
        ranges: dict[str, tuple[int, int]] = {}
        for _, ranked in table.loc[table["Rank"].notna()].groupby("group", sort=False):
            ids = [str(entry_id) for entry_id in ranked["id"]]
            found = {i: judged[entry_id] for i, entry_id in enumerate(ids) if entry_id in judged}
            clips = next(iter(found.values())).ids if found else None
            usable = {i: samples.scores[track.primary] for i, samples in found.items()
                      if samples.ids == clips and track.primary in samples.scores}
            if not usable:
                continue
            values = np.empty((self.resamples, len(ids)))
            values[:] = ranked["Score"].to_numpy(dtype=float)
            values[:, list(usable)] = mean_bootstrap(np.column_stack(list(usable.values())), self.resamples,
                                                     self.seed)
            intervals = rank_intervals(values)
            ranges.update({ids[i]: intervals[i] for i in usable})
        return ranges

    # --- answers for API clients -----------------------------------------------------------------------------------

    def rows_json(self, track_id: str) -> list[dict[str, Any]]:
        """Plain row objects in board order: no markup; EW and hit-rate scores as fractions (judges on their scale)."""
        track = self.track(track_id)
        snapshot = self.snapshot(track.id)
        table = snapshot.table
        overlaps = ci_overlaps_leader(table)
        factor = 100.0 if track.scale == "fraction" else 1.0
        rows = []
        for (_, row), overlap in zip(table.iterrows(), overlaps, strict=True):
            entry = snapshot.entries[row["id"]]
            metadata = entry.get("metadata") or {}
            rank = row["Rank"]
            paper = row["Paper"]
            rows.append({
                "rank": None if pd.isna(rank) else int(rank), "id": row["id"], "model_name": row["model_name"],
                "organisation": row["organisation_name"], "link": row["link"] or None, "source": row["Source"],
                "official": is_ranked(row["group"]), "group": row["group"],
                "modalities": [m for m in row["modality_list"].split(";") if m],
                "open_weights": metadata.get("open_weights"), "flagged": bool(row["flagged"]),
                "ci_overlaps_leader": None if pd.isna(overlap) else bool(overlap),
                "primary": track.primary, "score": float(row["Score"]) / factor, "scale": track.scale,
                "scores": _json_safe(snapshot.scores_of(row["id"]).to_dict()),
                "signature": entry.get("signature") or "",
                "rank_range": None if pd.isna(row["rank_lo"]) else [int(row["rank_lo"]), int(row["rank_hi"])],
                "tied_for_first": bool(row["tied_first"]),
                "reported": None if math.isnan(paper) else paper / factor,
                "delta_reported": None if math.isnan(paper) else float(row["Δ paper"]) / factor,
                "mean_labels": None if math.isnan(row["Mean labels"]) else float(row["Mean labels"]),
                "oov_share": None if math.isnan(row["OOV %"]) else float(row["OOV %"]) / 100.0,
                "training_data": [item for item in (metadata.get("training_data") or []) if isinstance(item, str)],
                "training_notes": metadata.get("training_notes") or "",
                "zero_shot": metadata.get("zero_shot") if isinstance(metadata.get("zero_shot"), bool) else None,
                "trained_on_test_clips": bool(row["trained_on_test"]),
                "identical_to": row["identical_to"] or None,
                "identical_review": row["identical_review"] or None,
                "created_at": entry.get("created_at"),
                "reference": (entry.get("reported") or {}).get("source_ref"),
                "reference_k": (entry.get("reference") or {}).get("k") if row["Source"] == "reference" else None,
            })
        return track.disclosed(rows)

    def compare(self, track_id: str, entry_a: str, entry_b: str, *, disagreements: int = 10) -> dict[str, Any]:
        """Head-to-head of two entries with per-sample results: paired bootstrap Δ of the primary, its 95 % CI and
        p-value, per-family and per-polarity Δ of F (fractions), and on public tracks the clips they disagree most on.

        An entry whose labels were extracted k times counts as the mean of its runs everywhere (``runs`` says how many
        each has); the labels listed for a disagreeing clip are those of run 1.
        """
        track = self.track(track_id)
        snapshot = self.snapshot(track.id)
        if track.judged:
            return self._compare_judged(track, snapshot, entry_a, entry_b, disagreements)
        sides = []
        for entry_id in (entry_a, entry_b):
            entry = self._entry_of(track, snapshot, entry_id)
            evidence = snapshot.evidence.get(entry_id)
            if evidence is None:
                raise BoardError(f"entry '{entry_id}' has no per-sample results (paper rows only report aggregates)")
            sides.append((entry, evidence))
        if not resampleable(track.primary):
            raise BoardError(f"the primary metric {track.primary} of this track cannot be compared per sample")
        (a, ev_a), (b, ev_b) = sides
        test = paired_bootstrap(ev_a.stats, ev_b.stats, resamples=self.resamples, seed=self.seed,
                                primary=track.primary)
        fam_a, fam_b = ev_a.family_scores(), ev_b.family_scores()
        pol_a, pol_b = ev_a.polarity_scores(), ev_b.polarity_scores()
        result: dict[str, Any] = {
            "track": track.id, "primary": track.primary, "a": entry_a, "b": entry_b,
            "model_a": (a.get("metadata") or {}).get("model_name"),
            "model_b": (b.get("metadata") or {}).get("model_name"),
            "score_a": snapshot.scores_of(entry_a).value(track.primary),
            "score_b": snapshot.scores_of(entry_b).value(track.primary),
            "delta": test["delta"], "ci95": test["ci95"], "p_value": test["p_value"], "resamples": test["resamples"],
            "per_family": {family: fam_a[family]["f"] - fam_b[family]["f"] for family in fam_a},
            "per_polarity": {group: pol_a[group]["f"] - pol_b[group]["f"] for group in pol_a},
            "runs": {"a": ev_a.runs, "b": ev_b.runs}, "disagreements": None,
        }
        if not track.private:
            result["disagreements"] = _disagreements(ev_a, ev_b, ground_truth(track, self.hub.settings), disagreements)
        return track.disclosed(result)

    @staticmethod
    def _entry_of(track: Track, snapshot: Snapshot, entry_id: str) -> Mapping[str, Any]:
        """A row the board shows. The snapshot also holds hidden, held and rejected records (the table is built from
        every record); a head-to-head with one of them would publish what moderation or review withholds — its
        per-clip labels included — to anyone who kept its id."""
        entry = snapshot.entries.get(entry_id) if snapshot.shows(entry_id) else None
        if entry is None:
            raise BoardError(f"no entry '{entry_id}' on track '{track.id}' (use the id from /leaderboard_json)")
        return entry

    def _compare_judged(self, track: Track, snapshot: Snapshot, entry_a: str, entry_b: str,
                        top: int) -> dict[str, Any]:
        """Head-to-head on a judge track: paired bootstrap of the difference of the mean per-clip judge score (on the
        judge's 1–10 scale) for each judge metric, the primary first; only between rows of the same judge, prompt
        version and language, since other scores are not comparable."""
        sides = []
        for entry_id in (entry_a, entry_b):
            entry = self._entry_of(track, snapshot, entry_id)
            samples = snapshot.judged.get(entry_id)
            if samples is None:
                raise BoardError(f"entry '{entry_id}' has no per-clip judge scores (paper rows only report means, "
                                 f"judged by the retired {RETIRED_JUDGE})")
            sides.append((entry, samples))
        (a, samples_a), (b, samples_b) = sides
        comparable = ("judge", "prompts", "lang")
        fields_a, fields_b = (signature_fields(str(e.get("signature") or "")) for e in (a, b))
        differ = [f"{key} {fields_a.get(key, '?')} vs {fields_b.get(key, '?')}" for key in comparable
                  if fields_a.get(key) != fields_b.get(key)]
        if differ or samples_a.ids != samples_b.ids:
            raise BoardError("these two entries were not judged alike (" + ("; ".join(differ) or "other clips")
                             + "): judge scores are comparable only with the same judge, prompt version and language")
        metrics = [track.primary, *(m for m in samples_a.scores if m != track.primary and m in samples_b.scores)]
        tests = {metric: paired_mean_test(samples_a.scores[metric], samples_b.scores[metric],
                                          resamples=self.resamples, seed=self.seed) for metric in metrics}
        main = tests[track.primary]
        result: dict[str, Any] = {
            "track": track.id, "primary": track.primary, "a": entry_a, "b": entry_b, "scale": list(JUDGE_SCALE),
            "judge": fields_a.get("judge"), "prompts": fields_a.get("prompts"), "lang": fields_a.get("lang"),
            "model_a": (a.get("metadata") or {}).get("model_name"),
            "model_b": (b.get("metadata") or {}).get("model_name"),
            "score_a": float(samples_a.scores[track.primary].mean()),
            "score_b": float(samples_b.scores[track.primary].mean()),
            "delta": main["delta"], "ci95": main["ci95"], "p_value": main["p_value"], "resamples": main["resamples"],
            "per_metric": tests, "per_family": None, "per_polarity": None,
            "families_note": FAMILIES_NOT_JUDGED, "disagreements": None,
        }
        if not track.private:
            difference = samples_a.scores[track.primary] - samples_b.scores[track.primary]
            order = np.argsort(-np.abs(difference), kind="stable")[:top]
            result["disagreements"] = [
                {"name": samples_a.ids[i], "score_a": float(samples_a.scores[track.primary][i]),
                 "score_b": float(samples_b.scores[track.primary][i]), "delta": float(difference[i])}
                for i in order if difference[i] != 0]
        return result

    def family_table(self, track_id: str, measure: str = "r") -> pd.DataFrame:
        """The "by family" view: one row per entry with per-sample results, one column per family and polarity.

        ``measure`` is ``r`` (recall), ``p`` (precision) or ``f``; values in points (×100), in board order.
        """
        if measure not in ("r", "p", "f"):
            raise BoardError("measure must be r, p or f")
        if self.track(track_id).judged:
            raise BoardError(FAMILIES_NOT_JUDGED)
        rows = []
        for row, groups in _family_scores(self.snapshot(track_id)):
            values = {"Rank": row["Rank"], "Model": row["Model"], "id": row["id"], "model_name": row["model_name"]}
            values.update({name: scores[measure] * 100.0 for name, scores in groups.items()})
            rows.append(values)
        return self.track(track_id).disclosed(pd.DataFrame(rows), points=True)

    def family_export(self, track_id: str) -> pd.DataFrame:
        """The per-family breakdown for download: per entry, precision, recall and F (points) of every family and
        polarity, with the counts behind them; plain text, in board order."""
        if self.track(track_id).judged:
            raise BoardError(FAMILIES_NOT_JUDGED)
        rows = []
        for row, groups in _family_scores(self.snapshot(track_id)):
            values: dict[str, Any] = {"id": row["id"], "model": row["model_name"], "source": row["Source"]}
            for name, scores in groups.items():
                values.update({f"{name} P": scores["p"] * 100.0, f"{name} R": scores["r"] * 100.0,
                               f"{name} F": scores["f"] * 100.0, f"{name} clips in gt": scores["n_gt"]})
            rows.append(values)
        return self.track(track_id).disclosed(pd.DataFrame(rows), points=True)


def _family_scores(snapshot: Snapshot) -> Iterator[tuple[pd.Series, dict[str, dict[str, float | int]]]]:
    """Board rows with per-sample results, in board order, each with the scores of every family and polarity."""
    for _, row in snapshot.table.iterrows():
        evidence = snapshot.evidence.get(row["id"])
        if evidence is not None:
            yield row, {**evidence.family_scores(), **evidence.polarity_scores()}


def _disagreements(a: Evidence, b: Evidence, gt: Mapping[str, Any], top: int) -> list[dict[str, Any]]:
    difference = a.sample_f() - b.sample_f()
    order = np.argsort(-np.abs(difference), kind="stable")[:top]
    names = a.names
    return [{"name": names[i], "gt": list(gt.get(names[i], ())), "labels_a": list(a.labels.get(names[i], ())),
             "labels_b": list(b.labels.get(names[i], ())), "delta_f": float(difference[i])}
            for i in order if difference[i] != 0]


def _json_safe(value: Any) -> Any:
    """NaN (a paper that gives no P/R) → None, so API clients get valid JSON."""
    if isinstance(value, Mapping):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_safe(item) for item in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
