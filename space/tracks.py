"""Tracks — what can be submitted to — read from the readable ``space/tracks.toml``.

A track whose ground truth is not available does not stop the app: it reports what is missing and how to provide it.
The ground truth is loaded server-side only and cached per process. ``test_set`` says honestly whether the test
labels are public (anyone can download them: per-sample results may be shown) or private (only aggregates leave the
server); ``official`` says which score signatures follow the track's published protocol and so are ranked together.
"""

from __future__ import annotations

import fnmatch
import functools
import itertools
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar, cast

from emer_eval import EmerEvalError, Predictions, load_ground_truth, resource_file

from .config import REPO, Settings

T = TypeVar("T")

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 (HF Spaces default)
    import tomli as tomllib

INPUT_KINDS = ("labels", "explanations")
LANGUAGES = {"zh": "Chinese", "en": "English"}
"""Languages a judge track can take, by the code used in signatures (``lang:zh``)."""
TEST_SETS = ("public", "private")
SCALES = ("fraction", "1-10")
OFFICIAL_LLM = "llm:*Qwen2.5-7B-Instruct"
"""The published extraction: Qwen2.5-7B-Instruct with the official sampling (any served name, no ``@`` overrides)."""


def signature_fields(signature: str) -> dict[str, str]:
    """``emer-eval:0.1.0|ew:2025|extract:llm:m|…`` → ``{"emer-eval": "0.1.0", "ew": "2025", "extract": "llm:m", …}``."""
    fields = {}
    for part in (signature or "").split("|"):
        key, sep, value = part.partition(":")
        if sep:
            fields[key] = value
    return fields


def ranking_group(fields: Sequence[tuple[str, str]]) -> str:
    """The name of a ranked group: ``official``, or ``official`` with the fields it is ranked apart by."""
    return " ".join(["official", *(f"{key}:{value}" for key, value in fields)])


class TrackUnavailable(Exception):
    """The track's ground truth cannot be loaded; the message says what is missing and how to provide it."""


