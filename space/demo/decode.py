"""Decode an uploaded clip into ~2 fps RGB frames and 16 kHz mono audio, refusing what the demo cannot handle.

Why PyAV and not the ffmpeg binary: one in-process pass over the file reads both streams, converts only the frames
that are kept, and can stop the moment a clip turns out longer than allowed — a huge or lying file never hangs the
Space or fills its memory. Every way a user's file can be unusable becomes a :class:`ClipError` with a message meant
for that user; what is merely missing (no audio track, no video track) becomes a notice on the :class:`Clip`.
"""

from __future__ import annotations

import math
import time as clock
from dataclasses import dataclass, field
from pathlib import Path

import av
import numpy as np

from space.demo.types import Clip

SAMPLE_RATE = 16_000
MAX_SECONDS = 60.0
MAX_BYTES = 50 * 1024 * 1024
LENGTH_SLACK = 0.5
"""Seconds a clip may run over the limit: a "60 s" export is often 60.02 s once audio padding is counted."""
CUT_OFF_SLACK, CUT_OFF_SHARE = 1.0, 0.1
"""A file whose streams end this much (seconds, or share of the declared length) early was cut off mid-upload."""
MAX_FRAME_PIXELS = 4096 * 2304
"""The largest picture decoded (a 4K frame): a 10000² frame alone would take ~300 MB to hold."""
MAX_PIXEL_FRAMES = 1920 * 1080 * 30 * 60
"""Pixels × frames decoded per clip — a minute of 1080p at 30 fps. What decoding costs is proportional to it: a
3 MB file of 4096² at 240 fps is small on disk and takes minutes to decode."""
MAX_DECODE_SECONDS = 30.0
"""Wall-clock limit of decoding one clip, checked after every packet."""
NO_AUDIO = "no audio track — speech and voice analysis skipped"
NO_VIDEO = "no video track — facial analysis skipped"
_STILL_IMAGE_FORMATS = ("_pipe",)  # FFmpeg demuxers that read single pictures (png_pipe, jpeg_pipe, …)
DEMUXERS = ("mov", "mp4", "m4a", "3gp", "matroska", "webm", "avi", "mpegts", "mpeg", "flv", "asf", "ogg", "wav",
            "mp3", "flac", "aac", "aiff", "png_pipe", "jpeg_pipe", "webp_pipe")
"""The only FFmpeg demuxers a clip may be opened with: containers that hold their own streams. FFmpeg picks a demuxer
by content, whatever the file is named, and some read other files or URLs — an HLS playlist, an ffconcat script or an
image-sequence pattern decoded the local files it named (another visitor's clip) as the visitor's own. The picture
pipes stay so that a photo gets its own message."""
OPEN_OPTIONS = {"format_whitelist": ",".join(DEMUXERS), "protocol_whitelist": "file"}
"""Checked by FFmpeg before a demuxer reads anything; ``file`` alone also refuses a path read as a URL (``concat:``,
``subfile,``) and any nested http, data or crypto address."""


