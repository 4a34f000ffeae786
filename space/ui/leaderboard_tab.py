"""The Leaderboard tab (the app's first): the ranked board, its detail view, the by-family view, head-to-head, other
benchmarks; and the ``/leaderboard_json`` and ``/compare`` endpoints.

Everything is computed by :class:`space.leaderboard.board.Board` and the pure functions of ``space.leaderboard``; this
module only lays out widgets and wires them. :func:`build` returns the refresh wiring so the Submit tab can refresh
the board after a successful submission.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import gradio as gr
import pandas as pd

from emer_eval import neutralise_formula

from ..disk import write_download
from ..judging import board_note
from ..leaderboard.board import Board, BoardError
from ..leaderboard.columns import (
    MODALITIES,
    OTHER_BENCHMARKS,
    SOURCES,
    WEIGHTS,
    column_choices,
    datatypes,
    default_columns,
)
from ..leaderboard.detail import detail_markdown
from ..leaderboard.export import write_export
from ..leaderboard.figures import family_bars, family_deltas, precision_recall_scatter, score_bars
from ..leaderboard.markup import escape, visible
from ..leaderboard.publish import badge_svg, eval_results_yaml
from ..leaderboard.table import MAX_QUERY_CHARS, display_frame, filter_table, other_benchmark_table

SCROLL_TO_DETAIL = """() => { const el = document.getElementById('board-detail');
  if (el) { el.scrollIntoView({behavior: 'smooth', block: 'start'}); } }"""
"""Bring the detail into view when a row is selected: it sits just under the table, which can be long."""
PROMPT = "Select a row of the board to see its details here."
ENTRY_FILES = {"eval_results": ("emer-eval-results-{track}.yaml", ".eval_results YAML"),
               "badge": ("emer-badge-{track}.svg", "SVG badge")}
"""The files of one board entry a visitor can ask for: file name and what it is called on the button."""


@dataclass
class BoardWiring:
    """What other tabs need to refresh the board: the handler and its inputs / outputs."""

    refresh: Callable[..., Any]
    inputs: list[Any]
    outputs: list[Any]


def _status(board: Board, track_id: str, shown: int, total: int) -> str:
    track = board.track(track_id)
    test_set = ("🔓 **public test set**" if not track.private else "🔒 **private test set** (aggregates only)")
    note = (f"{shown} of {total} entries · ranked by **{board.table(track_id).attrs.get('label', track.primary)}** "
            f"(`primary` of this track) among rows with the official signature ({escape(track.official_text())}); "
            f"🥇 = 95 % rank range includes 1 · 🧪 reference rows are never ranked  \n"
            f"{test_set}: {escape(track.test_set_reason, max_chars=600)}")
    if board.hub.unavailable.get(track_id):
        note += "  \n⚠️ this track's ground truth is not available on this server; new submissions are refused."
    if track.judged:
        note += "  \n" + board_note(track, board.hub.judge())
    return note


def build(demo: gr.Blocks, board: Board, board_tab: gr.Tab) -> BoardWiring:
    """Lay out the tab's content inside the current context; return the refresh wiring."""
    hub = board.hub
    choices = [(track.title, track.id) for track in hub.tracks.values()]
    first = choices[0][1] if choices else None
    with gr.Row(equal_height=True):
        track = gr.Dropdown(choices, value=first, label="Track", scale=2, min_width=160, elem_id="board-track")
        query = gr.Textbox(label=f"Search model or organisation (up to {MAX_QUERY_CHARS} characters)", max_lines=1,
                           scale=3, min_width=160, elem_id="board-search", placeholder="type to filter",
                           max_length=MAX_QUERY_CHARS)
    status = gr.Markdown(elem_id="board-status")
    with gr.Tabs():
        with gr.Tab("Board", id="board-main"):
            with gr.Accordion("Filters and columns", open=False):
                with gr.Row():
                    modalities = gr.CheckboxGroup(list(MODALITIES), value=list(MODALITIES), label="Modalities used",
                                                  elem_id="board-modalities")
                    declared = gr.Checkbox(False, label="declared modalities only (hide rows whose modalities are "
                                                        "unknown)", elem_id="board-declared")
                    zero_shot = gr.Checkbox(False, label="zero-shot only", elem_id="board-zero-shot")
                with gr.Row():
                    sources = gr.CheckboxGroup(list(SOURCES), value=list(SOURCES), label="Source",
                                               elem_id="board-sources")
                    weights = gr.CheckboxGroup(list(WEIGHTS), value=list(WEIGHTS), label="Weights")
                toggleable = column_choices()
                columns = gr.CheckboxGroup(toggleable, value=[c for c in default_columns() if c in toggleable],
                                           label="Columns")
            table = gr.Dataframe(interactive=False, elem_id="leaderboard-table", show_search="none", wrap=True,
                                 latex_delimiters=[], max_height=560, pinned_columns=3,
                                 column_widths=["52px", "150px", "76px"])
            ids = gr.State([])
            with gr.Column(elem_id="board-detail"):
                detail = gr.Markdown(PROMPT, elem_id="board-detail-text")
                family_plot = gr.Plot(label="Precision and recall per emotion family and polarity", visible=False)
                with gr.Row():  # written when asked for (a click), never when a row is selected
                    eval_button = gr.Button(f"Get the {ENTRY_FILES['eval_results'][1]}", visible=False,
                                            elem_id="get-eval-results")
                    badge_button = gr.Button(f"Get the {ENTRY_FILES['badge'][1]}", visible=False,
                                             elem_id="get-badge")
                    entry_download = gr.DownloadButton("Download", visible=False, elem_id="download-entry-file")
                selected = gr.State(None)
            with gr.Row():  # an export is written when the user asks for it, never on a board refresh
                csv_button = gr.Button("Export CSV", elem_id="export-csv")
                json_button = gr.Button("Export JSON", elem_id="export-json")
                download = gr.DownloadButton("Download", visible=False, elem_id="download-export")
            with gr.Row():
                bars = gr.Plot(label="Primary score with 95 % CI")
                scatter = gr.Plot(label="Precision vs recall")
        with gr.Tab("By family", id="board-family"):
            gr.Markdown("Per emotion family (the level-1 ring of the track's family wheel) and per polarity, for "
                        "every entry with per-sample results, in board order (points ×100).")
            measure = gr.Radio([("recall", "r"), ("precision", "p"), ("F", "f")], value="r", label="Measure",
                               elem_id="family-measure")
            family_table = gr.Dataframe(interactive=False, wrap=True, latex_delimiters=[], elem_id="family-table",
                                        pinned_columns=2)
            with gr.Row():
                family_button = gr.Button("Export the breakdown (CSV: P, R, F per family)", elem_id="family-export")
                family_csv = gr.DownloadButton("Download", visible=False, elem_id="family-csv")
        with gr.Tab("Head-to-head", id="board-compare"):
            gr.Markdown("Two entries with per-sample results: paired bootstrap difference of the primary score "
                        "(1,000 resamples of the clips), its 95 % CI and p-value, per-family differences, and on "
                        "public tracks the clips where they disagree most.")
            with gr.Row():
                entry_a = gr.Dropdown([], label="Entry A", elem_id="compare-a")
                entry_b = gr.Dropdown([], label="Entry B", elem_id="compare-b")
            compare_button = gr.Button("Compare", elem_id="compare-button")
            compare_text = gr.Markdown(elem_id="compare-result")
            compare_plot = gr.Plot(label="F difference per family", visible=False)
            compare_table = gr.Dataframe(interactive=False, wrap=True, latex_delimiters=[], visible=False,
                                         elem_id="compare-clips", label="Clips where they disagree most")
        with gr.Tab("Other benchmarks", id="board-other"):
            gr.Markdown("Numbers reported in papers, as published: benchmarks that are not submission tracks, and "
                        "the EMER-V1 scores of the paper's retired judge.")
            other = gr.Dropdown([(spec.title, key) for key, spec in OTHER_BENCHMARKS.items()],
                                value=next(iter(OTHER_BENCHMARKS), None), label="Benchmark")
            other_note = gr.Markdown(elem_id="other-note")
            other_table = gr.Dataframe(interactive=False, wrap=True, latex_delimiters=[], elem_id="other-table")

    def refresh(track_id: str, text: str, mods: list[str], only_declared: bool, only_zero_shot: bool,
                srcs: list[str], wts: list[str], cols: list[str], family_measure: str):
        full = board.table(track_id)
        view = filter_table(full, text, mods, srcs, wts, declared_only=only_declared, zero_shot_only=only_zero_shot)
        frame = display_frame(view, cols)
        snapshot = board.snapshot(track_id)
        pickable = [(_entry_label(row), row["id"]) for _, row in full.iterrows() if snapshot.has_samples(row["id"])]
        return (gr.Dataframe(value=frame, datatype=datatypes(list(frame.columns))), list(view["id"]),
                _status(board, track_id, len(view), len(full)),
                gr.DownloadButton(visible=False), score_bars(view), precision_recall_scatter(view),
                _family_frame(board, track_id, family_measure),
                gr.Dropdown(choices=pickable), gr.Dropdown(choices=pickable))

    def show_detail(track_id: str, row_ids: list[str], event: gr.SelectData):
        row = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        entry_id = row_ids[row] if row is not None and row < len(row_ids) else None
        text, plot, has_files = entry_detail(board, track_id, entry_id)
        return (text, plot, gr.Button(visible=has_files), gr.Button(visible=has_files),
                gr.DownloadButton(visible=False), entry_id)

    def asked_for(kind: str) -> Callable[[str, str | None], gr.DownloadButton]:
        def download(track_id: str, entry_id: str | None) -> gr.DownloadButton:
            try:
                path = entry_file(board, track_id, entry_id, kind)
            except BoardError as error:
                raise gr.Error(str(error)) from None
            return gr.DownloadButton(f"Download the {ENTRY_FILES[kind][1]}", value=path, visible=True)

        return download

    def compare_view(track_id: str, a: str | None, b: str | None):
        empty = (gr.Plot(visible=False), gr.Dataframe(visible=False))
        if not a or not b:
            return ("Pick two entries.", *empty)
        if a == b:
            return ("Pick two different entries.", *empty)
        try:
            result = board.compare(track_id, a, b)
        except BoardError as error:
            return (f"⚠️ {escape(str(error))}", *empty)
        if board.track(track_id).judged:
            return (_judged_comparison(result), *_judged_clips(result))
        factor = 100.0 if board.track(track_id).scale == "fraction" else 1.0
        low, high = result["ci95"]
        text = (f"**{escape(result['model_a'])}** − **{escape(result['model_b'])}**: Δ "
                f"{result['delta'] * factor:+.2f} (95 % CI {low * factor:+.2f} to {high * factor:+.2f}), "
                f"p = {result['p_value']:.3f} (paired bootstrap, {result['resamples']} resamples). "
                + _verdict(low, high))
        clips = result["disagreements"]
        table = (gr.Dataframe(value=pd.DataFrame(disagreement_rows(clips)), visible=True) if clips
                 else gr.Dataframe(visible=False))
        plot = gr.Plot(value=family_deltas(result["per_family"], result["per_polarity"],
                                           (str(result["model_a"]), str(result["model_b"]))), visible=True)
        return (text, plot, table)

    def show_other(key: str | None):
        if not key:
            return "", None
        spec = OTHER_BENCHMARKS[key]
        note = escape(spec.note) + ("" if spec.ranked else "  \n**Not ranked**: listed by the paper's number only.")
        hidden = ["id", "model_name", "modality_list", *([] if spec.ranked else ["Rank"])]  # no empty rank column
        frame = other_benchmark_table(board.reported, key).drop(columns=hidden)
        frame = frame.round(2)
        kinds: list[Any] = ["markdown" if name in ("Model", "Modalities") else
                            "number" if pd.api.types.is_numeric_dtype(frame[name]) else "str" for name in frame.columns]
        return note, gr.Dataframe(value=frame, datatype=kinds)

    def leaderboard_json(track: str) -> list[dict[str, Any]]:
        """Rows of a track's board in board order: rank (null when unranked), rank_range, source, official,
        signature, score and scores (fractions; judge scores on their scale), reported / delta_reported,
        mean_labels, oov_share, training_data, zero_shot, …"""
        try:
            return board.rows_json(track)
        except BoardError as error:
            raise gr.Error(str(error)) from None

    def compare(track: str, entry_a: str, entry_b: str) -> dict[str, Any]:
        """Head-to-head of two entries named by submission_id: {delta, ci95: [lo, hi], p_value,
        per_family: {family: delta}} as fractions, plus per_polarity and (public tracks) disagreements. On a judge
        track: the mean per-clip judge score on its 1-10 scale (scale, judge, prompts, lang, per_metric), per_family
        null with families_note, and only between entries of the same judge, prompts and language."""
        try:
            return board.compare(track, entry_a, entry_b)
        except BoardError as error:
            raise gr.Error(str(error)) from None

    inputs = [track, query, modalities, declared, zero_shot, sources, weights, columns, measure]
    outputs = [table, ids, status, download, bars, scatter, family_table, entry_a, entry_b]

    def exporter(fmt: str) -> Callable[..., gr.DownloadButton]:
        def export(track_id: str, text: str, mods: list[str], only_declared: bool, only_zero_shot: bool,
                   srcs: list[str], wts: list[str], cols: list[str], family_measure: str) -> gr.DownloadButton:
            view = filter_table(board.table(track_id), text, mods, srcs, wts, declared_only=only_declared,
                                zero_shot_only=only_zero_shot)
            path = write_export(view, fmt, track=track_id, columns=cols)
            return gr.DownloadButton(f"Download {fmt.upper()} ({len(view)} rows)", value=path, visible=True)

        return export

    csv_button.click(exporter("csv"), inputs, download, api_visibility="private")
    json_button.click(exporter("json"), inputs, download, api_visibility="private")
    gr.on([track.change, query.input, query.submit, modalities.change, declared.change, zero_shot.change,
           sources.change, weights.change, columns.change, board_tab.select, demo.load], refresh, inputs, outputs,
          api_visibility="private", trigger_mode="always_last")
    measure.change(lambda t, m: _family_frame(board, t, m), [track, measure], family_table, api_visibility="private")
    def family_download(track_id: str) -> gr.DownloadButton:
        try:
            path = write_download(f"emer-families-{track_id}.csv", _csv(board.family_export(track_id)))
        except BoardError as error:
            raise gr.Error(str(error)) from None
        return gr.DownloadButton("Download the breakdown CSV", value=str(path), visible=True)

    family_button.click(family_download, track, family_csv, api_visibility="private")
    table.select(show_detail, [track, ids], [detail, family_plot, eval_button, badge_button, entry_download, selected],
                 api_visibility="private").then(None, js=SCROLL_TO_DETAIL)
    eval_button.click(asked_for("eval_results"), [track, selected], entry_download, api_visibility="private")
    badge_button.click(asked_for("badge"), [track, selected], entry_download, api_visibility="private")
    compare_button.click(compare_view, [track, entry_a, entry_b], [compare_text, compare_plot, compare_table],
                         api_visibility="private")
    gr.on([other.change, demo.load], show_other, other, [other_note, other_table], api_visibility="private")
    gr.api(leaderboard_json, api_name="leaderboard_json")
    gr.api(compare, api_name="compare")
    return BoardWiring(refresh, inputs, outputs)


