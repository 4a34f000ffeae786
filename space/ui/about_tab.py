"""The About tab: the task, the metrics and their caveats, the submission format, the citations, and the EMER
paper's text-metric analysis (drawn when the page loads, so it includes the hub's own judge rows)."""

from __future__ import annotations

from typing import Any

import gradio as gr

from emer_eval import EmerEvalError

from .. import about, text_analysis
from ..hub import Hub
from ..leaderboard.reported import load_reported
from ..plotting import empty_figure
from ..redaction import for_visitors


def _analysis(hub: Hub) -> tuple[Any, str]:
    """The correlation figure and its numbers; a plain explanation instead when the baseline outputs are missing."""
    track = next((track_id for track_id, track in hub.tracks.items() if track.judged), "emer-v1-explanations")
    try:
        analysis = text_analysis.build(hub.settings.data_dirs or None, load_reported(),
                                       hub.store.records(track, statuses=("baseline",)), track)
    except EmerEvalError as error:  # drawn for every visitor: what is missing, not the folders searched
        return (empty_figure("EMER-V1 baseline outputs not available"),
                f"Not available on this server: {for_visitors(str(error))}")
    return text_analysis.figure(analysis), text_analysis.markdown(analysis)


def build(demo: gr.Blocks, hub: Hub) -> None:
    gr.Markdown(about.ABOUT, elem_id="about-text")
    gr.Markdown(about.TEXT_ANALYSIS)
    plot = gr.Plot(label="Correlation of text metrics with judged overlap", elem_id="text-analysis-plot")
    numbers = gr.Markdown(elem_id="text-analysis-numbers")
    demo.load(lambda: _analysis(hub), None, [plot, numbers], api_visibility="private")
