"""The optional LLM backend: any OpenAI-compatible multimodal model writes the explanation from the clip's evidence.

It receives a few sampled frames (JPEG, base64), the transcript and the acoustic summary, and the EMER question
"Please infer the person's emotional state and provide your reasoning process." Its reply is turned into labels by
emer_eval's official extraction prompt (same endpoint), so demo labels and leaderboard labels come from one protocol.
Any failure raises :class:`BackendError`; the pipeline then keeps the offline result and says why.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import numpy as np

from emer_eval import EmerEvalError, LLMConfig, LLMExtractor, cache_root

from ..netguard import UnsafeURL, check_url, http_client
from .types import AcousticClues, Clip, Transcript

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletionContentPartParam, ChatCompletionMessageParam

    from ..config import Settings

log = logging.getLogger("emer_hub.demo.llm")
QUESTION = "Please infer the person's emotional state and provide your reasoning process."
MAX_FRAMES = 4
FRAME_SIDE = 384
NOT_A_COMPLETION = "the LLM endpoint's reply is not a chat completion"
MALFORMED = (json.JSONDecodeError, AttributeError, TypeError, IndexError)
"""What the openai client raises on a 200 that is no chat completion: it parses the body unguarded (invalid JSON) and
builds its objects unvalidated (``{"message": 5}`` fails only when ``.content`` is read)."""


class BackendError(Exception):
    """The LLM backend could not produce an explanation (not configured, unreachable, timed out, bad reply)."""


@dataclass(frozen=True)
class Endpoint:
    """Where the demo's LLM requests go: emer_eval's one endpoint type, plus who it belongs to.

    ``operator`` marks the server's own endpoint (``EMER_LLM_*``, read by :mod:`space.config`): only it ever carries
    the operator's key. ``public_only`` makes every connection go to public addresses (visitor URLs on a Space, see
    :mod:`space.netguard`). The demo answers one person waiting, so its requests are never retried and carry no
    vLLM-only sampling fields that OpenAI's API would reject.
    """

    config: LLMConfig
    operator: bool = False
    public_only: bool = False

    @classmethod
    def of_operator(cls, settings: Settings) -> Endpoint | None:
        """The operator's endpoint from the hub's settings, or None when none is configured."""
        if settings.llm is None:
            return None
        return cls(_for_demo(settings.llm, settings.llm_timeout), operator=True)

    @classmethod
    def visitor(cls, base_url: str, model: str, api_key: str, *, on_space: bool, timeout: float,
                public_only: bool | None = None) -> Endpoint:
        """A visitor's own endpoint: their URL, model and key — never the operator's key.

        On a Space the key is required. The URL must reach only public addresses when ``public_only`` (default: on a
        Space; :func:`space.demo.access.llm_endpoint` also asks it of a self-hosted hub's visitors from elsewhere);
        otherwise a local server (``http://127.0.0.1:8000/v1``, any key or none) is fine. BackendError says what is
        wrong.
        """
        public_only = on_space if public_only is None else public_only
        if not model.strip():
            raise BackendError("give the model name your endpoint serves")
        if on_space and not api_key.strip():
            raise BackendError("your own base URL needs your own API key (this server's key is only ever sent to "
                               "its own endpoint)")
        try:
            url = check_url(base_url, allow_private=not public_only)
        except UnsafeURL as error:
            raise BackendError(str(error)) from None
        config = LLMConfig(base_url=url, model=model.strip(), api_key=api_key.strip() or "EMPTY")
        return cls(_for_demo(config, timeout), public_only=public_only)

    def http_client(self) -> httpx.Client:
        return http_client(self.config.timeout, allow_private=not self.public_only)

    def cache_dir(self) -> Path:
        """Extraction replies are cached per endpoint: one visitor's server never answers for another's."""
        digest = hashlib.sha256(f"{self.config.base_url}\n{self.config.model}".encode()).hexdigest()[:24]
        return cache_root() / "llm" / "demo-endpoints" / digest


def _for_demo(config: LLMConfig, timeout: float) -> LLMConfig:
    return config.with_changes(timeout=timeout, max_retries=0, repetition_penalty=None)


def jpeg_data_url(frame: np.ndarray, side: int = FRAME_SIDE) -> str:
    """A frame as a small base64 JPEG data URL (what OpenAI-compatible vision endpoints accept)."""
    from PIL import Image

    image = Image.fromarray(frame)
    image.thumbnail((side, side))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def sample_frames(clip: Clip, count: int = MAX_FRAMES) -> list[np.ndarray]:
    if not clip.frames:
        return []
    indices = np.linspace(0, len(clip.frames) - 1, num=min(count, len(clip.frames))).round().astype(int)
    return [clip.frames[i] for i in dict.fromkeys(indices.tolist())]


def build_messages(clip: Clip, transcript: Transcript, acoustic: AcousticClues) -> list[ChatCompletionMessageParam]:
    """One user turn: the evidence as text, then the sampled frames as images."""
    said = transcript.text.strip() or "(nothing was said)"
    from .render import phrases

    voice = "; ".join(phrases(acoustic.findings)) or "no usable acoustic clues"
    text = (f"The following are frames sampled from a {clip.duration:.1f}-second video clip of a person.\n"
            f"Subtitle / transcript: \"{said}\"\nAcoustic analysis of the voice: {voice}.\n{QUESTION}")
    content: list[ChatCompletionContentPartParam] = [{"type": "text", "text": text}]
    content += [{"type": "image_url", "image_url": {"url": jpeg_data_url(frame)}} for frame in sample_frames(clip)]
    return [{"role": "user", "content": content}]


def explain(endpoint: Endpoint, clip: Clip, transcript: Transcript, acoustic: AcousticClues) -> str:
    """The model's explanation text; BackendError on any failure (the caller falls back to the offline result)."""
    import openai

    config = endpoint.config
    client = openai.OpenAI(base_url=config.base_url, api_key=config.api_key, timeout=config.timeout,
                           max_retries=0, http_client=endpoint.http_client())  # type: ignore[arg-type]
    try:
        response = client.chat.completions.create(model=config.model, temperature=0.2, max_tokens=700,
                                                  messages=build_messages(clip, transcript, acoustic))
    except openai.APITimeoutError:
        raise BackendError(f"the LLM endpoint timed out after {config.timeout:.0f} s") from None
    except openai.APIStatusError as error:  # the status only: a visitor's URL must not read internal replies
        raise BackendError(f"the LLM endpoint answered HTTP {error.status_code}") from None
    except openai.APIError as error:
        raise BackendError(f"the LLM endpoint failed ({type(error).__name__})") from None
    except json.JSONDecodeError:
        raise BackendError(NOT_A_COMPLETION) from None
    try:
        reply = (response.choices[0].message.content or "").strip() if response.choices else ""
    except MALFORMED:
        raise BackendError(NOT_A_COMPLETION) from None
    if not reply:
        raise BackendError("the LLM endpoint returned an empty reply")
    return reply


def extract_labels(endpoint: Endpoint, explanation: str) -> list[str]:
    """Labels from the explanation with emer_eval's official extraction prompt, on the same endpoint."""
    try:
        return LLMExtractor(endpoint.config, cache_dir=endpoint.cache_dir(), workers=1,
                            http_client=endpoint.http_client()).extract(explanation)
    except EmerEvalError as error:  # its text can quote the server's reply: logged, not shown to the visitor
        log.warning("demo label extraction failed: %s", error)
        raise BackendError("label extraction failed: the endpoint did not answer usably") from None
    except MALFORMED as error:  # raised while the extractor reads the reply
        log.warning("demo label extraction got no chat completion: %r", error)
        raise BackendError(NOT_A_COMPLETION) from None
