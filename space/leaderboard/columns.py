"""The leaderboard's columns, declared once as data; the table, the column picker, filters and exports derive from it.

Conventions (one place, so no view can disagree with another):

* **Scores are points (×100), unrounded ``float64``.** Records and ``space/data/reported.csv`` hold fractions in
  [0, 1] like ``emer_eval``; the table multiplies by 100 once (:data:`POINTS`) because every EMER paper prints ×100
  and readers compare the board with those tables. Values stay numeric so sorting is numeric; rounding to two
  decimals happens only in :func:`space.leaderboard.table.display_frame`, never in the data or the exports.
* **A missing number is NaN, never 0** (reported rows have no precision/recall and no CI).
* **Markup cells hold escaped text.** A column whose cell is markdown (model, organisation, modalities) has a
  plain-text twin (``export_as``) that plots, search and exports use, so nothing ever has to be un-escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

POINTS = 100.0
"""Fraction → displayed score: the table and the exports are in points (×100), as in the EMER papers."""

PRIMARY = "EW-L1 F"
"""The ranking metric (AffectGPT / MER-UniBench / MER2026 main metric), descending."""

SOURCES = ("submitted", "baseline", "reported")
"""Where a row's numbers come from: scored by the hub from a user's file, a hub-scored baseline, or a paper."""

WEIGHTS = ("open", "closed", "unknown")
MODALITIES = ("audio", "video", "text")


@dataclass(frozen=True)
class Column:
    """One leaderboard column.

    ``dtype`` is the pandas dtype the builder guarantees (tests check it); ``datatype`` is the ``gr.Dataframe``
    datatype of the column as :func:`space.leaderboard.table.display_frame` emits it. ``hidden`` columns (ids,
    plain-text twins) never appear in the column picker or on screen but stay in the DataFrame for events, plots,
    search and export. ``export_as`` names the plain twin an export writes in place of a markup cell;
    ``export=False`` keeps a column out of exports altogether.
    """

    name: str
    dtype: str
    datatype: str
    description: str
    default: bool = True
    never_hidden: bool = False
    hidden: bool = False
    export_as: str | None = None
    export: bool = True

    @property
    def numeric(self) -> bool:
        """True for score columns: they must reach the browser as numbers so they sort as numbers."""
        return self.dtype in ("float64", "Int64")


def _score(name: str, description: str, default: bool = True, never_hidden: bool = False) -> Column:
    return Column(name, "float64", "number", description + " (points, ×100; NaN when not reported)", default,
                  never_hidden)


WHEEL_METRICS = tuple(f"W{k}-L{level}" for k in range(1, 6) for level in (1, 2))
"""The ten per-wheel metrics M3-Wk-Lj, in the papers' order."""

COLUMNS: tuple[Column, ...] = (
    Column("Rank", "Int64", "number", "Position by EW-L1 F (descending); ties: earlier submission first, then rows "
           "without a date (papers) by model name, then id. Ranks are of the whole track, not of the filtered view.",
           never_hidden=True),
    Column("Model", "string", "markdown", "Model name (escaped), linked when its link is https; ⚑ = flagged by a "
           "moderator, under review.", never_hidden=True, export_as="model_name"),
    Column("Organisation", "string", "markdown", "Organisation as submitted (escaped); blank if unknown.",
           export_as="organisation_name"),
    Column("Modalities", "string", "markdown", "Input modalities the model used; blank if unknown.",
           export_as="modality_list"),
    Column("Weights", "string", "str", "open / closed weights, or unknown."),
    Column("Source", "string", "str", "submitted (scored by the hub), baseline (scored by the hub) or reported "
           "(published in a paper, not re-computed here)."),
    _score(PRIMARY, "Emotion-wheel level-1 F: mean of the five wheels' level-1 F. For OV-MER paper rows it is the "
           "mean of their five published W*-L1 F (derived arithmetic). The ranking metric, so never hidden",
           never_hidden=True),
    _score("CI low", "Lower end of the 95 % bootstrap confidence interval of EW-L1 F"),
    _score("CI high", "Upper end of the 95 % bootstrap confidence interval of EW-L1 F"),
    Column("CI overlaps leader", "boolean", "str", "True when this row's 95 % CI overlaps that of the best-ranked "
           "row that has a CI (a statistical tie with it); empty when either has no CI. Shown as yes / no / blank "
           "(a checkbox cannot show 'unknown')."),
    _score("EW-L1 P", "Emotion-wheel level-1 precision"),
    _score("EW-L1 R", "Emotion-wheel level-1 recall"),
    _score("EW-L2 F", "Emotion-wheel level-2 F: mean of the five wheels' level-2 F"),
    _score("M1 F", "F of M1 (word-form normalisation)"),
    _score("M2 F", "F of M2 (synonym normalisation)"),
    _score("M-avg", "Mean of the 12 F values M1, M2, W1-L1 … W5-L2 (OV-MER paper's summary)"),
    *(_score(f"{metric} F", f"F of wheel {metric[1]}, level {metric[-1]}", default=False) for metric in WHEEL_METRICS),
    Column("Date", "datetime64[ns, UTC]", "str", "When the file was submitted (UTC); empty for paper rows. Shown as "
           "'YYYY-MM-DD HH:MM' text, which sorts chronologically."),
    Column("Signature", "string", "str", "emer-eval signature: what exactly was computed; compare two numbers only "
           "when their signatures match.", default=False),
    Column("Reference", "string", "str", "Publication a reported row was transcribed from.", default=False),
    Column("id", "string", "str", "Entry id (record id, or reported/<track>/<model>).", hidden=True),
    Column("model_name", "string", "str", "Plain-text model name, for plots, search and exports.", hidden=True,
           export=False),
    Column("organisation_name", "string", "str", "Plain-text organisation.", hidden=True, export=False),
    Column("modality_list", "string", "str", "Modalities as plain text, e.g. 'audio;text'.", hidden=True,
           export=False),
    Column("link", "string", "str", "The entry's link when it is a valid https URL, else empty.", hidden=True),
    Column("flagged", "bool", "bool", "True when a moderator flagged the entry (shown with ⚑).", hidden=True),
)

