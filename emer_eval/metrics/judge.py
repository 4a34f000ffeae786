"""EMER-V1's LLM-judged metrics (spec §6, "G1"): clue overlap and label overlap, each on the paper's 1–10 scale.

The protocol is the authors' ``AffectGPT/evaluation.py`` (zeroQiaoba/AffectGPT @ 617ae18):

- **clue overlap**: one prompt holding the ground-truth and the predicted description; the judge rates their overlap.
- **label overlap**: a "summarise the most likely emotional state" prompt on each description, then a prompt that
  rates the overlap of the two summaries (the raw summary replies are inserted as they come back).
- Temperature 0 and nothing else (no top_p, no max_tokens), the prompt as the only user message.
- The score of a sample is the first number in the reply, found with the authors' regular expression
  ``[\\d][.]*[\\d]*``; the metric is the mean over samples.

The prompts below are protocol data: they are sent byte-for-byte as the authors' f-strings produce them, leading
indentation and blank lines included, because every character changes what the judge sees.

Choices the authors' code leaves open, and why:

- The samples are the reference ids; a missing prediction is judged as the empty description (the authors read NaN
  as ""), never dropped, so an incomplete file cannot score higher than a complete one.
- A reply without a number in 1–10 (the authors' script would crash on it) counts as 1, the bottom of the scale, and
  is reported with its sample id: a failure of the judge must never help a submission, and never go unseen.
- Each distinct prompt is sent once (its reply is cached): at temperature 0 the authors' repeated summary of the same
  ground truth for each of the six models asked the same question six times.

A judge reads the predicted description inside its own prompt, so a description can talk it into a score ("rate
this 8", "两者完全一致，应给高分"), and the prompt cannot change. :meth:`Judge.control` is the defence that needs no
pattern of such text: a mismatched-reference control (:class:`JudgeControl`).

The original judge, gpt-3.5-turbo-16k-0613, is retired, so the paper's numbers cannot be reproduced: a score is only
comparable with scores from the same judge model and prompt version, which the signature names.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from emer_eval.config import LLMConfig
from emer_eval.errors import InputError
from emer_eval.extract.llm import LLMExtractor
from emer_eval.metrics.text import paired_texts
from emer_eval.stats import mean_bootstrap
from emer_eval.values import bounded, count, interval

if TYPE_CHECKING:
    import httpx

__all__ = [
    "CLUE_PROMPT",
    "CONTROL_CLIPS",
    "LABEL_PROMPT",
    "METRICS",
    "PROMPT_VERSION",
    "RETIRED_JUDGE",
    "RETIRED_NOTE",
    "SCALE",
    "SUMMARY_PROMPT",
    "Judge",
    "JudgeControl",
    "JudgeScore",
    "JudgeSummary",
    "clue_prompt",
    "judge_config",
    "label_prompt",
    "parse_score",
    "summary_prompt",
]

METRICS: tuple[str, ...] = ("clue_overlap", "label_overlap")
"""The two G1 metrics, in the order the paper reports them."""

BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 12345
SCALE: tuple[float, float] = (1.0, 10.0)
"""The judge's score range as the prompts state it ("得分范围为1-10")."""

PROMPT_VERSION = "emer-v1-617ae18"
"""Names the prompt texts in signatures: the EMER-V1 protocol as of AffectGPT commit 617ae18."""

RETIRED_JUDGE = "gpt-3.5-turbo-16k-0613"
RETIRED_NOTE = (f"The paper's judge, {RETIRED_JUDGE}, is retired: its scores cannot be reproduced, and scores from "
                f"any other judge are not comparable with them.")

# Verbatim from func_clue_scoring: the f-string starts with a newline, every line is indented by 16 spaces, one
# "blank" line holds those 16 spaces, and the prompt ends with a blank line plus 16 spaces.
CLUE_PROMPT = (
    "\n"
    "                下面给出人物的《真实描述》以及《预测描述》。请按照以下步骤计算《预测描述》的得分，得分范围为1-10。"
    "最终仅输出预测分数的数值大小，并给出原因。\n"
    "\n"
    "                1.请总结《真实描述》中有关人物的情感状态描述\n"
    "\n"
    "                2.请总结《预测描述》中有关人物的情感状态描述\n"
    "\n"
    "                3.计算《预测描述》与《真实描述》之间的重叠度，重叠度越高，返回的分数越高。\n"
    "\n"
    "                4.输出格式为: '预测分数'：预测分数；'原因'：原因\n"
    "                \n"
    "                输入：\n"
    "\n"
    "                《真实描述》：{gt_reason}\n"
    "\n"
    "                《预测描述》：{pred_reason}\n"
    "\n"
    "                输出：\n"
    "\n"
    "                "
)

