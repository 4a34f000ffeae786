"""``score()``: one call from a prediction file to every requested EMER metric, its OOV report and signature.

Data flow: load → reconcile ids against the ground truth → (extract labels from descriptions) → per-sample statistics
→ aggregates, confidence interval, OOV report → :class:`Result`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from . import __version__
from .checks import check_ids, check_labels
from .errors import EmerEvalError, InputError, examples
from .extract.offline import extraction_warnings
from .io import Predictions, load_ground_truth, load_predictions
from .labels import parse_label_list
from .metrics import ew, g2, hit
from .metrics.judge import PROMPT_VERSION, RETIRED_NOTE, Judge, JudgeControl, JudgeScore
from .metrics.text import TextScores, text_language, text_scores
from .oov import oov_report
from .signature import Signature
from .stats import SampleStats
from .values import G2Score, HitRate, MetricValue, RunSpread
from .wheels import EW_METRICS, load_wheels

METRIC_FAMILIES = ("ew", "hit", "g2", "text", "g1")
Progress = Callable[[float, str], None]


class Extractor(Protocol):
    """Anything that turns descriptions into label lists: the offline extractor or the LLM client."""

    @property
    def signature_tag(self) -> str:
        """What the signature's ``extract:`` field says about this extractor."""

    def extract_many(self, texts: Mapping[str, str], runs: int = 1,
                     progress: Any = None) -> list[dict[str, list[str]]]: ...


@dataclass
class Result:
    """Scores of one prediction set. ``to_dict()`` is the CLI's ``--json`` object (fractions in [0, 1]).

    ``metrics`` holds the emotion-wheel values (the twelve metrics, EW-L1 with its CI, EW-L2) as
    :class:`MetricValue`; the other families have typed values of their own when they were asked for: ``hit``
    (:class:`HitRate`), ``g2`` (:class:`G2Score`), ``text`` (:class:`TextScores`), ``runs`` (:class:`RunSpread`, k > 1
    extraction runs), ``judged`` (a :class:`JudgeScore` per G1 metric) and ``control`` (the judge's
    :class:`JudgeControl`, when one was run).
    """

    signature: Signature
    n_samples: int
    metrics: dict[str, MetricValue]
    oov: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    stats: SampleStats | None = field(default=None, repr=False)
    labels: dict[str, list[str]] | None = field(default=None, repr=False)
    notes: list[str] = field(default_factory=list)
    judged: dict[str, JudgeScore] | None = field(default=None, repr=False)
    control: JudgeControl | None = field(default=None, repr=False)
    hit: HitRate | None = None
    g2: G2Score | None = None
    text: TextScores | None = None
    runs: RunSpread | None = None
    label_runs: list[dict[str, list[str]]] = field(default_factory=list, repr=False)
    """The labels of every extraction run (``labels`` is the first); one item for label predictions."""
    run_stats: list[SampleStats] = field(default_factory=list, repr=False)
    """Per-sample statistics of every run (``stats`` is the first): k-run scores are means over these."""

    @property
    def m_avg(self) -> float | None:
        """M-avg, the mean F of the twelve EW metrics (None for the judge track)."""
        return ew.m_avg(self.metrics) if all(metric in self.metrics for metric in EW_METRICS) else None

    def scores(self) -> dict[str, Any]:
        """Every number as JSON: each value's :meth:`MetricValue.to_dict`, ``M-avg``, then the other families under
        ``hit``, ``G2``, ``runs``, ``text``, the judge metrics' names and ``control`` (each its value's
        ``to_dict``)."""
        payload: dict[str, Any] = {name: value.to_dict() for name, value in self.metrics.items()}
        if self.m_avg is not None:
            payload["M-avg"] = self.m_avg
        families = (("hit", self.hit), ("G2", self.g2), ("runs", self.runs), ("text", self.text))
        payload.update({name: value.to_dict() for name, value in families if value is not None})
        payload.update({name: value.to_dict() for name, value in (self.judged or {}).items()})
        if self.control is not None:
            payload["control"] = self.control.to_dict()
        return payload

    def to_dict(self) -> dict[str, Any]:
        payload = {"signature": str(self.signature), "n_samples": self.n_samples, "metrics": self.scores(),
                   "oov": self.oov, "warnings": list(self.warnings)}
        if self.notes:
            payload["notes"] = list(self.notes)
        return payload

    def per_sample_rows(self, ground_truth: Mapping[str, Sequence[str]]) -> list[dict[str, Any]]:
        """One row per gt sample: labels, and the mean level-1 precision / recall terms over the counted wheels."""
        if self.judged is not None:
            return [{"name": name, **{metric: score.per_sample[i] for metric, score in self.judged.items()}}
                    for i, name in enumerate(next(iter(self.judged.values())).ids)]
        if self.stats is None:
            return []
        precision, recall, counted = self.stats.terms()
        idx = [self.stats.column(name) for name in ew.LEVEL_METRICS[1]]
        wheels_counted = counted[:, idx].sum(axis=1)
        safe = np.maximum(wheels_counted, 1)
        rows = []
        for i, name in enumerate(self.stats.names):
            rows.append({
                "name": name,
                "gt": ", ".join(ground_truth.get(name, ())),
                "pred": ", ".join((self.labels or {}).get(name, ())),
                "ew_l1_p": float(precision[i, idx].sum() / safe[i]),
                "ew_l1_r": float(recall[i, idx].sum() / safe[i]),
            })
        return rows


