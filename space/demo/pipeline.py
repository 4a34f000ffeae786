"""The demo pipeline: decode → (visual ∥ speech-to-text) → acoustic → lexical → fusion → optional LLM.

:func:`run` is a generator that yields the growing :class:`DemoResult` after every stage, so the UI can stream
results as they arrive; :func:`explain` runs it to the end. Every stage runs under a time limit and never takes the
request down: a failing or slow stage leaves an empty result and a notice, and the other stages go on (audio-only
analysis when there is no face, visual-only when there is no audio, …).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..config import Settings
from .fuse import Label, compose
from .llm import BackendError, Endpoint
from .types import AcousticClues, Clip, LexicalClues, Transcript, VisualClues

log = logging.getLogger("emer_hub.demo")
T = TypeVar("T")
BACKENDS = ("offline", "llm")
MAX_SUBTITLE_CHARS = 2000
"""A 60-second clip's speech is ~1,000 characters; the lexical analysis grows faster than linearly with the text (a
1 MB subtitle used to keep a core busy for an hour), so longer subtitles are cut here with a notice."""
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="demo-stage")


def stage_timeout() -> float:
    """Seconds each stage may take (``EMER_HUB_STAGE_TIMEOUT``), read when a clip starts so tests can change it."""
    return Settings.from_env().stage_timeout


def empty_visual(notice: str = "") -> VisualClues:
    return VisualClues(phrases=[], times=[], expressions={}, faces=[], notices=[notice] if notice else [])


def empty_acoustic(notice: str = "") -> AcousticClues:
    return AcousticClues(phrases=[], speech=[], pauses=[], notices=[notice] if notice else [])


def empty_lexical(notice: str = "") -> LexicalClues:
    return LexicalClues(phrases=[], transcript="", valence=0.0, emotions={}, notices=[notice] if notice else [])


@dataclass
class DemoResult:
    """Everything the demo knows about one clip so far."""

    stage: str = "start"
    clip: Clip | None = None
    visual: VisualClues = field(default_factory=empty_visual)
    transcript: Transcript = field(default_factory=lambda: Transcript(text="", source="none"))
    acoustic: AcousticClues = field(default_factory=empty_acoustic)
    lexical: LexicalClues = field(default_factory=empty_lexical)
    explanation: str = ""
    labels: list[Label] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    backend: str = "offline"
    notices: list[str] = field(default_factory=list)
    done: bool = False

    def all_notices(self) -> list[str]:
        stage_notices = [*self.visual.notices, *self.transcript.notices, *self.acoustic.notices,
                         *self.lexical.notices]
        return list(dict.fromkeys([*self.notices, *stage_notices]))

    def to_api(self) -> dict[str, Any]:
        """The ``/explain`` JSON object."""
        return {"visual_clues": list(self.visual.phrases), "acoustic_clues": list(self.acoustic.phrases),
                "lexical_clues": list(self.lexical.phrases), "transcript": self.transcript.text,
                "explanation": self.explanation, "labels": [label.to_dict() for label in self.labels],
                "timings": {stage: round(seconds, 3) for stage, seconds in self.timings.items()},
                "backend": self.backend, "notices": self.all_notices()}

    def to_full(self) -> dict[str, Any]:
        """The API object plus the measured series (for the JSON download and plots)."""
        full = self.to_api()
        full["series"] = {"visual": asdict(self.visual), "acoustic": asdict(self.acoustic),
                          "lexical": asdict(self.lexical)}
        full["transcript_words"] = [asdict(word) for word in self.transcript.words]
        if self.clip is not None:
            full["clip"] = {"duration": self.clip.duration, "frames": len(self.clip.frames),
                            "width": self.clip.width, "height": self.clip.height,
                            "audio": self.clip.audio is not None}
        return full


def _guarded(result: DemoResult, name: str, future: Future[T], fallback: Callable[[str], T], started: float) -> T:
    """Wait for a stage within the time limit; on failure or timeout return ``fallback(notice)`` and say so."""
    try:
        value = future.result(timeout=max(0.1, stage_timeout() - (time.perf_counter() - started)))
    except FutureTimeout:
        future.cancel()
        value = fallback(f"the {name} stage took longer than {stage_timeout():.0f} s and was skipped")
    except Exception as error:  # a stage bug must not cost the user the other stages
        from .models import ModelError

        log.exception("demo stage %s failed", name)
        reason = str(error) if isinstance(error, ModelError) else type(error).__name__
        value = fallback(f"the {name} stage failed ({reason}); its clues are missing")
    result.timings[name] = time.perf_counter() - started
    return value


def run(path: str | Path | None, *, subtitle: str = "", language: str = "en", backend: str = "offline",
        llm: Endpoint | None = None, notices: Sequence[str] = (), max_bytes: int | None = None
        ) -> Iterator[DemoResult]:
    """Analyse one clip, yielding the result after each stage (the last one has ``done=True``).

    ``llm`` is the endpoint of the llm backend, already authorised by the caller (see :mod:`.access`); without one
    the operator's ``EMER_LLM_*`` endpoint is used, which only trusted local callers (batch mode) reach. ``notices``
    start the result's notices (e.g. why the llm backend was refused). ``max_bytes`` is the upload limit the
    visitor was told (default: the decoder's own).
    """
    from emer_eval import EmerEvalError, OfflineExtractor, load_wheels

    from . import acoustic, decode, lexical, speech, visual

    result = DemoResult(backend="offline", notices=list(notices))
    if len(subtitle) > MAX_SUBTITLE_CHARS:
        result.notices.append(f"the subtitle has {len(subtitle):,} characters; only the first {MAX_SUBTITLE_CHARS:,} "
                              f"were read (a 60-second clip needs far fewer)")
        subtitle = subtitle[:MAX_SUBTITLE_CHARS]
    if backend not in BACKENDS:
        result.notices.append(f"unknown backend '{backend}'; using the offline one")
    if not path:
        result.notices.append("no video: upload a clip or record one with the webcam")
        result.done = True
        yield result
        return
    started = time.perf_counter()
    try:
        result.clip = decode.decode(path, max_bytes=max_bytes or decode.MAX_BYTES)
    except decode.ClipError as error:
        result.notices.append(str(error))
        result.timings["decode"] = time.perf_counter() - started
        result.done = True
        yield result
        return
    result.timings["decode"] = time.perf_counter() - started
    result.notices += list(result.clip.notices)
    result.stage = "decode"
    yield result

    clip = result.clip
    begun = time.perf_counter()
    faces = _POOL.submit(visual.analyse_faces, clip)
    words = (_POOL.submit(speech.subtitle_transcript, subtitle) if subtitle.strip()
             else _POOL.submit(speech.transcribe, clip, language=language or None))
    result.visual = _guarded(result, "visual", faces, empty_visual, begun)
    result.stage = "visual"
    yield result
    result.transcript = _guarded(result, "speech", words,
                                 lambda notice: Transcript(text="", source="none", notices=(notice,)), begun)
    result.stage = "speech"
    yield result

    begun = time.perf_counter()
    result.acoustic = _guarded(result, "acoustic", _POOL.submit(acoustic.analyse_voice, clip, result.transcript),
                               empty_acoustic, begun)
    result.stage = "acoustic"
    yield result
    begun = time.perf_counter()
    result.lexical = _guarded(result, "lexical", _POOL.submit(lexical.analyse_text, result.transcript),
                              empty_lexical, begun)

    begun = time.perf_counter()
    try:
        wheels = load_wheels("2025")
    except EmerEvalError as error:  # the demo still explains; labels just cannot be normalised
        wheels = None
        result.notices.append(f"labels are not normalised through the emotion wheels: {error}")
    said = OfflineExtractor(wheels).speech_labels(result.transcript.text) if wheels and result.transcript.text else []
    fusion = compose(wheels, result.visual, result.acoustic, result.lexical, result.transcript, said)
    result.explanation, result.labels = fusion.explanation, fusion.labels
    result.timings["fusion"] = time.perf_counter() - begun
    result.stage = "fusion"
    if backend == "llm":
        yield result
        _llm_stage(result, wheels, llm or Endpoint.of_operator(Settings.from_env()))
    result.done = True
    result.timings["total"] = time.perf_counter() - started
    yield result


def _llm_stage(result: DemoResult, wheels: Any, endpoint: Endpoint | None) -> None:
    """Replace the offline explanation and labels with the LLM's, or keep them and say why."""
    from .fuse import Label, family
    from .llm import explain, extract_labels

    begun = time.perf_counter()
    try:
        if endpoint is None:
            raise BackendError("no LLM endpoint configured: give a base URL and model (or set EMER_LLM_BASE_URL "
                               "and EMER_LLM_MODEL)")
        assert result.clip is not None
        future = _POOL.submit(explain, endpoint, result.clip, result.transcript, result.acoustic)
        text = future.result(timeout=endpoint.config.timeout + 5)
        labels = [label for label in extract_labels(endpoint, text) if label]
    except (BackendError, FutureTimeout) as error:
        message = str(error) or "the LLM endpoint timed out"
        result.notices.append(f"LLM backend unavailable — showing the offline result instead ({message})")
    else:
        known = [label for label in labels if wheels is None or label in wheels.format_map]
        result.explanation = text
        result.labels = [Label(label, 1.0, family(wheels, label), ("llm",)) for label in dict.fromkeys(known)]
        dropped = sorted(set(labels) - set(known))
        if dropped:
            result.notices.append(f"labels outside the emotion-wheel vocabulary were left out: {', '.join(dropped)}")
        result.backend = f"llm:{endpoint.config.model}"
    result.timings["llm"] = time.perf_counter() - begun


def explain(path: str | Path | None, **options: Any) -> DemoResult:
    """Run the whole pipeline and return the final result."""
    final = DemoResult()
    for final in run(path, **options):
        pass
    return final
