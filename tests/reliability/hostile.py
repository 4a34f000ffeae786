"""A corpus of hostile or broken prediction files, generated at test time (no binary is committed), each with the
outcome it must have through the portal and through the CLI.

A case is a file name (as the uploader sends it), a builder of the file's bytes from :class:`Base` (the real
``predict-openset.csv`` and the ids of the hidden ground truth) and one :class:`Expect` per channel:
``error`` (a rejection whose message contains ``text``) or ``score`` (scored, with EW-L1 F equal to ``f`` —
``"clean"`` meaning the score of the untouched file — and, when given, a warning containing ``warning``).

Zip bombs are built without ever materialising what they expand to: deflate blocks of zeros separated by full
flushes are byte-identical, so one is compressed and repeated, and the CRC of the zeros is computed with zlib's
GF(2) "combine" algebra instead of by reading gigabytes.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

MiB = 1 << 20
CLEAN = "clean"


@dataclass(frozen=True)
class Expect:
    kind: str                     # "error" | "score" | "refused" (by Gradio, before the handler: app only)
    text: str = ""                # error: substring of the message
    f: float | str = CLEAN        # score: EW-L1 F, or "clean" = the untouched file's
    warning: str = ""             # score: substring of one warning (optional)
    oov: str = ""                 # score: a word that must be reported as out of vocabulary (optional)


def error(text: str) -> Expect:
    return Expect("error", text=text)


def score(f: float | str = CLEAN, *, warning: str = "", oov: str = "") -> Expect:
    return Expect("score", f=f, warning=warning, oov=oov)


def refused(text: str) -> Expect:
    return Expect("refused", text=text)


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    filename: str                                  # what the uploader's client sends as the file name
    build: Callable[[Base], bytes]
    portal: Expect
    cli: Expect | None                             # None: meaningless for a local file (e.g. a 5,000-char name)
    app: bool = False                              # also sent through the running app by gradio_client
    max_rss_mb: float = 256.0                      # bound on peak RSS growth while handling it (portal, in-process)
    cli_name: str | None = None                    # file name on disk for the CLI (default: ``filename``)
    app_expect: Expect | None = None               # through the app, when it differs from ``portal``
    resubmit: bool = False                         # portal: submit once (scored), then measure the second attempt


class Base:
    """The material every case is derived from: the real prediction file and the hidden track's ids."""

    def __init__(self, predictions_csv: Path, gt_csv: Path) -> None:
        self.path = predictions_csv
        self.raw = predictions_csv.read_bytes()
        with predictions_csv.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        self.header, self.rows = rows[0], rows[1:]
        with gt_csv.open(encoding="utf-8", newline="") as handle:
            self.gt_rows = list(csv.reader(handle))[1:]
        self.ids = [row[0] for row in self.gt_rows]

    def csv(self, rows: list[list[str]] | None = None, header: list[str] | None = None, *,
            newline: str = "\n") -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator=newline)
        writer.writerow(header or self.header)
        writer.writerows(self.rows if rows is None else rows)
        return buffer.getvalue()

    def with_extra_label(self, label: str, every: int = 1) -> str:
        """The clean rows with ``label`` added to every ``every``-th row's label list (kept a valid list)."""
        rows = []
        for index, (name, cell) in enumerate(self.rows):
            if index % every == 0:
                cell = cell.rstrip()[:-1] + f", '{label}']" if cell.rstrip().endswith("]") else f"{cell}, {label}"
            rows.append([name, cell])
        return self.csv(rows)

    def json_object(self) -> dict[str, str]:
        return {name: cell for name, cell in self.rows}

    @cached_property
    def million_rows(self) -> bytes:
        """The 332 real rows followed by 999,668 rows of unknown ids: 1,000,000 rows, about 9.5 MB."""
        extra = "".join(f"x{index},a\n" for index in range(1_000_000 - len(self.rows)))
        return (self.csv() + extra).encode()

    @cached_property
    def zip_bomb(self) -> bytes:
        return zip_bomb()


# --- zip bombs without gigabytes -------------------------------------------------------------------------------

def _gf2_times(matrix: list[int], vector: int) -> int:
    total, index = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[index]
        vector >>= 1
        index += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, matrix[n]) for n in range(32)]


