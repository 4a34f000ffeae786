"""The About tab: the task, the metrics and their caveats, the submission format, the citations, and the EMER
paper's text-metric analysis (read when the page loads, so it includes the hub's own judge rows; drawn only when
those change)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

import gradio as gr

from emer_eval import EmerEvalError

from .. import about, text_analysis
from ..hub import Hub
from ..leaderboard.reported import load_reported
from ..plotting import empty_figure
from ..redaction import for_visitors
from ..store import LISTED


def _analysis(hub: Hub, encode: Callable[[Any], Any] = lambda figure: figure) -> tuple[Any, str]:
    """The correlation figure (passed through ``encode``: the plot's own encoding) and its numbers; a plain
    explanation instead when the baseline outputs are missing.

    Every page load reads what the analysis depends on (the paper's numbers, the judge track's baseline rows: a few
    milliseconds); drawing and encoding the figure, ~0.3 s of CPU, happens only when those change (:func:`_drawn`).
    """
    track = next((track_id for track_id, track in hub.tracks.items() if track.judged), "emer-v1-explanations")
    baselines = hub.store.records(track, statuses=("baseline",), visibility=LISTED)  # as the board lists them
    judged = text_analysis.judged_overlaps(load_reported(), baselines, track)
    try:
        return _drawn(hub.settings.data_dirs or None, json.dumps(judged), encode)
    except EmerEvalError as error:  # drawn for every visitor: what is missing, not the folders searched
        return (empty_figure("EMER-V1 baseline outputs not available"),
                f"Not available on this server: {for_visitors(str(error))}")


@functools.lru_cache(maxsize=8)
def _drawn(data_dirs: tuple[str, ...] | None, judged: str, encode: Callable[[Any], Any]) -> tuple[Any, str]:
    """The encoded figure and the numbers of one set of inputs (``judged``: :func:`text_analysis.judged_overlaps` as
    JSON, a hashable key); an error (baseline outputs missing) is not cached, so data fetched later shows."""
    analysis = text_analysis.analyse(text_analysis.baseline_text_scores(data_dirs), json.loads(judged))
    return encode(text_analysis.figure(analysis)), text_analysis.markdown(analysis)


def build(demo: gr.Blocks, hub: Hub) -> None:
    gr.Markdown(about.ABOUT, elem_id="about-text")
    gr.Markdown(about.TEXT_ANALYSIS)
    plot = gr.Plot(label="Correlation of text metrics with judged overlap", elem_id="text-analysis-plot")
    numbers = gr.Markdown(elem_id="text-analysis-numbers")
    # encoded once per drawing (the encoding is most of its cost); Gradio sends an encoded plot as it is
    demo.load(lambda: _analysis(hub, plot.postprocess), None, [plot, numbers], api_visibility="private")
