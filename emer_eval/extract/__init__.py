"""Turning free-text emotion descriptions into label lists (spec §5), the only step of EMER scoring that needs an LLM.

``llm`` talks to any OpenAI-compatible endpoint with the official prompt and caches every reply, so scores can be
recomputed later without the endpoint. ``offline`` is the deterministic, non-official stand-in used when no endpoint
is configured; its fidelity to the LLM — on models its rules were not developed on, and on reworded descriptions — is
measured in ``benchmarks/extractor_fidelity.py``.
"""

from emer_eval.config import LLMConfig
from emer_eval.extract.llm import (
    EXTRACTION_PROMPT,
    GROUPING_PROMPT,
    TRANSLATION_PROMPT,
    LLMExtractor,
    clean_reply,
    default_cache_dir,
    extraction_prompt,
    grouping_prompt,
    postprocess_reply,
    translation_prompt,
)
from emer_eval.extract.offline import OfflineExtractor, extraction_warnings

__all__ = [
    "EXTRACTION_PROMPT",
    "GROUPING_PROMPT",
    "LLMConfig",
    "LLMExtractor",
    "OfflineExtractor",
    "TRANSLATION_PROMPT",
    "clean_reply",
    "default_cache_dir",
    "extraction_prompt",
    "extraction_warnings",
    "grouping_prompt",
    "postprocess_reply",
    "translation_prompt",
]
