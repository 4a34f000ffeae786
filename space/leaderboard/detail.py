"""The detail view of one leaderboard entry as markdown for ``gr.Markdown``: every user string escaped.

Why markdown built here and not in the UI: it is the one place that puts user text (model name, organisation, link,
description, user name, flag reason, OOV words) next to markup, so it is the one place tested for escaping. Every
such value passes through :func:`space.leaderboard.markup.escape`; a link is clickable only when it is https.
Scores are shown in points (×100, two decimals), like the table; "—" means not reported / not computed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from emer_eval import RETIRED_JUDGE, RETIRED_JUDGE_NOTE

from . import fields, markup
from .columns import WHEEL_METRICS, primary_label
from .scores import StoredScores, read_scores

PER_METRIC_ROWS = ("M1", "M2", *WHEEL_METRICS)
MAX_RUNS_SHOWN = 10


def _pts(value: Any) -> str:
    fraction = fields.fraction(value)
    return "—" if math.isnan(fraction) else f"{fraction * 100:.2f}"


def _count(value: Any) -> str:
    return str(value) if type(value) is int and value >= 0 else "—"


def _score_table(scores: StoredScores, std: Mapping[str, Any]) -> list[str]:
    with_std = bool(std)
    header = "| Metric | F | P | R | n |" + (" F std |" if with_std else "")
    rule = "|---|---:|---:|---:|---:|" + ("---:|" if with_std else "")
    lines = [header, rule]
    for metric in (*PER_METRIC_ROWS, "EW-L1", "EW-L2"):
        value = scores.metrics.get(metric)
        if value is None:
            continue
        cells = [metric, _pts(value.f), _pts(value.p), _pts(value.r), _count(value.n)]
        if with_std:
            cells.append(_pts(std.get(metric)))
        lines.append("| " + " | ".join(cells) + " |")
    if scores.m_avg is not None:
        lines.append("| M-avg | " + _pts(scores.m_avg) + " | — | — | — |" + (" — |" if with_std else ""))
    return lines if len(lines) > 2 else ["No per-metric scores."]


def _score_runs(scores: StoredScores) -> list[str]:
    """For labels extracted k times: every number is the mean over the runs, and so is the board's per-sample work."""
    runs = scores.runs
    if runs is None or runs.k < 2:
        return []
    each = ", ".join(_pts(value) for value in runs.ew_l1_f[:MAX_RUNS_SHOWN]) + (
        ", …" if runs.k > MAX_RUNS_SHOWN else "")  # the hub makes at most 10; a hand-edited record may hold more
    return [f"**Mean of {runs.k} extraction runs** (EW-L1 F per run: {each}; std {_pts(runs.std)}). The rank "
            "range, the families and head-to-head average the runs too; the 95 % CI is run 1's.", ""]


def _judge_table(scores: StoredScores) -> list[str]:
    """The judge's metrics: mean on the 1–10 scale with its 95 % CI, clips judged, replies without a score, and who
    judged with which prompts (the paper's retired judge is named as such)."""
    if not scores.judged:
        return ["No judge scores."]
    lines = ["| Metric | Mean (1–10) | 95 % CI | Clips | Unscored | Judge | Prompts |",
             "|---|---:|---|---:|---:|---|---|"]
    for name, value in scores.judged.items():
        ci = "—" if value.ci95 is None else f"[{value.ci95[0]:.2f}, {value.ci95[1]:.2f}]"
        cells = [markup.escape(name), f"{value.mean:.2f}", ci, _count(value.n), _count(value.unscored),
                 markup.escape(value.judge) or "—", markup.escape(value.prompts) or "—"]
        lines.append("| " + " | ".join(cells) + " |")
    retired = any(value.judge == RETIRED_JUDGE for value in scores.judged.values())
    return [*lines, *(["", RETIRED_JUDGE_NOTE] if retired else [])]  # our constant, not user text


def _oov(oov: Any) -> list[str]:
    if not isinstance(oov, Mapping) or not isinstance(oov.get("labels"), int):
        return []
    total, dropped = oov["labels"], oov.get("dropped", 0)
    fraction = fields.fraction(oov.get("fraction"))
    share = "" if math.isnan(fraction) else f" ({fraction * 100:.1f} %)"
    lines = ["#### Out-of-vocabulary labels", "",
             f"{_count(dropped)} of {_count(total)} predicted labels{share} are not emotion-wheel words and were "
             "dropped by the official protocol."]
    top = oov.get("top_dropped")
    if isinstance(top, list) and top:
        words = []
        for item in top[:10]:
            if isinstance(item, (list, tuple)) and len(item) == 2:
                words.append(f"{markup.escape(item[0], max_chars=60)} ×{_count(item[1])}")
        if words:
            lines += ["", "Most frequent: " + ", ".join(words)]
    return lines