def entry_detail(board: Board, track_id: str, entry_id: str | None) -> tuple[str, Any, bool]:
    """What selecting a row shows: the entry's detail markdown, its per-family plot (hidden without per-sample
    results), and whether it has result files to offer (board rows of the hub or a paper; reference rows have none).
    Nothing is written: the files are made by :func:`entry_file` when the visitor asks for one."""
    if not entry_id:
        return PROMPT, gr.Plot(visible=False), False
    entry = board.entry(track_id, entry_id)
    if entry is None:
        return "This entry is no longer available.", gr.Plot(visible=False), False
    snapshot = board.snapshot(track_id)
    full = board.table(track_id)
    match = full.loc[full["id"] == entry_id]
    board_row = {str(key): value for key, value in match.iloc[0].items()} if len(match) else None
    track = board.track(track_id)
    text = detail_markdown(entry, board_row, scores=snapshot.scores.get(entry_id), primary=track.primary,
                           scale=track.scale)
    evidence = snapshot.evidence.get(entry_id)
    plot = (gr.Plot(value=family_bars(evidence.family_scores(), evidence.polarity_scores(),
                                      str((entry.get("metadata") or {}).get("model_name", ""))), visible=True)
            if evidence is not None else gr.Plot(visible=False))
    return text, plot, board_row is not None and board_row["Source"] != "reference"