def crc32_zeros(crc: int, count: int) -> int:
    """``zlib.crc32(b"\\0" * count, crc)`` in O(log count).

    With zero input the CRC register evolves linearly (``M``), and ``crc32`` inverts the register before and after,
    so the result is ``M^n(crc) ^ M^n(0xFFFFFFFF) ^ 0xFFFFFFFF`` — ``M^n`` by squaring, as zlib's ``crc32_combine``.
    """
    operator = [0xEDB88320] + [1 << n for n in range(31)]    # one zero bit on the reflected register
    for _ in range(3):
        operator = _gf2_square(operator)                      # one zero byte
    register, ones = crc, 0xFFFFFFFF
    while count:
        if count & 1:
            register, ones = _gf2_times(operator, register), _gf2_times(operator, ones)
        operator = _gf2_square(operator)
        count >>= 1
    return register ^ ones ^ 0xFFFFFFFF


def _deflated_zeros(prefix: bytes, zeros_mib: int) -> bytes:
    """A raw deflate stream of ``prefix`` + ``zeros_mib`` MiB of zeros, built by repeating one flushed block."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(bytes(MiB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(bytes(MiB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert block == again, "zlib no longer repeats flushed blocks byte for byte"
    return head + block * zeros_mib + compressor.flush(zlib.Z_FINISH)


def npy_header(shape: tuple[int, ...], descr: str = "<U1") -> bytes:
    """A version 1.0 ``.npy`` header (magic, length, dict) padded to 64 bytes, as numpy writes it."""
    text = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape!r}, }}"
    padded = text + " " * (-(len(text) + 11) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(padded)) + padded.encode("latin-1")


def zip_bomb(zeros_mib: int = 4095) -> bytes:
    """An ``.npz`` whose two ``.npy`` members each declare and really expand to ~4 GiB of zeros (~8.5 MB on disk).

    Valid in every respect (headers, sizes, CRCs): a reader that trusts it decompresses 8 GiB.
    """
    out, central = io.BytesIO(), []
    for name in ("filenames.npy", "fileitems.npy"):
        header = npy_header(((zeros_mib * MiB) // 4,))
        data = _deflated_zeros(header, zeros_mib)
        size = len(header) + zeros_mib * MiB
        assert size < 0xFFFFFFFF
        crc = crc32_zeros(zlib.crc32(header), zeros_mib * MiB)
        encoded = name.encode()
        offset = out.tell()
        common = struct.pack("<HHHHIII", 0, 8, 0, 0x21, crc, len(data), size)  # flags, deflate, time, date
        out.write(b"PK\x03\x04" + struct.pack("<H", 20) + common + struct.pack("<HH", len(encoded), 0) + encoded)
        out.write(data)
        central.append(b"PK\x01\x02" + struct.pack("<HH", 20, 20) + common
                       + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


# --- other archives ---------------------------------------------------------------------------------------------

def npz(**arrays: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def zip_of(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _patch_zip(payload: bytes, *, flags: int | None = None, method: int | None = None) -> bytes:
    """Set the general-purpose flags / compression method of every local and central header."""
    data = bytearray(payload)
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        start = data.find(signature)
        while start >= 0:
            if flags is not None:
                data[start + flag_at:start + flag_at + 2] = struct.pack("<H", flags)
            if method is not None:
                data[start + method_at:start + method_at + 2] = struct.pack("<H", method)
            start = data.find(signature, start + 4)
    return bytes(data)


class Pickled:
    """An object whose unpickling would run a shell command: proves nothing ever unpickles an upload."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def pickle_npz(marker: Path) -> bytes:
    names = np.empty(1, dtype=object)
    names[0] = Pickled(str(marker))
    return npz(filenames=names, fileitems=np.array([["x"]], dtype=object))


def clean_npz(base: Base) -> bytes:
    return npz(filenames=np.array([row[0] for row in base.rows]), fileitems=np.array([row[1] for row in base.rows]))


# --- the corpus -------------------------------------------------------------------------------------------------

def _u(text: str) -> bytes:
    return text.encode("utf-8")