class ClipError(ValueError):
    """An upload the demo cannot analyse; ``str(error)`` is a message to show the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def decode(
    path: str | Path,
    *,
    max_seconds: float = MAX_SECONDS,
    max_bytes: int = MAX_BYTES,
    fps: float = 2.0,
    max_side: int = 640,
) -> Clip:
    """Read ``path`` (mp4, webm, mov, mkv, … or an audio-only file) into a :class:`Clip`.

    Frames are taken every ``1/fps`` seconds, upright (phone rotation applied) and scaled so their longest side is at
    most ``max_side``; audio is resampled to 16 kHz mono float32. Raises :class:`ClipError` for a missing, empty,
    too big, too long, still-image, corrupt or undecodable file.
    """
    path = Path(path)
    _check_file(path, max_bytes)
    try:
        container = av.open(str(path), options=OPEN_OPTIONS)
    except av.FFmpegError:
        raise ClipError("This file is not a video (or it is corrupt, or a playlist or script naming other files): "
                        "it could not be opened.") from None
    with container:
        return _decode_open(container, max_seconds, fps, max_side)


def _check_file(path: Path, max_bytes: int) -> None:
    """Refuse by size before opening anything: a too-big upload costs no decoding at all."""
    if not path.is_file():
        raise ClipError(f"File not found: {path.name}")
    size = path.stat().st_size
    if size == 0:
        raise ClipError("The file is empty.")
    if size > max_bytes:
        raise ClipError(f"The file is too big: {_megabytes(size)}; the limit is {_megabytes(max_bytes)}.")


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.3g} MB"


def _decode_open(container: av.container.InputContainer, max_seconds: float, fps: float, max_side: int) -> Clip:
    video = next(iter(container.streams.video), None)
    audio = next(iter(container.streams.audio), None)
    if video is not None and container.format.name.endswith(_STILL_IMAGE_FORMATS):
        raise ClipError("This is a still image, not a video.")
    if video is None and audio is None:
        raise ClipError("This file has neither a video nor an audio track.")
    for stream in (video, audio):
        if stream is not None and stream.codec_context is None:
            raise ClipError(f"The {stream.type} track uses a codec that cannot be decoded here.")
    declared = _declared_duration(container)
    if declared is not None and declared > max_seconds + LENGTH_SLACK:
        raise ClipError(_too_long(max_seconds, f"it is {declared:.1f} s long"))
    if video is not None:
        _check_video_budget(video, declared if declared is not None else max_seconds)
    frames = _FramePicker(fps, max_side) if video is not None else None
    sound = _AudioCollector() if audio is not None else None
    _read(container, video, audio, frames, sound, max_seconds)
    return _assemble(video, frames, sound, declared)


def _check_video_budget(video: av.VideoStream, seconds: float) -> None:
    """Refuse from the header alone what would cost too much to decode: huge frames, or size × rate × length."""
    width, height = video.codec_context.width or 0, video.codec_context.height or 0
    if width * height > MAX_FRAME_PIXELS:
        raise ClipError(f"The video is too large: {width}×{height} pixels; the limit is 4096×2304 (4K). "
                        f"Please scale it down.")
    rate = float(video.average_rate or video.guessed_rate or 0)
    if width * height * rate * seconds > MAX_PIXEL_FRAMES:
        raise ClipError(_too_costly(f"{width}×{height} at {rate:.0f} fps for {seconds:.0f} s"))


def _too_costly(what: str) -> str:
    return (f"The video would take too long to analyse: {what}; the limit is one minute of 1080p at 30 fps. "
            f"Please lower its resolution or frame rate.")


def _declared_duration(container: av.container.InputContainer) -> float | None:
    """The length the container claims, when it claims one (streamed webm often does not)."""
    if container.duration is not None and container.duration > 0:
        return container.duration / av.time_base
    for stream in container.streams:
        if stream.duration and stream.time_base:
            return float(stream.duration * stream.time_base)
    return None


def _too_long(max_seconds: float, how_long: str) -> str:
    return f"The clip is too long: {how_long}; the limit is {max_seconds:g} s. Please trim it."


def _read(
    container: av.container.InputContainer,
    video: av.VideoStream | None,
    audio: av.AudioStream | None,
    frames: _FramePicker | None,
    sound: _AudioCollector | None,
    max_seconds: float,
) -> None:
    """One interleaved pass over both streams, stopping with an error as soon as the time limit is passed."""
    if video is not None:
        video.thread_type = "AUTO"  # threaded decoding: decoding, not conversion, is what costs
        video.codec_context.skip_frame = "NONREF"  # frames nothing refers to are never needed at ~2 fps: ~½ the work
    start = container.start_time / av.time_base if container.start_time is not None else 0.0
    streams = [stream for stream in (video, audio) if stream is not None]
    deadline = clock.monotonic() + MAX_DECODE_SECONDS
    pixels = 0
    try:
        for packet in container.demux(streams):
            if clock.monotonic() > deadline:
                raise ClipError(f"The video took longer than {MAX_DECODE_SECONDS:g} s to decode; please send a "
                                f"smaller or shorter clip.")
            for frame in packet.decode():
                if not isinstance(frame, (av.VideoFrame, av.AudioFrame)):  # only these streams are demuxed
                    continue
                if isinstance(frame, av.VideoFrame):  # headers can lie: count what is really decoded
                    if frame.width * frame.height > MAX_FRAME_PIXELS:
                        raise ClipError(f"The video is too large: {frame.width}×{frame.height} pixels; the limit "
                                        f"is 4096×2304 (4K). Please scale it down.")
                    pixels += frame.width * frame.height
                    if pixels > MAX_PIXEL_FRAMES:
                        raise ClipError(_too_costly("more pixels than that"))
                time = (frame.time - start) if frame.time is not None else None
                if time is not None and time > max_seconds + LENGTH_SLACK:
                    raise ClipError(_too_long(max_seconds, f"it runs past {max_seconds + LENGTH_SLACK:g} s"))
                if isinstance(frame, av.VideoFrame) and frames is not None:
                    frames.offer(frame, time)
                elif isinstance(frame, av.AudioFrame) and sound is not None:
                    sound.add(frame, time)
    except av.FFmpegError as error:
        raise ClipError(f"The file is damaged or uses a format that cannot be decoded ({_reason(error)}).") from None


def _reason(error: av.FFmpegError) -> str:
    return getattr(error, "strerror", None) or type(error).__name__


@dataclass
class _FramePicker:
    """Keeps the first frame at or after each multiple of ``1/fps`` and converts only those frames."""

    fps: float
    max_side: int
    frames: list[np.ndarray] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    size: tuple[int, int] = (0, 0)  # (width, height) of the original, upright
    _next: float = 0.0
    _last: float | None = None
    _step: float = 1 / 25  # the gap between decoded frames, to date frames without a timestamp

    @property
    def end(self) -> float:
        """Where the last decoded frame ends."""
        return 0.0 if self._last is None else self._last + self._step

    def offer(self, frame: av.VideoFrame, time: float | None) -> None:
        time = max(self.end if time is None else time, 0.0)
        if self._last is not None and time > self._last:
            self._step = time - self._last
        self._last = time
        tolerance = self._step / 2  # the decoded frame nearest to the target time stands for it
        if time + tolerance < self._next:
            return
        self.frames.append(self._convert(frame))
        self.times.append(round(time, 3))
        self._next = (math.floor((time + tolerance) * self.fps) + 1) / self.fps

    def _convert(self, frame: av.VideoFrame) -> np.ndarray:
        turns = round(frame.rotation / 90) % 4 if frame.rotation else 0
        width, height = (frame.height, frame.width) if turns % 2 else (frame.width, frame.height)
        self.size = (width, height)
        scale = min(1.0, self.max_side / max(width, height))
        out_width, out_height = max(2, round(frame.width * scale)), max(2, round(frame.height * scale))
        pixels = frame.to_ndarray(format="rgb24", width=out_width, height=out_height, interpolation="AREA")
        return np.ascontiguousarray(np.rot90(pixels, turns)) if turns else pixels


@dataclass
class _AudioCollector:
    """Resamples every audio frame to 16 kHz mono float32, keeping the track aligned with the clip's clock."""

    chunks: list[np.ndarray] = field(default_factory=list)
    resampler: av.AudioResampler = field(
        default_factory=lambda: av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    )

    def add(self, frame: av.AudioFrame, time: float | None) -> None:
        if not self.chunks and time is not None and time > 0:
            self.chunks.append(np.zeros(round(time * SAMPLE_RATE), np.float32))  # audio starting late: pad
        self._keep(self.resampler.resample(frame))

    def samples(self) -> np.ndarray:
        self._keep(self.resampler.resample(None))
        if not self.chunks:
            return np.zeros(0, np.float32)
        return np.concatenate(self.chunks).astype(np.float32, copy=False)

    def _keep(self, resampled: list[av.AudioFrame]) -> None:
        self.chunks.extend(part.to_ndarray().reshape(-1) for part in resampled)