def entry_file(board: Board, track_id: str, entry_id: str | None, kind: str) -> str:
    """Write one entry's ``kind`` file (see :data:`ENTRY_FILES`) to the downloads folder, now that it was asked for,
    and return its path. The ``.eval_results`` YAML is validated against the Hub's convention as it is made."""
    api_row = next((row for row in board.rows_json(track_id) if row["id"] == entry_id), None) if entry_id else None
    if api_row is None or api_row["source"] == "reference":
        raise BoardError("select a row of the board first (reference rows have no result files)")
    track = board.track(track_id)
    settings = board.hub.settings
    if kind == "eval_results":
        content = eval_results_yaml(api_row, dataset_id=settings.benchmark_dataset or f"emer-hub/{track.id}",
                                    task_id=track.id, source_url=settings.space_url or "")
    else:
        label = board.table(track_id).attrs.get("label", track.primary)
        if str(api_row["group"]).startswith("official "):  # a rank within a group says which group
            label += " " + str(api_row["group"]).removeprefix("official ")
        content = badge_svg(label, api_row["score"], track.scale, api_row["rank"], api_row["rank_range"])
    return str(write_download(ENTRY_FILES[kind][0].format(track=track.id), content))


def _verdict(low: float, high: float) -> str:
    return ("The CI includes 0: **no reliable difference**." if low <= 0 <= high
            else "The CI excludes 0: **a reliable difference**.")


