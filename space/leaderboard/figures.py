"""Leaderboard figures as matplotlib ``Figure`` objects for ``gr.Plot`` (rendered server-side to an image: works
offline, needs no JavaScript plotting library, and a test can build and save one without a browser).

Figures are built with ``matplotlib.figure.Figure`` directly, not ``pyplot``: no global figure registry to leak
memory in a long-running Space and no shared state between concurrent requests. Labels use the plain-text
``model_name`` column (never the escaped markdown cell) with ``$`` escaped, because matplotlib would otherwise parse
``$…$`` in a user's model name as mathtext (and raise on a malformed one). An empty table gives a figure that says
so instead of an error.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..plotting import empty_figure
from .columns import PRIMARY

SOURCE_COLOURS = {"submitted": "#2a6fdb", "baseline": "#7a7a7a", "reported": "#e08a1e", "reference": "#b03a8c"}
"""One colour per source, so paper numbers are never mistaken for hub-scored ones."""


def _label(name: str, limit: int = 40) -> str:
    text = name if len(name) <= limit else name[: limit - 1] + "…"
    return text.replace("$", r"\$")


def _labels(frame: pd.DataFrame) -> list[str]:
    """Plain names, with ``#rank`` appended where a name repeats (same model under several settings)."""
    names = frame["model_name"].astype(str).tolist()
    counts = pd.Series(names).value_counts()
    ranks = frame["Rank"].tolist() if "Rank" in frame.columns else list(range(1, len(names) + 1))
    return [_label(n if counts[n] == 1 else f"{n} #{r}") for n, r in zip(names, ranks, strict=False)]


def _legend(axes: Axes, sources: list[str]) -> None:
    handles = [Patch(color=SOURCE_COLOURS.get(s, "#333333"), label=s) for s in SOURCE_COLOURS if s in sources]
    if handles:
        axes.legend(handles=handles, loc="lower right", fontsize=8, frameon=False)


def score_bars(frame: pd.DataFrame, *, top: int = 30, metric: str = PRIMARY) -> Figure:
    """Horizontal bars of ``metric`` for the ``top`` best rows (table order), with 95 % CI error bars where known.

    Rows without a CI (papers) get a bar and no error bar; a row without the metric is left out.
    """
    rows = frame.loc[frame[metric].notna()].head(top) if len(frame) else frame
    if rows.empty:
        return empty_figure("No entries match the current filters.")
    values = rows[metric].to_numpy(dtype=float)
    low = rows["CI low"].to_numpy(dtype=float) if metric == PRIMARY else np.full(len(rows), np.nan)
    high = rows["CI high"].to_numpy(dtype=float) if metric == PRIMARY else np.full(len(rows), np.nan)
    label = frame.attrs.get("label", metric) if metric == PRIMARY else metric
    has_ci = ~(np.isnan(low) | np.isnan(high))
    sources = rows["Source"].astype(str).tolist()

    figure = Figure(figsize=(9, max(2.5, 0.32 * len(rows) + 1.2)), layout="constrained")
    axes = figure.add_subplot()
    positions = np.arange(len(rows))
    axes.barh(positions, values, color=[SOURCE_COLOURS.get(s, "#333333") for s in sources], height=0.7)
    if has_ci.any():
        error = np.vstack([values - low, high - values])[:, has_ci]
        axes.errorbar(values[has_ci], positions[has_ci], xerr=np.clip(error, 0, None), fmt="none",
                      ecolor="#222222", elinewidth=1, capsize=3, label="95 % CI")
    axes.set_yticks(positions, labels=_labels(rows), fontsize=8)
    axes.invert_yaxis()  # rank 1 at the top, as in the table
    upper = np.nanmax(np.concatenate([values, high[has_ci]])) if has_ci.any() else np.nanmax(values)
    axes.set_xlim(0, upper * 1.08 + (1 if upper > 10 else 0.1))
    axes.set_xlabel(f"{label}" + (" with 95 % CI" if has_ci.any() else ""))
    axes.grid(axis="x", alpha=0.3)
    _legend(axes, sources)
    return figure