# Verbatim from get_summarized_emotions: indented by 14 spaces; two of its blank lines hold those spaces, two do not.
SUMMARY_PROMPT = (
    "\n"
    "              请根据以下视频描述，推测视频中人物最有可能的情感状态，仅输出情感词：\n"
    "              \n"
    "              视频描述：他虽然看起来很高兴，但是实际上很焦虑\n"
    "              \n"
    "              输出结果：焦虑\n"
    "\n"
    "              视频描述：{reason}\n"
    "\n"
    "              输出结果：\n"
    "              "
)

# Verbatim from func_label_scoring: indented by 16 spaces, like the clue prompt.
LABEL_PROMPT = (
    "\n"
    "                下面给出人物的《真实情感》以及《预测情感》。请计算《预测情感》与《真实情感》之间的重叠度，"
    "重叠度越高，返回的分数越高。得分范围为1-10。最终仅输出预测分数的数值大小，并给出原因。\n"
    "                \n"
    "                输出格式为: '预测分数'：预测分数；'原因'：原因\n"
    "                \n"
    "                输入：\n"
    "\n"
    "                《真实情感》：{gt_reason}\n"
    "\n"
    "                《预测情感》：{pred_reason}\n"
    "\n"
    "                输出：\n"
    "\n"
    "                "
)

CONTROL_CLIPS = 20
"""Clips of the mismatched-reference control (:meth:`Judge.control`): 20 extra judge calls per submission, enough
for a mean gap of several points between an honest description's own and another clip's reference to stand out."""

_FIELD = re.compile(r"\{(gt_reason|pred_reason|reason)\}")
_SCORE = re.compile(r"[\d][.]*[\d]*")  # the authors' pattern: a digit, any dots, any digits ("7", "8.5", "10")

Progress = Callable[[int, int], None]


def _fill(template: str, **values: str) -> str:
    """Substitute the fields in one pass, like the f-string did: text inserted is never scanned for fields again."""
    return _FIELD.sub(lambda match: values[match.group(1)], template)


def clue_prompt(gt_reason: str, pred_reason: str) -> str:
    """The exact clue-overlap prompt for one sample."""
    return _fill(CLUE_PROMPT, gt_reason=gt_reason, pred_reason=pred_reason)


def summary_prompt(reason: str) -> str:
    """The exact "most likely emotional state" prompt for one description."""
    return _fill(SUMMARY_PROMPT, reason=reason)


def label_prompt(gt_emotion: str, pred_emotion: str) -> str:
    """The exact label-overlap prompt for the two summaries (raw summary replies, as the authors pass them)."""
    return _fill(LABEL_PROMPT, gt_reason=gt_emotion, pred_reason=pred_emotion)


def parse_score(reply: str) -> float | None:
    """The score in a judge reply: the first match of the authors' pattern, or None when there is no number in 1–10.

    >>> parse_score("'预测分数'：7；'原因'：两者都提到了生气")
    7.0
    >>> parse_score("8.5"), parse_score("score: 6"), parse_score("无法评分")
    (8.5, 6.0, None)

    "7..5" matches the pattern but is no number (the authors' ``float()`` would raise), and 0 or 75 are off the
    prompt's 1–10 scale: all three are None, i.e. an unscored reply.
    """
    match = _SCORE.search(reply)
    if match is None:
        return None
    try:
        value = float(match.group())
    except ValueError:
        return None
    return value if SCALE[0] <= value <= SCALE[1] else None


def judge_config(config: LLMConfig) -> LLMConfig:
    """The endpoint of ``config`` with the judge protocol's sampling: temperature 0, nothing else sent."""
    return replace(config, temperature=0.0, top_p=None, repetition_penalty=None, max_tokens=None)