def _as_predictions(predictions: Predictions | Mapping[str, Any] | str | os.PathLike[str]) -> Predictions:
    if isinstance(predictions, Predictions):
        return predictions
    if isinstance(predictions, Mapping):
        values = list(predictions.values())
        if all(isinstance(value, str) and not value.lstrip().startswith("[") for value in values) and values:
            return Predictions(texts=dict(predictions))
        return Predictions(labels={str(name): parse_label_list(value) for name, value in predictions.items()})
    return load_predictions(Path(predictions))


def _as_ground_truth(ground_truth: Mapping[str, Any] | str | os.PathLike[str],
                     split: str | None) -> dict[str, list[str]]:
    if isinstance(ground_truth, Mapping):
        return {str(name): parse_label_list(value) for name, value in ground_truth.items()}
    return load_ground_truth(Path(ground_truth), split=split)


def reconcile(names: Sequence[str], ground_truth: Mapping[str, Any]) -> list[str]:
    """Warnings for ids that do not match: unknown ids are ignored, missing ones score as empty predictions."""
    warnings = []
    unknown = [name for name in names if name not in ground_truth]
    if unknown:
        warnings.append(f"{len(unknown)} prediction id(s) not in the ground truth were ignored "
                        f"(e.g. {examples(unknown)})")
    present = set(names)
    missing = [name for name in ground_truth if name not in present]
    if missing:
        warnings.append(f"{len(missing)} ground-truth sample(s) have no prediction and score as empty "
                        f"(e.g. {examples(missing)})")
    return warnings


def default_extractor(wheels: str = "2025", data_dirs: tuple[str, ...] | None = None) -> Extractor:
    """The official LLM extraction when an endpoint is configured (``EMER_LLM_*``), else the offline extractor."""
    from .config import LLMConfig
    from .extract.llm import LLMExtractor
    from .extract.offline import OfflineExtractor

    config = LLMConfig.from_env()
    if config is not None:
        return LLMExtractor(config)
    return OfflineExtractor(load_wheels(wheels, data_dirs))


