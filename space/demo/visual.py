"""Facial evidence from a decoded clip: who is in view, which expression, and how the face moves over time.

Per frame: OpenCV's Haar cascade proposes face boxes; the MediaPipe face-mesh model confirms each one (its
face-presence score removes the cascade's false alarms) and gives 468 landmarks for the largest; the FER model
scores 7 expressions on that face. The landmarks become four readable geometry cues — mouth opening, mouth-corner
raise, brow raise, brow knit, plus eye opening — each measured *against the same person's first seconds*, because
faces differ far more from one another than one face does from moment to moment: "the corners of the mouth rise
from 0:03" is evidence, "the mouth is 0.2 wide" is not. Phrases carry m:ss times so an explanation can cite them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import cv2
import numpy as np

from space.demo import models
from space.demo.decode import NO_VIDEO
from space.demo.types import EXPRESSIONS, Clip, Cue, VisualClues

MIN_FACE = 1 / 10
"""Smallest face that counts, as a share of the frame's shorter side (smaller ones are background, not people)."""
DETECT_FACE_PX = 32
"""The cascade sees frames scaled so that the smallest face that counts is this many pixels tall: its window is
24 px, and faces barely bigger than that are missed often. Scaling by the face, not by the frame, keeps the cost
about the same for every frame size (~15–20 ms a frame on this machine, the stage's largest cost)."""
FER_PAD = 10
MESH_MARGIN = 0.25
MESH_SIDE = 192
MAX_CANDIDATES = 4
"""Haar boxes checked by the face-mesh per frame, largest first: enough to count a small group."""
DETECT_EVERY = 2
"""Run the cascade on every second frame (once a second at 2 fps); people rarely come and go faster than that."""
REFINE_PASSES = 2
BASELINE_SECONDS = 1.5
MIN_RUN = 2
"""Frames (at ~2 fps: about a second) a change must last to be reported: single-frame blips are landmark noise."""
SURE_FRAME = 0.6
"""Probability from which one frame's expression alone makes an episode."""
SEVERAL_FACES_SHARE = 1 / 3
MOSTLY_VISIBLE = 0.5

NO_FACE = "no face detected — visual analysis skipped"

# MediaPipe face-mesh landmark indices (the person's right side is on the image's left).
EYE_OUTER = (33, 263)
EYE_INNER = (133, 362)
LIP_INNER_TOP, LIP_INNER_BOTTOM = 13, 14
MOUTH_CORNERS = (61, 291)
BROWS = (105, 334)  # the middle of each eyebrow
INNER_BROWS = ((55, 285), (107, 336))  # the inner ends of the lower and upper brow contours
EYELIDS = ((159, 145), (386, 374))  # (upper, lower) for each eye

CUE_THRESHOLDS = {  # change from the baseline, in eye-corner distances, worth a phrase (still-face jitter ≤ 0.013)
    "mouth_open": 0.12,
    "smile": 0.03,
    "brow_raise": 0.03,
    "brow_knit": 0.02,  # the face-mesh moves inner brows reluctantly, and steadily: 0.003 jitter on a still face
    "eye_open": 0.025,
}
@dataclass(frozen=True)
class FaceFrame:
    """What one frame shows: how many faces, and for the largest its box, landmarks, expressions and geometry."""

    faces: int
    box: tuple[int, int, int, int] | None = None  # x, y, width, height in frame pixels
    landmarks: np.ndarray | None = None  # (468, 2) x, y in frame pixels
    expressions: np.ndarray | None = None  # 7 probabilities in EXPRESSIONS order
    geometry: dict[str, float] | None = None  # absolute cue values, in eye-corner distances (see geometry())


def analyse_faces(clip: Clip) -> VisualClues:
    """Facial clues for ``clip``; never raises on a user's clip — what cannot be seen becomes a notice."""
    if not clip.frames:
        return _empty(list(clip.frame_times), [], NO_VIDEO)
    return summarise(read_faces(clip.frames), list(clip.frame_times))


def read_faces(frames: list[np.ndarray]) -> list[FaceFrame]:
    """Read every frame, following the person from frame to frame as MediaPipe does.

    The cascade is the slow part (~15–25 ms a frame here, against ~1 ms for each model), so it runs on every
    :data:`DETECT_EVERY`-th frame and wherever following fails; frames in between follow the person with the
    face-mesh alone and repeat the last face count. A second, backward pass finds the person in the frames before
    the cascade first saw them.
    """
    seen: list[FaceFrame] = []
    for index, frame in enumerate(frames):
        last = seen[-1] if seen else None
        if last is not None and last.box is not None and index % DETECT_EVERY:
            followed = look(frame, follow=last.box, detect=False)
            if followed.box is not None:
                seen.append(replace(followed, faces=last.faces))
                continue
        seen.append(look(frame, follow=last.box if last is not None else None))
    for index in range(len(seen) - 2, -1, -1):
        if seen[index].box is None and seen[index + 1].box is not None:
            seen[index] = look(frames[index], follow=seen[index + 1].box, detect=False)
    return seen


