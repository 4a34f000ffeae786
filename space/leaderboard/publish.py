"""Results on the Hub: the board as a dataset file, one entry as an ``.eval_results`` YAML, one entry as an SVG badge.

Formats (documented in the README, validated by the tests):

* **Board file** ``board/<track>.jsonl`` in the results dataset repo (``EMER_HUB_RESULTS_REPO``): one JSON object per
  board row, with every score as a flat column (``EW-L1_f``, ``W3-L2_p``, …; fractions in [0, 1], judge scores on
  their scale), the signature, ``official``, the rank and its 95 % range, the declarations. Rewritten whenever the
  board's row set changes; ``datasets.load_dataset("json", data_files=…)`` or
  ``load_dataset(repo, data_files="board/<track>.jsonl")`` reads it.
* **Eval results** (the Hub's convention, ``.eval_results/<name>.yaml`` in a model repo; checked by
  :func:`space.leaderboard.conventions.check_eval_results` before it is handed out): a YAML list with one item
  ``{dataset: {id, task_id}, value, date, source: {url, name}, notes}``; ``value`` is the primary score as the board
  shows it (points ×100, or the judge's scale), ``date`` the submission day, ``notes`` the signature and the setup.
* **Badge**: a self-contained SVG (no external fonts, links or scripts) reading
  ``<metric> | <score> · rank <r> (<range>)``; checked to parse as XML before it is handed out.
"""

from __future__ import annotations

import html
import json
import logging
import os
import tempfile
import threading
from collections.abc import Mapping, Sequence
from typing import Any
from xml.etree import ElementTree

import yaml

from .conventions import check_eval_results

log = logging.getLogger("emer_hub.publish")

BOARD_FOLDER = "board"
FLAT_FIELDS = ("f", "p", "r", "n", "hit", "mean")


def flat_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """One ``/leaderboard_json`` row as a flat record: scalar columns only, every score ``<metric>_<field>``."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if key == "scores":
            continue
        if key in ("rank_range",):
            flat["rank_best"], flat["rank_worst"] = (value or [None, None])
        elif isinstance(value, list):
            flat[key] = [str(item) for item in value]
        else:
            flat[key] = value
    for metric, block in (row.get("scores") or {}).items():
        if isinstance(block, Mapping):
            for field in FLAT_FIELDS:
                if isinstance(block.get(field), (int, float)) and not isinstance(block.get(field), bool):
                    flat[f"{metric}_{field}"] = block[field]
            ci = block.get("ci95")
            if isinstance(ci, list) and len(ci) == 2:
                flat[f"{metric}_ci_low"], flat[f"{metric}_ci_high"] = ci
        elif isinstance(block, (int, float)) and not isinstance(block, bool):
            flat[metric] = block
    return flat


def board_jsonl(rows: Sequence[Mapping[str, Any]]) -> bytes:
    """The board file's bytes: one flat JSON object per line, the same keys on every line (missing → null)."""
    flats = [flat_row(row) for row in rows]
    keys = list(dict.fromkeys(key for flat in flats for key in flat))
    lines = [json.dumps({key: flat.get(key) for key in keys}, ensure_ascii=False, allow_nan=False) for flat in flats]
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")


def eval_results_yaml(row: Mapping[str, Any], *, dataset_id: str, task_id: str, source_url: str = "",
                      source_name: str = "EMER Hub") -> str:
    """The ``.eval_results`` YAML of one board row (see the module docstring)."""
    factor = 100.0 if row.get("scale", "fraction") == "fraction" else 1.0
    notes = [f"signature {row.get('signature') or 'none (reported in a paper)'}",
             str(row.get("group") or "official") if row.get("official") else "non-official signature"]
    if row.get("rank_range"):
        low, high = row["rank_range"]
        notes.append(f"95 % rank range {low}-{high}")
    if row.get("zero_shot") is not None:
        notes.append("zero-shot" if row["zero_shot"] else "not zero-shot")
    item: dict[str, Any] = {"dataset": {"id": dataset_id, "task_id": task_id},
                            "value": round(float(row["score"]) * factor, 2)}
    created = row.get("created_at")
    if isinstance(created, str) and len(created) >= 10:
        item["date"] = created[:10]
    if source_url:
        item["source"] = {"url": source_url, "name": source_name}
    item["notes"] = "; ".join(notes)
    text = yaml.safe_dump([item], sort_keys=False, allow_unicode=True)
    check_eval_results(yaml.safe_load(text))  # what a reader of the file will get, not what we meant to write
    return text