def score(predictions: Predictions | Mapping[str, Any] | str | os.PathLike[str],
          ground_truth: Mapping[str, Any] | str | os.PathLike[str], *,
          wheels: str = "2025",
          metrics: Sequence[str] = ("ew",),
          data_dirs: Sequence[str] | None = None,
          split: str | None = None,
          extractor: Extractor | None = None,
          runs: int = 1,
          groupings: Mapping[str, str] | str | os.PathLike[str] | None = None,
          references: Mapping[str, str] | str | os.PathLike[str] | None = None,
          bootstrap: int = 1000,
          seed: int = 12345,
          progress: Progress | None = None,
          judge: Judge | None = None,
          lang: str | None = None,
          judge_control: int = 0) -> Result:
    """Score predictions against ground truth with the EMER metrics.

    >>> result = score("predict-openset.csv", "check-openset.csv")          # doctest: +SKIP
    >>> result.metrics["EW-L1"].f, str(result.signature)                    # doctest: +SKIP

    ``predictions`` is a file path, a :class:`Predictions`, or a mapping ``{sample: labels}`` (label lists or
    label-list strings) / ``{sample: description}``. Descriptions are turned into labels by ``extractor`` (default:
    :func:`default_extractor`); with ``runs`` > 1 every number is the mean over the runs and
    ``metrics["runs"]`` holds each run's EW-L1 F and their standard deviation.

    ``metrics=("g1",)`` instead runs the EMER-V1 LLM judge (clue and label overlap, 1–10) on descriptions against the
    reference descriptions in ``ground_truth`` (a file with a ``reasons``/``chi_reasons`` column, or a mapping
    ``{sample: description}``), through ``judge`` (default: :meth:`Judge.from_env`), with its mismatched-reference
    control on ``judge_control`` clips; see :func:`score_judged`.
    """
    unknown = sorted(set(metrics) - set(METRIC_FAMILIES))
    if unknown:
        raise EmerEvalError(f"unknown metric family {', '.join(unknown)}; choose from {', '.join(METRIC_FAMILIES)}")
    if "g1" in metrics:
        if len(set(metrics)) > 1:
            raise EmerEvalError("g1 judges descriptions against reference descriptions, not labels: score it on its "
                                "own (--metrics g1), separately from ew, hit, g2 and text")
        return score_judged(predictions, ground_truth, judge=judge, lang=lang, control=judge_control,
                            progress=progress)
    report = progress or (lambda fraction, message: None)
    dirs = tuple(str(d) for d in data_dirs) if data_dirs is not None else None
    preds = _as_predictions(predictions)
    gt = _as_ground_truth(ground_truth, split)
    if not gt:
        raise InputError("the ground truth holds no samples")
    check_ids(preds.names, gt, preds.source)
    warnings = list(preds.warnings) + reconcile(preds.names, gt)
    wheel_set = load_wheels(wheels, dirs)
    report(0.1, "resources loaded")

    extract_tag = "none"
    if preds.labels is not None:
        label_runs = [{name: preds.labels[name] for name in preds.labels if name in gt}]
        warnings += check_labels(label_runs[0], wheel_set, preds.source)
    else:
        extractor = extractor or default_extractor(wheels, dirs)
        if getattr(extractor, "deterministic", False):
            runs = 1  # repeated runs of a deterministic extractor are identical: no mean ± std to report
        texts = {name: text for name, text in (preds.texts or {}).items() if name in gt}
        report(0.2, f"extracting labels from {len(texts)} descriptions")
        label_runs = extractor.extract_many(texts, runs=runs)
        warnings += extraction_warnings(texts, label_runs[0], extractor.signature_tag)
        extract_tag = extractor.signature_tag + (f"x{runs}" if runs > 1 else "")
    report(0.6, "scoring")

    run_values: list[dict[str, MetricValue]] = []
    run_hits: list[HitRate] = []
    run_g2: list[G2Score] = []
    run_stats: list[SampleStats] = []
    grouping_tag = None
    for labels in label_runs:
        stats = ew.sample_stats(wheel_set, labels, gt)
        run_stats.append(stats)
        run_values.append(ew.summarise(stats))
        if "hit" in metrics:
            run_hits.append(hit.hit_rate(stats))
        if "g2" in metrics:
            replies, grouping_tag = _groupings(groupings, labels, gt)
            coverage = g2.coverage(labels, gt, replies)
            g2.check_coverage(coverage, grouping_tag)
            g2_values = g2.g2_scores(labels, gt, replies)
            run_g2.append(G2Score(float(g2_values["accuracy_s"]), float(g2_values["recall_s"]),
                                  float(g2_values["avg"]), int(g2_values["n"]), coverage.fraction, grouping_tag))
            if coverage.fraction < 1 and len(run_values) == 1:
                warnings.append(coverage.warning(grouping_tag))
    values = {name: MetricValue.mean([run[name] for run in run_values]) for name in run_values[0]}
    notes: list[str] = []
    intervals: list[tuple[float, float]] = []
    if bootstrap:
        report(0.8, "bootstrap confidence interval")
        intervals = [ew.bootstrap_ci(stats, resamples=bootstrap, seed=seed) for stats in run_stats]
        values["EW-L1"] = replace(values["EW-L1"], ci95=intervals[0])
    runs_spread = None
    if len(run_values) > 1:  # one interval per run: their mean would be no interval of anything
        runs_spread = RunSpread(tuple(run["EW-L1"].f for run in run_values), tuple(intervals) or None)
        if intervals:
            notes.append(f"EW-L1 ci95 and the per-sample labels are those of run 1 of {len(intervals)}; "
                         f"runs.ci95 holds every run's interval, and the OOV report counts all runs")
    text = _text_metrics(preds, references, gt) if "text" in metrics else None
    report(1.0, "done")
    signature = Signature(__version__, wheels, extract_tag, len(gt), bootstrap=bootstrap,
                          seed=seed if bootstrap else None, groupings=grouping_tag)
    oov = oov_report(wheel_set, {f"{run}:{name}": labels for run, values in enumerate(label_runs)
                                 for name, labels in values.items()})
    return Result(signature, len(gt), values, oov, warnings, run_stats[0], label_runs[0], notes=notes,
                  hit=HitRate.mean(run_hits) if run_hits else None, g2=G2Score.mean(run_g2) if run_g2 else None,
                  text=text, runs=runs_spread, label_runs=label_runs, run_stats=run_stats)