def disagreement_rows(clips: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The head-to-head's clips where two label entries disagree, as table rows. The labels come from uploaded files
    and may hold bidi overrides (U+202E then "yppah" reads "happy"): they are shown as :func:`visible` writes them."""
    def labels(items: list[Any]) -> str:
        return ", ".join(visible(str(item)) for item in items)

    return [{"clip": c["name"], "ground truth": labels(c["gt"]), "A": labels(c["labels_a"]),
             "B": labels(c["labels_b"]), "ΔF (A − B)": round(c["delta_f"], 3)} for c in clips]


def _judged_comparison(result: dict[str, Any]) -> str:
    """A judge track's head-to-head in words: Δ of the mean per-clip judge score per metric, on the 1–10 scale."""
    lines = [f"**{escape(result['model_a'])}** − **{escape(result['model_b'])}**, judged by "
             f"{escape(result['judge'])} (prompts {escape(result['prompts'])}, lang {escape(result['lang'])}); "
             f"paired bootstrap of the mean per-clip score over the clips ({result['resamples']} resamples), "
             f"on the judge's {result['scale'][0]:g}–{result['scale'][1]:g} scale:"]
    for metric, test in result["per_metric"].items():
        low, high = test["ci95"]
        lines.append(f"- {escape(metric)}{' (primary)' if metric == result['primary'] else ''}: Δ "
                     f"{test['delta']:+.2f} (95 % CI {low:+.2f} to {high:+.2f}), p = {test['p_value']:.3f}. "
                     + _verdict(low, high))
    lines.append(f"\nPer-family differences: {escape(result['families_note'])}.")
    return "\n".join(lines)


def _judged_clips(result: dict[str, Any]) -> tuple[Any, Any]:
    clips = result["disagreements"]
    table = (gr.Dataframe(value=pd.DataFrame([{"clip": c["name"], "A": c["score_a"], "B": c["score_b"],
                                                f"Δ {result['primary']} (A − B)": c["delta"]} for c in clips]),
                          visible=True) if clips else gr.Dataframe(visible=False))
    return gr.Plot(visible=False), table


def _entry_label(row: pd.Series) -> str:
    rank = "—" if pd.isna(row["Rank"]) else f"#{row['Rank']}"
    return f"{rank} {row['model_name']} ({row['Source']})"


def _csv(frame: pd.DataFrame) -> str:
    """CSV text; a text cell a spreadsheet would run as a formula is neutralised (model names are user text)."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or str(safe[column].dtype).startswith("string"):
            safe[column] = safe[column].astype(object).map(neutralise_formula)
    return safe.to_csv(index=False, lineterminator="\n")


def _family_frame(board: Board, track_id: str, measure: str) -> Any:
    try:
        frame = board.family_table(track_id, measure or "r")
    except BoardError as error:  # a judge track: no labels, no families
        return gr.Dataframe(value=pd.DataFrame({"": [f"Not applicable on this track: {error}."]}))
    if frame.empty:
        return gr.Dataframe(value=pd.DataFrame({"": ["No entries with per-sample results yet."]}))
    shown = frame.drop(columns=["id", "model_name"]).round(1)
    kinds: list[Any] = ["number", "markdown", *(["number"] * (len(shown.columns) - 2))]
    return gr.Dataframe(value=shown, datatype=kinds)