@dataclass(frozen=True)
class Track:
    """One leaderboard track."""

    id: str
    title: str
    description: str
    input: str
    metrics: tuple[str, ...]
    primary: str
    wheels: str
    test_set: str
    test_set_reason: str
    ground_truth: Mapping[str, str]
    official: Mapping[str, tuple[str, ...]]
    """Signature field → accepted values (``fnmatch`` patterns): a row is official when every field matches."""
    references: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Judge tracks: language (``zh``, ``en``) → where the reference descriptions of that language are."""
    scale: str = "fraction"
    family_wheel: int = 1
    """Which emotion wheel's level-1 rings define the emotion families of the per-family breakdown."""
    test_clip_sources: tuple[str, ...] = ()
    """Declarable training sets that contain this track's test clips (entries trained on them are marked)."""
    review_above: float | None = 0.95
    """A primary score at or above this is held for an admin (``review_above`` in tracks.toml; default 0.95 on
    fraction-scaled tracks, none on 1–10 judged ones unless set; see :mod:`space.portal.review`)."""
    rank_reported: bool = True
    """Paper rows are ranked with the official rows (they followed the protocol); false when the paper's numbers came
    from another protocol (the EMER-V1 judge the paper used is retired), so they are listed apart."""
    rank_apart: tuple[str, ...] = ()
    """Signature fields whose values split the official rows into separate rankings (``lang`` on a judge track:
    Chinese rows are ranked among themselves, English rows among themselves, never one against the other)."""

    @property
    def private(self) -> bool:
        """Only aggregate scores leave the server (the test labels are not public)."""
        return self.test_set == "private"

    def disclosed(self, value: T, *, points: bool = False) -> T:
        """``value`` as it may leave the server: on a private track every float (nested in dicts, lists or a
        DataFrame) rounded to :data:`PRIVATE_DECIMALS` on the fraction scale — two fewer for values in points
        (×100) of a fraction-scaled track; unchanged on a public track."""
        if not self.private:
            return value
        decimals = PRIVATE_DECIMALS - 2 if points and self.scale == "fraction" else PRIVATE_DECIMALS
        return cast(T, rounded(value, decimals))

    @property
    def label_scored(self) -> bool:
        """Scored from labels with EW metrics or hit rate (reference rows and family breakdowns apply)."""
        return any(family in ("ew", "hit") for family in self.metrics)

    def is_official(self, signature: str) -> bool:
        """Does a score signature follow this track's published protocol (wheels, parser, extraction, …)?"""
        fields = signature_fields(signature)
        return bool(fields) and all(
            key in fields and any(fnmatch.fnmatchcase(fields[key], pattern) for pattern in patterns)
            for key, patterns in self.official.items())

    def official_text(self) -> str:
        """The official protocol in words, e.g. ``ew:2025, parse:official, extract:none``."""
        text = ", ".join(f"{key}:{'/'.join(values)}" for key, values in self.official.items())
        return text + (f"; each {'/'.join(self.rank_apart)} ranked apart" if self.rank_apart else "")

    @property
    def ranking_groups(self) -> tuple[str, ...]:
        """The ranked groups in board order: ``("official",)``, or one per value of the ``rank_apart`` fields in the
        order ``official`` lists them (``official lang:zh``, ``official lang:en``)."""
        return tuple(ranking_group(combo) for combo in itertools.product(
            *([(key, value) for value in self.official.get(key, ())] for key in self.rank_apart)))

    def read(self, predictions: Predictions) -> Predictions:
        """What of ``predictions`` this track scores (see :func:`read_as`)."""
        return read_as(self.input, predictions)

    @property
    def judged(self) -> bool:
        """Scored by the EMER-V1 LLM judge (clue / label overlap) rather than from labels."""
        return "g1" in self.metrics

    def ground_truth_source(self) -> str:
        """A human description of where the ground truth comes from (no server paths)."""
        gt = self.ground_truth
        if "resource" in gt:
            return f"resource {gt['resource']}/{gt['file']}"
        if "hf_dataset" in gt:
            return f"HF dataset {gt['hf_dataset']}:{gt['hf_file']}"
        return f"local file {Path(gt['path']).name}"

    def ground_truth_path(self, settings: Settings) -> Path:
        """The server-side path of the ground truth, or TrackUnavailable saying how to provide it."""
        return _source_path(self.ground_truth, settings)


def _source_path(gt: Mapping[str, str], settings: Settings) -> Path:
    """The server-side path of a data source (resource, path or HF dataset file), or TrackUnavailable."""
    try:
        if "resource" in gt:
            return resource_file(gt["resource"], gt["file"], settings.data_dirs or None)
        if "hf_dataset" in gt:
            from huggingface_hub import hf_hub_download

            return Path(hf_hub_download(gt["hf_dataset"], gt["hf_file"], repo_type="dataset",
                                        token=settings.hf_token))
        path = Path(gt["path"])
        path = path if path.is_absolute() else REPO / path
        if not path.is_file():
            raise TrackUnavailable(f"ground-truth file {path.name} not found; set the track's path in "
                                   f"{settings.tracks_file.name}")
        return path
    except EmerEvalError as error:
        raise TrackUnavailable(str(error)) from None
    except TrackUnavailable:
        raise
    except Exception as error:  # hub download: offline, no token, no such repo …
        raise TrackUnavailable(f"cannot read the ground truth from the HF dataset {gt['hf_dataset']} "
                               f"({type(error).__name__}); set EMER_HUB_HF_TOKEN and check the repo id") from None


def _check_source(gt: Mapping[str, Any], where: str) -> None:
    kinds = [key for key in ("resource", "path", "hf_dataset") if key in gt]
    if len(kinds) != 1 or ("resource" in gt and "file" not in gt) or ("hf_dataset" in gt and "hf_file" not in gt):
        raise ValueError(f"{where} needs exactly one of resource+file, path, hf_dataset+hf_file")


