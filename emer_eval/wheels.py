"""Emotion-wheel resources (spec §2–3): the wheel trees, the raw and format maps, and the per-label lookup.

The reference code rebuilds these tables for every metric. Here they are built once per process and resources version
(:func:`load_wheels` is cached), and every distinct label is mapped to its 12 metric targets once, so scoring is a dict
lookup per label.

Parsing the spreadsheets costs a CLI process more than scoring does, so the parsed tables are also kept on disk
(``<cache root>/parsed``), as JSON named by the sha256 of every source file and of this parser's version: a changed
file, or a new parser, simply misses. Entries are written atomically, so concurrent processes at worst parse twice
and write the same bytes; an unreadable entry is ignored and rewritten.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from .atomic import write_bytes_atomic
from .config import cache_root
from .labels import parse_label_list
from .resources import resolve, sha256_file

PARSED_FORMAT = 1
"""Version of the parsed-table layout and of the parsing rules; part of every disk cache key."""

WHEEL_COUNT = 5
LEVELS = (1, 2)

#: The 12 EW metrics in the order the OV-MER paper prints them.
EW_METRICS: tuple[str, ...] = ("M1", "M2") + tuple(
    f"W{k}-L{level}" for k in range(1, WHEEL_COUNT + 1) for level in LEVELS
)

#: Resource folder of each wheel version. 2025 is behind every published OV-MER / AffectGPT number; 2026 fixes 18 rows.
WHEEL_RESOURCES: dict[str, str] = {
    "2025": "affectgpt-2025-emotion-wheel",
    "2026": "mertools-mer2026-emotion-wheel",
}

Tree = dict[str, dict[str, list[str]]]


def _read_sheet(path: Path) -> list[dict[str, object]]:
    """Rows of the first sheet as dicts keyed by the header row (openpyxl, read-only, values only)."""
    import openpyxl  # 0.13 s to import: only paid when the disk cache misses

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [str(cell).strip() if cell is not None else "" for cell in next(rows)]
        return [dict(zip(header, row, strict=False)) for row in rows if any(cell is not None for cell in row)]
    finally:
        workbook.close()


def _clean(cell: object) -> str:
    return "" if cell is None else str(cell).strip().lower()


def build_tree(path: Path) -> Tree:
    """Wheel tree level1 → level2 → [level3], in file order; a blank cell repeats the last value of its column."""
    tree: Tree = {}
    last = {"level1": "", "level2": ""}
    for row in _read_sheet(path):
        for column in last:
            value = _clean(row.get(column))
            if value:
                last[column] = value
        level3 = _clean(row.get("level3"))
        children = tree.setdefault(last["level1"], {}).setdefault(last["level2"], [])
        if level3:
            children.append(level3)
    return tree


def level_maps(tree: Tree) -> dict[int, dict[str, str]]:
    """Word → level-1 word and word → level-2 word for one wheel (later assignments win, as in the reference)."""
    level1: dict[str, str] = {}
    level2: dict[str, str] = {}
    for word1, middle in tree.items():
        level1[word1] = word1
        level2[word1] = sorted(middle)[0]
        for word2, outer in middle.items():
            level1[word2] = word1
            level2[word2] = word2
            for word3 in outer:
                level1[word3] = word1
                level2[word3] = word2
    return {1: level1, 2: level2}


def build_raw_map(path: Path, vocabulary: frozenset[str]) -> dict[str, list[str]]:
    """Raw label → wheel words, merged over the 8 synonym runs of ``synonym.xlsx`` in run order."""
    rows = _read_sheet(path)
    runs = sorted(int(key.rsplit("run", 1)[1]) for key in rows[0] if key.startswith("word_run"))
    merged: dict[str, list[str]] = {}
    for run in runs:
        run_map: dict[str, list[str]] = {}
        for row in rows:
            word = _clean(row.get(f"word_run{run}"))
            if not word:
                continue
            if word not in vocabulary:
                raise ValueError(f"{path.name}: run {run} word '{word}' is not a wheel word")
            for key in (word, *(synonym.strip().lower() for synonym in parse_label_list(row.get(f"synonym_run{run}")))):
                targets = run_map.setdefault(key, [])
                if word not in targets:
                    targets.append(word)
        for key, words in run_map.items():
            if key in merged:
                merged[key] = list(dict.fromkeys(merged[key] + words))
            else:
                merged[key] = words
    return merged


def build_format_map(path: Path) -> dict[str, list[str]]:
    """Surface form → raw labels from ``format.csv``; lists keep duplicates in row order, as the reference does."""
    mapping: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["name"]
            for form in parse_label_list(row.get("format") or ""):
                mapping.setdefault(form, []).append(name)
            mapping.setdefault(name, []).append(name)
    return mapping


@dataclass(frozen=True)
class Wheels:
    """One version of the emotion-wheel resources, with every label's 12 metric targets memoised."""

    version: str
    trees: tuple[Tree, ...]
    raw_map: Mapping[str, list[str]]
    format_map: Mapping[str, list[str]]
    levels: tuple[dict[int, dict[str, str]], ...]
    _targets: dict[str, tuple[str | None, ...]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def vocabulary(self) -> frozenset[str]:
        """The wheel words (253): every word of every ring of the 5 wheels."""
        return _vocabulary(self.trees)

    def targets(self, label: str) -> tuple[str | None, ...]:
        """The label's image under each metric of :data:`EW_METRICS`; ``None`` where the protocol drops it."""
        cached = self._targets.get(label)
        if cached is None:
            cached = self._targets[label] = self._map_label(label)
        return cached

    def _map_label(self, label: str) -> tuple[str | None, ...]:
        raws = self.format_map.get(label)
        if not raws:
            return (None,) * len(EW_METRICS)
        first_raw = min(raws)
        synonyms = self.raw_map.get(first_raw)
        case2 = min(synonyms) if synonyms else None
        candidates = sorted({word for raw in raws for word in self.raw_map.get(raw, ())})
        case3: list[str | None] = []
        for wheel in self.levels:
            for level in LEVELS:
                lookup = wheel[level]
                case3.append(next((lookup[word] for word in candidates if word in lookup), None))
        return (first_raw, case2, *case3)


def _vocabulary(trees: tuple[Tree, ...]) -> frozenset[str]:
    words: set[str] = set()
    for tree in trees:
        for word1, middle in tree.items():
            words.add(word1)
            for word2, outer in middle.items():
                words.add(word2)
                words.update(outer)
    return frozenset(words)


SOURCE_FILES = (*(f"wheel{k}.xlsx" for k in range(1, WHEEL_COUNT + 1)), "synonym.xlsx", "format.csv")


def _assemble(version: str, trees: tuple[Tree, ...], raw_map: dict[str, list[str]],
              format_map: dict[str, list[str]]) -> Wheels:
    return Wheels(version=version, trees=trees, raw_map=raw_map, format_map=format_map,
                  levels=tuple(level_maps(tree) for tree in trees))


def build_wheels(folder: Path, version: str) -> Wheels:
    """Build the maps of one resources folder (``wheel1..5.xlsx``, ``synonym.xlsx``, ``format.csv``)."""
    trees = tuple(build_tree(folder / f"wheel{k}.xlsx") for k in range(1, WHEEL_COUNT + 1))
    raw_map = build_raw_map(folder / "synonym.xlsx", _vocabulary(trees))
    return _assemble(version, trees, raw_map, build_format_map(folder / "format.csv"))


def parsed_cache_path(folder: Path, version: str) -> Path:
    """Where the parsed tables of ``folder`` are kept: named by the source files' sha256 and the parser version."""
    digest = hashlib.sha256(f"format {PARSED_FORMAT}\n".encode())
    for name in SOURCE_FILES:
        digest.update(f"{name} {sha256_file(folder / name)}\n".encode())
    return cache_root() / "parsed" / f"wheels-{version}-{digest.hexdigest()[:32]}.json"


def _string_lists(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(items, list) and all(isinstance(item, str) for item in items) for items in value.values())


def _from_json(version: str, payload: Any) -> Wheels | None:
    """The tables of a cache entry, or None when it is not exactly what :func:`_to_json` writes."""
    if not isinstance(payload, dict) or payload.get("format") != PARSED_FORMAT:
        return None
    trees, raw_map, format_map = payload.get("trees"), payload.get("raw_map"), payload.get("format_map")
    if not (isinstance(trees, list) and len(trees) == WHEEL_COUNT and _string_lists(raw_map)
            and _string_lists(format_map)
            and all(isinstance(tree, dict) and all(_string_lists(middle) for middle in tree.values())
                    for tree in trees)):
        return None
    return _assemble(version, tuple(trees), cast(dict[str, list[str]], raw_map),
                     cast(dict[str, list[str]], format_map))


def _to_json(wheels: Wheels) -> bytes:
    payload = {"format": PARSED_FORMAT, "trees": list(wheels.trees), "raw_map": wheels.raw_map,
               "format_map": wheels.format_map}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def cached_wheels(folder: Path, version: str) -> Wheels:
    """:func:`build_wheels` through the disk cache (see the module docstring)."""
    path = parsed_cache_path(folder, version)
    try:
        cached = _from_json(version, json.loads(path.read_bytes()))
    except (OSError, ValueError):  # missing, unreadable or not JSON: parse again
        cached = None
    if cached is not None:
        return cached
    wheels = build_wheels(folder, version)
    try:
        write_bytes_atomic(path, _to_json(wheels), durable=False)
    except OSError:  # a read-only or full cache costs speed, never the score
        pass
    return wheels


@functools.cache
def load_wheels(version: str = "2025", data_dirs: tuple[str, ...] | None = None) -> Wheels:
    """The wheels of a resources version ("2025" or "2026"), built once per process and search path."""
    if version not in WHEEL_RESOURCES:
        raise ValueError(f"unknown wheels version '{version}'; choose one of {', '.join(WHEEL_RESOURCES)}")
    return cached_wheels(resolve(WHEEL_RESOURCES[version], data_dirs), version)
