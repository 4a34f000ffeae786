"""Settings of the hub, read once from the environment (documented in the README's configuration table).

This is the only module of the hub that reads environment variables; everything else receives a :class:`Settings`.
The library's own variables (``EMER_DATA``, ``EMER_LLM_*``) are parsed by ``emer_eval.config`` so both agree.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from emer_eval import LLMConfig
from emer_eval import config as library_config

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "emer-data"
"""Where the benchmark data is looked for when ``EMER_DATA`` is not set (the README's layout)."""


def default_model_dir() -> Path:
    """The demo's model files: the per-user cache ``…/emer_hub/models``."""
    return Path(platformdirs.user_cache_dir("emer_hub")) / "models"


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


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, got {value!r}") from None
    if not number > 0:
        raise ValueError(f"{name} must be positive, got {value}")
    return number


def _data_dirs(env: Mapping[str, str]) -> tuple[str, ...]:
    configured = library_config.data_dirs(env)
    if configured:
        return tuple(str(path) for path in configured)
    return (str(DEFAULT_DATA),) if DEFAULT_DATA.is_dir() else ()


def _runs(env: Mapping[str, str], name: str) -> int:
    runs = _int(env, name, 1)
    if not 1 <= runs <= MAX_EXTRACTION_RUNS:
        raise ValueError(f"{name} must be between 1 and {MAX_EXTRACTION_RUNS}, got {runs}")
    return runs


MAX_EXTRACTION_RUNS = 10
"""Each run is one LLM request per clip: more than the papers' handful would multiply an endpoint's load for little."""


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
    hourly_upload_mb: int = 200
    """Bytes (in MB) each client may upload per hour, demo and portal together (0: no cap)."""
    admins: frozenset[str] = field(default_factory=frozenset)
    results_repo: str | None = None
    hf_token: str | None = field(default=None, repr=False)
    on_space: bool = False
    login: bool = False
    """Can Gradio offer the Hugging Face login? On a real Space (``SYSTEM=spaces``) yes; with ``SPACE_ID`` alone only
    when a token lets Gradio mock it — otherwise there is no login button (and no submitter) instead of a crash."""
    bootstrap: int = 1000
    pull_interval: int = 30
    provision: bool = True
    trust_local: bool = True
    """Trust a request made on this machine as the operator's (local admin, private LLM addresses in the demo). Off
    for a hub behind a reverse proxy on the same machine that forwards neither the client's address nor the public
    host name: every visitor would then look local (:func:`space.identity.on_this_machine`)."""
    daily_llm: int = 20
    sessions: int = 1000
    """Browser and API sessions whose state the server keeps (Gradio's ``state_session_capacity``, least recently
    used dropped first). Each costs 0.3–0.8 MB and any request with a new session id makes one; Gradio's default of
    10,000 let a client with no login grow the server by gigabytes."""
    stage_timeout: float = 45.0
    demo_workers: int = 4
    """Demo worker processes (~0.6 GB each once warm): two clips at a time, each with two stages side by side."""
    llm_timeout: float = 60.0
    model_dir: Path = field(default_factory=default_model_dir)
    llm: LLMConfig | None = None
    benchmark_dataset: str | None = None
    space_url: str | None = None
    control_secret: str = field(default="", repr=False)
    """Keys the draw of the judge's mismatched-reference control (:func:`space.judging.score_file`): without it anyone
    can compute which clips of a submission are drawn and leave those honest. Keep it fixed: a new one draws new
    clips, so a re-score asks the judge again."""
    extraction_runs: int = 1
    """LLM extraction runs per explanation submission (the papers average several); every number is then the mean
    over the runs, and the board's per-sample analyses use every run (``extract:llm:<model>x<k>`` signatures)."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read ``EMER_HUB_*`` (and ``EMER_DATA``, ``SPACE_ID``, ``HF_TOKEN``) from ``env`` (default: os.environ).

        ``EMER_HUB_STORE_DIR`` store folder · ``EMER_HUB_TRACKS`` tracks file · ``EMER_HUB_LOCAL_USER`` identity off
        Spaces · ``EMER_HUB_DAILY_QUOTA`` scored submissions per user and UTC day · ``EMER_HUB_DAILY_ATTEMPTS`` all
        attempts per user and day · ``EMER_HUB_MAX_UPLOAD_MB`` · ``EMER_HUB_HOURLY_UPLOAD_MB`` upload volume per
        client (login, else address) and hour · ``EMER_HUB_ADMINS`` comma-separated HF user names ·
        ``EMER_HUB_RESULTS_REPO`` HF dataset repo for the durable copy (with ``EMER_HUB_HF_TOKEN`` or ``HF_TOKEN``) ·
        ``EMER_HUB_PULL_INTERVAL`` seconds between pulls of what other replicas pushed there (0: never) ·
        ``EMER_HUB_PROVISION`` 0 to skip fetching missing data and importing the baselines at start-up ·
        ``EMER_HUB_TRUST_LOCAL`` 0 to trust no request as made on this machine ·
        ``EMER_HUB_DAILY_LLM`` demo requests per user and UTC day to the operator's LLM endpoint ·
        ``EMER_HUB_SESSIONS`` sessions whose state is kept in memory ·
        ``EMER_HUB_BOOTSTRAP`` resamples of the CIs · ``EMER_HUB_STAGE_TIMEOUT`` seconds per demo stage ·
        ``EMER_HUB_DEMO_WORKERS`` demo worker processes ·
        ``EMER_HUB_LLM_TIMEOUT`` seconds per LLM call of the demo · ``EMER_HUB_MODEL_DIR`` the demo's model files ·
        ``EMER_DATA`` (default ``../shared/emer-data`` when it exists) and ``EMER_LLM_*`` as read by emer_eval ·
        ``EMER_HUB_BENCHMARK_DATASET`` the Hub dataset id named in ``.eval_results`` downloads (default
        ``emer-hub/<track>``) · ``EMER_HUB_EXTRACTION_RUNS`` LLM extraction runs averaged per explanation
        submission (default 1) · ``EMER_HUB_CONTROL_SECRET`` keys the draw of the judge's control clips.
        """
        env = os.environ if env is None else env
        llm_timeout = _seconds(env, "EMER_HUB_LLM_TIMEOUT", 60.0)
        return cls(
            store_dir=Path(env.get("EMER_HUB_STORE_DIR") or REPO / "submissions").expanduser(),
            tracks_file=Path(env.get("EMER_HUB_TRACKS") or REPO / "space" / "tracks.toml").expanduser(),
            data_dirs=_data_dirs(env),
            local_user=env.get("EMER_HUB_LOCAL_USER", "").strip() or "local",
            daily_quota=_int(env, "EMER_HUB_DAILY_QUOTA", 5),
            daily_attempts=_int(env, "EMER_HUB_DAILY_ATTEMPTS", 20),
            max_upload_mb=_int(env, "EMER_HUB_MAX_UPLOAD_MB", 20),
            hourly_upload_mb=_int(env, "EMER_HUB_HOURLY_UPLOAD_MB", 200),
            admins=frozenset(_list(env, "EMER_HUB_ADMINS")),
            results_repo=env.get("EMER_HUB_RESULTS_REPO") or None,
            hf_token=env.get("EMER_HUB_HF_TOKEN") or env.get("HF_TOKEN") or None,
            on_space=bool(env.get("SPACE_ID")),
            login=bool(env.get("SPACE_ID")) and (env.get("SYSTEM") == "spaces"
                                                 or bool(env.get("EMER_HUB_HF_TOKEN") or env.get("HF_TOKEN"))),
            bootstrap=_int(env, "EMER_HUB_BOOTSTRAP", 1000),
            pull_interval=_int(env, "EMER_HUB_PULL_INTERVAL", 30),
            provision=_int(env, "EMER_HUB_PROVISION", 1) != 0,
            trust_local=_int(env, "EMER_HUB_TRUST_LOCAL", 1) != 0,
            daily_llm=_int(env, "EMER_HUB_DAILY_LLM", 20),
            sessions=max(1, _int(env, "EMER_HUB_SESSIONS", 1000)),
            stage_timeout=_seconds(env, "EMER_HUB_STAGE_TIMEOUT", 45.0),
            demo_workers=max(1, _int(env, "EMER_HUB_DEMO_WORKERS", 4)),
            llm_timeout=llm_timeout,
            model_dir=Path(env.get("EMER_HUB_MODEL_DIR", "").strip() or default_model_dir()).expanduser(),
            llm=LLMConfig.from_env(env, timeout=llm_timeout),
            benchmark_dataset=env.get("EMER_HUB_BENCHMARK_DATASET") or None,
            space_url=f"https://huggingface.co/spaces/{env['SPACE_ID']}" if env.get("SPACE_ID") else None,
            extraction_runs=_runs(env, "EMER_HUB_EXTRACTION_RUNS"),
            control_secret=env.get("EMER_HUB_CONTROL_SECRET", ""),
        )

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    @property
    def hourly_upload_bytes(self) -> int:
        return self.hourly_upload_mb * 1024 * 1024
