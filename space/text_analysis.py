"""The EMER paper's text-metric analysis on EMER-V1: does word overlap with the reference track emotion understanding?

For the six baselines whose Chinese explanations the authors released, this computes BLEU-1…4, ROUGE-L and CIDEr-D
against the ground truth (``emer_eval.overlap_scores``, one token per Han character — the tokenisation is stated
with the numbers) and correlates them, across the six models, with the LLM-judged clue and label overlap: the
paper's reported numbers (judged by the retired gpt-3.5-turbo-16k-0613) and, when this hub has a judge, its own
re-judged baseline rows. Six points make a weak correlation estimate: the numbers are shown, never turned into a
verdict, and none of these text metrics is official or ranked.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from emer_eval import (
    OVERLAP_METRICS,
    OVERLAP_TOKENISATION,
    RETIRED_JUDGE,
    load_predictions,
    overlap_scores,
    resource_file,
)

from .judging import BASELINE_RESOURCE, BASELINES
from .leaderboard.scores import read_scores
from .plotting import empty_figure

REPORTED_TRACK = "emer-v1-explanations"
"""The rows of ``space/data/reported.csv`` holding the paper's EMER-V1 clue / label overlap."""
JUDGED = ("clue_overlap", "label_overlap")


@dataclass(frozen=True)
class Analysis:
    """Per-model numbers and their correlations.

    ``table``: one row per baseline model; text metrics in points (×100), judge scores on their 1–10 scale, columns
    named ``"<metric> (<judge>)"`` for the judge scores. ``pearson`` / ``spearman``: text metric × judge column.
    """

    table: pd.DataFrame
    pearson: pd.DataFrame
    spearman: pd.DataFrame

    @property
    def judge_columns(self) -> list[str]:
        return [column for column in self.table.columns if column not in OVERLAP_METRICS]


@functools.lru_cache(maxsize=4)
def baseline_text_scores(data_dirs: tuple[str, ...] | None) -> pd.DataFrame:
    """BLEU-1…4 and ROUGE-L (points) of each released baseline against the Chinese ground truth; cached per process
    because the inputs are fixed files. Raises EmerEvalError when the baseline outputs are not present."""
    references = load_predictions(resource_file(BASELINE_RESOURCE, "gt.csv", data_dirs)).texts or {}
    rows = {}
    for filename, model in BASELINES.items():
        texts = load_predictions(resource_file(BASELINE_RESOURCE, filename, data_dirs)).texts or {}
        rows[model] = {name: 100 * value for name, value in overlap_scores(texts, references, "zh").items()}
    return pd.DataFrame.from_dict(rows, orient="index")[list(OVERLAP_METRICS)]


def reported_overlaps(reported: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, float]]:
    """``model → {"clue_overlap": …, "label_overlap": …}`` from the reported rows of the paper's EMER-V1 table."""
    found = {}
    for entry in reported:
        extra = (entry.get("reported") or {}).get("extra") or {}
        if entry.get("track") == REPORTED_TRACK and extra:
            found[entry["metadata"]["model_name"]] = {name: extra.get(f"{name}_1to10", math.nan) for name in JUDGED}
    return found


def analyse(text_scores: pd.DataFrame, judged: Mapping[str, Mapping[str, Mapping[str, float]]]) -> Analysis:
    """Join the text metrics with each judge's scores (``judge → model → metric → score``) and correlate them.

    Only models present in both enter a correlation; a judge with fewer than three models gets NaN (no line can be
    fitted meaningfully through two points).
    """
    table = text_scores.copy()
    for judge, models in judged.items():
        for metric in JUDGED:
            table[f"{metric} ({judge})"] = pd.Series({model: scores.get(metric, math.nan)
                                                      for model, scores in models.items()}, dtype="float64")
    judge_columns = [column for column in table.columns if column not in OVERLAP_METRICS]
    pearson = pd.DataFrame(index=list(OVERLAP_METRICS), columns=judge_columns, dtype="float64")
    spearman = pearson.copy()
    for column in judge_columns:
        both = table[[*OVERLAP_METRICS, column]].dropna()
        if len(both) < 3:
            continue
        for metric in OVERLAP_METRICS:
            pearson.loc[metric, column] = both[metric].corr(both[column], method="pearson")
            spearman.loc[metric, column] = both[metric].corr(both[column], method="spearman")
    return Analysis(table, pearson, spearman)


