"""Every setting of the library read from the environment, in one place; the rest of ``emer_eval`` receives values.

========================  =====================================================================================
``EMER_DATA``             folder(s) holding the benchmark resources, ``os.pathsep``-separated (``~`` expanded)
``EMER_EVAL_CACHE``       root of every emer_eval cache (fetched resources, parsed wheels, LLM replies); ``~``
                          expanded; default: the platform's user cache folder for ``emer_eval``
``EMER_EVAL_RAW_URL``     download address template of resource files (default: raw.githubusercontent.com)
``EMER_OFFLINE``          1 forbids every download (so does Hugging Face's ``HF_HUB_OFFLINE``)
``EMER_LLM_BASE_URL``     OpenAI-compatible endpoint of the official label extraction (else ``OPENAI_BASE_URL``)
``EMER_LLM_MODEL``        its model name
``EMER_LLM_API_KEY``      its key (else ``OPENAI_API_KEY``; vLLM accepts any)
========================  =====================================================================================

Each reader takes an optional ``env`` mapping so tests and callers can pass settings without touching the process.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

from .errors import EmerEvalError

__all__ = ["DEFAULT_RAW_URL", "LLMConfig", "cache_root", "data_dirs", "offline", "raw_url_template"]

_TRUE = ("1", "true", "yes", "on")
DEFAULT_RAW_URL = "https://raw.githubusercontent.com/{repository}/{commit}/{path}"
"""Where resource files are downloaded from; ``{repository}``, ``{commit}`` and ``{path}`` are filled in."""


def _env(env: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if env is None else env


def cache_root(env: Mapping[str, str] | None = None) -> Path:
    """The root folder of all emer_eval caches: ``EMER_EVAL_CACHE`` (with ``~`` expanded) or the user cache dir.

    Sub-folders: ``resources`` (fetched files), ``parsed`` (wheel lookups), ``llm`` (cached replies). One variable
    relocates them together, e.g. onto a Space's persistent volume.
    """
    configured = _env(env).get("EMER_EVAL_CACHE", "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_cache_dir("emer_eval"))


def data_dirs(env: Mapping[str, str] | None = None) -> tuple[Path, ...]:
    """The folders named by ``EMER_DATA`` (``os.pathsep``-separated, ``~`` expanded, empty entries skipped)."""
    return tuple(Path(entry.strip()).expanduser()
                 for entry in _env(env).get("EMER_DATA", "").split(os.pathsep) if entry.strip())


def raw_url_template(env: Mapping[str, str] | None = None) -> str:
    """``EMER_EVAL_RAW_URL`` (e.g. a mirror) or raw GitHub: the address of one upstream file.

    ``{repository}``, ``{commit}`` and ``{path}`` are filled in. A template that lacks ``{path}`` or names another
    field is refused here, before any download, because it would silently fetch one wrong address for every file.
    """
    template = _env(env).get("EMER_EVAL_RAW_URL", "").strip() or DEFAULT_RAW_URL
    try:
        probe = template.format(repository="r", commit="c", path="\0")
    except (KeyError, IndexError, ValueError) as error:
        raise EmerEvalError(f"EMER_EVAL_RAW_URL={template!r} is not a valid template ({error}); use the fields "
                            "{repository}, {commit} and {path}") from None
    if "\0" not in probe:
        raise EmerEvalError(f"EMER_EVAL_RAW_URL={template!r} has no {{path}} field: every file would get one address")
    return template


def offline(env: Mapping[str, str] | None = None) -> bool:
    """True when the operator forbids downloads: ``EMER_OFFLINE=1`` or Hugging Face's ``HF_HUB_OFFLINE=1``."""
    source = _env(env)
    return any(source.get(name, "").strip().lower() in _TRUE for name in ("EMER_OFFLINE", "HF_HUB_OFFLINE"))


OFFICIAL_SAMPLING: dict[str, float | int | None] = {
    "temperature": 0.7, "top_p": 0.8, "repetition_penalty": 1.05, "max_tokens": 512,
}
"""The sampling of the authors' extraction (spec §5); any other value is named in the signature."""


@dataclass(frozen=True)
class LLMConfig:
    """The one description of an OpenAI-compatible LLM endpoint, shared by the extraction and the hub's demo.

    Where it is (``base_url``, ``model``, ``api_key``), how long to wait (``timeout``, ``max_retries``) and how to
    sample. Defaults are the official extraction settings (spec §5). ``repetition_penalty`` is a vLLM extension sent
    through ``extra_body``; set it to None for endpoints such as OpenAI's that reject unknown fields (the replies,
    and their cache keys, then differ from the official ones). ``top_p``, ``repetition_penalty`` and ``max_tokens``
    set to None are not sent at all, so the server's defaults apply — what the EMER-V1 judge protocol does (it sets
    only ``temperature=0``).
    """

    base_url: str
    model: str
    api_key: str = field(default="EMPTY", repr=False)  # vLLM accepts any key but the client insists on one
    temperature: float = 0.7
    top_p: float | None = 0.8
    repetition_penalty: float | None = 1.05
    max_tokens: int | None = 512
    timeout: float = 60.0
    max_retries: int = 2

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> LLMConfig | None:
        """The endpoint configured by ``EMER_LLM_*`` (else ``OPENAI_BASE_URL`` / ``OPENAI_API_KEY``), or None.

        Keyword ``overrides`` win over the environment; empty or None overrides are ignored, so a form's blank
        field means "use the configured value". Returning None (rather than raising) lets callers fall back to
        the offline extractor or say that no endpoint is configured.
        """
        source = _env(env)
        values: dict[str, Any] = {
            "base_url": (source.get("EMER_LLM_BASE_URL") or source.get("OPENAI_BASE_URL") or "").strip(),
            "model": source.get("EMER_LLM_MODEL", "").strip(),
        }
        api_key = (source.get("EMER_LLM_API_KEY") or source.get("OPENAI_API_KEY") or "").strip()
        if api_key:
            values["api_key"] = api_key
        for name, value in overrides.items():
            if isinstance(value, str):
                value = value.strip()
            if value not in (None, ""):
                values[name] = value
        if not values["base_url"] or not values["model"]:
            return None
        return cls(**values)

    def with_changes(self, **changes: Any) -> LLMConfig:
        """A copy with some fields changed (e.g. the demo's own timeout and sampling)."""
        return replace(self, **changes)

    def sampling(self) -> dict[str, float | int | None]:
        """The parameters that shape a reply (part of every cache key)."""
        return {
            "temperature": self.temperature,
            "top_p": self.top_p,
            "repetition_penalty": self.repetition_penalty,
            "max_tokens": self.max_tokens,
        }

    def describe(self) -> str:
        """Short label for score signatures: ``llm:<model>``, plus ``@name=value,…`` for non-official sampling."""
        changed = [
            f"{name}={'none' if value is None else value}"
            for name, value in self.sampling().items()
            if value != OFFICIAL_SAMPLING[name]
        ]
        return f"llm:{self.model}" + ("@" + ",".join(changed) if changed else "")
