"""Loading prediction and ground-truth files, with errors that name the file, row, column and fix.

Accepted prediction formats (spec §8): CSV (``name``/``names`` + ``openset``/``labels`` for labels or
``reason``/``reasons``/``english`` for free-text descriptions), JSON (an object ``{name: labels or text}``, a
``{"name2reason": …}`` object, ``{"filenames": […], "fileitems": […]}``, or a list of records), JSONL (one record
per line) and ``.npz`` with ``filenames`` / ``fileitems`` (MER2025 Codabench). Text may be UTF-8 with or without BOM or
UTF-16 with BOM; line endings may be CRLF. ``.npz`` files are never unpickled, and their sizes are checked before
anything is decompressed (see :func:`_read_npz`).

Every problem with a file, however hostile, ends in an :class:`InputError` (never another exception): the hub shows
its message to the submitter and the CLI prints it on one line.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import math
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from collections.abc import Mapping as AbcMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from .errors import InputError, examples
from .labels import parse_label_list

ID_COLUMNS = ("name", "names")
LABEL_COLUMNS = ("openset", "labels", "emotions")
TEXT_COLUMNS = ("reason", "reasons", "chi_reasons", "english")
SUFFIXES = (".csv", ".json", ".jsonl", ".npz")
MAX_CELL_CHARS = 131_072
"""Longest id, label cell or description accepted (characters) — the csv module's own field limit, applied to every
format alike. Real cells are a few hundred characters; a multi-megabyte one would be copied into warnings, OOV reports
and stored records."""
NPZ_ARRAYS = ("filenames", "fileitems")
MAX_INPUT_BYTES = 32 * 2**20
"""Largest prediction or ground-truth file read (checked before reading). The largest real one (an OV-MERD baseline
with descriptions) is 1.8 MB; the memory a file costs grows with its size (see benchmarks/input_memory.py)."""
NPZ_MAX_BYTES = 32 * 2**20
"""Largest total uncompressed size of the two arrays of an ``.npz``. An ``.npz`` is a zip: a 3 MB upload can expand
to gigabytes (a zip bomb), and numpy allocates an array's whole declared shape before reading it — fixed-width
string arrays as 4 bytes per character of the longest one. The largest real archive expands to 1.8 MB."""
NPZ_MAX_MEMBERS = 64
"""More zip entries than this is not a numpy archive of two arrays (and a huge central directory costs memory)."""


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
        try:
            text = payload.decode("utf-16")
        except UnicodeDecodeError as error:  # odd length, lone surrogates: a truncated or corrupt UTF-16 file
            raise InputError(f"not valid UTF-16 ({error.reason} at offset {error.start})", file=source,
                             fix="save the file as UTF-8") from None
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


def _check_duplicates(duplicates: list[str], source: str) -> None:
    if duplicates:
        raise InputError(f"duplicate sample ids: {examples(duplicates, 5)} ({len(duplicates)} in all)", file=source,
                         fix="keep exactly one row per sample")


def _pick(columns: Iterable[str], candidates: tuple[str, ...]) -> str | None:
    lowered = {column.strip().lower(): column for column in columns}
    return next((lowered[name] for name in candidates if name in lowered), None)


def _check_text(value: str, source: str, row: int, column: str, what: str) -> str:
    """Refuse a cell that is absurdly long or holds lone surrogates (possible in JSON ``\\ud800`` escapes and numpy
    arrays): such text cannot be stored as UTF-8 and would crash the store or the CLI's output later, not here."""
    if len(value) > MAX_CELL_CHARS:
        raise InputError(f"{what} of {len(value)} characters (at most {MAX_CELL_CHARS})", file=source, row=row,
                         column=column, fix="one sample's labels or description fit in far fewer characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputError(f"{what} holds an invalid character (lone surrogate U+{ord(value[error.start]):04X})",
                         file=source, row=row, column=column, fix="save the file as valid UTF-8 text") from None
    return value


Kind = Literal["labels", "texts"]
"""What a file is expected to hold: label lists or descriptions (None: decide from the file)."""