BY_NAME: dict[str, Column] = {column.name: column for column in COLUMNS}
SCORE_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.dtype == "float64")
NEVER_HIDDEN: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.never_hidden)
HIDDEN: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.hidden)


def default_columns() -> list[str]:
    """Columns on screen before the user picks any (the picker's initial value)."""
    return [c.name for c in COLUMNS if c.default and not c.hidden]


def column_choices() -> list[str]:
    """Columns the user may toggle: everything visible except the ones that are never hidden."""
    return [c.name for c in COLUMNS if not c.hidden and not c.never_hidden]


def datatypes(names: Sequence[str]) -> list[str]:
    """``gr.Dataframe(datatype=...)`` for a list of column names, so markdown cells render and numbers sort."""
    return [BY_NAME[name].datatype for name in names]


# --- the "other benchmarks" view: reported numbers on test sets that are not submission tracks -------------------

@dataclass(frozen=True)
class OtherBenchmark:
    """A benchmark known only from papers: which ``reported.csv`` columns it shows and how it is ranked.

    ``scale`` multiplies the stored value for display: fractions become points; the EMER-V1 ChatGPT overlaps are
    already on their 1–10 judge scale.
    """

    track: str
    title: str
    metrics: tuple[tuple[str, str], ...]
    """(header, reported.csv column) pairs, in the paper's order."""
    primary: str
    scale: float
    note: str


OTHER_BENCHMARKS: dict[str, OtherBenchmark] = {
    "merunibench": OtherBenchmark(
        "merunibench", "MER-UniBench (AffectGPT paper)",
        (("MER2023 hit", "MER2023_hit"), ("MER2024 hit", "MER2024_hit"), ("MELD hit", "MELD_hit"),
         ("IEMOCAP hit", "IEMOCAP_hit"), ("MOSI WF1", "MOSI_wf1"), ("MOSEI WF1", "MOSEI_wf1"),
         ("SIMS WF1", "SIMS_wf1"), ("SIMSv2 WF1", "SIMSv2_wf1"), ("OV-MERD+ EW-L1 F", "OV-MERD+_EW-L1_f"),
         ("Mean", "MER-UniBench_mean")),
        "Mean", POINTS,
        "Nine datasets: EW hit rate (MER2023/MER2024/MELD/IEMOCAP), weighted F1 (MOSI/MOSEI/SIMS/SIMSv2), EW-L1 F on "
        "OV-MERD+ (532 samples — a different test set from the 332-sample OV-MERD track, so not ranked with it). "
        "Points (×100)."),
    "emer-v1-explanations": OtherBenchmark(
        "emer-v1-explanations", "EMER-V1 overlap as reported (judge gpt-3.5-turbo-16k-0613, retired)",
        (("Clue overlap", "clue_overlap_1to10"), ("Label overlap", "label_overlap_1to10")),
        "Clue overlap", 1.0,
        "EMER-V1 (100 samples); scores of the paper's judge gpt-3.5-turbo-16k-0613, now retired, on a 1–10 scale: "
        "not reproducible, not comparable with EW metrics nor with another judge's scores."),
}