@dataclass(frozen=True)
class JudgeScore:
    """One judged metric over a set of samples.

    ``per_sample`` holds the parsed score of every sample (None = the reply had no number in 1–10), aligned with
    ``ids``; ``mean`` counts those unscored samples as 1 (see the module docstring) and ``unscored`` lists them.
    """

    metric: str
    ids: tuple[str, ...]
    per_sample: tuple[float | None, ...]
    judge: str
    prompts: str = PROMPT_VERSION
    unscored: tuple[str, ...] = field(default=())

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def counted(self) -> tuple[float, ...]:
        """The per-sample scores as the mean counts them: an unscored reply is 1, the bottom of the scale."""
        return tuple(SCALE[0] if value is None else value for value in self.per_sample)

    @property
    def mean(self) -> float:
        return math.fsum(self.counted) / self.n

    @property
    def ci95(self) -> tuple[float, float]:
        """95 % bootstrap interval of the mean (percentiles of :data:`BOOTSTRAP_RESAMPLES` resamples of the samples,
        seed :data:`BOOTSTRAP_SEED`: the resamples every EMER bootstrap uses)."""
        means = mean_bootstrap(np.array(self.counted), BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED)[:, 0]
        low, high = np.percentile(means, [2.5, 97.5])
        return float(low), float(high)

    def per_sample_dict(self) -> dict[str, float | None]:
        """``sample id → score`` (None = the reply held no score), the form the hub stores for head-to-head tests."""
        return dict(zip(self.ids, self.per_sample, strict=True))

    def summary(self) -> JudgeSummary:
        """What is stored and shown of this score: everything but the per-sample values."""
        return JudgeSummary(self.mean, self.judge, SCALE, self.ci95, self.n, len(self.unscored), self.prompts,
                            self.unscored)

    def to_dict(self) -> dict[str, Any]:
        """The stored/printed form: mean on the 1–10 scale with its 95 % CI, n, the unscored count and ids, and who
        judged (:meth:`JudgeSummary.to_dict`)."""
        return self.summary().to_dict()