def _from_records(records: Iterable[Any], source: str, first_row: int) -> Predictions:
    """Records (CSV rows, JSON objects) → Predictions; ``first_row`` is the file row number of the first record.

    Each record's id, label and description fields are found in that record's own keys: a file mixing shapes is
    read record by record, never with the first record's columns (which used to read a later record's labels as
    ``[]``). A file in which some records have labels and others not is refused, naming the first such row.
    ``records`` may be an iterator (CSV rows are streamed: a million-row upload is never held twice in memory).
    """
    labels: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    without: dict[str, int] = {}  # which kind of field a row lacks → its first row
    seen: set[str] = set()
    duplicates: dict[str, None] = {}
    count = 0
    last_keys: tuple[Any, ...] | None = None
    columns: list[Any] = []
    id_column = label_column = text_column = None
    for offset, record in enumerate(records):
        row = first_row + offset
        count += 1
        if not isinstance(record, AbcMapping):
            raise InputError(f"expected an object per record, found a {type(record).__name__}", file=source,
                             row=row, fix='use records like {"name": "sample_00000648", "openset": ["happy"]}')
        keys = tuple(record.keys())
        if keys != last_keys:  # a CSV's rows all share the header: columns are looked up once, not per row
            last_keys = keys
            columns = list(keys)
            id_column = _pick(columns, ID_COLUMNS)
            label_column = _pick(columns, LABEL_COLUMNS)
            text_column = _pick(columns, TEXT_COLUMNS)
        if id_column is None:
            raise InputError(f"no sample-id column (found: {', '.join(map(str, columns)) or 'none'})", file=source,
                             row=row if offset else None, fix="name the id column 'name' (or 'names')")
        if label_column is None and text_column is None:
            raise InputError(f"no prediction column (found: {', '.join(map(str, columns))})", file=source,
                             row=row if offset else None,
                             fix="add an 'openset' column with label lists, or a 'reason' column with descriptions")
        name = _sample_id(record.get(id_column), source, row, id_column)
        if name in seen:
            duplicates[name] = None
        seen.add(name)
        if label_column is not None:
            labels[name] = _label_cell(record.get(label_column), source, row, label_column)
        else:
            without.setdefault("labels", row)
        if text_column is not None:
            value = record.get(text_column)
            if value is not None and not isinstance(value, str):
                raise InputError(f"a description must be a string, not {type(value).__name__}",
                                 file=source, row=row, column=text_column)
            texts[name] = _check_text(value, source, row, text_column, "a description") if value else ""
        else:
            without.setdefault("texts", row)
    if not count:
        raise InputError("no prediction rows found", file=source, fix="add one row per sample below the header")
    _check_duplicates(list(duplicates), source)
    if labels and "labels" in without:
        raise InputError("this record has no labels while other records have them (an 'openset' field)",
                         file=source, row=without["labels"], fix="give every record the same fields")
    if not labels and texts and "texts" in without:
        raise InputError("this record has no description while other records have one (a 'reason' field)",
                         file=source, row=without["texts"], fix="give every record the same fields")
    return Predictions(labels if labels else None, texts if texts and len(texts) == count else None, source)


def _sample_id(name: Any, source: str, row: int, column: str) -> str:
    """A record's sample id, stripped; refused when missing, not text, or holding control characters."""
    if type(name) is not str:  # the common case first: a million CSV rows pay for no other test
        if isinstance(name, (bytes, np.bytes_)):
            name = _decoded_bytes(name, source, row, column)
        if isinstance(name, (dict, list, tuple, bool)):  # str() of a deeply nested value can exhaust the stack
            raise InputError(f"a sample id must be a string, not {type(name).__name__}", file=source, row=row,
                             column=column, fix="every row needs its sample id, e.g. sample_00000648")
    if name is None or not str(name).strip():
        raise InputError("empty sample id", file=source, row=row, column=column,
                         fix="every row needs its sample id, e.g. sample_00000648")
    name = _check_text(str(name).strip(), source, row, column, "a sample id")
    if not name.isprintable():  # C-speed test; only a refused id pays for finding the culprit
        if "\n" in name or "\r" in name:
            raise InputError("a sample id spans several lines — an unclosed quote?", file=source, row=row,
                             column=column, fix="close the quote of the cell before it")
        culprit = next(ch for ch in name if not ch.isprintable())
        raise InputError(f"a sample id contains an invisible or control character (U+{ord(culprit):04X})",
                         file=source, row=row, column=column,
                         fix="ids are plain text like sample_00000648: no control characters, zero-width or "
                             "direction marks, or non-breaking spaces")
    return str(name)


