"""The optional LLM backend: any OpenAI-compatible multimodal model writes the explanation from the clip's evidence.

It receives a few sampled frames (JPEG, base64), the transcript and the acoustic summary, and the EMER question
"Please infer the person's emotional state and provide your reasoning process." Its reply is turned into labels by
emer_eval's official extraction prompt (same endpoint), so demo labels and leaderboard labels come from one protocol.
Any failure raises :class:`BackendError`; the pipeline then keeps the offline result and says why.
"""

from __future__ import annotations

import base64
import io
import os
from dataclasses import dataclass

import numpy as np

from .types import AcousticClues, Clip, Transcript

QUESTION = "Please infer the person's emotional state and provide your reasoning process."
MAX_FRAMES = 4
FRAME_SIDE = 384


class BackendError(Exception):
    """The LLM backend could not produce an explanation (not configured, unreachable, timed out, bad reply)."""


@dataclass(frozen=True)
class Endpoint:
    base_url: str
    model: str
    api_key: str = "EMPTY"
    timeout: float = 60.0

    @classmethod
    def resolve(cls, base_url: str = "", model: str = "", api_key: str = "") -> Endpoint:
        """Settings from the UI when given, else from ``EMER_LLM_*``; BackendError when none are complete."""
        url = base_url.strip() or os.environ.get("EMER_LLM_BASE_URL", "")
        name = model.strip() or os.environ.get("EMER_LLM_MODEL", "")
        if not url or not name:
            raise BackendError("no LLM endpoint configured: give a base URL and model (or set EMER_LLM_BASE_URL "
                               "and EMER_LLM_MODEL)")
        key = api_key.strip() or os.environ.get("EMER_LLM_API_KEY", "") or "EMPTY"
        return cls(url, name, key, float(os.environ.get("EMER_HUB_LLM_TIMEOUT", "60")))


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


def build_messages(clip: Clip, transcript: Transcript, acoustic: AcousticClues) -> list[dict]:
    """One user turn: the evidence as text, then the sampled frames as images."""
    said = transcript.text.strip() or "(nothing was said)"
    voice = "; ".join(acoustic.phrases) or "no usable acoustic clues"
    text = (f"The following are frames sampled from a {clip.duration:.1f}-second video clip of a person.\n"
            f"Subtitle / transcript: \"{said}\"\nAcoustic analysis of the voice: {voice}.\n{QUESTION}")
    content: list[dict] = [{"type": "text", "text": text}]
    content += [{"type": "image_url", "image_url": {"url": jpeg_data_url(frame)}} for frame in sample_frames(clip)]
    return [{"role": "user", "content": content}]


def explain(endpoint: Endpoint, clip: Clip, transcript: Transcript, acoustic: AcousticClues) -> str:
    """The model's explanation text; BackendError on any failure (the caller falls back to the offline result)."""
    import openai

    client = openai.OpenAI(base_url=endpoint.base_url, api_key=endpoint.api_key, timeout=endpoint.timeout,
                           max_retries=0)
    try:
        response = client.chat.completions.create(model=endpoint.model, temperature=0.2, max_tokens=700,
                                                  messages=build_messages(clip, transcript, acoustic))
    except openai.APITimeoutError:
        raise BackendError(f"the LLM endpoint timed out after {endpoint.timeout:.0f} s") from None
    except openai.APIError as error:
        raise BackendError(f"the LLM endpoint failed: {type(error).__name__}: {str(error)[:200]}") from None
    reply = (response.choices[0].message.content or "").strip() if response.choices else ""
    if not reply:
        raise BackendError("the LLM endpoint returned an empty reply")
    return reply


def extract_labels(endpoint: Endpoint, explanation: str) -> list[str]:
    """Labels from the explanation with emer_eval's official extraction prompt, on the same endpoint."""
    from emer_eval import EmerEvalError
    from emer_eval.extract import LLMConfig, LLMExtractor

    config = LLMConfig(base_url=endpoint.base_url, model=endpoint.model, api_key=endpoint.api_key,
                       repetition_penalty=None, timeout=endpoint.timeout, max_retries=0)
    try:
        return LLMExtractor(config, workers=1).extract(explanation)
    except EmerEvalError as error:
        raise BackendError(f"label extraction failed: {error}") from None
