"""CSV/JSON exports: plain text, raw numbers, spreadsheet formulas neutralised in CSV only."""

from __future__ import annotations

import csv
import io
import json
import math
import os

import pandas as pd
import pytest

from emer_eval import neutralise_formula as neutralise
from space.leaderboard.export import export_frame, to_csv_text, to_json_text, write_export
from space.leaderboard.reported import load_reported
from space.leaderboard.table import build_table, filter_table

from .factories import TRACK, make_record

FORMULAS = {"f1": '=HYPERLINK("https://evil.example","click")', "f2": "+1", "f3": "-1", "f4": "@SUM(A1:A2)",
            "f5": "\t=1+1", "f6": "\r=1"}


def formula_board() -> pd.DataFrame:
    records = [make_record(key, 0.5 - i / 100, name=value, organisation="=cmd|' /C calc'!A0", ci=(0.3, 0.6))
               for i, (key, value) in enumerate(FORMULAS.items())]
    records.append(make_record("plain", 0.2, name="<b>Plain</b> & [x](y)", organisation="Lab"))
    return build_table(records, load_reported(), TRACK)


def read_csv_cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_neutralises_formula_cells():
    rows = {row["id"]: row for row in read_csv_cells(to_csv_text(formula_board()))}
    for key, value in FORMULAS.items():
        assert rows[key]["Model"] == "'" + value.strip()  # names are stripped on the way in, then neutralised
        assert rows[key]["Organisation"] == "'=cmd|' /C calc'!A0"
    assert rows["plain"]["Model"] == "<b>Plain</b> & [x](y)"  # plain text: neither escaped nor prefixed


def test_csv_numbers_stay_numbers():
    board = formula_board()
    text = to_csv_text(board)
    parsed = pd.read_csv(io.StringIO(text))
    for column in ("Rank", "EW-L1 F", "CI low", "CI high", "P", "M-avg"):
        assert pd.api.types.is_numeric_dtype(parsed[column]), column
    by_id = parsed.set_index("id")
    assert by_id.loc["f1", "EW-L1 F"] == pytest.approx(50.0)
    assert by_id.loc["f1", "CI low"] == pytest.approx(30.0)
    chat = by_id.loc["reported/ovmerd-labels/Chat-UniVi"]
    assert math.isnan(chat["P"])  # not reported → empty cell, never 0 and never a quoted string
    raw = read_csv_cells(text)
    assert not any(cell.startswith("'") and cell[1:].replace(".", "").isdigit() for row in raw for cell in row.values())


def test_neutralise_leaves_non_strings_alone():
    assert neutralise(-1) == -1 and neutralise(-0.5) == -0.5 and neutralise(None) is None
    assert neutralise("-1") == "'-1" and neutralise("a=b") == "a=b"
    assert neutralise("\t=1+1") == "'\t=1+1" and neutralise("\r=1") == "'\r=1" and neutralise("@x") == "'@x"


def test_json_has_plain_values_and_nulls():
    document = json.loads(to_json_text(formula_board(), track=TRACK))
    assert document["track"] == TRACK and "points" in document["units"]
    rows = {row["id"]: row for row in document["rows"]}
    assert rows["f1"]["Model"] == FORMULAS["f1"]  # JSON is data, not a spreadsheet: no apostrophe
    assert rows["plain"]["Model"] == "<b>Plain</b> & [x](y)"
    assert isinstance(rows["f1"]["EW-L1 F"], float) and isinstance(rows["f1"]["Rank"], int)
    assert rows["f1"]["Date"] == "2025-03-01T12:00:00+00:00"
    chat = rows["reported/ovmerd-labels/Chat-UniVi"]
    assert chat["P"] is None and chat["Date"] is None and chat["Rank 95 %"] == "no interval (paper)"
    assert chat["Source"] == "reported" and "d961cab" in chat["Reference"]


def test_export_of_a_filtered_board_has_only_its_rows_and_chosen_columns():
    board = filter_table(formula_board(), sources=["reported"])
    frame = export_frame(board, columns=["M2 F"])
    assert list(frame.columns) == ["Rank", "Model", "EW-L1 F", "M2 F", "id"]  # the primary under its own name
    assert len(frame) == 12 and set(frame["id"].str.slice(0, 9)) == {"reported/"}


def test_export_uses_plain_twins_never_markup():
    frame = export_frame(formula_board())
    assert "model_name" not in frame.columns and "organisation_name" not in frame.columns
    assert not frame["Model"].str.contains(r"\\", regex=False).any()
    assert set(frame["Modalities"]) <= {"audio;video;text", ""}


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_write_export_creates_a_fresh_file(tmp_path, fmt):
    board = formula_board()
    first = write_export(board, fmt, track="ovmerd/../labels", directory=tmp_path)
    second = write_export(board, fmt, track="ovmerd/../labels", directory=tmp_path)
    assert first != second and os.path.dirname(first) == str(tmp_path)
    assert os.path.basename(first).startswith("emer-hub-ovmerd-labels-") and first.endswith("." + fmt)
    with open(first, encoding="utf-8") as handle:
        content = handle.read()
    assert content == (to_csv_text(board) if fmt == "csv" else to_json_text(board, track="ovmerd/../labels"))


def test_write_export_rejects_unknown_formats(tmp_path):
    with pytest.raises(ValueError, match="xlsx"):
        write_export(formula_board(), "xlsx", directory=tmp_path)


def test_export_of_an_empty_board():
    empty = build_table([], [], TRACK)
    assert read_csv_cells(to_csv_text(empty)) == []
    assert json.loads(to_json_text(empty))["rows"] == []
