"""What the hub's figures share: a placeholder figure that says why there is nothing to draw (instead of an error)."""

from __future__ import annotations

from matplotlib.figure import Figure


def empty_figure(message: str, size: tuple[float, float] = (8, 2.5)) -> Figure:
    figure = Figure(figsize=size, layout="constrained")
    axes = figure.add_subplot()
    axes.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, color="#555555")
    axes.set_axis_off()
    return figure