def _label_cell(value: Any, source: str, row: int, column: str) -> list[str]:
    """One record's labels — a list, or a string read with the official label parser (``"[happy, sad]"``,
    ``"happy, sad"`` and ``"happy"`` alike), whatever shape the other records have."""
    if type(value) is str:
        _check_text(value, source, row, column, "a label cell")
    else:
        if isinstance(value, (bytes, np.bytes_)):
            value = _check_text(_decoded_bytes(value, source, row, column), source, row, column, "a label cell")
        elif value is not None and not isinstance(value, (str, list, tuple, float, int)):
            raise InputError(f"labels must be a list or a string, not {type(value).__name__}",
                             file=source, row=row, column=column)
        if isinstance(value, (list, tuple)):
            if not all(isinstance(item, str) for item in value):
                raise InputError("every label must be a string", file=source, row=row, column=column)
            _check_text("".join(value), source, row, column, "a label list")
    parsed = parse_label_list(value if not isinstance(value, int) else str(value))
    if any("\n" in label or "\r" in label for label in parsed):  # no real label spans lines
        raise InputError("a label spans several lines — did an unclosed quote swallow the rows after it?",
                         file=source, row=row, column=column,
                         fix="close the quote of that cell, e.g. \"['happy', 'sad']\"")
    return parsed


def _decoded_bytes(value: bytes, source: str, row: int, column: str) -> str:
    """Byte strings (an ``.npz`` saved from Python 2 or with ``dtype='S'``) as UTF-8 text, not ``"b'…'"``."""
    try:
        return bytes(value).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("a byte string is not valid UTF-8", file=source, row=row, column=column,
                         fix="save the arrays as text, e.g. np.array(values, dtype=str)") from None


def _read_csv(text: str, source: str) -> Predictions:
    """CSV text → Predictions, streaming the rows (row numbers count non-blank rows, the header being row 1)."""
    reader = csv.reader(io.StringIO(text, newline=""))

    def rows() -> Iterator[list[str]]:
        try:
            for row in reader:
                if any(cell.strip() for cell in row):
                    yield row
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise InputError(f"a cell is longer than {csv.field_size_limit()} characters", file=source,
                                 row=reader.line_num, fix="check the quoting: an unclosed quote swallows the rest "
                                 "of the file") from None
            raise InputError(f"not a readable CSV file ({error})", file=source, row=reader.line_num) from None

    lines = rows()
    first = next(lines, None)
    if first is None:
        raise InputError("the file is empty", file=source)
    header = [cell.strip() for cell in first]

    def records() -> Iterator[dict[str, str]]:
        for number, row in enumerate(lines, start=2):
            if len(row) != len(header):
                raise InputError(f"expected {len(header)} fields like the header, found {len(row)}", file=source,
                                 row=number, fix="quote cells that contain commas, e.g. \"['happy', 'sad']\"")
            yield dict(zip(header, row, strict=False))

    stream = records()
    second = next(stream, None)
    if second is None:
        raise InputError("only a header, no prediction rows", file=source, fix="add one row per sample")
    return _from_records(itertools.chain([second], stream), source, first_row=2)


def _from_json_value(value: Any, source: str, kind: Kind | None = None) -> Predictions:
    if isinstance(value, list):
        return _from_records(value, source, first_row=1)
    if not isinstance(value, dict):
        raise InputError(f"top-level JSON value is a {type(value).__name__}", file=source,
                         fix="use an object {sample: labels} or a list of {name, openset} records")
    if "name2reason" in value and isinstance(value["name2reason"], dict):
        return _from_json_value({name: {"name": name, "reason": text} for name, text in
                                 value["name2reason"].items()}, source, kind)
    if "filenames" in value and "fileitems" in value:
        return _paired_arrays(value["filenames"], value["fileitems"], source, kind)
    for name, item in value.items():
        if not isinstance(item, (dict, list, str)):
            raise InputError(f"value of '{name}' is a {type(item).__name__}", file=source,
                             fix="map each sample id to a list of labels or a description string")
    if kind is None:  # one list anywhere makes it a labels file: its bare strings are label lists too
        labelled = any(isinstance(item, list) or (isinstance(item, str) and item.lstrip().startswith("["))
                       for item in value.values())
        kind = "labels" if labelled else None
    field_name = "openset" if kind == "labels" else "reason"
    records = [{"name": name, **item} if isinstance(item, dict) else {"name": name, field_name: item}
               for name, item in value.items()]
    return _from_records(records, source, first_row=1)


def _paired_arrays(names: Any, items: Any, source: str, kind: Kind | None = None) -> Predictions:
    if not all(isinstance(value, (list, tuple, np.ndarray)) for value in (names, items)):
        raise InputError("'filenames' and 'fileitems' must both be lists", file=source,
                         fix='use {"filenames": ["sample_…", …], "fileitems": ["[happy, sad]", …]}')
    names, items = list(names), list(items)
    if len(names) != len(items):
        raise InputError(f"'filenames' has {len(names)} entries but 'fileitems' has {len(items)}", file=source)
    field_name = "reason" if kind == "texts" else "openset"
    return _from_records(({"name": n, field_name: i if isinstance(i, (bytes, np.bytes_, list)) else str(i)}
                          for n, i in zip(names, items, strict=True)), source, first_row=1)


