"""G2: the MER2024 MER-OV set-level Accuracy_s / Recall_s from LLM synonym groupings (spec §6).

An LLM groups the union of a sample's gt and predicted labels into synonym groups; every word is replaced by the first
word of its group and the sets are compared. The official numbers keep a quirk that is reproduced here: group members
are used exactly as the LLM returned them (not lower-cased) while the labels are lower-cased, so a capitalised word in
a reply silently fails to match. The groupings come from the authors' cached replies (a zip of ``.npy`` strings) or
from :mod:`emer_eval.extract.llm`.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import numpy as np

from ..errors import EmerEvalError, InputError

_BRACKETS = re.compile(r"[\[\]]")
_QUOTES = re.compile(r"['\"]")


def parse_grouping_reply(reply: str) -> list[list[str]]:
    """Groups from an LLM reply such as ``[['happy', 'joyful'], ['sad']]`` (split on brackets, then on quotes)."""
    groups = []
    for chunk in _BRACKETS.split(reply):
        members = [item for item in _QUOTES.split(chunk) if item.strip() not in ("", ",")]
        if members:
            groups.append(members)
    return groups


def _representatives(groups: list[list[str]]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for group in groups:
        for word in group:
            mapping[word] = group[0]
    return mapping


def g2_scores(predictions: Mapping[str, Sequence[str]], ground_truth: Mapping[str, Sequence[str]],
              groupings: Mapping[str, str]) -> dict[str, float | int]:
    """Accuracy_s, Recall_s and Avg over the gt samples that have a grouping reply; a missing prediction scores 0."""
    precisions, recalls = [], []
    for name, gt_labels in ground_truth.items():
        if name not in groupings:
            continue
        mapping = _representatives(parse_grouping_reply(groupings[name]))
        gt = {mapping.get(label, label) for label in gt_labels}
        pred = {mapping.get(label, label) for label in predictions.get(name, ())}
        if not gt:
            continue
        if pred:
            precisions.append(len(gt & pred) / len(pred))
            recalls.append(len(gt & pred) / len(gt))
        else:
            precisions.append(0.0)
            recalls.append(0.0)
    accuracy = float(np.mean(precisions)) if precisions else 0.0
    recall = float(np.mean(recalls)) if recalls else 0.0
    return {"accuracy_s": accuracy, "recall_s": recall, "avg": (accuracy + recall) / 2, "n": len(precisions)}


GROUPINGS_MAX_MEMBERS = 100_000
GROUPINGS_MAX_BYTES = 64 * 2**20
"""Bounds of a cached groupings zip (the official one: 332 members, 0.2 MB): checked from the central directory
before anything is decompressed, as for uploaded ``.npz`` files — a crafted zip cannot expand into gigabytes."""
GROUPING_MEMBER_MAX_BYTES = 2**20
COVERAGE_REFUSAL = 0.9
"""G2 is refused when the groupings cover fewer of the predicted labels than this: an uncovered label is compared by
its own spelling only, so the number measures the cache, not the predictions (Chat-UniVi against the official
cache: 28.17 where the paper, with its own groupings, says 53.08)."""


@dataclass(frozen=True)
class Coverage:
    """How many predicted labels (distinct per sample) the grouping replies mention."""

    covered: int
    total: int

    @property
    def fraction(self) -> float:
        return self.covered / self.total if self.total else 1.0

    def warning(self, tag: str) -> str:
        return (f"G2: the groupings ({tag}) cover {self.covered} of {self.total} predicted labels "
                f"({self.fraction:.1%}); the others only match by identical spelling")


def coverage(predictions: Mapping[str, Sequence[str]], ground_truth: Mapping[str, Sequence[str]],
             groupings: Mapping[str, str]) -> Coverage:
    """The predicted labels of the scored samples that appear in their sample's grouping reply."""
    covered = total = 0
    for name in ground_truth:
        if name not in groupings:
            continue
        members = _representatives(parse_grouping_reply(groupings[name]))
        labels = set(predictions.get(name, ()))
        total += len(labels)
        covered += sum(1 for label in labels if label in members)
    return Coverage(covered, total)


def check_coverage(found: Coverage, tag: str) -> None:
    if found.fraction < COVERAGE_REFUSAL:
        raise EmerEvalError(f"{found.warning(tag)} — below {COVERAGE_REFUSAL:.0%}, so G2 is not computed: these "
                            f"groupings were made for other predictions; group these labels with an LLM endpoint "
                            f"(EMER_LLM_BASE_URL, EMER_LLM_MODEL) instead of --groupings")


def groupings_tag(replies: Mapping[str, str]) -> str:
    """``cache:<sha256 prefix>`` of the replies: two G2 numbers are comparable only when made with the same ones."""
    digest = hashlib.sha256()
    for name in sorted(replies):
        digest.update(f"{name}\0{replies[name]}\0".encode("utf-8", "surrogatepass"))
    return f"cache:{digest.hexdigest()[:12]}"


def load_groupings(path: str | Path) -> dict[str, str]:
    """Cached grouping replies from a zip (or folder) of ``<sample>.npy`` files holding one plain unicode string.

    Arrays are loaded with ``allow_pickle=False``: a pickled member is refused, never executed. A zip's members are
    counted and their declared sizes checked before any is decompressed.
    """
    path = Path(path)
    replies: dict[str, str] = {}
    items: list[tuple[str, bytes]]
    if path.is_dir():
        entries = sorted(path.glob("*.npy"))
        big = next((entry for entry in entries if entry.stat().st_size > GROUPING_MEMBER_MAX_BYTES), None)
        if big is not None:
            raise InputError(f"'{big.name}' has {big.stat().st_size / 2**20:,.1f} MB (at most "
                             f"{GROUPING_MEMBER_MAX_BYTES // 2**20} MB per reply)", file=path)
        items = [(entry.name, entry.read_bytes()) for entry in entries]
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            infos = [info for info in archive.infolist() if info.filename.endswith(".npy") and not info.is_dir()]
            _check_archive(infos, path)
            items = [(PurePosixPath(info.filename).name, archive.read(info)) for info in infos]
    else:
        raise InputError("not a zip file or folder of .npy grouping replies", file=path)
    for filename, payload in items:
        try:
            array = np.load(io.BytesIO(payload), allow_pickle=False)
        except ValueError as error:
            raise InputError(f"member '{filename}' is not a plain string array ({error})", file=path) from None
        replies[filename[: -len(".npy")]] = str(array.item() if array.shape == () else array.reshape(-1)[0])
    return replies


def _check_archive(infos: list[zipfile.ZipInfo], path: Path) -> None:
    if len(infos) > GROUPINGS_MAX_MEMBERS:
        raise InputError(f"{len(infos)} members (at most {GROUPINGS_MAX_MEMBERS})", file=path)
    big = next((info for info in infos if info.file_size > GROUPING_MEMBER_MAX_BYTES), None)
    if big is not None:
        raise InputError(f"member '{big.filename}' would expand to {big.file_size / 2**20:,.1f} MB (at most "
                         f"{GROUPING_MEMBER_MAX_BYTES // 2**20} MB per reply) — refused without decompressing",
                         file=path)
    total = sum(info.file_size for info in infos)
    if total > GROUPINGS_MAX_BYTES:
        raise InputError(f"the replies would expand to {total / 2**20:,.0f} MB (at most "
                         f"{GROUPINGS_MAX_BYTES // 2**20} MB) — refused without decompressing", file=path)
