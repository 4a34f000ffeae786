"""Settings of the hub, read once from ``EMER_HUB_*`` environment variables (documented in the README)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

REPO = Path(__file__).resolve().parents[1]


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{name} must be an integer, got {value!r}") from None
    if number < 0:
        raise ValueError(f"{name} must not be negative, got {number}")
    return number


def _list(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in env.get(name, "").split(",") if item.strip())


@dataclass(frozen=True)
class Settings:
    """Everything configurable about a running hub; build with :meth:`from_env` (or directly in tests)."""

    store_dir: Path = REPO / "submissions"
    tracks_file: Path = REPO / "space" / "tracks.toml"
    data_dirs: tuple[str, ...] = ()
    local_user: str = "local"
    daily_quota: int = 5
    daily_attempts: int = 20
    max_upload_mb: int = 20
    admins: frozenset[str] = field(default_factory=frozenset)
    results_repo: str | None = None
    hf_token: str | None = field(default=None, repr=False)
    on_space: bool = False
    bootstrap: int = 1000
    pull_interval: int = 30
    provision: bool = True
    daily_llm: int = 20

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read ``EMER_HUB_*`` (and ``EMER_DATA``, ``SPACE_ID``, ``HF_TOKEN``) from ``env`` (default: os.environ).

        ``EMER_HUB_STORE_DIR`` store folder · ``EMER_HUB_TRACKS`` tracks file · ``EMER_HUB_LOCAL_USER`` identity off
        Spaces · ``EMER_HUB_DAILY_QUOTA`` scored submissions per user and UTC day · ``EMER_HUB_DAILY_ATTEMPTS`` all
        attempts per user and day · ``EMER_HUB_MAX_UPLOAD_MB`` · ``EMER_HUB_ADMINS`` comma-separated HF user names ·
        ``EMER_HUB_RESULTS_REPO`` HF dataset repo for the durable copy (with ``EMER_HUB_HF_TOKEN`` or ``HF_TOKEN``) ·
        ``EMER_HUB_PULL_INTERVAL`` seconds between pulls of what other replicas pushed there (0: never) ·
        ``EMER_HUB_PROVISION`` 0 to skip fetching missing data and importing the baselines at start-up ·
        ``EMER_HUB_DAILY_LLM`` demo requests per user and UTC day to the operator's LLM endpoint.
        """
        env = os.environ if env is None else env
        return cls(
            store_dir=Path(env.get("EMER_HUB_STORE_DIR") or REPO / "submissions").expanduser(),
            tracks_file=Path(env.get("EMER_HUB_TRACKS") or REPO / "space" / "tracks.toml").expanduser(),
            data_dirs=tuple(entry for entry in env.get("EMER_DATA", "").split(os.pathsep) if entry),
            local_user=env.get("EMER_HUB_LOCAL_USER", "").strip() or "local",
            daily_quota=_int(env, "EMER_HUB_DAILY_QUOTA", 5),
            daily_attempts=_int(env, "EMER_HUB_DAILY_ATTEMPTS", 20),
            max_upload_mb=_int(env, "EMER_HUB_MAX_UPLOAD_MB", 20),
            admins=frozenset(_list(env, "EMER_HUB_ADMINS")),
            results_repo=env.get("EMER_HUB_RESULTS_REPO") or None,
            hf_token=env.get("EMER_HUB_HF_TOKEN") or env.get("HF_TOKEN") or None,
            on_space=bool(env.get("SPACE_ID")),
            bootstrap=_int(env, "EMER_HUB_BOOTSTRAP", 1000),
            pull_interval=_int(env, "EMER_HUB_PULL_INTERVAL", 30),
            provision=_int(env, "EMER_HUB_PROVISION", 1) != 0,
            daily_llm=_int(env, "EMER_HUB_DAILY_LLM", 20),
        )

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024
