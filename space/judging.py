"""The EMER-V1 judge track on the hub: which judge, which references, scoring a file, the paper's six baselines.

A judge track (``metrics = ["g1"]`` in ``tracks.toml``) is scored by the LLM judge of ``emer_eval.metrics.judge``
on the endpoint configured for the server (``EMER_LLM_BASE_URL``, ``EMER_LLM_MODEL``). Without one the track refuses
uploads with :func:`no_judge_message` before anything is counted, and the board shows only the paper's rows.

The language of a submission is read from its text: Chinese descriptions are judged against the Chinese ground truth
(as the paper), English ones against the English ground truth; the signature says which (``lang:zh`` / ``lang:en``),
so the two are never ranked together. The official signature of the track is the configured judge with the prompt
version (:func:`official_signature`); the retired original judge is named wherever these scores are shown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import emer_eval
from emer_eval import (
    JUDGE_CONTROL_CLIPS,
    JUDGE_PROMPT_VERSION,
    RETIRED_JUDGE,
    RETIRED_JUDGE_NOTE,
    EmerEvalError,
    Judge,
    LLMConfig,
    Predictions,
    load_predictions,
    resource_file,
    text_language,
)

from .config import Settings
from .content import content_hash, stored_content
from .store import score_fields
from .tracks import Track, TrackUnavailable, ground_truth, references

if TYPE_CHECKING:  # the hub imports this module
    from .hub import Hub

BASELINE_RESOURCE = "affectgpt-emer-v1-baseline-results"
BASELINE_USER = "emer-hub-baselines"
BASELINE_REPO = "https://github.com/zeroQiaoba/AffectGPT"
BASELINES: dict[str, str] = {
    "pandagpt.csv": "PandaGPT",
    "valley.csv": "Valley",
    "videochat(emb).csv": "VideoChat-Embed",
    "videochat(text).csv": "VideoChat-Text",
    "videochatgpt.csv": "Video-ChatGPT",
    "videollama.csv": "Video-LLaMA",
}
"""The six EMER-V1 baseline outputs the authors' evaluation script reads, and the model names the paper reports."""

Progress = Callable[[float, str], None]


class JudgeMissing(EmerEvalError):
    """A judge track was asked to score but the server has no LLM judge configured."""


def no_judge_message(track: Track) -> str:
    """The refusal shown when a judge track cannot score: what is missing, who can fix it, what is shown instead."""
    return (f"track '{track.id}' is scored by an LLM judge (clue and label overlap, 1-10), and this hub has no judge "
            f"configured: nothing was scored or counted. The operator can set EMER_LLM_BASE_URL and EMER_LLM_MODEL "
            f"(any OpenAI-compatible endpoint); meanwhile the board shows the paper's reported numbers, judged by "
            f"{RETIRED_JUDGE}, which is retired.")


def board_note(track: Track, judge: Judge | None) -> str:
    """What the board says above a judge track: who judges the official rows, or that nothing can be scored."""
    if judge is None:
        return (f"Scoring on this track needs an LLM judge and this server has none configured: only the paper's "
                f"numbers are shown (judge {RETIRED_JUDGE}, retired; unranked).")
    return (f"Official rows: judge `{judge.model}` with prompts {JUDGE_PROMPT_VERSION}, Chinese and English ranked "
            f"apart. The paper's numbers (judge {RETIRED_JUDGE}, retired) are shown unranked; other judges' rows are "
            f"never ranked with these.")


NO_JUDGE = "(no judge configured)"
"""The judge an official row would need on a server without one: no signature matches it, so nothing is ranked."""


