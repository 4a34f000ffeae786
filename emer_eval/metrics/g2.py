"""G2: the MER2024 MER-OV set-level Accuracy_s / Recall_s from LLM synonym groupings (spec §6).

An LLM groups the union of a sample's gt and predicted labels into synonym groups; every word is replaced by the first
word of its group and the sets are compared. The official numbers keep a quirk that is reproduced here: group members
are used exactly as the LLM returned them (not lower-cased) while the labels are lower-cased, so a capitalised word in
a reply silently fails to match. The groupings come from the authors' cached replies (a zip of ``.npy`` strings) or
from :mod:`emer_eval.extract.llm`.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Mapping, Sequence

import numpy as np

from ..errors import InputError

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


def load_groupings(path: str | Path) -> dict[str, str]:
    """Cached grouping replies from a zip (or folder) of ``<sample>.npy`` files holding one plain unicode string.

    Arrays are loaded with ``allow_pickle=False``: a pickled member is refused, never executed.
    """
    path = Path(path)
    replies: dict[str, str] = {}
    if path.is_dir():
        items = ((entry.name, entry.read_bytes()) for entry in sorted(path.glob("*.npy")))
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            items = [(PurePosixPath(info.filename).name, archive.read(info))
                     for info in archive.infolist() if info.filename.endswith(".npy") and not info.is_dir()]
    else:
        raise InputError("not a zip file or folder of .npy grouping replies", file=path)
    for filename, payload in items:
        try:
            array = np.load(io.BytesIO(payload), allow_pickle=False)
        except ValueError as error:
            raise InputError(f"member '{filename}' is not a plain string array ({error})", file=path) from None
        replies[filename[: -len(".npy")]] = str(array.item() if array.shape == () else array.reshape(-1)[0])
    return replies
