"""The visual stage on generated clips of the public-domain astronaut portrait, and its cues on made-up data."""

from __future__ import annotations

import math

import numpy as np
import pytest
from clips import ClipMaker, frown, reshape_face

from space.demo import render
from space.demo.decode import decode
from space.demo.examples import astronaut, no_face
from space.demo.types import EXPRESSIONS, Clip, VisualClues
from space.demo.visual import NO_FACE, NO_VIDEO, FaceFrame, analyse_faces, geometry, look, summarise

pytestmark = pytest.mark.usefixtures("face_models")


def said(clues: VisualClues) -> list[str]:
    """The clue phrases rendered from the stage's cues."""
    return render.phrases(clues.findings)


def test_astronaut_smiles_throughout(demo_clips: ClipMaker) -> None:
    clues = analyse_faces(decode(demo_clips.path("speech.mp4")))
    assert sum(count >= 1 for count in clues.faces) >= 0.8 * len(clues.faces)
    assert clues.dominant == "happy"
    assert said(clues)[0] == "the person smiles throughout"
    assert clues.findings[0].name == "expression" and clues.findings[0].value >= 0.8
    assert clues.notices == []
    assert len(clues.times) == len(clues.faces) == len(clues.expressions["happy"])
    assert set(clues.cues) == {"mouth_open", "smile", "brow_raise", "brow_knit", "eye_open"}
    assert all(abs(value) < 0.02 for values in clues.cues.values() for value in values)  # a still face: no change


def test_expression_scores_are_probabilities() -> None:
    scores = look(astronaut()).expressions
    assert scores is not None and scores.shape == (len(EXPRESSIONS),)
    assert np.all(scores >= 0) and scores.sum() == pytest.approx(1.0, abs=1e-3)
    assert EXPRESSIONS[int(np.argmax(scores))] == "happy"


def test_no_face_gives_a_notice_and_no_phrases(demo_clips: ClipMaker) -> None:
    clues = analyse_faces(decode(demo_clips.path("no_face.mp4")))
    assert clues.findings == () and clues.dominant is None
    assert clues.notices == [NO_FACE] and "no face" in NO_FACE
    assert clues.faces == [0] * len(clues.times)
    assert all(math.isnan(value) for value in clues.expressions["happy"])


@pytest.mark.parametrize(
    "picture",
    [no_face(), np.random.default_rng(0).integers(0, 256, (360, 640, 3), dtype=np.uint8), astronaut()[::-1]],
    ids=["gradient", "noise", "upside-down"],
)
def test_non_faces_are_not_faces(picture: np.ndarray) -> None:
    assert look(np.ascontiguousarray(picture)).faces == 0


def test_mirrored_face_reads_the_same() -> None:
    straight, mirrored = look(astronaut()), look(np.ascontiguousarray(astronaut()[:, ::-1]))
    assert mirrored.faces == 1
    for name, value in straight.geometry.items():
        assert mirrored.geometry[name] == pytest.approx(value, abs=0.03)


def test_two_faces_notice_names_the_largest(demo_clips: ClipMaker) -> None:
    clues = analyse_faces(decode(demo_clips.path("two_faces.mp4")))
    assert max(clues.faces) == 2
    assert any("several faces" in notice and "largest face is analysed" in notice for notice in clues.notices)
    assert clues.dominant == "happy"


def test_no_video_track() -> None:
    clip = Clip(frames=[], frame_times=[], audio=np.zeros(16_000, np.float32), duration=1.0, width=0, height=0)
    clues = analyse_faces(clip)
    assert clues.notices == [NO_VIDEO] and clues.findings == ()


# --- geometry on a real face: each cue moves the right way --------------------------------------------------------


@pytest.fixture(scope="module")
def neutral_geometry() -> dict[str, float]:
    return look(astronaut()).geometry


def _change(picture: np.ndarray, before: dict[str, float]) -> dict[str, float]:
    after = look(picture).geometry
    assert after is not None, "the reshaped face must still be found"
    return {name: after[name] - before[name] for name in before}


def test_corners_pulled_down_lower_the_smile(neutral_geometry: dict[str, float]) -> None:
    assert _change(frown(astronaut()), neutral_geometry)["smile"] < -0.03


def test_corners_pulled_up_raise_the_smile(neutral_geometry: dict[str, float]) -> None:
    assert _change(reshape_face(astronaut(), {61: (0, -0.1), 291: (0, -0.1)}), neutral_geometry)["smile"] > 0.01


def test_lifted_brows_raise_the_brows(neutral_geometry: dict[str, float]) -> None:
    lifted = reshape_face(astronaut(), {105: (0, -0.15), 334: (0, -0.15)}, reach=0.18)
    assert _change(lifted, neutral_geometry)["brow_raise"] > 0.03


def test_inner_brows_pulled_together_close_the_gap(neutral_geometry: dict[str, float]) -> None:
    pull = {107: (0.25, 0.1), 55: (0.25, 0.1), 65: (0.15, 0.1), 336: (-0.25, 0.1), 285: (-0.25, 0.1), 295: (-0.15, 0.1)}
    knit = reshape_face(astronaut(), pull, reach=0.15)
    assert _change(knit, neutral_geometry)["brow_gap"] < -0.01


def test_lids_pulled_together_narrow_the_eyes(neutral_geometry: dict[str, float]) -> None:
    squint = reshape_face(astronaut(), {159: (0, 0.05), 145: (0, -0.05), 386: (0, 0.05), 374: (0, -0.05)}, reach=0.06)
    assert _change(squint, neutral_geometry)["eye_open"] < -0.005


