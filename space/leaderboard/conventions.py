"""The Hugging Face conventions the hub writes to, checked in code: ``.eval_results`` items and leaderboard tags.

Why validators and not only tests: a result file or a badge is built from user-supplied rows at download time; the
writer runs :func:`check_eval_results` on what it is about to hand out, so a malformed row fails loudly on the server
instead of producing a file the Hub silently ignores.

* ``.eval_results/*.yaml`` (Hub docs, "Evaluation Results"; a work-in-progress feature as of 2026): a YAML list of
  results, each ``{dataset: {id, task_id, revision?}, value, verifyToken?, date?, source?: {url, name?, user?},
  notes?}``. ``dataset.id`` is the Hub id of a dataset registered as a Benchmark (its ``eval.yaml`` lists the task
  ids), ``value`` a number, ``date`` an ISO-8601 date or datetime, ``source.url`` required when ``source`` is given.
* Space front matter ``tags`` read by the Hub's leaderboard explorer (OpenEvals "find a leaderboard"):
  ``leaderboard`` (or ``arena``), then ``submission:``, ``test:``, ``judge:``, ``modality:`` values from fixed lists and
  free ``language:<English name>``, ``eval:`` and ``domain:`` tags.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

RESULT_KEYS = frozenset({"dataset", "value", "verifyToken", "date", "source", "notes"})
DATASET_KEYS = frozenset({"id", "task_id", "revision"})
SOURCE_KEYS = frozenset({"url", "name", "user"})
HUB_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}")

TAG_VALUES: dict[str, frozenset[str]] = {
    "submission": frozenset({"automatic", "semiautomatic", "manual", "closed"}),
    "test": frozenset({"public", "mix", "private", "rolling"}),
    "judge": frozenset({"function", "model", "humans", "vibeCheck"}),
    "modality": frozenset({"text", "image", "audio", "video", "tools", "artefacts", "embeddings"}),
}
"""Categories whose values the explorer fixes; ``language``, ``eval`` and ``domain`` take free lower-case words."""
FREE_TAGS = frozenset({"language", "eval", "domain"})


class ConventionError(ValueError):
    """A file or tag list that does not follow the Hub's convention; the message names the field."""


def check_eval_results(document: Any) -> list[dict[str, Any]]:
    """Return ``document`` (a parsed ``.eval_results`` YAML) if it follows the convention, else raise."""
    if not isinstance(document, list) or not document:
        raise ConventionError("an .eval_results file is a non-empty YAML list of results")
    for index, item in enumerate(document):
        where = f"result {index + 1}: "
        if not isinstance(item, dict):
            raise ConventionError(f"{where}expected a mapping")
        _known(item, RESULT_KEYS, where)
        dataset = item.get("dataset")
        if not isinstance(dataset, dict):
            raise ConventionError(f"{where}dataset: required mapping {{id, task_id}}")
        _known(dataset, DATASET_KEYS, where + "dataset.")
        if not isinstance(dataset.get("id"), str) or not HUB_ID.fullmatch(dataset["id"]):
            raise ConventionError(f"{where}dataset.id: a Hub dataset id 'owner/name' is required")
        if not isinstance(dataset.get("task_id"), str) or not dataset["task_id"].strip():
            raise ConventionError(f"{where}dataset.task_id: required (a task of the benchmark's eval.yaml)")
        value = item.get("value")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ConventionError(f"{where}value: a finite number is required")
        for key in ("verifyToken", "notes", "revision"):
            holder = dataset if key == "revision" else item
            if key in holder and not isinstance(holder[key], str):
                raise ConventionError(f"{where}{key}: expected a string")
        if "date" in item:
            _check_date(item["date"], where)
        if "source" in item:
            source = item["source"]
            if not isinstance(source, dict):
                raise ConventionError(f"{where}source: expected a mapping {{url, name, user}}")
            _known(source, SOURCE_KEYS, where + "source.")
            if not isinstance(source.get("url"), str) or not source["url"].startswith("https://"):
                raise ConventionError(f"{where}source.url: an https URL is required when source is given")
            for key in ("name", "user"):
                if key in source and not isinstance(source[key], str):
                    raise ConventionError(f"{where}source.{key}: expected a string")
    return document


def check_tags(tags: Iterable[Any]) -> list[str]:
    """Return the front-matter ``tags`` if the explorer can read them, else raise: ``leaderboard`` (or ``arena``),
    at most one ``submission:`` and one ``test:`` tag, and every ``category:value`` from the known lists."""
    items = list(tags)
    if not all(isinstance(tag, str) for tag in items):
        raise ConventionError("tags: expected strings")
    if not {"leaderboard", "arena"} & set(items):
        raise ConventionError("tags: 'leaderboard' (or 'arena') is required for the explorer to list the Space")
    for tag in items:
        category, _, value = tag.partition(":")
        if not value:
            continue  # plain Hub tags (leaderboard, a task name …)
        if category in TAG_VALUES and value not in TAG_VALUES[category]:
            raise ConventionError(f"tags: {tag!r} is not one of {', '.join(sorted(TAG_VALUES[category]))}")
        if category in FREE_TAGS and not re.fullmatch(r"[a-z][a-z0-9 -]*", value):
            raise ConventionError(f"tags: {tag!r} should be a lower-case English word")
        if category not in TAG_VALUES and category not in FREE_TAGS:
            raise ConventionError(f"tags: unknown category {category!r} in {tag!r}")
    for single in ("submission", "test"):
        if sum(tag.startswith(single + ":") for tag in items) > 1:
            raise ConventionError(f"tags: one {single}: tag at most")
    return items


def _known(mapping: dict[str, Any], allowed: frozenset[str], where: str) -> None:
    unknown = sorted(set(mapping) - allowed)
    if unknown:
        raise ConventionError(f"{where}unknown field(s) {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})")


def _check_date(value: Any, where: str) -> None:
    if isinstance(value, (date, datetime)):
        return  # YAML reads an unquoted date as one
    if isinstance(value, str):
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
            return
        except ValueError:
            pass
    raise ConventionError(f"{where}date: an ISO-8601 date or datetime is required, got {value!r}")


def implied_tags(tracks: Iterable[Any]) -> set[str]:
    """The explorer tags the tracks make true, which the Space's front matter must carry (a test holds it to them).

    Submitters run their models and upload the outputs (``submission:semiautomatic``); the test-set status is the
    tracks' (``test:public`` / ``test:private``, ``test:mix`` when they differ); the emotion-wheel metrics are code
    (``judge:function``) and an LLM judge or LLM extraction adds ``judge:model``.
    """
    items = list(tracks)
    statuses = {track.test_set for track in items}
    tags = {"leaderboard", "submission:semiautomatic", "judge:function",
            f"test:{statuses.pop()}" if len(statuses) == 1 else "test:mix"}
    if any(track.judged or track.input == "explanations" for track in items):
        tags.add("judge:model")
    return tags
