"""Property-based fuzzing of everything that reads user input before scoring.

Properties: the label parser never raises and returns clean pieces; the file loaders, fed arbitrary bytes or
structured-but-weird content in every accepted format, either return well-formed predictions or raise an
``EmerEvalError`` whose message is one printable line — never any other exception; the metadata check and the file-name
sanitiser never raise, whatever an API client sends. Example counts keep the module well under a minute; on CI the
examples are derandomised so a run is reproducible (locally Hypothesis explores and remembers failures).
"""

from __future__ import annotations

import csv
import io
import json
import os
import unicodedata
import zipfile

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from emer_eval.errors import EmerEvalError
from emer_eval.io import LABEL_COLUMNS, TEXT_COLUMNS, Predictions, parse_predictions
from emer_eval.labels import parse_label_list
from space.leaderboard.markup import safe_https_url
from space.portal.validate import LIMITS, check_metadata, display_name

pytestmark = pytest.mark.slow  # minutes of subprocesses and load: not part of the fast suite

SUFFIXES = (".csv", ".json", ".jsonl", ".npz")
COLUMNS = ("name", "names", *LABEL_COLUMNS, *TEXT_COLUMNS, "id", "", " Name ", "score")
UNPRINTABLE = ("Cc", "Cf", "Cs", "Zl", "Zp")


def fuzz(examples: int):
    return settings(max_examples=examples, deadline=None, derandomize=bool(os.environ.get("CI")),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# every character, including surrogates, controls, bidi marks and unassigned code points
any_text = st.text(alphabet=st.characters(codec=None, categories=None), max_size=40)
weird_text = st.one_of(
    any_text,
    st.sampled_from(["", " ", "[", "]", "[]", "'", '"', ",", "[happy, sad]", "['happy', 'sad']", "\ufeffname",
                     "sample_00000000", "=HYPERLINK(\"http://evil\",\"x\")", "<script>alert(1)</script>",
                     "\u202ehappy", "h\u0430ppy", "\r\n", "\x00", "\ud800", "NaN", "1e999", "-0"]),
)
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), weird_text)
json_values = st.recursive(json_scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.one_of(st.sampled_from(COLUMNS), weird_text), children,
                                                    max_size=4)), max_leaves=12)


def assert_well_formed(result: Predictions) -> None:
    assert isinstance(result, Predictions)
    assert result.labels is not None or result.texts is not None
    for name in result.names:
        assert isinstance(name, str) and name and name == name.strip() and name.isprintable()
        name.encode("utf-8")
    for labels in (result.labels or {}).values():
        assert isinstance(labels, list) and all(isinstance(label, str) for label in labels)
        for label in labels:
            label.encode("utf-8")
    for text in (result.texts or {}).values():
        assert isinstance(text, str)
        text.encode("utf-8")


def assert_good_message(error: EmerEvalError) -> None:
    message = str(error)
    assert message and len(message) < 1500, len(message)
    assert not [ch for ch in message if unicodedata.category(ch) in UNPRINTABLE], repr(message)


def load(payload: bytes, suffix: str) -> None:
    """Parse; the only acceptable outcomes are well-formed predictions or an EmerEvalError with a good message."""
    try:
        result = parse_predictions(payload, suffix, "upload" + suffix)
    except EmerEvalError as error:
        assert_good_message(error)
    else:
        assert_well_formed(result)


# --- the label parser ----------------------------------------------------------------------------------------------

@fuzz(400)
@given(st.one_of(json_values, st.binary(max_size=40), st.tuples(weird_text, weird_text), st.floats()))
@example(float("nan"))
@example("[")
@example("']")
def test_parse_label_list_never_raises(value):
    pieces = parse_label_list(value)
    assert isinstance(pieces, list) and all(isinstance(piece, str) for piece in pieces)
    if isinstance(value, str):
        assert all(piece and piece == piece.strip() for piece in pieces)
        assert not any(separator in piece for piece in pieces for separator in "',\"")


# --- the file loaders: arbitrary bytes -----------------------------------------------------------------------------

@fuzz(300)
@given(st.binary(max_size=3000), st.sampled_from(SUFFIXES))
@example(b"\xff\xfe\x00", ".csv")
@example(b"PK\x05\x06" + b"\x00" * 18, ".npz")
@example(b"\x93NUMPY\x01\x00v\x00", ".npz")
@example(b"[" * 5000, ".json")
@example(b'{"a": 1' + b"0" * 5000 + b"}", ".json")
def test_arbitrary_bytes(payload, suffix):
    load(payload, suffix)


@fuzz(150)
@given(st.sampled_from([b"PK\x03\x04", b"PK\x05\x06", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x93NUMPY",
                        b"name,openset\n", b'{"filenames": ', b"[{"]), st.binary(max_size=2000),
       st.sampled_from(SUFFIXES))
def test_bytes_behind_a_plausible_start(start, rest, suffix):
    load(start + rest, suffix)


# --- structured but weird content ----------------------------------------------------------------------------------