def test_geometry_ignores_head_roll() -> None:
    points = look(astronaut()).landmarks
    angle = math.radians(20)
    rotation = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    rolled = geometry(points @ rotation.T * 1.7 + 40)  # rotated, scaled and moved: the same face
    for name, value in geometry(points).items():
        assert rolled[name] == pytest.approx(value, abs=1e-6)


def test_a_change_over_time_is_dated(demo_clips: ClipMaker) -> None:
    """The first half is the astronaut, the second the same face with the corners pulled down."""
    clues = analyse_faces(decode(demo_clips.path("frown.mp4")))
    assert any(cue.name == "movement" and cue.label == "smile" and cue.value < 0 and 1.5 <= (cue.start or 0) <= 2.5
               for cue in clues.findings)
    assert "from 0:02 the corners of the person's mouth turn down" in said(clues)
    assert "smiles" in said(clues)[0]


# --- phrases from made-up readings ------------------------------------------------------------------------------


def _frame(expression: str, **cues: float) -> FaceFrame:
    scores = np.full(len(EXPRESSIONS), 0.02)
    scores[EXPRESSIONS.index(expression)] = 1.0 - 0.02 * (len(EXPRESSIONS) - 1)
    shape = {"mouth_open": 0.1, "smile": 0.0, "brow_raise": 0.5, "brow_gap": 0.4, "eye_open": 0.1}
    for name, change in cues.items():
        shape[name] += change
    return FaceFrame(faces=1, expressions=scores, geometry=shape)


def _times(count: int) -> list[float]:
    return [index / 2 for index in range(count)]


def test_changes_starting_together_are_told_together() -> None:
    frames = [_frame("neutral")] * 6 + [_frame("neutral", smile=0.06, eye_open=-0.04)] * 6
    clues = summarise(frames, _times(12))
    assert said(clues) == [
        "the person keeps a neutral, composed face throughout",
        "from 0:03 the corners of the person's mouth rise",
        "from 0:03 the person's eyes narrow",
    ]
    assert render.video_part(clues) == ("In the video, the person keeps a neutral, composed face throughout. "
                                        "From 0:03, the corners of the person's mouth rise and the person's eyes "
                                        "narrow.")


def test_a_short_episode_is_dated_around_its_time() -> None:
    frames = [_frame("neutral")] * 4 + [_frame("surprise", brow_raise=0.08)] * 2 + [_frame("neutral")] * 4
    clues = summarise(frames, _times(10))
    assert clues.dominant == "neutral"
    assert said(clues)[1:] == ["around 0:02 the person looks surprised", "around 0:02 the person raises their eyebrows"]


def test_a_long_episode_has_a_start_and_an_end() -> None:
    frames = [_frame("happy")] * 4 + [_frame("angry", brow_gap=-0.05)] * 8 + [_frame("happy")] * 8
    clues = summarise(frames, _times(20))
    assert said(clues) == [
        "the person smiles most of the time",
        "from 0:02 to 0:06 the person looks angry",
        "from 0:02 to 0:06 the person draws their brows together",
    ]


def test_an_episode_is_as_strong_as_its_mean_frame() -> None:
    """A stretch is scored by its mean probability; one frame alone counts only when the model is fairly sure."""
    faint = _frame("neutral")
    faint_sad = FaceFrame(faces=1, expressions=np.array([0.1, 0.0, 0.1, 0.0, 0.45, 0.0, 0.35]), geometry=faint.geometry)
    strong_sad = FaceFrame(faces=1, expressions=np.array([0.0, 0.0, 0.1, 0.0, 0.85, 0.0, 0.05]),
                           geometry=faint.geometry)
    clues = summarise([faint] * 4 + [strong_sad, faint_sad] + [faint] * 4, _times(10))
    (sad,) = [cue for cue in clues.findings if cue.name == "episode"]
    assert sad.label == "sad" and sad.value == pytest.approx((0.85 + 0.45) / 2)
    lone = summarise([faint] * 4 + [faint_sad] + [faint] * 4, _times(9))
    assert not [cue for cue in lone.findings if cue.name == "episode"]


def test_a_one_frame_blip_is_not_a_change() -> None:
    frames = [_frame("neutral")] * 5 + [_frame("neutral", mouth_open=0.3)] + [_frame("neutral")] * 5
    assert said(summarise(frames, _times(11))) == ["the person keeps a neutral, composed face throughout"]


def test_cues_are_relative_to_the_first_seconds() -> None:
    frames = [FaceFrame(faces=0)] * 2 + [_frame("neutral")] * 4 + [_frame("neutral", brow_raise=0.05)] * 4
    clues = summarise(frames, _times(10))
    assert math.isnan(clues.cues["brow_raise"][0])
    assert clues.cues["brow_raise"][2] == pytest.approx(0.0)
    assert clues.cues["brow_raise"][-1] == pytest.approx(0.05)
    assert clues.cues["brow_knit"][-1] == pytest.approx(0.0)
    assert clues.notices == []  # 8 of 10 frames with a face is enough


def test_a_rarely_seen_face_is_noticed() -> None:
    frames = [FaceFrame(faces=0)] * 6 + [_frame("sad")] * 4
    clues = summarise(frames, _times(10))
    assert clues.notices == ["a face is visible in only 4 of 10 frames"]
    assert said(clues) == ["the person looks sad throughout"]


def test_clock_format() -> None:
    assert [render.clock(s) for s in (0, 2.4, 59.6, 61, 125)] == ["0:00", "0:02", "1:00", "1:01", "2:05"]


def test_twelve_second_clip_is_read_at_two_frames_a_second(demo_clips: ClipMaker) -> None:
    clues = analyse_faces(decode(demo_clips.path("twelve_seconds.mp4")))
    assert len(clues.times) == 24
