"""The running hub's shared state: settings, tracks and the store, built once at start-up.

Start-up never fails because of data: a track without ground truth is reported as unavailable, corrupt records are
skipped and listed in ``store.problems``, and a failing remote copy leaves the local store in charge. With a results
repo, the hub then pulls what other replicas pushed every ``EMER_HUB_PULL_INTERVAL`` seconds, in the background.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from .config import Settings
from .provision import DataStatus
from .store import RemoteMirror, Store
from .tracks import Track, TrackUnavailable, ground_truth, load_tracks

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
        hub = cls(settings, load_tracks(settings.tracks_file), store)
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
                unavailable[track.id] = str(error)
                if track.id not in self.unavailable:
                    log.warning("track %s unavailable: %s", track.id, error)
        for track_id in sorted(set(self.unavailable) - set(unavailable)):
            log.info("track %s available", track_id)
        self.unavailable = unavailable

    def after_pull(self) -> None:
        """Settle what replicas may have done at the same moment (see :func:`space.admin.settle_baselines`)."""
        from .admin import settle_baselines

        hidden = settle_baselines(self)
        if hidden:
            log.info("hid %d duplicate baseline import(s) from concurrent replicas", len(hidden))

    def extractor(self, track: Track) -> Any:
        """For explanation tracks: the official LLM extraction when configured, else the offline extractor."""
        if track.input != "explanations":
            return None
        from emer_eval import default_extractor

        return default_extractor(track.wheels, self.settings.data_dirs or None)

    def is_admin(self, user: str | None) -> bool:
        return bool(user) and user in self.settings.admins
