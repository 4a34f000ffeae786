"""The running hub's shared state: settings, tracks and the store, built once at start-up.

Start-up never fails because of data: a track without ground truth is reported as unavailable, corrupt records are
skipped and listed in ``store.problems``, and a failing remote copy leaves the local store in charge. With a results
repo, the hub then pulls what other replicas pushed every ``EMER_HUB_PULL_INTERVAL`` seconds, in the background.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import emer_eval
from emer_eval import Extractor, LLMExtractor, OfflineExtractor, load_wheels

from .config import Settings
from .netguard import http_client
from .provision import DataStatus
from .redaction import for_visitors
from .store import RemoteMirror, Store
from .tracks import Track, TrackUnavailable, ground_truth, load_tracks

if TYPE_CHECKING:
    import httpx

    from emer_eval import Judge

log = logging.getLogger("emer_hub")


@dataclass
class Hub:
    settings: Settings
    tracks: dict[str, Track]
    store: Store
    unavailable: dict[str, str] = field(default_factory=dict)
    data_status: DataStatus = field(default_factory=DataStatus)
    log: logging.Logger = log

    @classmethod
    def start(cls, settings: Settings | None = None, *, hf_api: Any = None) -> Hub:
        """Open the store (restoring it from the remote copy when configured) and check every track's data."""
        settings = settings or Settings.from_env()
        mirror = None
        if settings.results_repo:
            if hf_api is None:
                from huggingface_hub import HfApi

                hf_api = HfApi(token=settings.hf_token)
            mirror = RemoteMirror(hf_api, settings.results_repo, token=settings.hf_token)
        store = Store(settings.store_dir, mirror=mirror)
        if mirror is not None:  # the remote is a copy: when it cannot be read the hub runs on its local store
            report = mirror.restore()
            log.log(logging.WARNING if report.error else logging.INFO, "restore from %s: %s",
                    settings.results_repo, report)
            store.refresh()
        for path, reason in store.problems:
            log.warning("skipped unreadable store file %s: %s", path, reason)
        from .judging import with_configured_judge

        hub = cls(settings, with_configured_judge(load_tracks(settings.tracks_file), settings.llm), store)
        hub.check_tracks()
        if mirror is not None and settings.pull_interval > 0:
            mirror.start_pulling(settings.pull_interval, on_pulled=lambda report: hub.after_pull())
        return hub

    def check_tracks(self) -> None:
        """Load each track's ground truth once, remembering why a track is unavailable.

        Called again whenever data lands (see ``provision.py``): the new map replaces the old in one assignment, so a
        request reading it meanwhile sees either the old or the new state, never a half-filled one.
        """
        unavailable = {}
        for track in self.tracks.values():
            try:
                ground_truth(track, self.settings)
            except TrackUnavailable as error:
                unavailable[track.id] = for_visitors(str(error))  # shown on the board, Submit tab and /data_status
                if track.id not in self.unavailable:
                    log.warning("track %s unavailable: %s", track.id, error)
        for track_id in sorted(set(self.unavailable) - set(unavailable)):
            log.info("track %s available", track_id)
        self.unavailable = unavailable

    def after_pull(self) -> None:
        """Index what the pull copied in, here in the pull's thread, so no request pays for reading those files; then
        settle what replicas may have done at the same moment (see :func:`space.admin.settle_baselines`)."""
        from .admin import settle_baselines

        self.store.refresh()
        hidden = settle_baselines(self)
        if hidden:
            log.info("hid %d duplicate baseline import(s) from concurrent replicas", len(hidden))

    def extractor(self, track: Track) -> Extractor | None:
        """For explanation tracks: the official LLM extraction when configured, else the offline extractor."""
        if track.input != "explanations":
            return None
        if self.settings.llm is not None:
            return LLMExtractor(self.settings.llm, http_client=self._llm_client)
        return OfflineExtractor(load_wheels(track.wheels, self.settings.data_dirs or None))

    def judge(self) -> Judge | None:
        """The LLM judge of judge tracks: the server's endpoint (``EMER_LLM_*``) with the judge protocol's
        sampling, or None when the server has none."""
        from emer_eval import Judge

        return None if self.settings.llm is None else Judge(self.settings.llm, http_client=self._llm_client)

    @functools.cached_property
    def _llm_client(self) -> httpx.Client:
        """The HTTP client of every request to the operator's endpoint: netguard's, as the demo's, so a reply in
        hostile hands is read for at most the LLM timeout and 1 MiB and no redirect is followed (private addresses
        are fine: the operator's vLLM may run next to the hub). One for the hub: its connections are reused and the
        board, which names the judge on every refresh, builds no TLS context each time."""
        assert self.settings.llm is not None
        return http_client(self.settings.llm.timeout, allow_private=True)

    def score(self, track: Track, predictions: emer_eval.Predictions | Path, gt: Mapping[str, Any],
              progress: Callable[[float, str], None] | None = None) -> emer_eval.Result:
        """Score a submission on ``track``: the LLM judge for judge tracks, the EW metrics (after any extraction)
        for the others. The one scoring path of uploads, re-scores and baseline imports."""
        loaded = track.read(predictions if isinstance(predictions, emer_eval.Predictions) else
                            emer_eval.load_predictions(predictions))
        if track.judged:
            from .judging import score_file

            return score_file(track, self.settings, loaded, gt, self.judge(), progress)
        return emer_eval.score(loaded, gt, wheels=track.wheels, metrics=track.metrics,
                               data_dirs=self.settings.data_dirs or None, bootstrap=self.settings.bootstrap,
                               extractor=self.extractor(track), runs=self.settings.extraction_runs,
                               progress=progress)

    def is_admin(self, user: str | None) -> bool:
        """True for the HF user names in ``EMER_HUB_ADMINS``."""
        return bool(user) and user in self.settings.admins