def _read_npz(payload: bytes, source: str, kind: Kind | None = None) -> Predictions:
    """``filenames`` / ``fileitems`` of an ``.npz`` — without trusting anything the archive says.

    ``np.load`` alone is not safe on uploads: a non-zip payload is taken for a pickle or a bare ``.npy``, a member that
    is not an ``.npy`` is returned as raw bytes of any size, and a member is decompressed (a zip bomb) and its array
    allocated at the size its header declares before anything is checked. So: the payload must be a zip; its central
    directory must hold both ``.npy`` members, with declared uncompressed sizes within :data:`NPZ_MAX_BYTES`
    (``zipfile`` never reads past a member's declared size, and checks the CRC); each ``.npy`` header must declare a
    plain (non-object, never unpickled) array no larger than its member. Only then is the array read.
    """
    fix = "save with np.savez(path, filenames=…, fileitems=…)"
    if not payload.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        raise InputError("not a readable .npz archive (an .npz is a zip of .npy arrays; this file is not a zip)",
                         file=source, fix=fix)
    if payload.count(b"PK\x01\x02") > NPZ_MAX_MEMBERS:  # central-directory entries, counted before parsing them
        raise InputError(f"not a readable .npz archive (more than {NPZ_MAX_MEMBERS} entries)", file=source, fix=fix)
    try:
        with zipfile.ZipFile(io.BytesIO(payload)) as archive:
            members = {info.filename: info for info in archive.infolist()}
            found = sorted(name[:-4] for name in members if name.endswith(".npy"))
            missing = [key for key in NPZ_ARRAYS if f"{key}.npy" not in members]
            if missing:
                found_text = ", ".join(found) or "no .npy arrays"
                raise InputError(f"missing array(s) {', '.join(missing)} (found: {found_text})", file=source, fix=fix)
            infos = [members[f"{key}.npy"] for key in NPZ_ARRAYS]
            declared = sum(info.file_size for info in infos)
            if declared > NPZ_MAX_BYTES:
                raise InputError(f"the arrays would expand to {declared / 2**20:,.0f} MB (at most "
                                 f"{NPZ_MAX_BYTES // 2**20} MB) — refused without decompressing (a zip bomb?)",
                                 file=source, fix=fix)
            names, items = (_read_npy(archive, info, key, source) for key, info in zip(NPZ_ARRAYS, infos, strict=False))
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, RuntimeError, NotImplementedError,
            OverflowError) as error:  # corrupt, truncated, encrypted or exotic archives
        raise InputError(f"not a readable .npz archive ({type(error).__name__}: {error})", file=source,
                         fix=fix) from None
    return _paired_arrays(names.reshape(-1), items.reshape(-1), source, kind)


def _read_npy(archive: zipfile.ZipFile, info: zipfile.ZipInfo, key: str, source: str) -> np.ndarray:
    """One ``.npy`` member, after checking its header: no object (pickled) dtype, no more data than the member holds."""
    with archive.open(info) as member:
        try:
            version = np.lib.format.read_magic(member)
        except ValueError:
            raise InputError(f"'{key}' is not a .npy array", file=source,
                             fix="save with np.savez(path, filenames=…, fileitems=…)") from None
        if version not in ((1, 0), (2, 0)):
            raise InputError(f"'{key}' uses .npy format version {version[0]}.{version[1]} (1.0 or 2.0 expected)",
                             file=source, fix="save plain string arrays, e.g. np.array(labels, dtype=str)")
        read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, _, dtype = read_header(member)
    if dtype.hasobject:
        raise InputError("the arrays hold pickled Python objects, which are never loaded", file=source,
                         fix="save plain string arrays, e.g. np.array(labels, dtype=str)")
    if any(size < 0 for size in shape) or math.prod(shape) * dtype.itemsize > info.file_size:
        raise InputError(f"'{key}' declares a {'×'.join(map(str, shape)) or 'scalar'} array of {dtype} larger than "
                         f"the data it holds (corrupt or crafted)", file=source)
    with archive.open(info) as member:
        return np.lib.format.read_array(member, allow_pickle=False)


