"""Decoding generated clips: sampling, audio, and a clear ClipError for every kind of unusable upload."""

from __future__ import annotations

import time
from pathlib import Path

import av
import numpy as np
import pytest
from clips import ClipMaker

from benchmarks.crafted_media import cheap_costly_video
from space.demo import decode as decode_module
from space.demo.decode import NO_AUDIO, NO_VIDEO, ClipError, decode


def _duration(path: Path) -> float:
    with av.open(str(path)) as container:
        return container.duration / av.time_base


@pytest.mark.parametrize("name", ["speech.mp4", "speech.webm", "speech.mov", "speech.mkv"])
def test_frames_at_two_fps_and_audio_at_16k(demo_clips: ClipMaker, name: str) -> None:
    path = demo_clips.path(name)
    clip = decode(path)
    duration = _duration(path)
    assert clip.duration == pytest.approx(duration, abs=0.01)
    assert abs(len(clip.frames) - 2 * duration) <= 1
    assert len(clip.frame_times) == len(clip.frames)
    assert np.allclose(np.diff(clip.frame_times), 0.5, atol=0.1)  # within a decoded frame (only referenced ones)
    assert all(frame.dtype == np.uint8 and frame.shape == (512, 512, 3) for frame in clip.frames)
    assert (clip.width, clip.height) == (512, 512)
    assert clip.sample_rate == 16_000
    assert clip.audio is not None and clip.audio.dtype == np.float32 and clip.audio.ndim == 1
    assert clip.audio.size == pytest.approx(duration * 16_000, abs=0.06 * 16_000)
    assert 0.1 < np.abs(clip.audio).max() <= 1.0  # the speech is there, not silence
    assert clip.notices == ()


def test_frames_are_rgb_in_the_right_order(demo_clips: ClipMaker) -> None:
    """The astronaut's orange suit must stay orange: red well above blue in the bottom corners."""
    frame = decode(demo_clips.path("speech.mp4")).frames[0].astype(int)
    corner = frame[-60:, :60].reshape(-1, 3).mean(axis=0)
    assert corner[0] > corner[2] + 60


def test_longest_side_is_scaled_to_the_limit(demo_clips: ClipMaker) -> None:
    clip = decode(demo_clips.path("two_faces.mp4"), max_side=320)
    assert clip.frames[0].shape == (160, 320, 3)
    assert (clip.width, clip.height) == (1024, 512)  # the original size


def test_other_sampling_rates(demo_clips: ClipMaker) -> None:
    clip = decode(demo_clips.path("speech.mp4"), fps=4.0)
    assert np.allclose(np.diff(clip.frame_times), 0.25, atol=0.1)


def test_no_audio_track_is_a_notice(demo_clips: ClipMaker) -> None:
    clip = decode(demo_clips.path("no_audio.mp4"))
    assert clip.audio is None
    assert NO_AUDIO in clip.notices and "no audio track" in NO_AUDIO
    assert len(clip.frames) == 4


def test_silent_track_is_audio(demo_clips: ClipMaker) -> None:
    clip = decode(demo_clips.path("silence.mp4"))
    assert clip.audio is not None and np.abs(clip.audio).max() < 1e-3
    assert clip.notices == ()


def test_audio_only_file_is_allowed_with_a_notice(demo_clips: ClipMaker, tmp_path: Path) -> None:
    audio_only = tmp_path / "speech.m4a"
    with av.open(str(demo_clips.path("speech.mp4"))) as source, av.open(str(audio_only), "w") as target:
        stream = target.add_stream_from_template(source.streams.audio[0])
        for packet in source.demux(source.streams.audio[0]):
            if packet.dts is not None:
                packet.stream = stream
                target.mux(packet)
    clip = decode(audio_only)
    assert clip.frames == [] and clip.frame_times == []
    assert NO_VIDEO in clip.notices and "no video track" in NO_VIDEO
    assert clip.audio is not None and clip.audio.size == pytest.approx(clip.duration * 16_000, rel=0.02)


def test_text_file_is_not_a_video(demo_clips: ClipMaker) -> None:
    with pytest.raises(ClipError, match="not a video"):
        decode(demo_clips.path("not_a_video.mp4"))