@fuzz(250)
@given(st.lists(st.sampled_from(COLUMNS) | weird_text, min_size=1, max_size=4),
       st.lists(st.lists(weird_text, max_size=5), max_size=8),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "\r\n"]))
def test_weird_csv(header, rows, encoding):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if encoding == "\r\n" else "\n")
    for row in [header, *rows]:
        writer.writerow([cell.replace("\x00", "") for cell in row])
    try:
        payload = buffer.getvalue().encode("utf-8" if encoding == "\r\n" else encoding)
    except UnicodeEncodeError:  # lone surrogates cannot be written: send them as raw bytes instead
        payload = buffer.getvalue().encode("utf-8", "surrogatepass")
    load(payload, ".csv")


@fuzz(300)
@given(json_values)
def test_weird_json(value):
    load(json.dumps(value).encode(), ".json")


@fuzz(150)
@given(st.lists(st.dictionaries(st.sampled_from(COLUMNS), json_values, max_size=3), min_size=1, max_size=6))
def test_weird_records(records):
    load(json.dumps(records).encode(), ".json")
    load("\n".join(json.dumps(record) for record in records).encode(), ".jsonl")


@fuzz(100)
@given(st.lists(json_values, max_size=6))
def test_weird_jsonl(values):
    load("\n".join(json.dumps(value) for value in values).encode(), ".jsonl")


text_arrays = st.lists(weird_text, max_size=5).map(lambda items: np.array(items, dtype=str) if items else np.array([]))
other_arrays = st.sampled_from([np.arange(3), np.zeros((2, 2)), np.array([b"x", b"yz"]), np.array([True]),
                                np.array(["a"], dtype="<U0"), np.array([1 + 2j]), np.zeros(0, dtype="V4"),
                                np.array([("a", 1)], dtype=[("f", "<U1"), ("g", "<i4")]), np.float64(3.0)])


@fuzz(120)
@given(st.dictionaries(st.sampled_from(["filenames", "fileitems", "other", "filenames.npy"]),
                       st.one_of(text_arrays, other_arrays), max_size=3),
       st.booleans(), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=4))
def test_weird_npz(arrays, compressed, flips):
    buffer = io.BytesIO()
    try:
        (np.savez_compressed if compressed else np.savez)(buffer, **arrays)
    except (ValueError, zipfile.BadZipFile):
        return
    payload = bytearray(buffer.getvalue())
    for position, value in flips:  # corrupt a few bytes anywhere: headers, central directory, data
        if payload:
            payload[position % len(payload)] = value
    load(bytes(payload), ".npz")


# --- the form and the file name ------------------------------------------------------------------------------------

metadata_keys = st.sampled_from(["model_name", "organisation", "link", "description", "modalities", "open_weights",
                                 "user", "profile"]) | weird_text
metadata_values = st.one_of(json_values, st.sampled_from([
    "https://example.org/model", "http://example.org", "javascript:alert(1)", "https://[::1", "https://u:p@host/",
    "https://exa mple.org", ["audio", "smell"], ["audio", ["nested"]], "audio,video", 10**5000, 2**70,
    {"open": True}, ["open"], "open", "closed", float("nan")]))


@fuzz(400)
@given(st.dictionaries(metadata_keys, metadata_values, max_size=7))
@example({"modalities": 5})
@example({"open_weights": ["open"]})
@example({"link": "https://["})
@example({"model_name": "\ud800"})
@example({"model_name": 12345, "modalities": {"audio": 1}})
@example({"modalities": ["\ud800\n\x1b"]})
def test_check_metadata_never_raises(raw):
    metadata, errors = check_metadata(raw)
    assert isinstance(errors, list) and all(isinstance(error, str) for error in errors)
    assert not [ch for error in errors for ch in error if unicodedata.category(ch) in UNPRINTABLE]
    assert set(metadata) == {"model_name", "organisation", "link", "description", "modalities", "open_weights"}
    assert all(isinstance(metadata[key], str) for key in LIMITS)
    assert set(metadata["modalities"]) <= {"audio", "video", "text"}
    assert metadata["open_weights"] in (True, False, None)
    if not errors:  # what would be stored: valid UTF-8, within limits, the link linkable
        assert metadata["model_name"]
        for key, limit in LIMITS.items():
            metadata[key].encode("utf-8")
            assert len(metadata[key]) <= limit
        assert not metadata["link"] or safe_https_url(metadata["link"]) == metadata["link"]


@fuzz(300)
@given(st.one_of(any_text, st.sampled_from(["../../etc/passwd.csv", "..", "/", "a/b\\c.npz", "\x00.csv",
                                            "x" * 500 + ".json", "\u202egnp.csv", None, 5])))
def test_display_name_is_always_safe(name):
    shown = display_name(name)
    assert shown and len(shown) <= 120
    assert "/" not in shown and "\\" not in shown and shown not in (".", "..")
    assert not [ch for ch in shown if unicodedata.category(ch) in UNPRINTABLE]