@dataclass(frozen=True)
class JudgeSummary:
    """A judged metric as stored and shown: the mean on the judge's ``scale``, its 95 % CI, the samples judged, the
    replies without a score (count and ids), and who judged with which prompts.

    :meth:`JudgeScore.to_dict` writes it and :meth:`from_dict` reads it back (the per-sample scores are stored apart).
    A number published in a paper has the mean, the scale and the judge alone: the other fields are then None.
    """

    mean: float
    judge: str
    scale: tuple[float, float] = SCALE
    ci95: tuple[float, float] | None = None
    n: int | None = None
    unscored: int | None = None
    prompts: str | None = None
    unscored_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """``{"mean", "ci95", "n", "scale", "unscored", "unscored_ids", "judge", "prompts"}``; absent ones left out."""
        payload: dict[str, Any] = {"mean": self.mean, "ci95": None if self.ci95 is None else list(self.ci95),
                                   "n": self.n, "scale": list(self.scale), "unscored": self.unscored,
                                   "unscored_ids": list(self.unscored_ids), "judge": self.judge,
                                   "prompts": self.prompts}
        return {key: value for key, value in payload.items()
                if value is not None and (key != "unscored_ids" or self.unscored is not None)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> JudgeSummary:
        """The value stored as :meth:`to_dict`; ValueError names the first malformed field."""
        if not isinstance(data, Mapping):
            raise ValueError(f"a judge score must be an object, got {type(data).__name__}")
        scale = SCALE if data.get("scale") is None else interval(data["scale"], "scale", (0.0, math.inf))
        mean = bounded(data.get("mean"), "mean", scale)
        judge, prompts, ids = data.get("judge"), data.get("prompts"), data.get("unscored_ids", ())
        if not isinstance(judge, str) or not judge:
            raise ValueError(f"judge field 'judge' must name the judge model, got {judge!r}")
        if prompts is not None and not isinstance(prompts, str):
            raise ValueError(f"judge field 'prompts' must be text, got {prompts!r}")
        if not isinstance(ids, (list, tuple)) or not all(isinstance(item, str) for item in ids):
            raise ValueError("judge field 'unscored_ids' must be a list of sample ids")
        return cls(mean, judge, scale, None if data.get("ci95") is None else interval(data["ci95"], "ci95", scale),
                   None if data.get("n") is None else count(data, "n"),
                   None if data.get("unscored") is None else count(data, "unscored"), prompts, tuple(ids))


@dataclass(frozen=True)
class JudgeControl:
    """The mismatched-reference control of a clue-overlap score (:meth:`Judge.control`).

    Clip ``ids[i]``'s description was judged against its own reference (``matched[i]``) and against the reference of
    clip ``against[i]`` (``control[i]``; ``against`` is a derangement of ``ids``). An honest description overlaps its
    own clip's reference more than another clip's, so :attr:`gap` is large; a description that talks the judge into
    a score gets about the same score whichever reference it is paired with, so the gap closes. The gap does not
    depend on how lenient the judge is, which an absolute threshold on either mean would. Scores are counted as the
    metric's mean counts them (an unscored reply is 1).
    """

    ids: tuple[str, ...]
    against: tuple[str, ...]
    matched: tuple[float, ...]
    control: tuple[float, ...]
    metric: str = "clue_overlap"

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def matched_mean(self) -> float:
        return math.fsum(self.matched) / self.n

    @property
    def control_mean(self) -> float:
        return math.fsum(self.control) / self.n

    @property
    def gap(self) -> float:
        """How much higher the judge rates the descriptions against their own references than against others'."""
        return self.matched_mean - self.control_mean

    def to_dict(self) -> dict[str, Any]:
        """``{"metric", "n", "matched", "control", "gap", "pairs": [[clip, reference's clip, matched, control]]}``."""
        return {"metric": self.metric, "n": self.n, "matched": self.matched_mean, "control": self.control_mean,
                "gap": self.gap, "pairs": [list(pair) for pair in zip(self.ids, self.against, self.matched,
                                                                       self.control, strict=True)]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> JudgeControl:
        """The value stored as :meth:`to_dict` (the means are recomputed from the pairs); ValueError says what is
        malformed."""
        if not isinstance(data, Mapping) or not isinstance(data.get("metric"), str):
            raise ValueError("a judge control must be an object naming its metric")
        pairs = data.get("pairs")
        if not isinstance(pairs, list) or len(pairs) < 2 or not all(
                isinstance(pair, list) and len(pair) == 4 and isinstance(pair[0], str) and isinstance(pair[1], str)
                and pair[0] != pair[1] for pair in pairs):
            raise ValueError("judge control field 'pairs' must list at least two [clip, other clip, matched, control]")
        ids, against = tuple(pair[0] for pair in pairs), tuple(pair[1] for pair in pairs)
        if sorted(ids) != sorted(against) or len(set(ids)) != len(ids):
            raise ValueError("judge control field 'pairs' must pair each clip with another sampled clip's reference")
        matched = tuple(bounded(pair[2], "matched", SCALE) for pair in pairs)
        return cls(ids, against, matched, tuple(bounded(pair[3], "control", SCALE) for pair in pairs), data["metric"])


class Judge:
    """Runs the G1 protocol through an OpenAI-compatible endpoint, caching every reply.

    ``config`` names the endpoint and model; its sampling is replaced by the protocol's (:func:`judge_config`), so
    the same cache serves every caller. ``cache_only=True`` never opens a connection and fails on a missing reply.
    ``http_client`` lets a server choose how connections are made, as for :class:`LLMExtractor`.
    """

    def __init__(self, config: LLMConfig, cache_dir: str | None = None, cache_only: bool = False,
                 workers: int = 4, http_client: httpx.Client | None = None) -> None:
        self.client = LLMExtractor(judge_config(config), cache_dir=cache_dir, cache_only=cache_only,
                                   workers=workers, http_client=http_client)

    @classmethod
    def from_env(cls, **overrides: Any) -> Judge | None:
        """A judge on the endpoint of ``EMER_LLM_*`` (see :meth:`LLMConfig.from_env`), or None when none is set."""
        config = LLMConfig.from_env(**overrides)
        return None if config is None else cls(config)

    @property
    def model(self) -> str:
        return self.client.config.model

    @property
    def signature_tag(self) -> str:
        """``<model>`` — the part of a signature that says who judged (the prompt version is a separate field)."""
        return self.model

    def score(self, predictions: Mapping[str, Any], references: Mapping[str, Any],
              metrics: Sequence[str] = METRICS, progress: Progress | None = None) -> dict[str, JudgeScore]:
        """Judge ``predictions`` against ``references`` (both ``sample id → description``) with each metric.

        The samples are the reference ids; missing, None or NaN predictions are judged as "". Raises
        :class:`~emer_eval.errors.InputError` for an unknown metric, no references or a non-text value, and
        :class:`~emer_eval.errors.ExtractionError` when the endpoint fails (replies received so far stay cached).
        """
        unknown = sorted(set(metrics) - set(METRICS))
        if unknown:
            raise InputError(f"unknown judge metric(s) {unknown}", fix=f"use any of {list(METRICS)}")
        if not references:
            raise InputError("no reference descriptions to judge against",
                             fix="pass the ground-truth description of at least one sample")
        ids, ref_texts, pred_texts = paired_texts(predictions, references)
        refs = dict(zip(ids, ref_texts, strict=True))
        preds = dict(zip(ids, pred_texts, strict=True))
        results: dict[str, JudgeScore] = {}
        if "clue_overlap" in metrics:
            prompts = {name: clue_prompt(refs[name], preds[name]) for name in ids}
            results["clue_overlap"] = self._scored("clue_overlap", ids, prompts, progress)
        if "label_overlap" in metrics:
            summaries = self.client.replies([summary_prompt(text) for name in ids
                                             for text in (refs[name], preds[name])], progress)
            prompts = {name: label_prompt(summaries[summary_prompt(refs[name])],
                                          summaries[summary_prompt(preds[name])]) for name in ids}
            results["label_overlap"] = self._scored("label_overlap", ids, prompts, progress)
        return results

    def control(self, predictions: Mapping[str, Any], references: Mapping[str, Any], k: int = CONTROL_CLIPS,
                secret: str = "", progress: Progress | None = None) -> JudgeControl | None:
        """The mismatched-reference control of the clue overlap (:class:`JudgeControl`) on ``k`` clips, or None when
        fewer than two can be sampled (a description needs another clip's reference).

        The sample and its pairing are deterministic, seeded by the predictions' content and ``secret``, so a
        re-score judges the same pairs and is served from the cache: the clips sorted by a hash of the seed and their
        id, the first ``k`` (all of them when ``k`` is larger), each paired with the next one's reference (a
        rotation: no clip keeps its own). Without a secret anyone can compute the draw and leave the drawn clips
        honest; a server keeps one. The matched prompts are those of :meth:`score`, already cached after it; the
        control prompts are ``k`` more, in the same protocol prompt.
        """
        ids, ref_texts, pred_texts = paired_texts(predictions, references)
        refs = dict(zip(ids, ref_texts, strict=True))
        preds = dict(zip(ids, pred_texts, strict=True))
        drawn = json.dumps([secret, preds], ensure_ascii=False, sort_keys=True)
        seed = hashlib.sha256(drawn.encode("utf-8")).hexdigest()
        sample = sorted(ids, key=lambda name: hashlib.sha256(f"{seed}\0{name}".encode()).hexdigest())[:max(k, 0)]
        if len(sample) < 2:
            return None
        against = sample[1:] + sample[:1]
        own = {name: clue_prompt(refs[name], preds[name]) for name in sample}
        other = {name: clue_prompt(refs[partner], preds[name]) for name, partner in zip(sample, against, strict=True)}
        matched = self._scored("clue_overlap", tuple(sample), own, progress)
        return JudgeControl(tuple(sample), tuple(against), matched.counted,
                            self._scored("clue_overlap", tuple(sample), other, progress).counted)

    def _scored(self, metric: str, ids: tuple[str, ...], prompts: Mapping[str, str],
                progress: Progress | None) -> JudgeScore:
        replies = self.client.replies(prompts.values(), progress)
        values = tuple(parse_score(replies[prompts[name]]) for name in ids)
        unscored = tuple(name for name, value in zip(ids, values, strict=True) if value is None)
        return JudgeScore(metric, ids, values, self.model, unscored=unscored)