def summarise(seen: list[FaceFrame], times: list[float]) -> VisualClues:
    """Turn per-frame readings (at ``times``) into series, relative cues, phrases and notices."""
    if not any(frame.expressions is not None for frame in seen):
        return _empty(times, [frame.faces for frame in seen], NO_FACE)
    expressions = _expression_series(seen)
    cues = _relative_cues(seen, times)
    dominant = _dominant(expressions)
    findings = [_overall(expressions, dominant), *_expression_episodes(times, expressions, dominant),
                *_cue_changes(times, cues)]
    findings.sort(key=lambda cue: -1.0 if cue.start is None else cue.start)
    return VisualClues(
        findings=tuple(findings),
        times=times,
        expressions=expressions,
        faces=[frame.faces for frame in seen],
        cues=cues,
        dominant=dominant,
        notices=_notices(seen),
    )


def _empty(times: list[float], faces: list[int], notice: str) -> VisualClues:
    return VisualClues(
        findings=(),
        times=times,
        expressions={name: [math.nan] * len(times) for name in EXPRESSIONS},
        faces=faces,
        notices=[notice],
    )


# --- one frame -------------------------------------------------------------------------------------------------------


def look(frame: np.ndarray, follow: tuple[int, int, int, int] | None = None, detect: bool = True) -> FaceFrame:
    """Find, confirm and read the faces in one RGB frame.

    ``follow`` is the person's box in a neighbouring frame: when the cascade misses a face seen there (it is flaky
    near its smallest sizes and with a turned head), the face-mesh is asked about that place instead.
    ``detect=False`` only follows, without the cascade: for frames between two detections, and for frames where
    the cascade has already found nothing.
    """
    boxes = _candidates(frame) if detect else []
    confirmed = [(box, landmarks) for box in boxes if (landmarks := _landmarks(frame, box)) is not None]
    if not confirmed and follow is not None and (landmarks := _landmarks(frame, follow)) is not None:
        confirmed = [(_box_around(landmarks), landmarks)]
    if not confirmed:
        return FaceFrame(faces=0)
    landmarks = _refined(frame, confirmed[0][1])  # candidates come largest first: the largest face is the person
    box = _box_around(landmarks)
    return FaceFrame(
        faces=len(confirmed),
        box=box,
        landmarks=landmarks,
        expressions=_expression(frame, box),
        geometry=geometry(landmarks),
    )


