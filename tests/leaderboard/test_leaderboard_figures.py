"""Figures build (and render to an image) for empty and non-empty tables, skip rows without P/R, plot plain names."""

from __future__ import annotations

import io

import pytest
from matplotlib.figure import Figure

from space.leaderboard.figures import precision_recall_scatter, score_bars
from space.leaderboard.reported import load_reported
from space.leaderboard.table import build_table, filter_table

from .factories import TRACK, make_record


def render(figure: Figure) -> bytes:
    """Draw the figure the way gr.Plot does (savefig to an image): catches errors that only appear on draw."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def texts(figure: Figure) -> list[str]:
    out = []
    for axes in figure.axes:
        out += [t.get_text() for t in axes.texts]
        out += [t.get_text() for t in axes.get_yticklabels()]
        out.append(axes.get_title())
    return out


@pytest.fixture(scope="module")
def board():
    records = [make_record("a", 0.6, name="Alpha $x$ <b>", ci=(0.55, 0.65)),
               make_record("b", 0.5, name="Beta", ci=(0.45, 0.55), p=0.52, r=0.48),
               make_record("c", 0.45, name="Beta", ci=(0.40, 0.50))]  # same name, another setting
    return build_table(records, load_reported(), TRACK)


@pytest.mark.parametrize("make", [score_bars, precision_recall_scatter])
def test_empty_table_gives_a_message_figure(make):
    figure = make(build_table([], [], TRACK))
    assert isinstance(figure, Figure)
    assert any("No entries" in text for text in texts(figure))
    assert render(figure).startswith(b"\x89PNG")


def test_score_bars_plot_plain_names_with_ci_error_bars(board):
    figure = score_bars(board)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert len(labels) == len(board)  # 3 submissions + 12 paper rows
    assert labels[0] == r"Alpha \$x\$ <b>"  # plain text ($ escaped for mathtext), never the markdown cell
    ranks = dict(zip(board["id"], board["Rank"], strict=False))
    assert f"Beta #{ranks['b']}" in labels and f"Beta #{ranks['c']}" in labels  # repeated names told apart by rank
    assert not any("\\-" in label or "&lt;" in label for label in labels)
    error_bars = [c for c in figure.axes[0].containers if type(c).__name__ == "ErrorbarContainer"]
    assert len(error_bars) == 1 and len(error_bars[0].lines[2][0].get_segments()) == 3  # only rows with a CI
    render(figure)


def test_score_bars_top_limits_rows(board):
    assert len(score_bars(board, top=5).axes[0].get_yticklabels()) == 5


def test_scatter_skips_rows_without_precision_recall(board):
    figure = precision_recall_scatter(board)
    points = figure.axes[0].collections[0].get_offsets()
    assert len(points) == 3  # the 12 paper rows have NaN P/R
    assert "12 row(s) without precision/recall" in figure.axes[0].get_title()
    assert [52.0, 48.0][::-1] in points.tolist()  # (recall, precision) of "b"
    render(figure)


def test_scatter_of_only_reported_rows_explains_why_it_is_empty(board):
    figure = precision_recall_scatter(filter_table(board, sources=["reported"]))
    assert any("12 without precision/recall" in text for text in texts(figure))
    render(figure)