def corpus(marker: Path) -> list[Case]:
    """Every case; ``marker`` is a path that must never come to exist (created only by unpickling or eval)."""
    first = "sample_00000000"
    dup_rows = lambda b: b.csv(b.rows + [b.rows[0]])  # noqa: E731
    cases = [
        # the reference: the real file, untouched
        Case("clean", "valid", "predictions.csv", lambda b: b.raw, score(), score(), app=True),

        # columns
        Case("no-id-column", "columns", "preds.csv", lambda b: _u(b.csv(header=["id", "openset"])),
             error("no sample-id column (found: id, openset)"), error("no sample-id column (found: id, openset)")),
        Case("no-label-column", "columns", "preds.csv", lambda b: _u(b.csv(header=["name", "score"])),
             error("no prediction column (found: name, score)"), error("no prediction column (found: name, score)")),
        Case("extra-columns", "columns", "preds.csv",
             lambda b: _u(b.csv([[n, c, "0.9", "=1+1"] for n, c in b.rows], ["name", "openset", "confidence", "x"])),
             score(), score()),
        Case("reordered-columns", "columns", "preds.csv",
             lambda b: _u(b.csv([[c, n] for n, c in b.rows], ["openset", "name"])), score(), score()),
        Case("row-with-extra-field", "columns", "preds.csv",
             lambda b: _u(b.csv(b.rows[:5] + [[b.rows[5][0], "happy", "sad"]] + b.rows[6:])),
             error("row 7: expected 2 fields like the header, found 3"),
             error("row 7: expected 2 fields like the header, found 3")),
        Case("semicolon-separated", "columns", "preds.csv", lambda b: _u(b.csv().replace(",", ";")),
             error("no sample-id column (found: name;openset)"), error("no sample-id column (found: name;openset)")),
        Case("unclosed-quote", "columns", "preds.csv",
             lambda b: _u(b.csv(b.rows[:10]) + f"{b.rows[10][0]},\"['happy'\n" + b.csv(b.rows[11:]).split("\n", 1)[1]),
             error("row 12: expected 2 fields like the header, found 5"),
             error("row 12: expected 2 fields like the header, found 5")),

        # ids
        Case("duplicate-ids", "ids", "preds.csv", lambda b: _u(dup_rows(b)), error(f"duplicate sample ids: {first}"),
             error(f"duplicate sample ids: {first}"), app=True),
        Case("duplicate-json-keys", "ids", "preds.json",
             lambda b: _u(json.dumps(b.json_object())[:-1] + f', "{first}": "[happy]"}}'),
             error(f"duplicate keys in a JSON object (duplicate sample ids?): {first}"),
             error(f"duplicate keys in a JSON object (duplicate sample ids?): {first}")),
        Case("ids-of-another-track", "ids", "preds.csv",
             lambda b: _u(b.csv([[f"mer2023_{i:05d}", c] for i, (_, c) in enumerate(b.rows)])),
             error("none of its 332 ids are samples of track 'ovmerd-labels'"),
             error("none of the 332 prediction ids is a sample of the ground truth")),
        Case("ids-with-zero-width-space", "ids", "preds.csv",
             lambda b: _u(b.csv([[n + "\u200b", c] for n, c in b.rows])),
             error("row 2, column 'name': a sample id contains an invisible or control character (U+200B)"),
             error("row 2, column 'name': a sample id contains an invisible or control character (U+200B)")),
        Case("ids-padded-with-spaces", "ids", "preds.csv",
             lambda b: _u(b.csv([[f"  {n} ", c] for n, c in b.rows])), score(), score()),
        Case("empty-id", "ids", "preds.csv", lambda b: _u(b.csv([["", "[happy]"]] + b.rows)),
             error("row 2, column 'name': empty sample id"), error("row 2, column 'name': empty sample id")),
        Case("formula-ids", "ids", "preds.csv",
             lambda b: _u(b.csv(b.rows + [['=cmd|" /C calc"!A0', "[happy]"]])),
             score(warning='=cmd|'), score(warning="=cmd|")),
        Case("half-the-ids", "ids", "preds.csv", lambda b: _u(b.csv(b.rows[::2])),
             score(0.2637, warning="166 ground-truth sample(s) have no prediction and score as empty"),
             score(0.2637, warning="166 ground-truth sample(s) have no prediction")),

        # empty and degenerate
        Case("empty-file", "empty", "preds.csv", lambda b: b"", error("the file is empty"), error("the file is empty"),
             app=True),
        Case("whitespace-only", "empty", "preds.csv", lambda b: b" \n\r\n\t\n", error("the file is empty"),
             error("the file is empty")),
        Case("header-only", "empty", "preds.csv", lambda b: b"name,openset\n",
             error("only a header, no prediction rows"), error("only a header, no prediction rows")),
        Case("all-predictions-empty", "empty", "preds.csv", lambda b: _u(b.csv([[n, "[]"] for n, _ in b.rows])),
             error("every prediction is empty"), score(0.0)),
        Case("descriptions-on-label-track", "empty", "preds.csv",
             lambda b: _u(b.csv([[n, "He smiles; he is happy."] for n, _ in b.rows], ["name", "reason"])),
             error("this track takes label lists"), None),
        Case("sentences-as-labels", "empty", "preds.csv",
             lambda b: _u(b.csv([[n, "The person in the video looks very happy and relaxed today"]
                                 for n, _ in b.rows])),
             error("have 'labels' longer than 8 words"), None),

        # encodings
        Case("utf8-bom", "encoding", "preds.csv", lambda b: codecs.BOM_UTF8 + b.raw, score(), score()),
        Case("utf16-le-bom", "encoding", "preds.csv", lambda b: b.raw.decode().encode("utf-16"), score(), score(),
             app=True),
        Case("utf16-be-bom", "encoding", "preds.csv",
             lambda b: codecs.BOM_UTF16_BE + b.raw.decode().encode("utf-16-be"), score(), score()),
        Case("utf16-no-bom", "encoding", "preds.csv", lambda b: b.raw.decode().encode("utf-16-le"),
             error("the file contains NUL bytes"), error("the file contains NUL bytes")),
        Case("utf16-truncated", "encoding", "preds.csv", lambda b: b.raw.decode().encode("utf-16")[:-1],
             error("not valid UTF-16 (truncated data"), error("not valid UTF-16 (truncated data")),
        Case("utf16-lone-surrogate", "encoding", "preds.csv",
             lambda b: (codecs.BOM_UTF16_LE + "name,openset\ns,".encode("utf-16-le") + b"\x00\xd8"
                        + "x\n".encode("utf-16-le")),
             error("not valid UTF-16 (illegal UTF-16 surrogate"), error("not valid UTF-16 (illegal UTF-16 surrogate")),
        Case("latin1", "encoding", "preds.csv", lambda b: (b.raw.decode() + "x1,[café]\n").encode("latin-1"),
             error("not valid UTF-8 (byte 0xe9"), error("not valid UTF-8 (byte 0xe9"), app=True),
        Case("crlf", "encoding", "preds.csv", lambda b: _u(b.csv(newline="\r\n")), score(), score()),
        Case("cr-only", "encoding", "preds.csv", lambda b: _u(b.csv(newline="\r")), score(), score()),
        Case("nul-bytes", "encoding", "preds.csv", lambda b: b.raw[:200] + b"\x00" + b.raw[200:],
             error("the file contains NUL bytes"), error("the file contains NUL bytes")),
        Case("json-lone-surrogate", "encoding", "preds.json",
             lambda b: _u(json.dumps(b.json_object())[:-1] + ', "evil\\ud800": "[happy]"}'),
             error("lone surrogate U+D800"), error("lone surrogate U+D800")),

        # size
        Case("million-rows", "size", "million.csv", lambda b: b.million_rows,
             score(warning="999668 prediction id(s) not in the ground truth were ignored"),
             score(warning="999668 prediction id(s) not in the ground truth were ignored"),
             app=True, max_rss_mb=1024),
        Case("ten-mb-cell-csv", "size", "preds.csv",
             lambda b: _u(b.csv()) + _u(f"{b.ids[0]}x,\"[") + b"a" * (10 * MiB) + b"]\"\n",
             error("row 334: a cell is longer than 131072 characters"),
             error("row 334: a cell is longer than 131072 characters"), max_rss_mb=512),
        Case("ten-mb-cell-json", "size", "preds.json",
             lambda b: _u(json.dumps({**b.json_object(), "x": "[" + "a" * (10 * MiB - 2) + "]"})),
             error("column 'openset': a label cell of 10485760 characters (at most 131072)"),
             error("column 'openset': a label cell of 10485760 characters (at most 131072)"), max_rss_mb=512),
        Case("over-the-size-limit", "size", "preds.json", lambda b: _u(json.dumps(b.json_object())) + b" " * (21 * MiB),
             error("21.0 MB; the limit is 20 MB"), score(), max_rss_mb=512, app=True,
             app_expect=refused("exceeds the maximum file size of 20971520 bytes")),

        # JSON structure
        Case("json-object", "json", "preds.json", lambda b: _u(json.dumps(b.json_object())), score(), score()),
        Case("json-deeply-nested", "json", "preds.json", lambda b: b"[" * 100_000 + b"]" * 100_000,
             error("JSON nested too deeply"), error("JSON nested too deeply")),
        Case("json-nested-labels", "json", "preds.json",
             lambda b: _u(json.dumps({b.ids[0]: [[[["happy"]]]]})), error("every label must be a string"),
             error("every label must be a string")),
        Case("json-nested-id", "json", "preds.json",
             lambda b: b'[{"name": ' + b"[" * 500 + b"]" * 500 + b', "openset": "[happy]"}]',
             error("a sample id must be a string, not list"), error("a sample id must be a string, not list")),
        Case("json-number", "json", "preds.json", lambda b: b"42", error("top-level JSON value is a int"),
             error("top-level JSON value is a int")),
        Case("json-string", "json", "preds.json", lambda b: b'"happy"', error("top-level JSON value is a str"),
             error("top-level JSON value is a str")),
        Case("json-null", "json", "preds.json", lambda b: b"null", error("top-level JSON value is a NoneType"),
             error("top-level JSON value is a NoneType")),
        Case("json-list-of-numbers", "json", "preds.json", lambda b: b"[1, 2, 3]",
             error("row 1: expected an object per record, found a int"),
             error("row 1: expected an object per record, found a int")),
        Case("json-huge-integer", "json", "preds.json", lambda b: b'{"s": ' + b"9" * 5000 + b"}",
             error("invalid JSON (a number with too many digits)"),
             error("invalid JSON (a number with too many digits)")),
        Case("json-arrays-not-lists", "json", "preds.json", lambda b: b'{"filenames": 1, "fileitems": 2}',
             error("'filenames' and 'fileitems' must both be lists"),
             error("'filenames' and 'fileitems' must both be lists")),
        Case("jsonl-broken-line", "json", "preds.jsonl",
             lambda b: _u(json.dumps({"name": b.ids[0], "openset": "[happy]"}) + "\n{not json\n"),
             error("row 2: invalid JSON"), error("row 2: invalid JSON")),
        Case("jsonl-scalar-lines", "json", "preds.jsonl", lambda b: b"1\n2\n",
             error("expected an object per record, found a int"), error("expected an object per record, found a int")),

        # numpy archives
        Case("npz-valid", "npz", "preds.npz", clean_npz, score(), score()),
        Case("npz-pickled-objects", "npz", "preds.npz", lambda b: pickle_npz(marker),
             error("the arrays hold pickled Python objects, which are never loaded"),
             error("the arrays hold pickled Python objects, which are never loaded"), app=True),
        Case("npz-random-bytes", "npz", "preds.npz", lambda b: bytes(np.random.default_rng(1).integers(0, 256, 4096,
                                                                                                       dtype=np.uint8)),
             error("not a readable .npz archive (an .npz is a zip of .npy arrays; this file is not a zip)"),
             error("not a readable .npz archive (an .npz is a zip of .npy arrays; this file is not a zip)")),
        Case("npz-random-after-zip-magic", "npz", "preds.npz", lambda b: b"PK\x03\x04" + bytes(range(256)) * 8,
             error("not a readable .npz archive (BadZipFile"), error("not a readable .npz archive (BadZipFile")),
        Case("npz-zip-bomb", "npz", "bomb.npz", lambda b: b.zip_bomb,
             error("the arrays would expand to 8,190 MB (at most 32 MB)"),
             error("the arrays would expand to 8,190 MB (at most 32 MB)"), app=True, max_rss_mb=64),
        Case("zip-bomb-renamed-csv", "npz", "bomb.csv", lambda b: b.zip_bomb, error("not valid UTF-8 (byte"),
             error("not valid UTF-8 (byte"), max_rss_mb=128),
        Case("npy-renamed-npz", "npz", "preds.npz",
             lambda b: (lambda buffer: (np.save(buffer, np.array(["a"])), buffer.getvalue())[1])(io.BytesIO()),
             error("this file is not a zip"), error("this file is not a zip")),
        Case("npz-header-lies", "npz", "preds.npz",
             lambda b: zip_of({"filenames.npy": npy_header((10**9,), "<U10") + b"\0" * 64,
                               "fileitems.npy": npy_header((1,)) + b"\0" * 4}),
             error("'filenames' declares a 1000000000 array of <U10 larger than the data it holds"),
             error("'filenames' declares a 1000000000 array of <U10 larger than the data it holds"), max_rss_mb=64),
        Case("npz-missing-arrays", "npz", "preds.npz", lambda b: npz(names=np.array(["s"]), labels=np.array(["a"])),
             error("missing array(s) filenames, fileitems (found: labels, names)"),
             error("missing array(s) filenames, fileitems (found: labels, names)")),
        Case("npz-members-not-npy", "npz", "preds.npz",
             lambda b: zip_of({"filenames.npy": b"not an array", "fileitems.npy": b"nor this"}),
             error("'filenames' is not a .npy array"), error("'filenames' is not a .npy array")),
        Case("npz-many-members", "npz", "preds.npz", lambda b: zip_of({f"m{i}.npy": b"" for i in range(1000)}),
             error("more than 64 entries"), error("more than 64 entries")),
        Case("npz-encrypted", "npz", "preds.npz", lambda b: _patch_zip(clean_npz(b), flags=1),
             error("not a readable .npz archive (RuntimeError"), error("not a readable .npz archive (RuntimeError")),
        Case("npz-unknown-compression", "npz", "preds.npz", lambda b: _patch_zip(clean_npz(b), method=99),
             error("not a readable .npz archive (NotImplementedError"),
             error("not a readable .npz archive (NotImplementedError")),
        Case("npz-truncated", "npz", "preds.npz", lambda b: clean_npz(b)[: len(clean_npz(b)) // 2],
             error("not a readable .npz archive"), error("not a readable .npz archive")),

        # hostile names (the portal gets them from the client; the CLI from the file system)
        Case("path-traversal-name", "names", "../../etc/passwd.csv", lambda b: b.raw + b"\n", score(), score(),
             cli_name="passwd.csv"),
        Case("windows-traversal-name", "names", "..\\..\\Windows\\evil.csv", lambda b: b.raw + b"\n\n", score(), None),
        Case("control-characters-in-name", "names", "evil\n\x1b[2Jname.csv", lambda b: _u(dup_rows(b)),
             error("duplicate sample ids"), error("evil\\n\\x1b[2Jname.csv: duplicate sample ids")),
        Case("rtl-override-name", "names", "\u202egnp.csv", lambda b: b.raw + b"\n\n\n", score(), score()),
        Case("very-long-name", "names", "a" * 5000 + ".csv", lambda b: b.raw + b"\n\n\n\n", score(), None),
        Case("no-suffix", "names", "predictions", lambda b: b.raw, error("file type '(none)' is not accepted"),
             error("unsupported file type '(none)'")),
        Case("pickle-suffix", "names", "preds.pkl", lambda b: b"\x80\x04K\x01.",
             error("file type '.pkl' is not accepted"), error("unsupported file type '.pkl'"), app=True,
             app_expect=refused("Invalid file type")),
        Case("uppercase-suffix", "names", "PREDS.CSV", lambda b: b.raw + b"\n" * 5, score(), score()),
        Case("identical-resubmission", "names", "again.csv", lambda b: b.raw + b"\n" * 7,
             error("you already submitted these exact predictions to this track"), score(), resubmit=True),

        # hostile labels: never interpreted, dropped as out of vocabulary, so the score is the clean one
        Case("html-script-labels", "labels", "preds.csv",
             lambda b: _u(b.with_extra_label("<script>alert(1)</script>")),
             score(oov="<script>alert(1)</script>"), score(oov="<script>alert(1)</script>"), app=True),
        Case("img-onerror-labels", "labels", "preds.csv",
             lambda b: _u(b.with_extra_label("<img src=x onerror=alert(1)>")),
             score(oov="<img src=x onerror=alert(1)>"), score(oov="<img src=x onerror=alert(1)>")),
        Case("markdown-link-labels", "labels", "preds.csv",
             lambda b: _u(b.with_extra_label("[click](javascript:alert(1))", every=3)),
             score(oov="[click](javascript:alert(1))"), score(oov="[click](javascript:alert(1))")),
        Case("confusable-labels", "labels", "preds.csv", lambda b: _u(b.with_extra_label("h\u0430ppy")),
             score(oov="h\u0430ppy"), score(oov="h\u0430ppy")),
        Case("rtl-mark-labels", "labels", "preds.csv", lambda b: _u(b.with_extra_label("\u202ey\u200fppah")),
             score(oov="\u202ey\u200fppah"), score(oov="\u202ey\u200fppah")),
        Case("formula-labels", "labels", "preds.csv",
             lambda b: _u(b.csv([[n, c.rstrip()[:-1] + ', =HYPERLINK("http://evil","x")]'] for n, c in b.rows])),
             score(oov="=hyperlink("), score(oov="=hyperlink(")),
        Case("code-as-labels", "labels", "preds.csv",
             lambda b: _u(b.with_extra_label(f"__import__(\\x27os\\x27).system(\\x27touch {marker}\\x27)")),
             score(), score()),
    ]
    ids = [case.id for case in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    return cases