def _candidates(frame: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Haar face boxes in frame pixels, largest first, found on a smaller equalised gray copy for speed."""
    smallest = min(frame.shape[:2]) * MIN_FACE
    scale = min(1.0, DETECT_FACE_PX / smallest)
    small = cv2.resize(frame, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else frame
    gray = cv2.equalizeHist(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY))
    min_size = max(20, round(smallest * scale))
    boxes = models.face_cascade().detect(gray, scale=1.2, neighbours=3, min_size=min_size)
    ordered = sorted(boxes.tolist(), key=lambda box: box[2] * box[3], reverse=True)[:MAX_CANDIDATES]
    return [tuple(round(value / scale) for value in box) for box in ordered]


def _landmarks(frame: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray | None:
    """468 (x, y) face-mesh points in frame pixels, or None when the model says there is no face in the box."""
    crop, (left, top, size) = _square_crop(frame, box, MESH_MARGIN, MESH_SIDE)
    points, presence = models.tflite(models.FACE_LANDMARK.name)(crop[np.newaxis].astype(np.float32) / 255.0)
    if float(presence.reshape(-1)[0]) <= 0.0:  # a logit: > 0 means a face is more likely than not
        return None
    return points.reshape(468, 3)[:, :2] * (size / MESH_SIDE) + (left, top)


def _refined(frame: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """Re-run the face-mesh on crops placed by its own landmarks, as MediaPipe does between frames.

    The mesh's output depends on where the crop sits: on the astronaut, cascade boxes moved by ±8 % spread the brow
    cue over 0.040 eye distances, more than a real brow raise; two re-crops bring that to 0.004.
    """
    for _ in range(REFINE_PASSES):
        better = _landmarks(frame, _box_around(landmarks))
        if better is None:
            break
        landmarks = better
    return landmarks


def _box_around(points: np.ndarray) -> tuple[int, int, int, int]:
    """The box the cascade would draw around these landmarks: a square 1.07× their width, centred 8 % higher.

    (Measured on the astronaut at several sizes; keeps crops of followed faces like those of detected ones.)
    """
    (left, top), (right, bottom) = points.min(axis=0), points.max(axis=0)
    side = 1.07 * (right - left)
    centre_x, centre_y = (left + right) / 2, (top + bottom) / 2 - 0.08 * side
    return round(centre_x - side / 2), round(centre_y - side / 2), round(side), round(side)


def _square_crop(
    frame: np.ndarray, box: tuple[int, int, int, int], margin: float, side: int
) -> tuple[np.ndarray, tuple[int, int, int]]:
    """A square around the box with ``margin`` on each side, black where it leaves the frame, resized to ``side``;
    also its left, top and size in the frame.

    Square, because the face-mesh expects undistorted faces; padded rather than clipped, so a face at the edge keeps
    its proportions.
    """
    x, y, width, height = box
    size = round(max(width, height) * (1 + 2 * margin))
    left, top = round(x + width / 2 - size / 2), round(y + height / 2 - size / 2)
    canvas = np.zeros((size, size, 3), np.uint8)
    src_x0, src_y0 = max(left, 0), max(top, 0)
    src_x1, src_y1 = min(left + size, frame.shape[1]), min(top + size, frame.shape[0])
    canvas[src_y0 - top : src_y1 - top, src_x0 - left : src_x1 - left] = frame[src_y0:src_y1, src_x0:src_x1]
    return cv2.resize(canvas, (side, side), interpolation=cv2.INTER_AREA), (left, top, size)


def _expression(frame: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """FER's 7 probabilities for the face in ``box``, prepared exactly as the model was trained (see the docs)."""
    x, y, width, height = box
    crop = frame[max(y - FER_PAD, 0) : y + height + FER_PAD, max(x - FER_PAD, 0) : x + width + FER_PAD]
    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)
    face = cv2.resize(gray, (64, 64), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0
    (scores,) = models.tflite(models.EMOTION.name)(((face - 0.5) * 2.0)[np.newaxis, :, :, np.newaxis])
    return scores.reshape(-1)  # already a softmax: non-negative, sums to 1


def geometry(points: np.ndarray) -> dict[str, float]:
    """Absolute cue values of one face, in units of the outer-eye-corner distance, with the head roll removed.

    The eye-corner distance is the ruler because no expression changes it (the face height does: the jaw drops
    when the mouth opens). Positive always means "more of": mouth opening, corners above the upper lip, brows above
    the eyes, inner brows apart (a knit makes this *smaller*), eyelids apart.
    """
    upright = _level(points)
    ruler = float(np.linalg.norm(upright[EYE_OUTER[1]] - upright[EYE_OUTER[0]]))
    y = upright[:, 1] / ruler  # image y grows downwards
    eye_line = float(np.mean(y[list(EYE_OUTER + EYE_INNER)]))
    return {
        "mouth_open": float(y[LIP_INNER_BOTTOM] - y[LIP_INNER_TOP]),
        "smile": float(y[LIP_INNER_TOP] - np.mean(y[list(MOUTH_CORNERS)])),
        "brow_raise": float(eye_line - np.mean(y[list(BROWS)])),
        "brow_gap": float(np.mean([abs(upright[left, 0] - upright[right, 0]) for right, left in INNER_BROWS]) / ruler),
        "eye_open": float(np.mean([y[lower] - y[upper] for upper, lower in EYELIDS])),
    }


def _level(points: np.ndarray) -> np.ndarray:
    """Rotate the landmarks so the line through the outer eye corners is horizontal."""
    dx, dy = points[EYE_OUTER[1]] - points[EYE_OUTER[0]]
    angle = math.atan2(dy, dx)
    rotation = np.array([[math.cos(angle), math.sin(angle)], [-math.sin(angle), math.cos(angle)]])
    return points @ rotation.T


# --- over time -------------------------------------------------------------------------------------------------------


def _expression_series(seen: list[FaceFrame]) -> dict[str, list[float]]:
    rows = [frame.expressions if frame.expressions is not None else np.full(7, np.nan) for frame in seen]
    table = np.vstack(rows)
    return {name: table[:, index].tolist() for index, name in enumerate(EXPRESSIONS)}


def _relative_cues(seen: list[FaceFrame], times: list[float]) -> dict[str, list[float]]:
    """Each cue minus the person's own baseline (median over the first seconds); NaN where no face was read.

    ``brow_knit`` is the baseline inner-brow gap minus the current one, so that, like the others, positive means
    more of what the name says.
    """
    names = ("mouth_open", "smile", "brow_raise", "brow_gap", "eye_open")
    table = np.array([[frame.geometry[name] if frame.geometry else np.nan for name in names] for frame in seen])
    relative = table - _baseline(table, np.asarray(times))
    cues = {name: relative[:, index].tolist() for index, name in enumerate(names)}
    cues["brow_knit"] = [-value for value in cues.pop("brow_gap")]
    return cues


def _baseline(table: np.ndarray, times: np.ndarray) -> np.ndarray:
    """Median of the rows with a face in the first :data:`BASELINE_SECONDS`, or of the first three such rows."""
    with_face = ~np.isnan(table[:, 0])
    early = with_face & (times < times[with_face][0] + BASELINE_SECONDS)
    rows = table[early] if early.sum() >= 2 else table[with_face][:3]
    return np.median(rows, axis=0)


def _dominant(expressions: dict[str, list[float]]) -> str:
    means = {name: float(np.nanmean(values)) for name, values in expressions.items()}
    return max(means, key=means.__getitem__)


def _winners(expressions: dict[str, list[float]]) -> list[str | None]:
    """The top expression of each frame (None without a face)."""
    table = np.array([expressions[name] for name in EXPRESSIONS]).T
    return [None if np.isnan(row[0]) else EXPRESSIONS[int(np.argmax(row))] for row in table]


def _overall(expressions: dict[str, list[float]], dominant: str) -> Cue:
    """The dominant expression and the share of the frames with a face where it is the top one."""
    winners = [winner for winner in _winners(expressions) if winner is not None]
    return Cue("face", "expression", round(winners.count(dominant) / len(winners), 2), "share", dominant)


def _expression_episodes(times: list[float], expressions: dict[str, list[float]], dominant: str) -> list[Cue]:
    """Stretches where another expression than the dominant one wins (value: its mean probability there).

    The mean, not the peak: the maximum of a few noisy frames overstates what a short stretch shows. A single frame
    counts only when the model is fairly sure of it.
    """
    winners = _winners(expressions)
    episodes = []
    for name in EXPRESSIONS:
        if name == dominant:
            continue
        for first, last in _runs([winner == name for winner in winners], minimum=1):
            strength = float(np.nanmean(expressions[name][first : last + 1]))
            if last - first + 1 >= MIN_RUN or strength >= SURE_FRAME:
                episodes.append(Cue("face", "episode", round(strength, 2), "probability", name, times[first],
                                    _end(times, last)))
    return episodes


def _cue_changes(times: list[float], cues: dict[str, list[float]]) -> list[Cue]:
    """Runs of frames where a facial measure moved past its threshold from the person's own start."""
    changes = []
    for name, values in cues.items():
        delta = np.nan_to_num(np.asarray(values), nan=0.0)
        threshold = CUE_THRESHOLDS[name]
        for sign in (1, -1):
            if name == "brow_knit" and sign < 0:  # brows drawing apart again says nothing new
                continue
            for first, last in _runs(list(sign * delta >= threshold), minimum=MIN_RUN):
                peak = float(sign * np.max(sign * delta[first : last + 1]))
                changes.append(Cue("face", "movement", round(peak, 3), "eye distances", name, times[first],
                                   _end(times, last)))
    return changes


def _runs(flags: list[bool], minimum: int) -> list[tuple[int, int]]:
    """(first, last) index of every run of True at least ``minimum`` long."""
    runs, start = [], None
    for index, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            if index - start >= minimum:
                runs.append((start, index - 1))
            start = None
    return runs


def _end(times: list[float], last: int) -> float | None:
    """When a run stops: the next frame's time, or None when it lasts to the end of the clip."""
    return times[last + 1] if last + 1 < len(times) else None


def _notices(seen: list[FaceFrame]) -> list[str]:
    notices = []
    with_face = [frame for frame in seen if frame.expressions is not None]
    if len(with_face) < MOSTLY_VISIBLE * len(seen):
        notices.append(f"a face is visible in only {len(with_face)} of {len(seen)} frames")
    crowded = [frame.faces for frame in with_face if frame.faces > 1]
    if crowded and len(crowded) >= SEVERAL_FACES_SHARE * len(with_face):
        notices.append(f"several faces in view (up to {max(crowded)}) — the largest face is analysed")
    return notices
