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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

POINTS = 100.0
"""Fraction → displayed score: the table and the exports are in points (×100), as in the EMER papers."""

PRIMARY = "Score"
"""The column holding each row's value of its track's primary metric (``primary`` in ``tracks.toml``); shown under
the metric's own name (e.g. "EW-L1 F") and the ranking key, descending."""

SOURCES = ("submitted", "baseline", "reported", "reference")
"""Where a row's numbers come from: scored by the hub from a user's file, a hub-scored published output, a paper
(reported, not re-scored), or a trivial guess the hub computed from the ground truth (reference, never ranked)."""

GROUPS = ("official", "non-official", "reference")
"""Rows are ranked only within ``official`` (signature matches the track's protocol) — or, on a track that ranks
apart by signature fields, within ``official <field>:<value>`` (e.g. ``official lang:en``); ``non-official`` rows
(e.g. offline-extracted, another judge) are listed apart, unranked, with a badge; ``reference`` rows are never
ranked."""

WEIGHTS = ("open", "closed", "unknown")
MODALITIES = ("audio", "video", "text")


@dataclass(frozen=True)
class Column:
    """One leaderboard column.

    ``dtype`` is the pandas dtype the builder guarantees (tests check it); ``datatype`` is the ``gr.Dataframe``
    datatype of the column as :func:`space.leaderboard.table.display_frame` emits it. ``hidden`` columns (ids,
    plain-text twins) never appear in the column picker or on screen but stay in the DataFrame for events, plots,
    search and export. ``export_as`` names the plain twin an export writes in place of a markup cell;
    ``export=False`` keeps a column out of exports altogether. ``points``: a fraction shown ×100.
    ``labels_only``: see the field.
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
    points: bool = False
    labels_only: bool = False
    """Meaningful only for label-scored rows (precision, recall, label counts, wheel metrics): left off the screen
    on a judge track, whose rows are 1–10 means."""

    @property
    def numeric(self) -> bool:
        """True for score columns: they must reach the browser as numbers so they sort as numbers."""
        return self.dtype in ("float64", "Int64")


def _score(name: str, description: str, default: bool = True) -> Column:
    return Column(name, "float64", "number", description + " (points, ×100; empty when not reported)", default,
                  points=True, labels_only=True)


WHEEL_METRICS = tuple(f"W{k}-L{level}" for k in range(1, 6) for level in (1, 2))
"""The ten per-wheel metrics M3-Wk-Lj, in the papers' order."""