def with_configured_judge(tracks: Mapping[str, Track], config: LLMConfig | None) -> dict[str, Track]:
    """The tracks with each judge track's official rows narrowed to this server's judge and the prompt version.

    The judge is known only at run time (``EMER_LLM_MODEL``), so ``tracks.toml`` cannot name it: rows of any other
    judge — an earlier configuration, the paper's retired one — then fall outside the official group and are never
    ranked with the configured judge's rows.
    """
    judge = config.model if config is not None else NO_JUDGE
    return {track_id: replace(track, official={**track.official, "judge": (judge,), "prompts": (JUDGE_PROMPT_VERSION,)})
            if track.judged else track for track_id, track in tracks.items()}


def official_signature(judge: Judge, lang: str, n: int) -> str:
    """The signature of an official row of a judge track: this hub's judge, the protocol's prompts, ``lang``."""
    return str(emer_eval.Signature.judged(emer_eval.__version__, judge.signature_tag, JUDGE_PROMPT_VERSION, lang, n))


def score_file(track: Track, settings: Settings, predictions: Predictions, gt: Mapping[str, Any],
               judge: Judge | None, progress: Progress | None = None) -> emer_eval.Result:
    """Judge a submission's descriptions against the references in their language, with the judge's
    mismatched-reference control on :data:`~emer_eval.JUDGE_CONTROL_CLIPS` clips, drawn with the server's
    ``control_secret`` (``result.control``, stored with the scores; the review holds an entry whose clips the judge
    does not tell apart, :mod:`.portal.review`).

    Raises :class:`JudgeMissing` without a judge, :class:`EmerEvalError` for a language the track does not take (its
    message names the languages it does), and the endpoint's ExtractionError when the judge fails.
    """
    if judge is None:
        raise JudgeMissing(no_judge_message(track))
    texts = predictions.texts or {}
    lang = text_language([texts[name] for name in texts if name in gt])
    try:
        refs = references(track, settings, lang)
    except TrackUnavailable as error:
        raise EmerEvalError(str(error)) from None
    return emer_eval.score_judged(predictions, refs, judge=judge, lang=lang, control=JUDGE_CONTROL_CLIPS,
                                  control_secret=settings.control_secret, progress=progress)


@dataclass
class BaselineReport:
    imported: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def import_baselines(hub: Hub, track_id: str, *, actor: str = BASELINE_USER) -> BaselineReport:
    """Re-score the six EMER-V1 baselines with the configured judge, one ``baseline`` record per model and judge.

    Idempotent: a baseline already on the track with the same file and the same signature (judge, prompts) is
    skipped, so a restart costs nothing, while a new judge adds its own rows beside the old judge's.
    """
    track = hub.tracks[track_id]
    judge = hub.judge()
    if judge is None:
        raise JudgeMissing(no_judge_message(track))
    report = BaselineReport()
    gt = ground_truth(track, hub.settings)
    for filename, model in BASELINES.items():
        path = Path(resource_file(BASELINE_RESOURCE, filename, hub.settings.data_dirs or None))
        payload = path.read_bytes()
        signature = official_signature(judge, "zh", len(gt))
        same = hub.store.find_by_sha(track_id, hashlib.sha256(payload).hexdigest(), statuses=("baseline",))
        if any(record.signature == signature for record in same):
            report.skipped.append(model)
            continue
        predictions = load_predictions(path)
        result = score_file(track, hub.settings, predictions, gt, judge)
        record = hub.store.add(
            track=track_id, user=actor, status="baseline", source="baseline",
            file=hub.store.put_file(payload, filename),
            content=stored_content(result, gt, content_hash(predictions, gt), hub.store.put_file),
            metadata={"model_name": model, "organisation": f"EMER-V1 baseline (re-judged by {judge.model})",
                      "link": BASELINE_REPO, "modalities": [], "open_weights": True,
                      "description": f"The authors' released EMER-V1 explanations of {model} ({filename}), "
                                     f"re-scored by this hub's judge {judge.model} with the paper's prompts. "
                                     f"{RETIRED_JUDGE_NOTE}"},
            warnings=result.warnings, **score_fields(result))
        report.imported.append(record.id)
    return report