def test_truncated_file_is_refused(demo_clips: ClipMaker) -> None:
    with pytest.raises(ClipError, match="corrupt|damaged"):
        decode(demo_clips.path("truncated.mp4"))


def test_truncated_streamable_file_is_refused(demo_clips: ClipMaker, tmp_path: Path) -> None:
    """With the index at the front (faststart) the file opens, and the damage shows only while decoding."""
    streamable = tmp_path / "streamable.mp4"
    with av.open(str(demo_clips.path("speech.mp4"))) as source:
        with av.open(str(streamable), "w", options={"movflags": "faststart"}) as target:
            streams = {src.index: target.add_stream_from_template(src) for src in source.streams}
            for packet in source.demux():
                if packet.dts is not None:
                    packet.stream = streams[packet.stream.index]
                    target.mux(packet)
    data = streamable.read_bytes()
    assert data[4:8] == b"ftyp" and data.index(b"moov") < data.index(b"mdat")
    for share in (0.3, 0.5, 0.7, 0.9):  # some cuts break a packet, others silently end the streams early
        streamable.write_bytes(data[: round(len(data) * share)])
        with pytest.raises(ClipError, match="damaged"):
            decode(streamable)


def test_undecodable_codec_is_refused(demo_clips: ClipMaker, tmp_path: Path) -> None:
    """A video track whose codec FFmpeg does not know (its tag overwritten) is named as such."""
    odd = tmp_path / "odd.mp4"
    odd.write_bytes(demo_clips.path("speech.mp4").read_bytes().replace(b"avc1", b"qqqq"))
    with pytest.raises(ClipError, match="video track uses a codec"):
        decode(odd)


def test_still_image_is_not_a_video(tmp_path: Path) -> None:
    import cv2

    picture = tmp_path / "photo.mp4"
    picture.write_bytes(cv2.imencode(".png", np.zeros((32, 32, 3), np.uint8))[1].tobytes())
    with pytest.raises(ClipError, match="still image"):
        decode(picture)


def _playlist(secret: Path) -> str:
    return f"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:2,\n{secret}\n#EXT-X-ENDLIST\n"


def _concat(secret: Path) -> str:
    return f"ffconcat version 1.0\nfile {secret.name}\n"


@pytest.mark.parametrize("name", ["playlist.m3u8", "playlist.mp4"])
@pytest.mark.parametrize("script", [_playlist, _concat], ids=["hls", "ffconcat"])
def test_a_script_naming_other_files_is_refused_unread(demo_clips: ClipMaker, tmp_path: Path, name: str,
                                                       script) -> None:
    """FFmpeg picks a demuxer by content: an upload that is an HLS playlist or an ffconcat script decoded the local
    files it names (another visitor's clip, any media on the server) as if they were the visitor's own clip."""
    secret = tmp_path / "someone_else.mp4"
    secret.write_bytes(demo_clips.path("no_audio.mp4").read_bytes())
    upload = tmp_path / name
    upload.write_text(script(secret))
    with pytest.raises(ClipError, match="not a video"):
        decode(upload)