def badge_svg(label: str, score: float, scale: str, rank: int | None, rank_range: Sequence[int] | None) -> str:
    """A flat two-part badge: ``label`` on grey, score and rank on colour (green when tied for first)."""
    value = f"{score * 100:.2f}" if scale == "fraction" else f"{score:.2f}"
    if rank is not None:
        value += f" · rank {rank}"
        if rank_range:
            value += f" ({rank_range[0]}–{rank_range[1]})"
    colour = "#2e9e44" if rank_range and rank_range[0] == 1 else "#2a6fdb" if rank is not None else "#7a7a7a"
    left, right = 7 * len(label) + 12, 7 * len(value) + 12
    width = left + right
    text_label, text_value = html.escape(label), html.escape(value)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
            f'aria-label="{text_label}: {text_value}"><title>{text_label}: {text_value}</title>'
            f'<rect width="{left}" height="20" fill="#555"/><rect x="{left}" width="{right}" height="20" '
            f'fill="{colour}"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">'
            f'<text x="6" y="14">{text_label}</text><text x="{left + 6}" y="14">{text_value}</text></g></svg>')
    ElementTree.fromstring(svg)  # well-formed, or a ParseError here rather than a broken image on someone's page
    return svg


class BoardPublisher:
    """Uploads ``board/<track>.jsonl`` to the results repo in the background, latest version wins.

    The board calls :meth:`publish` whenever a track's row set changes; a slow or failing Hub never delays a page or
    a submission (the upload runs on its own thread) and a failure is logged and retried with the next change.
    """

    def __init__(self, api: Any, repo_id: str, token: str | None = None) -> None:
        self.api, self.repo_id, self.token = api, repo_id, token
        self.last_error: str | None = None
        self.published = 0
        self._pending: dict[str, bytes] = {}
        self._cond = threading.Condition()
        self._busy = False
        self._thread = threading.Thread(target=self._run, name="board-publisher", daemon=True)
        self._thread.start()

    def publish(self, track: str, rows: Sequence[Mapping[str, Any]]) -> None:
        with self._cond:
            self._pending[track] = board_jsonl(rows)
            self._cond.notify_all()

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every queued board is uploaded (or failed); True when nothing is left."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)

    def _run(self) -> None:
        from huggingface_hub import CommitOperationAdd

        while True:
            with self._cond:
                self._cond.wait_for(lambda: bool(self._pending))
                track, data = self._pending.popitem()
                self._busy = True
            try:
                with tempfile.TemporaryDirectory(prefix="emer-board-") as folder:
                    path = os.path.join(folder, f"{track}.jsonl")
                    with open(path, "wb") as handle:
                        handle.write(data)
                    self.api.create_commit(
                        repo_id=self.repo_id, repo_type="dataset", token=self.token,
                        operations=[CommitOperationAdd(path_in_repo=f"{BOARD_FOLDER}/{track}.jsonl",
                                                       path_or_fileobj=path)],
                        commit_message=f"EMER Hub: board of {track}")
                self.published += 1
                self.last_error = None
            except Exception as error:  # a copy for readers: keep serving, try again on the next change
                self.last_error = f"{type(error).__name__}: {error}"
                log.warning("board upload of %s failed: %s", track, self.last_error)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
