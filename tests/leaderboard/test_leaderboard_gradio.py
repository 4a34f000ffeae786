"""The leaderboard's outputs are accepted by the Gradio 6 components they feed (no server, no browser)."""

from __future__ import annotations

import json
import math

import pytest

from space.leaderboard.columns import datatypes
from space.leaderboard.figures import precision_recall_scatter, score_bars
from space.leaderboard.reported import load_reported
from space.leaderboard.table import build_table, display_frame

from .factories import TRACK, make_record

gr = pytest.importorskip("gradio")


def board():
    return build_table([make_record("a", 0.6, ci=(0.55, 0.65)), make_record("b", 0.5)], load_reported(), TRACK)


@pytest.mark.parametrize("columns", [None, ["M-avg", "Signature", "W1-L1 F", "Reference"]])
def test_display_frame_serialises_for_gr_dataframe(columns):
    shown = display_frame(board(), columns)
    component = gr.Dataframe(value=shown, datatype=datatypes(list(shown.columns)), interactive=False)
    payload = component.postprocess(shown).model_dump()
    assert payload["headers"] == list(shown.columns)
    first = dict(zip(payload["headers"], payload["data"][0], strict=False))
    assert first["Rank"] == 1 and isinstance(first["Rank"], int)
    assert isinstance(first["EW-L1 F"], float) and first["EW-L1 F"] == 60.0  # a number, not a string
    reported = dict(zip(payload["headers"], payload["data"][1], strict=False))
    if "EW-L1 P" in reported:
        assert reported["EW-L1 P"] is None or math.isnan(reported["EW-L1 P"])
    json.dumps(payload, default=str)


def test_empty_display_frame_serialises():
    shown = display_frame(build_table([], [], TRACK))
    payload = gr.Dataframe(value=shown, datatype=datatypes(list(shown.columns))).postprocess(shown).model_dump()
    assert payload["headers"] == list(shown.columns) and payload["data"] == []


@pytest.mark.parametrize("make", [score_bars, precision_recall_scatter])
@pytest.mark.parametrize("empty", [False, True])
def test_figures_are_accepted_by_gr_plot(make, empty):
    frame = build_table([], [], TRACK) if empty else board()
    payload = gr.Plot().postprocess(make(frame))
    assert payload.type == "matplotlib" and payload.plot.startswith("data:image/")
