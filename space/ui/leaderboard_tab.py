"""The Leaderboard tab: filters, column picker, the ranked table, downloads, plots and a detail view per entry.

Everything is computed by the pure functions of ``space.leaderboard``; this module only wires widgets to them.
"""

from __future__ import annotations

import math
from typing import Any

import gradio as gr
import pandas as pd

from ..hub import Hub
from ..judging import board_note
from ..leaderboard.columns import MODALITIES, OTHER_BENCHMARKS, SOURCES, WEIGHTS, column_choices, datatypes, default_columns
from ..leaderboard.detail import detail_markdown
from ..leaderboard.export import write_export
from ..leaderboard.fields import as_mapping
from ..leaderboard.figures import precision_recall_scatter, score_bars
from ..leaderboard.reported import load_reported
from ..leaderboard.table import (MAX_QUERY_CHARS, build_table, display_frame, entry_by_id, filter_table,
                                 other_benchmark_table, select_columns)


class Board:
    """The data behind the board: store records plus the reported rows, built into one ranked table per track."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.reported = load_reported()

    def entries(self, track: str) -> list[Any]:
        """Records and reported rows of a track that may be shown in detail.

        A record hidden by a moderator is left out: the detail view looks rows up by the ids a browser loaded
        earlier, and a hide must take effect at once, not at that browser's next refresh.
        """
        records = self.hub.store.records(track, visibility=("visible", "flagged"))
        return [*records, *(row for row in self.reported if row.get("track") == track)]

    def table(self, track: str) -> pd.DataFrame:
        return build_table(self.hub.store.records(track), self.reported, track)

    def rows_json(self, track: str) -> list[dict[str, Any]]:
        """Plain row objects for API clients, in rank order: no markup, scores as emer_eval fractions (None = n/a)."""
        if track not in self.hub.tracks:
            raise gr.Error(f"unknown track '{track}'; choose one of {', '.join(self.hub.tracks)}")
        entries = {entry_id(entry): entry for entry in self.entries(track)}
        rows = []
        for row in self.table(track).to_dict("records"):
            entry = as_mapping(entries[row["id"]])
            metadata = entry.get("metadata") or {}
            overlap = row["CI overlaps leader"]
            rows.append({
                "rank": int(row["Rank"]), "id": row["id"], "model_name": row["model_name"],
                "organisation": row["organisation_name"], "link": row["link"] or None, "source": row["Source"],
                "modalities": [m for m in row["modality_list"].split(";") if m],
                "open_weights": metadata.get("open_weights"), "flagged": bool(row["flagged"]),
                "ci_overlaps_leader": None if pd.isna(overlap) else bool(overlap),
                "scores": _json_safe(entry.get("scores") or {}), "signature": entry.get("signature") or "",
                "created_at": entry.get("created_at"),
                "reference": (entry.get("reported") or {}).get("source_ref"),
            })
        return rows


def entry_id(entry: Any) -> str:
    mapping = as_mapping(entry)
    return str(mapping.get("id")) if mapping else ""


def _json_safe(value: Any) -> Any:
    """NaN (a paper that gives no P/R) → None, so API clients get valid JSON."""
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_safe(item) for item in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def build(demo: gr.Blocks, hub: Hub) -> Board:
    board = Board(hub)
    track_ids = list(hub.tracks)
    choices = [(track.title, track.id) for track in hub.tracks.values()]
    first = track_ids[0] if track_ids else None
    with gr.Row(equal_height=True):
        track = gr.Dropdown(choices, value=first, label="Track", scale=2, elem_id="board-track")
        query = gr.Textbox(label=f"Search model or organisation (up to {MAX_QUERY_CHARS} characters)", max_lines=1,
                           scale=3, elem_id="board-search", max_length=MAX_QUERY_CHARS)
    with gr.Accordion("Filters and columns", open=False):
        with gr.Row():
            modalities = gr.CheckboxGroup(list(MODALITIES), value=list(MODALITIES), label="Modalities used",
                                          elem_id="board-modalities")
            sources = gr.CheckboxGroup(list(SOURCES), value=list(SOURCES), label="Source", elem_id="board-sources")
            weights = gr.CheckboxGroup(list(WEIGHTS), value=list(WEIGHTS), label="Weights")
        toggleable = column_choices()
        columns = gr.CheckboxGroup(toggleable, value=[c for c in default_columns() if c in toggleable],
                                   label="Columns")
    status = gr.Markdown(elem_id="board-status")
    shown = default_columns()
    table = gr.Dataframe(interactive=False, datatype=datatypes(select_columns(board.table(first), shown).columns)
                         if first else None, elem_id="leaderboard-table", show_search="none", wrap=True, latex_delimiters=[],
                         max_height=600)
    ids = gr.State([])
    with gr.Row():
        csv_button = gr.DownloadButton("Download CSV", elem_id="download-csv")
        json_button = gr.DownloadButton("Download JSON", elem_id="download-json")
    with gr.Row():
        bars = gr.Plot(label="EW-L1 F with 95 % CI")
        scatter = gr.Plot(label="Precision vs recall (EW-L1)")
    detail = gr.Markdown("Select a row to see its details.", elem_id="board-detail")
    gr.Markdown("### Other benchmarks (numbers reported in papers)")
    other = gr.Dropdown([(spec.title, key) for key, spec in OTHER_BENCHMARKS.items()],
                        value=next(iter(OTHER_BENCHMARKS), None), label="Benchmark")
    other_table = gr.Dataframe(interactive=False, wrap=True, latex_delimiters=[], elem_id="other-table")

    def refresh(track_id: str, text: str, mods: list[str], srcs: list[str], wts: list[str], cols: list[str]):
        full = board.table(track_id)
        view = filter_table(full, text, mods, srcs, wts)
        frame = display_frame(view, cols)
        note = f"{len(view)} of {len(full)} entries · ranked by EW-L1 F (ties: earlier submission first) · " \
               f"CI overlaps leader = statistically tied with the top entry"
        if hub.unavailable.get(track_id):
            note += "  \n⚠️ this track's ground truth is not available on this server; new submissions are refused."
        if track_id in hub.tracks and hub.tracks[track_id].judged:
            note += "  \n" + board_note(hub.tracks[track_id], hub.judge())
        csv_path = write_export(view, "csv", track=track_id, columns=cols)
        json_path = write_export(view, "json", track=track_id, columns=cols)
        return (gr.Dataframe(value=frame, datatype=datatypes(list(frame.columns))), list(view["id"]), note,
                csv_path, json_path, score_bars(view), precision_recall_scatter(view))

    def show_detail(track_id: str, row_ids: list[str], event: gr.SelectData) -> str:
        row = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        if row is None or row >= len(row_ids):
            return "Select a row to see its details."
        entry = entry_by_id(board.entries(track_id), row_ids[row])
        return detail_markdown(entry) if entry is not None else "This entry is no longer available."

    def leaderboard_json(track: str) -> list[dict[str, Any]]:
        """Rows of a track's leaderboard as plain objects (model_name, source, scores as points, rank, …)."""
        return board.rows_json(track)

    inputs = [track, query, modalities, sources, weights, columns]
    outputs = [table, ids, status, csv_button, json_button, bars, scatter]
    gr.on([track.change, query.submit, modalities.change, sources.change, weights.change, columns.change,
           demo.load], refresh, inputs, outputs, api_visibility="private")
    table.select(show_detail, [track, ids], detail, api_visibility="private")
    def show_other(key: str | None):
        if not key:
            return None
        frame = other_benchmark_table(board.reported, key).drop(columns=["id", "model_name", "modality_list"])
        frame = frame.round(2)
        kinds = ["markdown" if name in ("Model", "Modalities") else
                 "number" if pd.api.types.is_numeric_dtype(frame[name]) else "str" for name in frame.columns]
        return gr.Dataframe(value=frame, datatype=kinds)

    gr.on([other.change, demo.load], show_other, other, other_table, api_visibility="private")
    gr.api(leaderboard_json, api_name="leaderboard_json")
    return board