def _official(entry: Mapping[str, Any], where: str, judged: bool) -> dict[str, tuple[str, ...]]:
    """The track's ``official`` table, or the published protocol of its kind (labels, extraction, judge)."""
    table = entry.get("official")
    if table is None:
        if judged:
            return {"lang": ("zh", "en")}  # each judged against the references in its language, ranked apart
        extract = ("none",) if entry["input"] == "labels" else (OFFICIAL_LLM, OFFICIAL_LLM + "x*")
        return {"ew": (str(entry["wheels"]),), "parse": ("official",), "extract": extract}
    if not isinstance(table, Mapping) or not table:
        raise ValueError(f"{where}: official must be a table of signature field = value or [values]")
    return {str(key): (value,) if isinstance(value, str) else tuple(str(v) for v in value)
            for key, value in table.items()}


def _parse(entry: Mapping[str, Any], source: Path) -> Track:
    where = f"{source.name}, track {entry.get('id', '?')!r}"
    judged = "g1" in entry.get("metrics", ())
    if "visibility" in entry:
        raise ValueError(f"{where}: 'visibility' was replaced by test_set = \"public\" | \"private\" "
                         "and test_set_reason = \"why\"")
    required = ("id", "title", "description", "input", "primary", "test_set", "test_set_reason", "ground_truth",
                *(() if judged else ("wheels",)))
    missing = [key for key in required if key not in entry]
    if missing:
        raise ValueError(f"{where}: missing {', '.join(missing)}")
    if entry["input"] not in INPUT_KINDS:
        raise ValueError(f"{where}: input must be one of {INPUT_KINDS}")
    if entry["test_set"] not in TEST_SETS:
        raise ValueError(f"{where}: test_set must be one of {TEST_SETS}")
    if entry.get("scale", "1-10" if judged else "fraction") not in SCALES:
        raise ValueError(f"{where}: scale must be one of {SCALES}")
    gt = dict(entry["ground_truth"])
    _check_source(gt, f"{where}: ground_truth")
    references = {str(lang): dict(spec) for lang, spec in entry.get("references", {}).items()}
    for lang, spec in references.items():
        _check_source(spec, f"{where}: references.{lang}")
    if judged and not references:
        raise ValueError(f"{where}: a g1 (judge) track needs references.<lang> = the reference descriptions")
    official = _official(entry, where, judged)
    rank_apart = _rank_apart(entry, judged, where)
    unknown = [key for key in rank_apart if key not in official]
    if unknown:
        raise ValueError(f"{where}: rank_apart names {', '.join(unknown)}, which official does not list")
    return Track(id=entry["id"], title=entry["title"], description=" ".join(entry["description"].split()),
                 input=entry["input"], metrics=tuple(entry.get("metrics", ("ew",))), primary=entry["primary"],
                 wheels=str(entry.get("wheels", "none")), test_set=entry["test_set"],
                 test_set_reason=" ".join(str(entry["test_set_reason"]).split()), ground_truth=gt,
                 official=official, references=references,
                 scale=entry.get("scale", "1-10" if judged else "fraction"),
                 family_wheel=int(entry.get("family_wheel", 1)),
                 test_clip_sources=tuple(entry.get("test_clip_sources", ())),
                 review_above=_review_above(entry, judged, where),
                 rank_reported=bool(entry.get("rank_reported", not judged)),
                 rank_apart=rank_apart)


def _rank_apart(entry: Mapping[str, Any], judged: bool, where: str) -> tuple[str, ...]:
    value = entry.get("rank_apart", ["lang"] if judged else [])
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise ValueError(f"{where}: rank_apart must be a list of signature field names")
    return tuple(value)


def _review_above(entry: Mapping[str, Any], judged: bool, where: str) -> float | None:
    value = entry.get("review_above", None if judged else 0.95)
    if value is not None and not isinstance(value, (int, float)):
        raise ValueError(f"{where}: review_above must be a number")
    return None if value is None else float(value)


