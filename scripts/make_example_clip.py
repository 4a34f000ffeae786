"""Make an example clip for the demo: eSpeak NG speech over a still face, written to ``examples/`` by default.

    python scripts/make_example_clip.py                                   # the angry default sentence
    python scripts/make_example_clip.py "What a lovely surprise!" -o examples/happy.webm
    python scripts/make_example_clip.py --image two-faces --no-audio -o examples/two_faces.mp4

The clips are generated, never committed: rebuild them whenever they are needed (a second each, no network).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
IMAGES = ("astronaut", "two-faces", "no-face")


def _image(choice: str) -> np.ndarray:
    """A named built-in image, or an image file read as RGB."""
    from space.demo import examples

    named = {"astronaut": examples.astronaut, "two-faces": examples.two_faces, "no-face": examples.no_face}
    if choice in named:
        return named[choice]()
    import cv2

    picture = cv2.imread(choice, cv2.IMREAD_COLOR)
    if picture is None:
        raise SystemExit(f"cannot read the image {choice!r}; give a file or one of: {', '.join(IMAGES)}")
    return cv2.cvtColor(picture, cv2.COLOR_BGR2RGB)


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(REPO))  # run as a plain script from anywhere: make the `space` package importable
    from space.demo.examples import DEFAULT_TEXT, DEFAULT_VOICE, make_clip

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text", nargs="?", default=DEFAULT_TEXT, help="English sentence to speak ('' for silence)")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=REPO / "examples" / "angry.mp4",
        help="clip to write; .mp4/.mov/.mkv (H.264 + AAC) or .webm (VP8 + Opus)",
    )
    parser.add_argument("--image", default="astronaut", help=f"{' | '.join(IMAGES)} or an image file")
    parser.add_argument("--voice", default=DEFAULT_VOICE, help="eSpeak NG voice (espeak-ng --voices=en)")
    parser.add_argument("--seconds", type=float, help="clip length (default: the speech plus a short pause)")
    parser.add_argument("--no-audio", action="store_true", help="write no audio track at all")
    args = parser.parse_args(argv)
    path = make_clip(
        args.output,
        args.text,
        image=_image(args.image),
        voice=args.voice,
        seconds=args.seconds,
        audio=not args.no_audio,
    )
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
