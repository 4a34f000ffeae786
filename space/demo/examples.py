"""Example clips the project makes itself: espeak-ng speech over a still, public-domain face.

Why generate rather than ship: real emotional clips are third-party data we may not redistribute, and binaries do not
belong in git. A synthetic clip (the public-domain NASA astronaut portrait bundled with scikit-image, a slow zoom so
frames differ, and eSpeak NG speech) exercises every stage of the demo and can be rebuilt anywhere, offline, in a
second. The variants (no audio track, silence, no face, two faces) are the edge cases the stages must explain.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

DEFAULT_TEXT = "I can't believe you did this again, I am so angry and fed up!"
DEFAULT_VOICE = "en-us"
SILENCE_SECONDS = 3.0
"""Length of a clip with neither speech nor an explicit duration (nothing else would set it)."""
LEAD_SECONDS = 0.3
TAIL_SECONDS = 0.5
MAX_ZOOM = 0.06
"""The slow zoom-in reaches 6 %: enough that frames differ, little enough that the face stays in view."""

_CODECS = {  # container suffix → (video codec, audio codec, audio sample rate)
    ".mp4": ("libx264", "aac", 22_050),
    ".m4v": ("libx264", "aac", 22_050),
    ".mov": ("libx264", "aac", 22_050),
    ".mkv": ("libx264", "aac", 22_050),
    ".webm": ("libvpx", "libopus", 48_000),  # Opus only runs at 48 kHz (or its divisors)
}


def astronaut() -> np.ndarray:
    """Eileen Collins' NASA portrait (public domain), read from the file bundled in scikit-image: no network."""
    from skimage.data import astronaut as load  # imported here: only clip generation needs scikit-image

    return load()


def two_faces() -> np.ndarray:
    """The astronaut twice side by side (the second mirrored): a scene where several faces are in view."""
    face = astronaut()
    return np.concatenate([face, face[:, ::-1]], axis=1)


def no_face(size: int = 256) -> np.ndarray:
    """A smooth colour gradient: an image in which no face detector should find anything."""
    ramp = np.linspace(0, 255, size, dtype=np.float32)
    red, green = np.meshgrid(ramp, ramp)
    blue = np.full_like(red, 96.0)
    return np.stack([red, green, blue], axis=-1).astype(np.uint8)


def speak(text: str, voice: str = DEFAULT_VOICE) -> tuple[np.ndarray, int]:
    """Synthesise ``text`` with eSpeak NG; returns float32 mono samples in [-1, 1] and their sample rate."""
    if shutil.which("espeak-ng") is None:
        raise RuntimeError("espeak-ng is not installed (Debian/Ubuntu: apt-get install espeak-ng)")
    result = subprocess.run(
        ["espeak-ng", "-v", voice, "--stdout", "--", text], capture_output=True, check=True, timeout=60
    )
    with wave.open(io.BytesIO(result.stdout)) as wav:
        rate = wav.getframerate()
        pcm = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    return pcm.astype(np.float32) / 32768.0, rate


