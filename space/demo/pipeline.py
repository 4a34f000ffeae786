"""The demo pipeline: decode → (visual ∥ speech-to-text) → acoustic → lexical → fusion → optional LLM.

:func:`run` is a generator that yields an immutable :class:`DemoResult` snapshot after every stage, so the UI can
stream results as they arrive (and a consumer that keeps one snapshot never sees it change); :func:`explain` runs
it to the end. The CPU-heavy stages (decode, visual, speech, acoustic, lexical) run in the worker processes of
:mod:`.worker`, each by a deadline at which its worker is killed — a stage past its time uses no CPU afterwards. A
failing or slow stage never takes the request down: it leaves an empty result and a notice, and the other stages go
on (audio-only analysis when there is no face, visual-only when there is no audio, …).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from ..config import Settings
from ..redaction import for_visitors
from . import worker
from .fuse import Conflict, Label, fuse
from .llm import BackendError, Endpoint
from .types import AcousticClues, Clip, LexicalClues, Transcript, VisualClues

log = logging.getLogger("emer_hub.demo")
T = TypeVar("T")
BACKENDS = ("offline", "llm")
MAX_SUBTITLE_CHARS = 2000
"""A 60-second clip's speech is ~1,000 characters; the lexical analysis grows faster than linearly with the text (a
1 MB subtitle used to keep a core busy for an hour), so longer subtitles are cut here with a notice."""
_LLM_CALLS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="demo-llm")
"""The LLM stage waits on the network, not the CPU (the client's own timeout ends it), so a thread suffices."""


def stage_timeout() -> float:
    """Seconds each stage may take (``EMER_HUB_STAGE_TIMEOUT``), read when a clip starts so tests can change it."""
    return Settings.from_env().stage_timeout


def empty_visual(notice: str = "") -> VisualClues:
    return VisualClues(findings=(), times=[], expressions={}, faces=[], notices=[notice] if notice else [])


def empty_acoustic(notice: str = "") -> AcousticClues:
    return AcousticClues(findings=(), speech=[], pauses=[], notices=[notice] if notice else [])


def empty_lexical(notice: str = "") -> LexicalClues:
    return LexicalClues(findings=(), transcript="", valence=0.0, emotions={}, notices=[notice] if notice else [])


@dataclass(frozen=True)
class DemoResult:
    """Everything the demo knows about one clip so far: an immutable snapshot."""

    stage: str = "start"
    clip: Clip | None = None
    visual: VisualClues = field(default_factory=empty_visual)
    transcript: Transcript = field(default_factory=lambda: Transcript(text="", source="none"))
    acoustic: AcousticClues = field(default_factory=empty_acoustic)
    lexical: LexicalClues = field(default_factory=empty_lexical)
    explanation: str = ""
    labels: tuple[Label, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    timings: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    backend: str = "offline"
    notices: tuple[str, ...] = ()
    done: bool = False

    @property
    def refused(self) -> bool:
        """Finished without a clip to analyse (none was given, or the decoder refused it: too long, too large, not a
        video): no stage ran, so nothing found or missing says anything about the clip."""
        return self.done and self.clip is None

    def all_notices(self) -> list[str]:
        stage_notices = [*self.visual.notices, *self.transcript.notices, *self.acoustic.notices,
                         *self.lexical.notices]
        return list(dict.fromkeys([*self.notices, *stage_notices]))

    def clue_phrases(self) -> dict[str, list[str]]:
        """The readable clues of each modality (rendered from the stages' cues)."""
        from .render import phrases

        said = self.transcript.text.strip()
        quote = [f"{'the subtitle reads' if self.transcript.source == 'subtitle' else 'the speaker says'} “{said}”"
                 + ("" if self.transcript.reliable else " (unreliable: left out)")] if said else []
        return {"visual": phrases(self.visual.findings), "acoustic": phrases(self.acoustic.findings),
                "lexical": quote + phrases(self.lexical.findings)}

    def to_api(self) -> dict[str, Any]:
        """The ``/explain`` JSON object."""
        clues = self.clue_phrases()
        return {"visual_clues": clues["visual"], "acoustic_clues": clues["acoustic"],
                "lexical_clues": clues["lexical"], "transcript": self.transcript.text,
                "language_detected": self.transcript.language_detected,
                "explanation": self.explanation, "labels": [label.to_dict() for label in self.labels],
                "timings": {stage: round(seconds, 3) for stage, seconds in self.timings.items()},
                "backend": self.backend, "notices": self.all_notices()}

    def to_full(self) -> dict[str, Any]:
        """The API object plus the cues and measured series (for the JSON download and plots)."""
        full = self.to_api()
        full["series"] = {"visual": asdict(self.visual), "acoustic": asdict(self.acoustic),
                          "lexical": asdict(self.lexical)}
        full["transcript_words"] = [asdict(word) for word in self.transcript.words]
        full["conflicts"] = [{"between": [c.first.source, c.second.source], "on": c.on} for c in self.conflicts]
        if self.clip is not None:
            full["clip"] = {"duration": self.clip.duration, "frames": len(self.clip.frames),
                            "width": self.clip.width, "height": self.clip.height,
                            "audio": self.clip.audio is not None}
        return full


def _guarded(timings: dict[str, float], name: str, future: Future[T], fallback: Callable[[str], T],
             started: float, limit: float) -> T:
    """The stage's findings (its worker settles the future by the deadline); on failure or timeout
    ``fallback(notice)`` and say so."""
    try:
        value = future.result()
    except worker.StageTimeout:
        value = fallback(f"the {name} stage took longer than {limit:.0f} s and was stopped")
    except Exception as error:  # a stage bug must not cost the user the other stages
        from .models import ModelError

        log.warning("demo stage %s failed: %r", name, error)
        # what is missing is the visitor's to know; the model cache's folder is not (it stays in the log)
        reason = for_visitors(str(error)) if isinstance(error, ModelError | worker.WorkerCrashed) else \
            type(error).__name__
        value = fallback(f"the {name} stage failed ({reason}); its clues are missing")
    timings[name] = time.perf_counter() - started
    return value


def run(path: str | Path | None, *, subtitle: str = "", language: str = "auto", backend: str = "offline",
        llm: Endpoint | None = None, notices: Sequence[str] = (), max_bytes: int | None = None
        ) -> Iterator[DemoResult]:
    """Analyse one clip, yielding a snapshot after each stage (the last one has ``done=True``).

    ``language`` is ``auto`` (detect it from the audio), ``en`` or ``zh``. ``llm`` is the endpoint of the llm
    backend, already authorised by the caller (see :mod:`.access`); without one the operator's ``EMER_LLM_*``
    endpoint is used, which only trusted local callers (batch mode) reach. ``notices`` start the result's notices
    (e.g. why the llm backend was refused). ``max_bytes`` is the upload limit the visitor was told (default: the
    decoder's own).
    """
    from emer_eval import EmerEvalError, OfflineExtractor, load_wheels

    from . import decode, render, speech

    said: list[str] = list(notices)
    timings: dict[str, float] = {}
    result = DemoResult(backend="offline")

    def snap(**changes: Any) -> DemoResult:
        nonlocal result
        result = replace(result, **changes, notices=tuple(said), timings=MappingProxyType(dict(timings)))
        return result

    if len(subtitle) > MAX_SUBTITLE_CHARS:
        said.append(f"the subtitle has {len(subtitle):,} characters; only the first {MAX_SUBTITLE_CHARS:,} "
                    f"were read (a 60-second clip needs far fewer)")
        subtitle = subtitle[:MAX_SUBTITLE_CHARS]
    if backend not in BACKENDS:
        said.append(f"unknown backend '{backend}'; using the offline one")
    try:
        language = speech.check_language(language)
    except speech.LanguageError as error:
        said.append(f"{error}; using auto")
        language = "auto"
    if not path:
        said.append("no video: upload a clip or record one with the webcam")
        yield snap(done=True)
        return
    stages, limit = worker.pool(), stage_timeout()
    started = time.perf_counter()
    try:
        clip = stages.run("decode", Path(path), max_bytes=max_bytes or decode.MAX_BYTES,
                          deadline=time.monotonic() + limit)
    except (decode.ClipError, worker.StageTimeout, worker.WorkerCrashed) as error:
        said.append(str(error) if isinstance(error, decode.ClipError)
                    else f"the clip could not be decoded within {limit:.0f} s (it is too large to analyse)")
        timings["decode"] = time.perf_counter() - started
        yield snap(done=True)
        return
    timings["decode"] = time.perf_counter() - started
    said += list(clip.notices)
    yield snap(clip=clip, stage="decode")

    begun, deadline = time.perf_counter(), time.monotonic() + limit
    sound = replace(clip, frames=[], frame_times=[])  # what the voice stages need: the frames stay out of their pipes
    faces = stages.submit("visual", replace(clip, audio=None), deadline=deadline)
    words = (stages.submit("subtitle", subtitle, language=language, deadline=deadline) if subtitle.strip()
             else stages.submit("speech", sound, language=language, deadline=deadline))
    yield snap(visual=_guarded(timings, "visual", faces, empty_visual, begun, limit), stage="visual")
    transcript = _guarded(timings, "speech", words,
                          lambda notice: Transcript(text="", source="none", notices=(notice,)), begun, limit)
    yield snap(transcript=transcript, stage="speech")

    begun = time.perf_counter()
    voice = _guarded(timings, "acoustic",
                     stages.submit("acoustic", sound, transcript, deadline=time.monotonic() + limit),
                     empty_acoustic, begun, limit)
    yield snap(acoustic=voice, stage="acoustic")
    begun = time.perf_counter()
    text = _guarded(timings, "lexical", stages.submit("lexical", transcript, deadline=time.monotonic() + limit),
                    empty_lexical, begun, limit)

    begun = time.perf_counter()
    try:
        wheels = load_wheels("2025")
    except EmerEvalError as error:  # the demo still explains; labels just cannot be normalised
        wheels = None
        log.warning("demo without the emotion wheels: %s", error)  # the folders searched: for the operator only
        said.append(f"labels are not normalised through the emotion wheels: {for_visitors(str(error))}")
    readable = transcript.reliable and transcript.language == "en" and transcript.text.strip()
    named = OfflineExtractor(wheels).speech_labels(transcript.text) if wheels and readable else []
    fusion = fuse(wheels, result.visual, voice, text, named)
    explanation = render.explanation(result.visual, voice, text, transcript, fusion)
    timings["fusion"] = time.perf_counter() - begun
    snap(lexical=text, explanation=explanation, labels=fusion.labels, conflicts=fusion.conflicts, stage="fusion")
    if backend == "llm":
        yield result
        begun = time.perf_counter()
        snap(**_llm_stage(result, wheels, llm or Endpoint.of_operator(Settings.from_env()), said))
        timings["llm"] = time.perf_counter() - begun
    timings["total"] = time.perf_counter() - started
    yield snap(done=True)


def _llm_stage(result: DemoResult, wheels: Any, endpoint: Endpoint | None, said: list[str]) -> dict[str, Any]:
    """The LLM's explanation and labels as changes to the result, or none (and a notice saying why)."""
    from .fuse import family
    from .llm import explain, extract_labels

    try:
        if endpoint is None:
            raise BackendError("no LLM endpoint configured: give a base URL and model (or set EMER_LLM_BASE_URL "
                               "and EMER_LLM_MODEL)")
        assert result.clip is not None
        future = _LLM_CALLS.submit(explain, endpoint, result.clip, result.transcript, result.acoustic)
        text = future.result(timeout=endpoint.config.timeout + 5)
        labels = [label for label in extract_labels(endpoint, text) if label]
    except (BackendError, FutureTimeout) as error:
        message = str(error) or "the LLM endpoint timed out"
        said.append(f"LLM backend unavailable — showing the offline result instead ({message})")
        return {}
    known = [label for label in labels if wheels is None or label in wheels.format_map]
    dropped = sorted(set(labels) - set(known))
    if dropped:
        said.append(f"labels outside the emotion-wheel vocabulary were left out: {', '.join(dropped)}")
    return {"explanation": text, "backend": f"llm:{endpoint.config.model}", "conflicts": (),
            "labels": tuple(Label(label, 1.0, family(wheels, label), evidence="named in the LLM's explanation")
                            for label in dict.fromkeys(known))}


def explain(path: str | Path | None, **options: Any) -> DemoResult:
    """Run the whole pipeline and return the final result."""
    final = DemoResult()
    for final in run(path, **options):  # noqa: B007 — the last snapshot is the answer
        pass
    return final