def score_judged(predictions: Predictions | Mapping[str, Any] | str | os.PathLike[str],
                 references: Mapping[str, Any] | str | os.PathLike[str], *,
                 judge: Judge | None = None,
                 metrics: Sequence[str] = ("clue_overlap", "label_overlap"),
                 lang: str | None = None,
                 control: int = 0,
                 control_secret: str = "",
                 progress: Progress | None = None) -> Result:
    """The EMER-V1 G1 metrics of descriptions against reference descriptions, signed with the judge and prompts.

    ``lang`` names the language of the references (it is part of the signature: Chinese and English rows are never
    compared); by default it is detected from the reference texts. ``result.judged[name]`` is the
    :class:`JudgeScore` of each metric; replies without a score are counted there and listed in the warnings.
    ``control`` > 0 also runs the judge's mismatched-reference control on that many clips (:meth:`Judge.control`,
    with the clue overlap; ``control`` more judge calls; its draw keyed by ``control_secret``) into
    ``result.control``: how a judged score is trusted when a description may talk the judge into it.
    """
    report = progress or (lambda fraction, message: None)
    judge = judge or Judge.from_env()
    if judge is None:
        raise EmerEvalError("clue_overlap and label_overlap need an LLM judge: set EMER_LLM_BASE_URL and "
                            "EMER_LLM_MODEL (or --llm-base-url and --llm-model); --cache-only with --llm-model "
                            "re-uses cached replies")
    preds = _as_predictions(predictions)
    if preds.texts is None:
        raise InputError("the judge metrics need descriptions (a 'reason' or 'chi_reasons' column), not labels",
                         file=preds.source)
    refs = _as_references(references)
    lang = lang or text_language(list(refs.values()))
    warnings = list(preds.warnings) + reconcile(preds.names, refs)
    said = text_language([preds.texts[name] for name in preds.names if name in refs])
    if said != lang:
        warnings.append(f"the descriptions look {said} but the references are {lang}: the judge compares them as "
                        f"they are")
    texts = {name: text for name, text in preds.texts.items() if name in refs}
    report(0.1, f"judging {len(refs)} descriptions with {judge.model}")

    def replies(received: int, total: int) -> None:
        report(0.1 + 0.85 * received / max(total, 1), f"judge replies {received}/{total}")

    judged = judge.score(texts, refs, metrics, progress=replies)
    checked = judge.control(texts, refs, control, control_secret) if control and "clue_overlap" in metrics else None
    for name, value in judged.items():
        if value.unscored:
            warnings.append(f"{len(value.unscored)} of {value.n} {name} replies held no score in 1-10 and count "
                            f"as 1 (e.g. {examples(value.unscored)})")
    report(1.0, "done")
    signature = Signature.judged(__version__, judge.signature_tag, PROMPT_VERSION, lang, len(refs))
    return Result(signature, len(refs), {}, {}, warnings, notes=[RETIRED_NOTE], judged=judged, control=checked)


def _as_references(references: Mapping[str, Any] | str | os.PathLike[str]) -> dict[str, Any]:
    """Reference descriptions from a mapping or a file with an explanation column (labels columns are ignored)."""
    if isinstance(references, Mapping):
        refs = {str(name): text for name, text in references.items()}
    else:
        loaded = load_predictions(Path(references))
        if loaded.texts is None:
            raise InputError("no explanation column ('reason', 'reasons', 'chi_reasons' or 'english')",
                             file=str(references))
        refs = dict(loaded.texts)
    if not refs:
        raise InputError("the references hold no samples")
    return refs


def _groupings(groupings: Mapping[str, str] | str | os.PathLike[str] | None,
               labels: Mapping[str, Sequence[str]], gt: Mapping[str, Sequence[str]]) -> tuple[Mapping[str, str], str]:
    """Cached grouping replies (zip, folder or mapping), else fresh ones from the configured LLM endpoint — with the
    tag that names them in the signature (the LLM that grouped, or the sha256 of the cached replies)."""
    if isinstance(groupings, Mapping):
        return groupings, g2.groupings_tag(groupings)
    if groupings is not None:
        replies = g2.load_groupings(Path(groupings))
        return replies, g2.groupings_tag(replies)
    from .config import LLMConfig
    from .extract.llm import LLMExtractor

    config = LLMConfig.from_env()
    if config is None:
        raise EmerEvalError("the G2 metric needs cached groupings (--groupings ZIP) or an LLM endpoint "
                            "(EMER_LLM_BASE_URL and EMER_LLM_MODEL)")
    union = {name: sorted(set(gt[name]) | set(labels.get(name, ()))) for name in gt}
    return LLMExtractor(config).group_many(union), config.describe()


def _text_metrics(preds: Predictions, references: Mapping[str, str] | str | os.PathLike[str] | None,
                  gt: Mapping[str, Any]) -> TextScores:
    if preds.texts is None:
        raise EmerEvalError("text metrics need descriptions (a 'reason' column), not only labels")
    if references is None:
        raise EmerEvalError("text metrics need reference explanations (--references FILE)")
    if not isinstance(references, Mapping):
        loaded = load_predictions(Path(references))
        if loaded.texts is None:
            raise InputError("no explanation column ('reason', 'reasons' or 'english')", file=str(references))
        references = loaded.texts
    return text_scores(preds.texts, {name: text for name, text in references.items() if name in gt})