COLUMNS: tuple[Column, ...] = (
    Column("Rank", "Int64", "number", "Position among the track's official rows by the primary metric (descending; "
           "ties: earlier submission first, then paper rows by model name). Empty for reference rows and for rows "
           "whose signature is not the track's official protocol. Ranks are of the whole track, not the filtered "
           "view; a track that ranks groups apart (the judge track: Chinese and English) numbers each group from 1.",
           never_hidden=True),
    Column("Model", "string", "markdown", "Model name (escaped), linked when its link is https.", never_hidden=True,
           export_as="model_name"),
    Column(PRIMARY, "float64", "number", "The track's primary metric (its name is the header): points ×100 for "
           "fractions, the judge's own 1–10 scale for judge scores. The ranking key, so never hidden.",
           never_hidden=True),
    Column("Rank 95 %", "string", "str", "Range of ranks in 95 % of a joint paired bootstrap over the clips (all "
           "rows with per-sample results resampled together), e.g. '1–4'. Rows whose range includes 1 are tied for "
           "first. Paper rows have no per-sample results, hence no range."),
    Column("Notes", "string", "markdown", "Badges: 🧪 reference row · non-official signature · 📄 reported, not "
           "re-scored · ⚠️ trained on the test clips · ≡ identical to an earlier entry · ⚑ flagged · 🥇 tied for "
           "first.", export_as="notes_text"),
    _score("P", "Precision of the primary metric (EW: mean over wheels)"),
    _score("R", "Recall of the primary metric"),
    Column("Paper", "float64", "number", "The primary score the paper reported for this model (on re-scored "
           "baselines; same units as the score)."),
    Column("Δ paper", "float64", "number", "Re-scored minus reported: a re-scored released file vs the paper's "
           "mean over extraction runs (same units as the score)."),
    Column("Mean labels", "float64", "number", "Mean number of distinct predicted labels per clip: the set-level "
           "metric rewards long lists (recall up, precision down).", labels_only=True),
    _score("OOV %", "Share of predicted labels that are not emotion-wheel words and were dropped"),
    Column("CI low", "float64", "number", "Lower end of the 95 % bootstrap confidence interval of the primary metric "
           "(same units as the score).", default=False),
    Column("CI high", "float64", "number", "Upper end of the 95 % bootstrap confidence interval of the primary "
           "metric.", default=False),
    Column("Organisation", "string", "markdown", "Organisation as submitted (escaped); blank if unknown.",
           export_as="organisation_name", default=False),
    Column("Modalities", "string", "markdown", "Input modalities the model used; blank if unknown.",
           export_as="modality_list"),
    Column("Weights", "string", "str", "open / closed weights, or unknown.", default=False),
    Column("Source", "string", "str", "submitted / baseline (both scored by the hub), reported (a paper's number, "
           "not re-scored) or reference (a trivial guess computed by the hub)."),
    Column("Zero-shot", "string", "str", "The submitter's declaration: yes / no; blank when not declared."),
    Column("Training data", "string", "str", "Declared training data (OV-MERD, MER2025 Track 2 train, "
           "MER-Caption(+), other: …, none).", default=False),
    _score("EW-L1 F", "Emotion-wheel level-1 F: mean of the five wheels' level-1 F", default=False),
    _score("EW-L2 F", "Emotion-wheel level-2 F: mean of the five wheels' level-2 F", default=False),
    _score("M1 F", "F of M1 (word-form normalisation)", default=False),
    _score("M2 F", "F of M2 (synonym normalisation)", default=False),
    _score("M-avg", "Mean of the 12 F values M1, M2, W1-L1 … W5-L2 (OV-MER paper's summary)", default=False),
    *(_score(f"{metric} F", f"F of wheel {metric[1]}, level {metric[-1]}", default=False) for metric in WHEEL_METRICS),
    Column("Date", "datetime64[ns, UTC]", "str", "When the file was submitted (UTC); empty for paper and reference "
           "rows. Shown as 'YYYY-MM-DD HH:MM' text, which sorts chronologically.", default=False),
    Column("Signature", "string", "str", "emer-eval signature: what exactly was computed; rows are ranked together "
           "only when it matches the track's official protocol.", default=False),
    Column("Reference", "string", "str", "Publication a reported number was transcribed from.", default=False),
    Column("id", "string", "str", "Entry id (record id, reported/<track>/<model> or reference/<track>/<kind>).",
           hidden=True),
    Column("model_name", "string", "str", "Plain-text model name, for plots, search and exports.", hidden=True,
           export=False),
    Column("organisation_name", "string", "str", "Plain-text organisation.", hidden=True, export=False),
    Column("modality_list", "string", "str", "Modalities as plain text, e.g. 'audio;text'.", hidden=True,
           export=False),
    Column("notes_text", "string", "str", "The notes as plain text.", hidden=True, export=False),
    Column("link", "string", "str", "The entry's link when it is a valid https URL, else empty.", hidden=True),
    Column("group", "string", "str", "official (or official lang:zh / lang:en …) / non-official / reference.",
           hidden=True),
    Column("rank_lo", "Int64", "number", "Best rank in the 95 % bootstrap range.", hidden=True),
    Column("rank_hi", "Int64", "number", "Worst rank in the 95 % bootstrap range.", hidden=True),
    Column("tied_first", "bool", "bool", "True when the rank range includes 1.", hidden=True),
    Column("trained_on_test", "bool", "bool", "True when the declared training data holds the test clips.",
           hidden=True),
    Column("identical_to", "string", "str", "Model name of the earlier entry (another owner) with identical "
           "predictions, else empty.", hidden=True),
    Column("identical_review", "string", "str", "When an admin kept an entry that repeats another owner's earlier "
           "one: which, and the admin's reason; else empty.", hidden=True),
    Column("flagged", "bool", "bool", "True when a moderator flagged the entry (shown with ⚑).", hidden=True),
)

BY_NAME: dict[str, Column] = {column.name: column for column in COLUMNS}
SCORE_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.dtype == "float64")
NEVER_HIDDEN: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.never_hidden)
HIDDEN: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.hidden)


LABELS_ONLY: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.labels_only)


def default_columns() -> list[str]:
    """Columns on screen before the user picks any (the picker's initial value)."""
    return [c.name for c in COLUMNS if c.default and not c.hidden]


def column_choices() -> list[str]:
    """Columns the user may toggle: everything visible except the ones that are never hidden."""
    return [c.name for c in COLUMNS if not c.hidden and not c.never_hidden]


def datatypes(names: Sequence[str]) -> list[Any]:
    """``gr.Dataframe(datatype=...)`` for a list of column names, so markdown cells render and numbers sort."""
    return [BY_NAME[name].datatype if name in BY_NAME else "number" for name in names]


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
    ranked: bool = True
    """False when the numbers cannot be ranked at all (the EMER-V1 scores of a retired judge): sorted, never
    numbered."""


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
        "not reproducible, not comparable with EW metrics nor with another judge's scores, so never ranked. The "
        "track EMER-V1 explanations ranks rows re-judged by this hub's judge.", ranked=False),
}


def primary_label(primary: str) -> str:
    """The header the primary column is shown under: ``EW-L1`` → ``EW-L1 F``, ``hit`` → ``Hit rate``."""
    if primary == "hit":
        return "Hit rate"
    if primary == "M-avg" or not (primary.startswith(("EW-", "M1", "M2", "W"))):
        return primary
    return f"{primary} F"