def precision_recall_scatter(frame: pd.DataFrame, *, annotate: int = 15) -> Figure:
    """EW-L1 precision vs recall, one point per row that has both, with iso-F curves; names of the best ``annotate``.

    Reported rows have no P/R (papers print only F): they are skipped, and the title says how many were.
    """
    usable = frame.loc[frame["P"].notna() & frame["R"].notna()] if len(frame) else frame
    missing = len(frame) - len(usable)
    if usable.empty:
        note = f" ({missing} without precision/recall, e.g. paper rows)" if missing else ""
        return empty_figure("No entries with precision and recall to plot" + note + ".")
    precision = usable["P"].to_numpy(dtype=float)
    recall = usable["R"].to_numpy(dtype=float)
    sources = usable["Source"].astype(str).tolist()

    figure = Figure(figsize=(7, 6), layout="constrained")
    axes = figure.add_subplot()
    grid = np.linspace(1, 100, 200)
    for f in (20, 40, 60, 80):
        with np.errstate(divide="ignore", invalid="ignore"):
            other = f * grid / (2 * grid - f)
        keep = (other > 0) & (other <= 100) & (grid > f / 2)
        axes.plot(grid[keep], other[keep], color="#cccccc", linewidth=0.8, zorder=0)
        axes.annotate(f"F={f}", (100, f * 100 / (200 - f)), fontsize=7, color="#999999", ha="right", va="bottom")
    axes.scatter(recall, precision, c=[SOURCE_COLOURS.get(s, "#333333") for s in sources], s=36, zorder=2,
                 edgecolors="white", linewidths=0.5)
    for label, x, y in list(zip(_labels(usable), recall, precision, strict=False))[:annotate]:
        axes.annotate(label, (x, y), xytext=(4, 3), textcoords="offset points", fontsize=7)
    axes.set_xlim(0, 100)
    axes.set_ylim(0, 100)
    axes.set_xlabel("recall (×100)")
    axes.set_ylabel("precision (×100)")
    if missing:
        axes.set_title(f"{missing} row(s) without precision/recall (paper rows) not shown", fontsize=9)
    axes.grid(alpha=0.3)
    _legend(axes, sources)
    return figure


def family_bars(families: Mapping[str, Mapping[str, float]], polarity: Mapping[str, Mapping[str, float]],
                title: str = "") -> Figure:
    """Precision and recall per emotion family and per polarity (points), side by side, for one entry."""
    groups = [*families, *polarity]
    if not groups:
        return empty_figure("No per-sample results for this entry (paper rows report only aggregates).")
    scores = {**families, **polarity}
    precision = np.array([scores[g]["p"] * 100 for g in groups])
    recall = np.array([scores[g]["r"] * 100 for g in groups])
    figure = Figure(figsize=(8, 3.4), layout="constrained")
    axes = figure.add_subplot()
    x = np.arange(len(groups))
    axes.bar(x - 0.2, precision, width=0.4, label="precision", color="#2a6fdb")
    axes.bar(x + 0.2, recall, width=0.4, label="recall", color="#e08a1e")
    axes.axvline(len(families) - 0.5, color="#999999", linewidth=0.8)
    axes.set_xticks(x, labels=[_label(g, 14) for g in groups], fontsize=8, rotation=30)
    axes.set_ylim(0, 100)
    axes.set_ylabel("points (×100)")
    axes.set_title(_label(title, 60) + (" — " if title else "") + "families | polarity", fontsize=9)
    axes.legend(fontsize=8, frameon=False)
    axes.grid(axis="y", alpha=0.3)
    return figure


def family_deltas(per_family: Mapping[str, float], per_polarity: Mapping[str, float], names: tuple[str, str]) -> Figure:
    """Head-to-head: F difference (A − B, points) per family and polarity; positive bars favour A."""
    groups = [*per_family, *per_polarity]
    values = np.array([{**per_family, **per_polarity}[g] * 100 for g in groups])
    figure = Figure(figsize=(8, 3.2), layout="constrained")
    axes = figure.add_subplot()
    axes.bar(np.arange(len(groups)), values, color=["#2e9e44" if v >= 0 else "#c0392b" for v in values])
    axes.axhline(0, color="#333333", linewidth=0.8)
    axes.set_xticks(np.arange(len(groups)), labels=[_label(g, 14) for g in groups], fontsize=8, rotation=30)
    axes.set_ylabel("F difference (points)")
    axes.set_title(f"{_label(names[0], 40)} − {_label(names[1], 40)} per family | polarity", fontsize=9)
    axes.grid(axis="y", alpha=0.3)
    return figure