def figure(analysis: Analysis) -> Figure:
    """A heat map of the Pearson correlations, each cell printed with r and Spearman ρ."""
    columns = analysis.judge_columns
    if not columns:
        return empty_figure("No judged EMER-V1 scores to correlate with")
    matrix = analysis.pearson.loc[list(OVERLAP_METRICS), columns].to_numpy(dtype=float)
    ranks = analysis.spearman.loc[list(OVERLAP_METRICS), columns].to_numpy(dtype=float)
    fig = Figure(figsize=(2.2 + 1.9 * len(columns), 3.6), layout="constrained")
    axes = fig.add_subplot()
    image = axes.imshow(matrix, cmap="RdBu", vmin=-1, vmax=1, aspect="auto")
    axes.set_xticks(range(len(columns)), [column.replace(" (", "\n(") for column in columns], fontsize=8)
    axes.set_yticks(range(len(OVERLAP_METRICS)), list(OVERLAP_METRICS))
    for row in range(len(OVERLAP_METRICS)):
        for col in range(len(columns)):
            r, rho = matrix[row, col], ranks[row, col]
            text = "n/a" if math.isnan(r) else f"r {r:+.2f}\nρ {rho:+.2f}"
            axes.text(col, row, text, ha="center", va="center", fontsize=8)
    fig.colorbar(image, ax=axes, label="Pearson r across the six baselines")
    axes.set_title("Text overlap vs LLM-judged overlap (EMER-V1, Chinese)", fontsize=10)
    return fig


def markdown(analysis: Analysis) -> str:
    """The numbers behind the figure, with what they are and what they are not."""
    judges = analysis.judge_columns
    header = ["model", *OVERLAP_METRICS, *judges]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for model, row in analysis.table.iterrows():
        lines.append("| " + " | ".join([str(model), *(_cell(row[name]) for name in header[1:])]) + " |")
    correlations = ["| text metric | " + " | ".join(f"r / ρ vs {column}" for column in judges) + " |",
                    "|" + "---|" * (len(judges) + 1)]
    for metric in OVERLAP_METRICS:
        cells = [f"{_cell(analysis.pearson.loc[metric, c], 2)} / {_cell(analysis.spearman.loc[metric, c], 2)}"
                 for c in judges]
        correlations.append(f"| {metric} | " + " | ".join(cells) + " |")
    return "\n".join([
        "Text metrics in points (×100; CIDEr-D is already ×10, so 100 here is a raw CIDEr-D of 1), judge scores on "
        f"the 1–10 scale. Tokenisation: {OVERLAP_TOKENISATION['zh']}. BLEU-n is corpus BLEU of orders 1…n "
        "(sacrebleu); ROUGE-L the mean per-sample F; CIDEr-D the coco-caption definition, its IDF from the 100 "
        "references. METEOR is not computed: it needs WordNet data that no package ships, and its stem and synonym "
        "matching is English-only.",
        "", *lines, "", *correlations, "",
        f"r = Pearson, ρ = Spearman, over the six models (a small sample: read the sign and size, not a p-value). "
        f"The paper's scores come from {RETIRED_JUDGE}, which is retired; none of these text metrics is official "
        f"or ranked.",
    ])


def _cell(value: Any, digits: int = 2) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


def judged_baselines(records: Sequence[Any], track_id: str) -> dict[str, dict[str, dict[str, float]]]:
    """``judge → model → {clue_overlap, label_overlap}`` of the re-judged baseline rows (Chinese) of ``track_id``."""
    found: dict[str, dict[str, dict[str, float]]] = {}
    for record in records:
        if record.track != track_id or record.status != "baseline" or "|lang:zh|" not in record.signature:
            continue
        scores = read_scores(record.scores)  # a malformed metric reads as absent (NaN), as on the board
        clue = scores.judged.get("clue_overlap")
        if clue is not None:
            found.setdefault(f"hub judge {clue.judge}", {})[record.metadata.get("model_name", "?")] = {
                metric: scores.value(metric, "1-10") for metric in JUDGED}
    return found


def judged_overlaps(reported: Iterable[Mapping[str, Any]], records: Sequence[Any] = (),
                    track_id: str = "emer-v1-explanations") -> dict[str, dict[str, dict[str, float]]]:
    """``judge → model → {clue_overlap, label_overlap}``: the paper's judge, plus the hub's judge rows when there are
    any — with the fixed baseline outputs, all the analysis depends on."""
    return {f"paper, {RETIRED_JUDGE}": reported_overlaps(reported), **judged_baselines(records, track_id)}


def build(data_dirs: tuple[str, ...] | None, reported: Iterable[Mapping[str, Any]],
          records: Sequence[Any] = (), track_id: str = "emer-v1-explanations") -> Analysis:
    """The analysis as the About tab shows it (see :func:`judged_overlaps`)."""
    return analyse(baseline_text_scores(data_dirs), judged_overlaps(reported, records, track_id))