def make_clip(
    path: str | Path,
    text: str = DEFAULT_TEXT,
    *,
    image: np.ndarray | Sequence[np.ndarray] | None = None,
    voice: str = DEFAULT_VOICE,
    seconds: float | None = None,
    audio: bool = True,
    fps: int = 25,
    zoom: bool = True,
) -> Path:
    """Write a clip of ``image`` (default: the astronaut) with ``text`` spoken by eSpeak NG; returns ``path``.

    A sequence of images (all the same size) is shown one after another, each for an equal share of the clip — how
    a test makes a face change over time. The container follows the suffix (.mp4/.m4v/.mov/.mkv: H.264 + AAC;
    .webm: VP8 + Opus). ``text=""`` gives a silent audio track, ``audio=False`` no audio track at all. ``seconds``
    fixes the length (speech is cut or padded with silence); otherwise the clip lasts as long as the speech plus a
    short lead and tail.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in _CODECS:
        raise ValueError(f"unsupported clip type {suffix!r}; use one of {', '.join(sorted(_CODECS))}")
    video_codec, audio_codec, audio_rate = _CODECS[suffix]
    pictures = [astronaut()] if image is None else [image] if isinstance(image, np.ndarray) else list(image)
    if any(picture.shape != pictures[0].shape or picture.dtype != np.uint8 for picture in pictures):
        raise ValueError("the images of a clip must all be RGB uint8 arrays of the same size")
    samples, rate = speak(text, voice) if audio and text else (np.zeros(0, np.float32), audio_rate)
    duration = seconds if seconds is not None else _natural_length(samples, rate)
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w") as container:
        video = _add_video(container, video_codec, pictures[0], fps)
        sound = _add_audio(container, audio_codec, audio_rate) if audio else None
        _write_frames(container, video, pictures, round(duration * fps), zoom)
        if sound is not None:
            _write_audio(container, sound, _fit(samples, rate, duration), rate)
    return path


def _natural_length(samples: np.ndarray, rate: int) -> float:
    """Speech plus a lead and a tail, or :data:`SILENCE_SECONDS` when there is nothing to say."""
    if samples.size == 0:
        return SILENCE_SECONDS
    return LEAD_SECONDS + samples.size / rate + TAIL_SECONDS


def _fit(samples: np.ndarray, rate: int, duration: float) -> np.ndarray:
    """Place the speech after a short lead, then cut or pad with silence to exactly ``duration``."""
    total = round(duration * rate)
    lead = np.zeros(min(round(LEAD_SECONDS * rate), total), np.float32) if samples.size else np.zeros(0, np.float32)
    track = np.concatenate([lead, samples])[:total]
    return np.pad(track, (0, total - track.size))


def _add_video(container: av.container.OutputContainer, codec: str, picture: np.ndarray, fps: int) -> av.VideoStream:
    stream = container.add_stream(codec, rate=fps)
    if not isinstance(stream, av.VideoStream):
        raise ValueError(f"{codec} is not a video codec")
    stream.height, stream.width = (side - side % 2 for side in picture.shape[:2])  # yuv420p needs even sides
    stream.pix_fmt = "yuv420p"
    stream.options = {"preset": "veryfast"} if codec == "libx264" else {"deadline": "realtime", "cpu-used": "8"}
    return stream


def _add_audio(container: av.container.OutputContainer, codec: str, rate: int) -> av.AudioStream:
    stream = container.add_stream(codec, rate=rate)
    if not isinstance(stream, av.AudioStream):
        raise ValueError(f"{codec} is not an audio codec")
    stream.layout = "mono"
    return stream


def _write_frames(
    container: av.container.OutputContainer,
    stream: av.VideoStream,
    pictures: list[np.ndarray],
    count: int,
    zoom: bool,
) -> None:
    """Encode ``count`` frames, the pictures in equal turns, each zoomed a little more than the last if ``zoom``."""
    stills = [np.ascontiguousarray(picture[: stream.height, : stream.width]) for picture in pictures]
    for index in range(count):
        amount = MAX_ZOOM * index / max(count - 1, 1) if zoom else 0.0
        still = stills[index * len(stills) // count]
        frame = av.VideoFrame.from_ndarray(_zoomed(still, amount), format="rgb24")
        frame.pts = index
        frame.time_base = Fraction(1, stream.codec_context.framerate)
        container.mux(stream.encode(frame))
    container.mux(stream.encode(None))


def _zoomed(picture: np.ndarray, amount: float) -> np.ndarray:
    """The centre of ``picture`` enlarged by ``amount`` (0.06 = 6 %) back to its own size."""
    if amount == 0.0:
        return picture
    height, width = picture.shape[:2]
    dy, dx = round(height * amount / 2), round(width * amount / 2)
    return cv2.resize(picture[dy : height - dy, dx : width - dx], (width, height), interpolation=cv2.INTER_LINEAR)


def _write_audio(
    container: av.container.OutputContainer, stream: av.AudioStream, samples: np.ndarray, rate: int
) -> None:
    """Encode mono float samples; PyAV converts the rate and re-frames them to what the encoder wants."""
    frame = av.AudioFrame.from_ndarray(samples[np.newaxis, :], format="flt", layout="mono")
    frame.sample_rate = rate
    frame.pts = 0
    frame.time_base = Fraction(1, rate)
    container.mux(stream.encode(frame))
    container.mux(stream.encode(None))
