"""Media files crafted as an attacker would craft them, shared by the security benchmark and the decode tests."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np


def cheap_costly_video(path: Path, width: int, height: int, rate: int, seconds: float) -> Path:
    """A file small on disk that is costly to decode: one encoded key frame, then the same tiny "nothing changed"
    frame muxed again and again — ``rate`` × ``seconds`` full-size frames to decode from a few hundred KB."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=rate)
        stream.width, stream.height = width, height
        stream.pix_fmt = "yuv420p"
        stream.options = {"preset": "ultrafast", "bframes": "0"}
        packets = []
        for index in range(2):
            picture = av.VideoFrame.from_ndarray(np.zeros((height, width, 3), np.uint8), format="rgb24")
            picture.pts = index
            packets += list(stream.encode(picture))
        packets += list(stream.encode())
        container.mux(packets[0])
        unchanged, time_base = bytes(packets[1]), packets[1].time_base
        for index in range(1, int(rate * seconds)):
            packet = av.Packet(unchanged)
            packet.pts = packet.dts = index
            packet.time_base, packet.stream = time_base, stream
            container.mux(packet)
    return path