def _history(history: Any) -> list[str]:
    if not isinstance(history, list) or not history:
        return []
    lines = ["#### Earlier scores (replaced by re-scoring)", "",
             "| Scored at | EW-L1 F | Signature | Replaced at |", "|---|---:|---|---|"]
    for item in history:
        if not isinstance(item, Mapping):
            continue
        lines.append("| " + " | ".join([
            markup.escape(item.get("scored_at")) or "—", _pts(read_scores(item.get("scores")).value("EW-L1")),
            markup.escape(item.get("signature")) or "—", markup.escape(item.get("replaced_at")) or "—",
        ]) + " |")
    return lines


COUNTS_NOTE = ("The n column is the number of clips that count for a metric: a clip whose ground-truth labels all "
               "fall outside a wheel (or are dropped as out-of-vocabulary) has no target there and is skipped, as in "
               "the official code — so n can be below the track size and differ between metrics.")


def _board_lines(row: Mapping[str, Any], judged: bool = False) -> list[str]:
    """What the board knows about the row beyond the record: rank and its range, paper number, group, marks."""
    lines = []
    rank = row.get("Rank")
    rank_text = "not ranked" if rank is None or pd.isna(rank) else f"#{rank}"  # pd.NA has no truth value
    lines.append(f"**Rank** {rank_text} · 95 % rank range {markup.escape(row.get('Rank 95 %')) or '—'}"
                 + (" · tied for first" if row.get("tied_first") else ""))
    group = row.get("group")
    if group == "non-official" and row.get("Source") == "reported":
        lines.append("**Not ranked**: the paper's numbers come from another protocol (e.g. a retired judge); they "
                     "are shown beside the hub's rows, never ranked with them.")
    elif group == "non-official":
        lines.append("**Non-official signature**: not ranked with the official rows (e.g. labels extracted by the "
                     "offline extractor instead of the official LLM, or another judge).")
    elif isinstance(group, str) and group.startswith("official "):
        lines.append(f"**Ranked within** {markup.escape(group.removeprefix('official '))} (each group is ranked "
                     "on its own).")
    if group == "reference":
        lines.append("**Reference row**: a trivial guess computed by the hub from the ground truth; never ranked.")
    paper = row.get("Paper")
    if isinstance(paper, float) and not math.isnan(paper):
        lines.append(f"**Paper** {paper:.2f} · re-scored − paper = {row.get('Δ paper', math.nan):+.2f} (released "
                     "file re-scored vs the paper's mean over extraction runs)")
    if row.get("identical_to"):
        lines.append(f"**≡ Identical predictions** to the earlier entry {markup.escape(row['identical_to'])} "
                     "(another owner); an admin reviews such pairs.")
    if row.get("identical_review"):
        lines.append(f"**≡ Reviewed by an admin**: {markup.escape(row['identical_review'], max_chars=400)}.")
    if row.get("trained_on_test"):
        lines.append("**⚠️ Trained on data that contains the test clips** (declared by the submitter).")
    return [*(line + "  " for line in lines), ""]


