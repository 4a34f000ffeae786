"""Loading prediction and ground-truth files, with errors that name the file, row, column and fix.

Accepted prediction formats (spec §8): CSV (``name``/``names`` + ``openset``/``labels`` for labels or
``reason``/``reasons``/``english`` for free-text descriptions), JSON (an object ``{name: labels or text}``, a
``{"name2reason": …}`` object, ``{"filenames": […], "fileitems": […]}``, or a list of records), JSONL (one record
per line) and ``.npz`` with ``filenames`` / ``fileitems`` (MER2025 Codabench). Text may be UTF-8 with or without BOM or
UTF-16 with BOM; line endings may be CRLF. ``.npz`` files are opened with ``allow_pickle=False`` — never unpickled.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np

from .errors import InputError
from .labels import parse_label_list

ID_COLUMNS = ("name", "names")
LABEL_COLUMNS = ("openset", "labels", "emotions")
TEXT_COLUMNS = ("reason", "reasons", "english")
SUFFIXES = (".csv", ".json", ".jsonl", ".npz")


@dataclass(frozen=True)
class Predictions:
    """A loaded prediction file: labels per sample, free-text descriptions per sample, or both."""

    labels: dict[str, list[str]] | None = None
    texts: dict[str, str] | None = None
    source: str = "<memory>"
    warnings: tuple[str, ...] = field(default=())

    @property
    def kind(self) -> str:
        """"labels" when label lists are present (they win over descriptions), else "texts"."""
        return "labels" if self.labels is not None else "texts"

    @property
    def names(self) -> list[str]:
        return list(self.labels if self.labels is not None else (self.texts or {}))


def _decode(payload: bytes, source: str) -> str:
    """Bytes → text: UTF-8 (BOM optional) or UTF-16 with BOM; anything else is a precise error."""
    if not payload.strip():
        raise InputError("the file is empty", file=source, fix="upload the file that holds your predictions")
    if payload.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = payload.decode("utf-16")
    else:
        try:
            text = payload.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError(
                f"not valid UTF-8 (byte 0x{payload[error.start]:02x} at offset {error.start})",
                file=source, fix="save the file as UTF-8",
            ) from None
    if "\x00" in text:
        raise InputError("the file contains NUL bytes; it is not a text file", file=source,
                         fix="export the predictions as UTF-8 CSV, JSON or JSONL")
    return text


def _check_duplicates(names: Iterable[str], source: str) -> None:
    duplicates = [name for name, count in Counter(names).items() if count > 1]
    if duplicates:
        shown = ", ".join(duplicates[:5]) + (f" … ({len(duplicates)} in all)" if len(duplicates) > 5 else "")
        raise InputError(f"duplicate sample ids: {shown}", file=source, fix="keep exactly one row per sample")


def _pick(columns: Iterable[str], candidates: tuple[str, ...]) -> str | None:
    lowered = {column.strip().lower(): column for column in columns}
    return next((lowered[name] for name in candidates if name in lowered), None)


def _from_records(records: list[Mapping[str, Any]], source: str, first_row: int) -> Predictions:
    """Records (CSV rows, JSON objects) → Predictions; ``first_row`` is the file row number of the first record."""
    if not records:
        raise InputError("no prediction rows found", file=source, fix="add one row per sample below the header")
    columns = list(records[0].keys())
    id_column = _pick(columns, ID_COLUMNS)
    if id_column is None:
        raise InputError(f"no sample-id column (found: {', '.join(map(str, columns)) or 'none'})", file=source,
                         fix="name the id column 'name' (or 'names')")
    label_column = _pick(columns, LABEL_COLUMNS)
    text_column = _pick(columns, TEXT_COLUMNS)
    if label_column is None and text_column is None:
        raise InputError(f"no prediction column (found: {', '.join(map(str, columns))})", file=source,
                         fix="add an 'openset' column with label lists, or a 'reason' column with descriptions")
    names, labels, texts = [], {}, {}
    for offset, record in enumerate(records):
        row = first_row + offset
        if not isinstance(record, Mapping):
            raise InputError("expected an object with the same keys as the first record", file=source, row=row)
        name = record.get(id_column)
        if name is None or not str(name).strip():
            raise InputError("empty sample id", file=source, row=row, column=id_column,
                             fix="every row needs its sample id, e.g. sample_00000648")
        name = str(name).strip()
        names.append(name)
        if label_column is not None:
            value = record.get(label_column)
            if value is not None and not isinstance(value, (str, list, tuple, float, int)):
                raise InputError(f"labels must be a list or a string, not {type(value).__name__}",
                                 file=source, row=row, column=label_column)
            if isinstance(value, (list, tuple)) and not all(isinstance(item, str) for item in value):
                raise InputError("every label must be a string", file=source, row=row, column=label_column)
            labels[name] = parse_label_list(value if not isinstance(value, int) else str(value))
        if text_column is not None:
            value = record.get(text_column)
            if value is not None and not isinstance(value, str):
                raise InputError(f"a description must be a string, not {type(value).__name__}",
                                 file=source, row=row, column=text_column)
            texts[name] = value or ""
    _check_duplicates(names, source)
    return Predictions(labels if label_column else None, texts if text_column else None, source)


def _read_csv(text: str, source: str) -> Predictions:
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise InputError(f"not a readable CSV file ({error})", file=source) from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise InputError("the file is empty", file=source)
    header = [cell.strip() for cell in rows[0]]
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise InputError(f"expected {len(header)} fields like the header, found {len(row)}", file=source,
                             row=number, fix="quote cells that contain commas, e.g. \"['happy', 'sad']\"")
        records.append(dict(zip(header, row)))
    if not records:
        raise InputError("only a header, no prediction rows", file=source, fix="add one row per sample")
    return _from_records(records, source, first_row=2)


def _from_json_value(value: Any, source: str) -> Predictions:
    if isinstance(value, list):
        return _from_records(value, source, first_row=1)
    if not isinstance(value, dict):
        raise InputError(f"top-level JSON value is a {type(value).__name__}", file=source,
                         fix="use an object {sample: labels} or a list of {name, openset} records")
    if "name2reason" in value and isinstance(value["name2reason"], dict):
        return _from_json_value({name: {"name": name, "reason": text} for name, text in
                                 value["name2reason"].items()}, source)
    if "filenames" in value and "fileitems" in value:
        return _paired_arrays(value["filenames"], value["fileitems"], source)
    records = []
    for name, item in value.items():
        if isinstance(item, dict):
            records.append({"name": name, **item})
        elif isinstance(item, list) or (isinstance(item, str) and item.lstrip().startswith("[")):
            records.append({"name": name, "openset": item})
        elif isinstance(item, str):
            records.append({"name": name, "reason": item})
        else:
            raise InputError(f"value of '{name}' is a {type(item).__name__}", file=source,
                             fix="map each sample id to a list of labels or a description string")
    return _from_records(records, source, first_row=1)


def _paired_arrays(names: Any, items: Any, source: str) -> Predictions:
    names, items = list(names), list(items)
    if len(names) != len(items):
        raise InputError(f"'filenames' has {len(names)} entries but 'fileitems' has {len(items)}", file=source)
    return _from_records([{"name": str(n), "openset": str(i)} for n, i in zip(names, items)], source, first_row=1)


def _read_npz(payload: bytes, source: str) -> Predictions:
    try:
        archive = np.load(io.BytesIO(payload), allow_pickle=False)
    except (ValueError, OSError, zipfile.BadZipFile, EOFError) as error:
        raise InputError(f"not a readable .npz archive ({error})", file=source) from None
    with archive:
        missing = [key for key in ("filenames", "fileitems") if key not in archive.files]
        if missing:
            raise InputError(f"missing array(s) {', '.join(missing)} (found: {', '.join(archive.files)})",
                             file=source, fix="save with np.savez(path, filenames=…, fileitems=…)")
        try:
            names, items = archive["filenames"], archive["fileitems"]
        except ValueError:
            raise InputError("the arrays hold pickled Python objects, which are never loaded", file=source,
                             fix="save plain string arrays, e.g. np.array(labels, dtype=str)") from None
    return _paired_arrays(names.reshape(-1), items.reshape(-1), source)


def load_predictions(path: str | Path, *, source: str | None = None) -> Predictions:
    """Load a prediction file (csv / json / jsonl / npz, chosen by suffix) into :class:`Predictions`.

    ``source`` is the name used in messages (defaults to the file name) — the hub passes the uploader's file name.
    """
    path = Path(path)
    source = source or path.name
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"unsupported file type '{suffix or '(none)'}'", file=source,
                         fix=f"upload one of {', '.join(SUFFIXES)}")
    try:
        payload = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file ({error.strerror})", file=source) from None
    return parse_predictions(payload, suffix, source)


def parse_predictions(payload: bytes, suffix: str, source: str) -> Predictions:
    """Parse file bytes of a given suffix; the single entry point shared by files on disk and uploads."""
    if suffix == ".npz":
        if not payload:
            raise InputError("the file is empty", file=source)
        return _read_npz(payload, source)
    text = _decode(payload, source)
    if suffix == ".csv":
        return _read_csv(text, source)
    if suffix == ".json":
        return _from_json_value(_json_loads(text, source, row=None), source)
    records = [_json_loads(line, source, row=number)
               for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    return _from_records(records, source, first_row=1)


def _json_loads(text: str, source: str, row: int | None) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise InputError("JSON nested too deeply", file=source, row=row) from None
    except json.JSONDecodeError as error:
        line = row if row is not None else error.lineno
        raise InputError(f"invalid JSON ({error.msg} at column {error.colno})", file=source, row=line) from None


def load_ground_truth(path: str | Path, *, split: str | None = None) -> dict[str, list[str]]:
    """Ground-truth labels per sample from a CSV (``name``/``names`` + ``openset``/``labels``/``emotions``), a JSON
    object of name → labels, or a MERBench corpus JSON (``{"test1_corpus": {name: {"emo": …}}}``; pick ``split``).
    """
    path = Path(path)
    if path.suffix.lower() == ".json":
        value = _json_loads(_decode(path.read_bytes(), path.name), path.name, row=None)
        corpora = [key for key in value if key.endswith("_corpus")] if isinstance(value, dict) else []
        if corpora:
            if split is None:
                raise InputError(f"the file holds several splits ({', '.join(corpora)})", file=path,
                                 fix="choose one with --split")
            if split not in value:
                raise InputError(f"no split '{split}' (found: {', '.join(corpora)})", file=path)
            return {name: parse_label_list([entry["emo"]]) for name, entry in value[split].items()}
    predictions = load_predictions(path)
    if predictions.labels is None:
        raise InputError("no label column in the ground-truth file", file=path,
                         fix="use a file with 'name' and 'openset' columns")
    return predictions.labels
