"""The demo's figures: facial expressions over time, pitch and energy with pauses shaded, labels by wheel family.

Built with ``matplotlib.figure.Figure`` (no pyplot global state, safe under concurrent requests); each takes the
stage results and returns a figure that says so when there is nothing to draw.
"""

from __future__ import annotations

import math

from matplotlib.figure import Figure

from ..plotting import empty_figure
from .fuse import Label
from .types import EXPRESSIONS, AcousticClues, VisualClues

EXPRESSION_COLOURS = {"angry": "#d62728", "disgust": "#8c564b", "fear": "#9467bd", "happy": "#2ca02c",
                      "sad": "#1f77b4", "surprise": "#ff7f0e", "neutral": "#7f7f7f"}


def expressions_figure(visual: VisualClues) -> Figure:
    """Probability of each of the 7 facial expressions per analysed frame (gaps where no face was found)."""
    series = {name: visual.expressions.get(name, []) for name in EXPRESSIONS}
    if not visual.times or not any(v == v for values in series.values() for v in values):
        return empty_figure("no face found: no facial expressions to plot", (7, 2.2))
    figure = Figure(figsize=(7, 2.8), layout="constrained")
    axes = figure.add_subplot()
    for name, values in series.items():
        if values:
            axes.plot(visual.times[: len(values)], values, label=name, color=EXPRESSION_COLOURS[name], linewidth=1.6)
    axes.set(xlabel="time (s)", ylabel="probability", ylim=(-0.02, 1.05), title="Facial expression over time")
    axes.legend(fontsize=7, ncols=4, loc="upper right", frameon=False)
    return figure


def prosody_figure(acoustic: AcousticClues) -> Figure:
    """Pitch (Hz) and energy (dB) over time, with pauses shaded and speech segments marked."""
    voiced = [(t, f) for t, f in zip(acoustic.pitch_times, acoustic.pitch_hz) if not math.isnan(f)]
    if not voiced and not acoustic.energy_times:
        return empty_figure("no audio: no pitch or energy to plot", (7, 2.2))
    figure = Figure(figsize=(7, 2.8), layout="constrained")
    axes = figure.add_subplot()
    for start, end in acoustic.pauses:
        axes.axvspan(start, end, color="#cccccc", alpha=0.6, linewidth=0)
    if acoustic.pitch_times:
        axes.plot(acoustic.pitch_times, acoustic.pitch_hz, color="#1f77b4", linewidth=1.6, label="pitch")
    axes.set(xlabel="time (s)", ylabel="pitch (Hz)", title="Voice: pitch, energy and pauses (shaded)")
    energy = axes.twinx()
    if acoustic.energy_times:
        energy.plot(acoustic.energy_times, acoustic.energy_db, color="#ff7f0e", linewidth=1.0, alpha=0.8,
                    label="energy")
    energy.set_ylabel("energy (dB)")
    lines = axes.get_lines() + energy.get_lines()
    axes.legend(lines, [line.get_label() for line in lines], fontsize=7, loc="upper right", frameon=False)
    return figure


def families_figure(labels: list[Label]) -> Figure:
    """The labels as bars of their confidence, grouped and coloured by their emotion-wheel family."""
    if not labels:
        return empty_figure("no labels", (7, 2.2))
    ordered = sorted(labels, key=lambda label: (label.family, -label.confidence))
    families = list(dict.fromkeys(label.family or "(none)" for label in ordered))
    palette = ["#2ca02c", "#d62728", "#1f77b4", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f"]
    colours = {name: palette[i % len(palette)] for i, name in enumerate(families)}
    figure = Figure(figsize=(7, 0.6 + 0.45 * len(ordered)), layout="constrained")
    axes = figure.add_subplot()
    names = [f"{label.label}  ({label.family or 'no family'})" for label in ordered]
    axes.barh(names, [label.confidence for label in ordered],
              color=[colours[label.family or "(none)"] for label in ordered])
    axes.invert_yaxis()
    axes.set(xlim=(0, 1), xlabel="confidence", title="Open-vocabulary labels by emotion-wheel family")
    return figure