def detail_markdown(entry: Any, row: Mapping[str, Any] | None = None, *, scores: StoredScores | None = None,
                    primary: str = "EW-L1", scale: str = "fraction") -> str:
    """Markdown for one entry: board facts (``row``), metadata, declarations, the track's ``primary`` score (points
    ×100 for fractions, or the judge's 1–10 ``scale``), per-metric table, CI, OOV, warnings, signature, history.

    ``scores``: the entry's typed scores as the board read them (read here from the entry when not given); a
    malformed metric shows as absent, like everywhere on the board.
    """
    record = fields.as_mapping(entry)
    if record is None:
        return "Select a row of the leaderboard to see its details."
    metadata = fields.sub_mapping(record, "metadata")
    reported = fields.sub_mapping(record, "reported")
    source = fields.source(record)
    if scores is None:
        scores = read_scores(record.get("scores"), published=source == "reported")
    flagged = record.get("visibility") == "flagged"
    modalities = markup.clean_modalities(metadata.get("modalities"))
    raw_link = markup.plain(metadata.get("link"))
    if not raw_link:
        link_cell = "—"
    elif markup.safe_https_url(raw_link):
        link_cell = markup.link(raw_link, raw_link)
    else:
        link_cell = markup.escape(raw_link) + " (not linked: only https links are)"

    lines = [f"### {markup.escape(metadata.get('model_name')) or '(unnamed)'}" + (" ⚑" if flagged else ""), ""]
    if flagged:
        reason = markup.escape(record.get("flag_reason"), max_chars=500)
        lines += ["> ⚑ Flagged by a moderator, under review" + (f": {reason}" if reason else "") + ".", ""]
    rows = [
        ("Organisation", markup.escape(metadata.get("organisation")) or "—"),
        ("Link", link_cell),
        ("Modalities", markup.modality_badges(modalities) or "unknown"),
        ("Weights", fields.weights(metadata.get("open_weights"))),
        ("Source", source),
        ("Track", markup.escape(record.get("track")) or "—"),
    ]
    if source in ("submitted", "baseline"):
        rows += [("Submitted by", markup.escape(record.get("user")) or "—"),
                 ("Submitted", markup.escape(record.get("created_at")) or "—"),
                 ("Scored", markup.escape(record.get("scored_at")) or "—")]
    zero_shot = metadata.get("zero_shot")
    training = metadata.get("training_data")
    if source in ("submitted", "baseline"):
        rows.append(("Zero-shot (declared)", "yes" if zero_shot is True else "no" if zero_shot is False else "—"))
        items = [markup.escape(i) for i in training if isinstance(i, str)] if isinstance(training, list) else []
        notes = markup.escape(metadata.get("training_notes"), max_chars=300)
        declared = ", ".join(items) or ("" if notes else "—")
        rows.append(("Training data (declared)", declared + (f" — {notes}" if notes and declared else notes)))
    rows.append(("Entry id", markup.escape(record.get("id")) or "—"))
    if row is not None:
        lines += _board_lines(row)
    lines += ["| | |", "|---|---|", *(f"| {key} | {value} |" for key, value in rows), ""]

    description = markup.escape_block(metadata.get("description"))
    if description:
        lines += ["**Description**", "", description, ""]

    judged = scale != "fraction"
    if judged:
        value = scores.value(primary, scale)
        lines += ["#### Scores (LLM judge, 1–10)", "",
                  f"**{primary_label(primary)} {'—' if math.isnan(value) else f'{value:.2f}'}**", "",
                  *_judge_table(scores), ""]
    else:
        low, high = scores.ci(primary)
        ci = "" if math.isnan(low) else f" — 95 % CI [{low * 100:.2f}, {high * 100:.2f}]"
        lines += ["#### Scores (points, ×100)", "",
                  f"**{primary_label(primary)} {_pts(scores.value(primary))}**{ci}", ""]
        std = fields.sub_mapping(reported, "std")
        lines += [*_score_runs(scores), *_score_table(scores, std), ""]
        if source != "reported":
            lines += [COUNTS_NOTE, ""]

    oov_lines = _oov(fields.oov(record))
    if oov_lines:
        lines += [*oov_lines, ""]
    warnings = record.get("warnings")
    if isinstance(warnings, list) and warnings:  # e.g. ids from the user's file: escaped like everything else
        lines += ["#### Scoring warnings", "", *(f"- {markup.escape(w, max_chars=300)}" for w in warnings[:10]), ""]

    if source == "reported":
        derived_raw = reported.get("derived")
        derived = [markup.escape(m) for m in derived_raw if isinstance(m, str)] if isinstance(derived_raw, list) else []
        lines += ["#### Reference", "", markup.escape(reported.get("source_ref"), max_chars=500) or "—", "",
                  "Published numbers, not re-computed by the hub: " + (
                      "the paper's judge and prompts, no per-clip scores; no signature." if judged else
                      "only F was reported, so P, R, n and the CI are empty; no signature.")]
        if derived:
            lines += ["", f"Derived here (not a published column): {', '.join(derived)} F = mean of the five "
                          "wheels' published F at that level."]
        lines.append("")
    else:
        signature = markup.escape(record.get("signature"), max_chars=500)
        lines += ["#### Signature", "", signature or "—", ""]
    lines += _history(record.get("history"))
    return "\n".join(lines).rstrip() + "\n"
