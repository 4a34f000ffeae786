"""The demo's figures: facial expressions over time, pitch (Hz) and energy with pauses shaded, labels by wheel family.

One colour per emotion family in every figure (:data:`FAMILY_COLOURS`): angry red, happy warm, sad blue …, so a
colour means the same thing in the expression plot and in the label plot. Figures are drawn narrow (4.4 in) with
11-point text, so they stay legible when a phone shows them 390 px wide. Built with ``matplotlib.figure.Figure``
(no pyplot global state, safe under concurrent requests); each says so when there is nothing to draw.
"""

from __future__ import annotations

import math

from matplotlib.figure import Figure

from ..plotting import empty_figure
from .fuse import FACE_LABELS, Label
from .types import EXPRESSIONS, AcousticClues, VisualClues

GROUP_COLOURS = {"anger": "#d62728", "joy": "#f28e2b", "sadness": "#1f77b4", "fear": "#9467bd",
                 "disgust": "#6b8e23", "surprise": "#17becf", "bad": "#8c564b", "peaceful": "#2ca02c",
                 "powerful": "#e377c2", "genius": "#bcbd22", "neutral": "#7f7f7f"}
"""One colour per kind of emotion: red for anger, a warm orange for joy, blue for sadness …"""
FAMILY_GROUPS = {"angry": "anger", "mad": "anger", "anger": "anger", "happy": "joy", "joyful": "joy", "joy": "joy",
                 "sad": "sadness", "fearful": "fear", "scared": "fear", "fear": "fear", "disgusted": "disgust",
                 "disgust": "disgust", "surprised": "surprise", "bad": "bad", "peaceful": "peaceful",
                 "powerful": "powerful", "genius": "genius", "neutral": "neutral"}
"""Level-1 family names of the five emotion wheels (and ``neutral``) → their kind of emotion."""
FAMILY_COLOURS = {family: GROUP_COLOURS[group] for family, group in FAMILY_GROUPS.items()}
UNKNOWN_COLOUR = "#444444"
WIDTH, FONT = 4.4, 11


def colour(family: str) -> str:
    """The colour of a wheel family (or of a FER expression, through its label)."""
    return FAMILY_COLOURS.get(FACE_LABELS.get(family, family), UNKNOWN_COLOUR)


def _figure(height: float) -> Figure:
    return Figure(figsize=(WIDTH, height), layout="constrained")


def _style(axes: object) -> None:
    axes.tick_params(labelsize=FONT - 1)  # type: ignore[attr-defined]
    axes.title.set_fontsize(FONT + 1)  # type: ignore[attr-defined]
    axes.xaxis.label.set_fontsize(FONT)  # type: ignore[attr-defined]
    axes.yaxis.label.set_fontsize(FONT)  # type: ignore[attr-defined]


def expressions_figure(visual: VisualClues) -> Figure:
    """Probability of each of the 7 facial expressions per analysed frame (gaps where no face was found)."""
    series = {name: visual.expressions.get(name, []) for name in EXPRESSIONS}
    if not visual.times or not any(v == v for values in series.values() for v in values):
        return empty_figure("no face found: no facial expressions to plot", (WIDTH, 2.2))
    figure = _figure(3.4)
    axes = figure.add_subplot()
    for name, values in series.items():
        if values:
            axes.plot(visual.times[: len(values)], values, label=name, color=colour(name), linewidth=2)
    axes.set(xlabel="time (s)", ylabel="probability", ylim=(-0.02, 1.05), title="Facial expression")
    axes.legend(fontsize=FONT - 2, ncols=4, loc="upper center", bbox_to_anchor=(0.5, -0.28), frameon=False)
    _style(axes)
    return figure


def prosody_figure(acoustic: AcousticClues) -> Figure:
    """Pitch in Hz (voiced frames only) and energy in dB over time, pauses shaded; the pitch axis is real Hz."""
    voiced = [(t, f) for t, f in zip(acoustic.pitch_times, acoustic.pitch_hz, strict=False) if not math.isnan(f)]
    if not voiced and not acoustic.energy_times:
        return empty_figure("no audio: no pitch or energy to plot", (WIDTH, 2.2))
    figure = _figure(3.2)
    axes = figure.add_subplot()
    for start, end in acoustic.pauses:
        axes.axvspan(start, end, color="#cccccc", alpha=0.6, linewidth=0)
    if voiced:
        times, hz = zip(*voiced, strict=False)
        axes.plot(acoustic.pitch_times, acoustic.pitch_hz, color="#1f77b4", linewidth=2, label="pitch")
        axes.scatter(times, hz, color="#1f77b4", s=6)
        low, high = min(hz), max(hz)
        margin = max(10.0, 0.1 * (high - low))
        axes.set_ylim(max(0.0, low - margin), high + margin)
    else:
        axes.text(0.5, 0.5, "no voiced speech: no pitch", transform=axes.transAxes, ha="center", fontsize=FONT)
        axes.set_yticks([])
    axes.set(xlabel="time (s)", ylabel="pitch (Hz)", title="Voice: pitch, energy, pauses (grey)")
    energy = axes.twinx()
    if acoustic.energy_times:
        energy.plot(acoustic.energy_times, acoustic.energy_db, color="#7f7f7f", linewidth=1.0, alpha=0.8,
                    label="energy")
    energy.set_ylabel("energy (dB)", fontsize=FONT)
    energy.tick_params(labelsize=FONT - 1)
    lines = axes.get_lines() + energy.get_lines()
    axes.legend(lines, [str(line.get_label()) for line in lines], fontsize=FONT - 2, loc="upper right", frameon=False)
    _style(axes)
    return figure


def families_figure(labels: list[Label] | tuple[Label, ...]) -> Figure:
    """The labels as bars of their confidence, grouped and coloured by their emotion-wheel family."""
    if not labels:
        return empty_figure("no labels", (WIDTH, 2.2))
    ordered = sorted(labels, key=lambda label: (label.family, -label.confidence))
    figure = _figure(0.9 + 0.5 * len(ordered))
    axes = figure.add_subplot()
    names = [f"{label.label} ({label.family or 'no family'})" for label in ordered]
    axes.barh(names, [label.confidence for label in ordered], color=[colour(label.family) for label in ordered])
    axes.invert_yaxis()
    axes.set(xlim=(0, 1), xlabel="confidence", title="Labels by emotion-wheel family")
    _style(axes)
    return figure