def load_tracks(path: Path) -> dict[str, Track]:
    """Tracks by id, in file order; a malformed file is a clear ValueError at start-up (it is ours, not a user's)."""
    with path.open("rb") as handle:
        entries = tomllib.load(handle).get("track", [])
    tracks = {}
    for entry in entries:
        track = _parse(entry, path)
        if track.id in tracks:
            raise ValueError(f"{path.name}: duplicate track id {track.id!r}")
        tracks[track.id] = track
    return tracks


@functools.lru_cache(maxsize=16)
def _cached_ground_truth(path: str, mtime: float) -> dict[str, list[str]]:
    return load_ground_truth(path)


def ground_truth(track: Track, settings: Settings) -> dict[str, list[str]]:
    """The track's gt labels (cached per file version); TrackUnavailable if it cannot be read."""
    path = track.ground_truth_path(settings)
    try:
        return _cached_ground_truth(str(path), path.stat().st_mtime)
    except EmerEvalError as error:
        raise TrackUnavailable(f"the ground truth of {track.id} is unreadable: {error}") from None


def read_as(track_input: str, predictions: Predictions) -> Predictions:
    """What of ``predictions`` a track taking ``track_input`` scores. An explanations track reads the descriptions
    only (the hub extracts their labels, or judges them): a label column beside them would otherwise be scored as
    given, the extraction skipped (``extract:none``), and ranked with the entries whose labels the hub extracted.
    A function of the input kind, not of the track, so a cached rehash of an upload can key on it."""
    if track_input == "explanations" and predictions.labels is not None and predictions.texts is not None:
        return replace(predictions, labels=None)
    return predictions


def ground_truth_if_here(track: Track | None, settings: Settings) -> dict[str, list[str]] | None:
    """:func:`ground_truth`, or None when the track is unknown or its data is not here (for views that can do
    without it)."""
    try:
        return ground_truth(track, settings) if track is not None else None
    except TrackUnavailable:
        return None


@functools.lru_cache(maxsize=16)
def _cached_texts(path: str, mtime: float) -> dict[str, str]:
    from emer_eval import load_predictions

    return dict(load_predictions(path).texts or {})


def references(track: Track, settings: Settings, lang: str) -> dict[str, str]:
    """A judge track's reference descriptions in ``lang`` (cached per file version); TrackUnavailable if unreadable.

    A language the track has no references for is a TrackUnavailable naming the languages it takes.
    """
    spec = track.references.get(lang)
    if spec is None:
        taken = " or ".join(LANGUAGES.get(code, code) for code in track.references)
        raise TrackUnavailable(f"track {track.id} judges descriptions in {taken} only")
    path = _source_path(spec, settings)
    try:
        texts = _cached_texts(str(path), path.stat().st_mtime)
    except EmerEvalError as error:
        raise TrackUnavailable(f"the {lang} reference descriptions of {track.id} are unreadable: {error}") from None
    if not texts:
        raise TrackUnavailable(f"the {lang} references of {track.id} hold no descriptions (a 'reasons' column)")
    return texts



PRIVATE_DECIMALS = 4
"""Scores of a private track leave the server to 4 decimals (the board shows 2 after ×100): full precision let a
submitter recover the ground truth one sample at a time from the differences between submissions."""


def rounded(value: Any, decimals: int) -> Any:
    """Every float in a nested dict / list / tuple or in a DataFrame's float columns rounded (a copy: the stored
    record keeps full precision)."""
    if isinstance(value, float):
        return round(value, decimals)
    if isinstance(value, Mapping):
        return {key: rounded(item, decimals) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [rounded(item, decimals) for item in value]
    if hasattr(value, "select_dtypes"):  # a pandas DataFrame (not imported here: the track layer needs no pandas)
        frame = value.copy()
        floats = frame.select_dtypes("float").columns
        frame[floats] = frame[floats].round(decimals)
        return frame
    return value