def _assemble(
    video: av.VideoStream | None,
    frames: _FramePicker | None,
    sound: _AudioCollector | None,
    declared: float | None,
) -> Clip:
    samples = sound.samples() if sound is not None else None
    pictures = frames.frames if frames is not None else []
    if not pictures and (samples is None or samples.size == 0):
        raise ClipError("The file contains no picture or sound that could be decoded.")
    if video is not None and not pictures:
        raise ClipError("The video track could not be decoded.")
    notices = []
    if video is None:
        notices.append(NO_VIDEO)
    if samples is None:
        notices.append(NO_AUDIO)
    decoded = _decoded_duration(frames, samples)
    if declared is not None and declared - decoded > max(CUT_OFF_SLACK, CUT_OFF_SHARE * declared):
        raise ClipError(f"The file is damaged or cut off: it should last {declared:.1f} s but ends at {decoded:.1f} s.")
    width, height = frames.size if frames is not None else (0, 0)
    return Clip(
        frames=pictures,
        frame_times=frames.times if frames is not None else [],
        audio=samples,
        duration=declared if declared is not None else decoded,
        width=width,
        height=height,
        sample_rate=SAMPLE_RATE,
        notices=tuple(notices),
    )


def _decoded_duration(frames: _FramePicker | None, samples: np.ndarray | None) -> float:
    """The clip's length from what was decoded, for containers that do not declare it."""
    video_end = frames.end if frames is not None else 0.0
    audio_end = samples.size / SAMPLE_RATE if samples is not None else 0.0
    return round(max(video_end, audio_end), 3)