def test_a_protocol_in_the_path_is_refused(demo_clips: ClipMaker, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A file name FFmpeg reads as a URL (``concat:``, ``subfile,``) opens no other file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.mp4").write_bytes(demo_clips.path("no_audio.mp4").read_bytes())
    crafted = tmp_path / "concat:a.mp4"
    crafted.write_bytes(b"x")
    with pytest.raises(ClipError, match="not a video"):
        decode("concat:a.mp4")


def test_too_long_clip_is_refused_before_decoding(demo_clips: ClipMaker) -> None:
    path = demo_clips.path("too_long.mp4")
    started = time.perf_counter()
    with pytest.raises(ClipError, match="60 s"):
        decode(path)
    assert time.perf_counter() - started < 0.5


def test_undeclared_length_stops_at_the_limit(demo_clips: ClipMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stream that does not declare its length (live webm) is cut off as soon as it passes the limit."""
    monkeypatch.setattr(decode_module, "_declared_duration", lambda container: None)
    with pytest.raises(ClipError, match="limit is 3 s"):
        decode(demo_clips.path("speech.mp4"), max_seconds=3)
    assert decode(demo_clips.path("no_audio.mp4")).duration == pytest.approx(2.0, abs=0.05)


def test_too_big_file_is_refused_unopened(demo_clips: ClipMaker) -> None:
    with pytest.raises(ClipError, match=r"too big: .* MB; the limit is 0\.0954 MB"):
        decode(demo_clips.path("speech.mp4"), max_bytes=100_000)


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(ClipError, match="not found"):
        decode(tmp_path / "nothing.mp4")
    (tmp_path / "empty.mp4").touch()
    with pytest.raises(ClipError, match="empty"):
        decode(tmp_path / "empty.mp4")


def test_example_script_writes_a_decodable_clip(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[2] / "scripts" / "make_example_clip.py"
    target = tmp_path / "hello.webm"
    subprocess.run([sys.executable, str(script), "Hello there", "-o", str(target)], check=True, capture_output=True)
    clip = decode(target)
    assert len(clip.frames) >= 3 and clip.audio is not None and np.abs(clip.audio).max() > 0.1


def _solid_video(path: Path, side: int, frames: int, rate: int) -> Path:
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=rate)
        stream.width = stream.height = side
        stream.pix_fmt = "yuv420p"
        stream.options = {"preset": "ultrafast"}
        for index in range(frames):
            picture = av.VideoFrame.from_ndarray(np.full((side, side, 3), index * 40, np.uint8), format="rgb24")
            for packet in stream.encode(picture):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def test_a_huge_frame_is_refused_before_decoding(tmp_path: Path, monkeypatch) -> None:
    path = _solid_video(tmp_path / "huge.mp4", 4608, 2, 2)            # 150 KB on disk, 64 MB per decoded frame
    decoded: list[int] = []
    monkeypatch.setattr(decode_module._FramePicker, "offer", lambda self, frame, time: decoded.append(1))
    with pytest.raises(ClipError, match="too large: 4608×4608 pixels; the limit is 4096×2304"):
        decode(path)
    assert decoded == []


def test_pixels_times_frames_is_budgeted_from_the_header_and_while_decoding(demo_clips: ClipMaker,
                                                                          monkeypatch) -> None:
    path = demo_clips.path("speech.mp4")                             # 512², 25 fps, a few seconds
    monkeypatch.setattr(decode_module, "MAX_PIXEL_FRAMES", 512 * 512 * 20)
    with pytest.raises(ClipError, match="would take too long to analyse: 512×512 at 25 fps"):
        decode(path)
    decoded: list[int] = []
    monkeypatch.setattr(decode_module, "_check_video_budget", lambda video, seconds: None)  # a lying header
    monkeypatch.setattr(decode_module._FramePicker, "offer", lambda self, frame, time: decoded.append(1))
    with pytest.raises(ClipError, match="would take too long to analyse"):
        decode(path)
    assert len(decoded) <= 20                                        # decoding stopped at the budget


def test_a_small_file_costly_to_decode_is_refused_at_the_default_budget(tmp_path: Path, monkeypatch) -> None:
    """2,400 frames of 4096×2304 (each within the frame limit) in ~100 KB: six times the default pixel × frame
    budget, refused from the header before a single frame is decoded."""
    path = cheap_costly_video(tmp_path / "costly.mp4", 4096, 2304, 240, 10)
    assert path.stat().st_size < 1_000_000
    assert decode_module.MAX_PIXEL_FRAMES == 1920 * 1080 * 30 * 60                 # the default, not a test value
    decoded: list[int] = []
    monkeypatch.setattr(decode_module._FramePicker, "offer", lambda self, frame, time: decoded.append(1))
    with pytest.raises(ClipError, match="would take too long to analyse: 4096×2304 at 240 fps for 10 s"):
        decode(path)
    assert decoded == []


def test_decoding_stops_at_its_time_limit(demo_clips: ClipMaker, monkeypatch) -> None:
    monkeypatch.setattr(decode_module, "MAX_DECODE_SECONDS", 0.0)
    decoded: list[int] = []
    monkeypatch.setattr(decode_module._FramePicker, "offer", lambda self, frame, time: decoded.append(1))
    with pytest.raises(ClipError, match="took longer than 0 s to decode"):
        decode(demo_clips.path("speech.mp4"))
    assert decoded == []
