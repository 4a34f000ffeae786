"""The running hub's shared state: settings, tracks and the store, built once at start-up.

Start-up never fails because of data: a track without ground truth is reported as unavailable, corrupt records are
skipped and listed in ``store.problems``, and a failing remote copy leaves the local store in charge.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from .config import Settings
from .store import RemoteMirror, Store
from .tracks import Track, TrackUnavailable, ground_truth, load_tracks

log = logging.getLogger("emer_hub")


@dataclass
class Hub:
    settings: Settings
    tracks: dict[str, Track]
    store: Store
    unavailable: dict[str, str] = field(default_factory=dict)
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
        return hub

    def check_tracks(self) -> None:
        """Load each track's ground truth once, remembering why a track is unavailable."""
        self.unavailable.clear()
        for track in self.tracks.values():
            try:
                ground_truth(track, self.settings)
            except TrackUnavailable as error:
                self.unavailable[track.id] = str(error)
                log.warning("track %s unavailable: %s", track.id, error)

    def extractor(self, track: Track) -> Any:
        """For explanation tracks: the official LLM extraction when configured, else the offline extractor."""
        if track.input != "explanations":
            return None
        from emer_eval.scoring import default_extractor

        return default_extractor(track.wheels, self.settings.data_dirs or None)

    def is_admin(self, user: str | None) -> bool:
        return bool(user) and user in self.settings.admins
