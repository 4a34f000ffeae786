"""Test clips for the demo, generated once per test session (no binaries in git, nothing downloaded).

Audio-only tests synthesise speech with :func:`speak`. Use clips through the ``demo_clips`` fixture
(tests/demo/conftest.py): ``demo_clips.path("speech.mp4")`` builds the clip on first request
and returns the cached file afterwards. :data:`RECIPES` lists every name. Clips that need the face models
(``frown.mp4``) call ``look`` from the visual stage, so ask for them only where the models are required.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import wave
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest
from scipy.signal import resample_poly

from space.demo.examples import astronaut, make_clip, no_face, two_faces
from space.demo.speech import SAMPLE_RATE

TWELVE_SECONDS = (
    "I can't believe you did this again. I told you twice, and you still did not listen to a single word. "
    "I am so angry and fed up with all of this, honestly."
)


def reshape_face(image: np.ndarray, moves: dict[int, tuple[float, float]], reach: float = 0.12) -> np.ndarray:
    """The image with face-mesh points moved by (dx, dy) eye-corner distances, dragging nearby skin along.

    A Gaussian displacement field (width ``reach`` eye distances) around each moved landmark, applied with
    ``cv2.remap``: a crude but deterministic way to give the one public-domain face a different expression.
    """
    from space.demo.visual import EYE_OUTER, look

    landmarks = look(image).landmarks
    if landmarks is None:
        raise ValueError("no face to reshape")
    ruler = float(np.linalg.norm(landmarks[EYE_OUTER[1]] - landmarks[EYE_OUTER[0]]))
    rows, cols = np.mgrid[0 : image.shape[0], 0 : image.shape[1]].astype(np.float32)
    shift_x, shift_y, weight = np.zeros_like(cols), np.zeros_like(rows), np.zeros_like(rows)
    for index, (dx, dy) in moves.items():
        x, y = landmarks[index]
        bump = np.exp(-((cols - x) ** 2 + (rows - y) ** 2) / (2 * (reach * ruler) ** 2))
        shift_x += dx * ruler * bump
        shift_y += dy * ruler * bump
        weight += bump
    weight = np.maximum(weight, 1.0)  # overlapping bumps must not add up to a bigger move
    return cv2.remap(
        image, cols - shift_x / weight, rows - shift_y / weight, cv2.INTER_LINEAR, None, cv2.BORDER_REFLECT
    )


def frown(image: np.ndarray) -> np.ndarray:
    """Pull both mouth corners down by a quarter of the eye distance."""
    return reshape_face(image, {61: (0.0, 0.25), 291: (0.0, 0.25)})


def _write_text(path: Path) -> Path:
    path.write_text("This is a text file, not a video.\n" * 20, encoding="utf-8")
    return path


def _truncated(source: Path, path: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


class ClipMaker:
    """Builds the named clips into ``folder`` on demand, each at most once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, name: str) -> Path:
        target = self.folder / name
        if not target.exists():
            RECIPES[name](self, target)
        return target


Recipe = Callable[[ClipMaker, Path], Path]
RECIPES: dict[str, Recipe] = {
    "speech.mp4": lambda maker, path: make_clip(path),
    "speech.webm": lambda maker, path: make_clip(path),
    "speech.mov": lambda maker, path: make_clip(path),
    "speech.mkv": lambda maker, path: make_clip(path),
    "twelve_seconds.mp4": lambda maker, path: make_clip(path, TWELVE_SECONDS, seconds=12.0),
    "no_audio.mp4": lambda maker, path: make_clip(path, audio=False, seconds=2.0),
    "silence.mp4": lambda maker, path: make_clip(path, "", seconds=3.0),
    "no_face.mp4": lambda maker, path: make_clip(path, image=no_face(), seconds=2.0),
    "two_faces.mp4": lambda maker, path: make_clip(path, image=two_faces(), seconds=2.0),
    "frown.mp4": lambda maker, path: make_clip(path, "", image=[astronaut(), frown(astronaut())], seconds=4.0),
    "too_long.mp4": lambda maker, path: make_clip(path, "", image=no_face(64), seconds=61.0, fps=2),
    "not_a_video.mp4": lambda maker, path: _write_text(path),
    "truncated.mp4": lambda maker, path: _truncated(maker.path("speech.mp4"), path),
}


def speak(tmp_path: Path, text: str, *options: str) -> np.ndarray:
    """espeak-ng's voice (22.05 kHz 16-bit WAV) as the 16 kHz mono float32 audio the decode stage delivers."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("these tests synthesise speech with espeak-ng: apt-get install espeak-ng")
    path = tmp_path / f"speech-{abs(hash((text, options)))}.wav"
    subprocess.run(["espeak-ng", "-w", str(path), *options, text], check=True, capture_output=True)
    with wave.open(str(path)) as wav:
        rate, pcm = wav.getframerate(), np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    divisor = math.gcd(SAMPLE_RATE, rate)
    return resample_poly(pcm / 32768.0, SAMPLE_RATE // divisor, rate // divisor).astype(np.float32)