def load_predictions(path: str | Path, *, source: str | None = None, kind: Kind | None = None,
                     max_bytes: int = MAX_INPUT_BYTES) -> Predictions:
    """Load a prediction file (csv / json / jsonl / npz, chosen by suffix) into :class:`Predictions`.

    ``source`` is the name used in messages (defaults to the file name) — the hub passes the uploader's file name.
    ``kind`` says how to read values whose shape does not say it ("labels" or "texts"; None: decided from the
    file), see :func:`parse_predictions`.
    """
    path = Path(path)
    source = source or path.name
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"unsupported file type '{suffix or '(none)'}'", file=source,
                         fix=f"upload one of {', '.join(SUFFIXES)}")
    return parse_predictions(read_bounded(path, source, max_bytes), suffix, source, kind)


def read_bounded(path: Path, source: str, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The file's bytes, its size checked before reading: a 2 GB (even sparse) file costs nothing."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"the file has {size / 2**20:,.1f} MB; at most {max_bytes / 2**20:,.0f} MB are read",
                             file=source, fix="prediction files are well under 1 MB: is it the right file?")
        with path.open("rb") as handle:
            payload = handle.read(max_bytes + 1)  # a file still growing cannot slip past the check
    except OSError as error:
        raise InputError(f"cannot read the file ({error.strerror})", file=source) from None
    if len(payload) > max_bytes:
        raise InputError(f"the file has more than {max_bytes / 2**20:,.0f} MB", file=source)
    return payload


def parse_predictions(payload: bytes, suffix: str, source: str, kind: Kind | None = None) -> Predictions:
    """Parse file bytes of a given suffix; the single entry point shared by files on disk and uploads.

    Columns are found per record. ``kind`` decides what a bare string of a ``{sample: value}`` JSON object or an
    ``.npz`` item is: with "labels" (a labels track) a label list, read with the official label parser; with "texts"
    a description; with None a label list when the file holds any list, else a description.
    """
    if suffix == ".npz":
        if not payload:
            raise InputError("the file is empty", file=source)
        return _read_npz(payload, source, kind)
    text = _decode(payload, source)
    if suffix == ".csv":
        return _read_csv(text, source)
    if suffix == ".json":
        return _from_json_value(_json_loads(text, source, row=None), source, kind)
    records = [_json_loads(line, source, row=number)
               for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    return _from_records(records, source, first_row=1)


class _DuplicateKeys(ValueError):
    def __init__(self, keys: list[str]) -> None:
        super().__init__(keys)
        self.keys = keys


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` refusing repeated keys: ``json.loads`` would silently keep the last one, so a JSON object
    ``{sample: labels}`` with a sample twice would lose a prediction, not fail like a CSV with duplicate ids."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        counts = Counter(key for key, _ in pairs)
        raise _DuplicateKeys([key for key in dict.fromkeys(key for key, _ in pairs) if counts[key] > 1])
    return obj


def _json_loads(text: str, source: str, row: int | None) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except _DuplicateKeys as error:
        raise InputError(f"duplicate keys in a JSON object (duplicate sample ids?): {examples(error.keys, 5)} "
                         f"({len(error.keys)} in all)", file=source, row=row,
                         fix="keep exactly one entry per sample") from None
    except RecursionError:
        raise InputError("JSON nested too deeply", file=source, row=row) from None
    except json.JSONDecodeError as error:
        line = row if row is not None else error.lineno
        raise InputError(f"invalid JSON ({error.msg} at column {error.colno})", file=source, row=line) from None
    except ValueError as error:  # an integer of more than 4300 digits (sys.int_max_str_digits) is not JSONDecodeError
        reason = "a number with too many digits" if "digits" in str(error) else str(error)
        raise InputError(f"invalid JSON ({reason})", file=source, row=row) from None


def load_ground_truth(path: str | Path, *, split: str | None = None) -> dict[str, list[str]]:
    """Ground-truth labels per sample from a CSV (``name``/``names`` + ``openset``/``labels``/``emotions``), a JSON
    object of name → labels, or a MERBench corpus JSON (``{"test1_corpus": {name: {"emo": …}}}``; pick ``split``).
    """
    path = Path(path)
    if path.suffix.lower() == ".json":
        value = _json_loads(_decode(read_bounded(path, path.name), path.name), path.name, row=None)
        corpora = [key for key in value if key.endswith("_corpus")] if isinstance(value, dict) else []
        if corpora:
            if split is None:
                raise InputError(f"the file holds several splits ({', '.join(corpora)})", file=path,
                                 fix="choose one with --split")
            if split not in value:
                raise InputError(f"no split '{split}' (found: {', '.join(corpora)})", file=path)
            return {name: parse_label_list([entry["emo"]]) for name, entry in value[split].items()}
    predictions = load_predictions(path, kind="labels")
    if predictions.labels is None:
        raise InputError("no label column in the ground-truth file", file=path,
                         fix="use a file with 'name' and 'openset' columns")
    return predictions.labels
