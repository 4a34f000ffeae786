"""On a private track every answer that leaves the server — submit responses, ``/leaderboard_json``, ``/compare``, the
board and its CSV / JSON / per-family exports, the published rows — carries scores to 4 decimals (2 in points) and
no per-sample data. The session app's tracks are private (tests/reliability/conftest.py)."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from harness import TRACK
from test_security import call, file_data, submit_data, upload, variant

from space.leaderboard.board import Board
from space.leaderboard.export import write_export
from space.leaderboard.publish import eval_results_yaml
from space.tracks import ground_truth


def floats(value: Any) -> list[float]:
    """Every float nested in ``value`` (dicts, lists)."""
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [number for item in value.values() for number in floats(item)]
    if isinstance(value, list):
        return [number for item in value for number in floats(item)]
    return []


def too_precise(numbers: list[float], decimals: int) -> list[float]:
    return [x for x in numbers if not math.isnan(x) and round(x, decimals) != x]


@pytest.fixture(scope="module")
def two_entries(app, base) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two scored entries of the session app's private track, as their submit responses."""
    demo, _ = app
    answers = []
    for model in ("Private track A", "Private track B"):
        content = variant(base, model.split()[-1])
        fd = file_data(upload(demo.local_url, "preds.csv", content).json()[0], "preds.csv")
        event, payload = call(demo.local_url, "submit_predictions", submit_data(fd, model))
        assert event == "complete", payload
        answers.append(payload[0])
    return answers[0], answers[1]


def test_submit_responses_are_rounded_and_hold_no_per_sample_data(app, two_entries):
    _, hub = app
    names = set(ground_truth(hub.tracks[TRACK], hub.settings))
    for answer in two_entries:
        assert answer["status"] == "scored", answer
        assert len(floats(answer["scores"])) > 10                        # there are scores, and …
        assert too_precise(floats(answer), 4) == []                       # … none finer than 4 decimals
        assert not answer.get("per_sample")
        assert not names & set(json.dumps(answer).replace('"', " ").split())


def test_leaderboard_json_and_compare_are_rounded(app, client, two_entries):
    _, hub = app
    rows = client.predict(track=TRACK, api_name="/leaderboard_json")
    mine = [row for row in rows if row["id"] in {answer["submission_id"] for answer in two_entries}]
    assert len(mine) == 2 and all(row["score"] > 0 for row in mine)
    assert too_precise(floats(rows), 4) == []
    result = client.predict(track=TRACK, entry_a=mine[0]["id"], entry_b=mine[1]["id"], api_name="/compare")
    assert result["ci95"] and result["per_family"] and result["disagreements"] is None
    assert too_precise(floats(result), 4) == []
    names = set(ground_truth(hub.tracks[TRACK], hub.settings))
    assert not names & set(json.dumps([rows, result]).replace('"', " ").split())


def test_board_exports_and_published_rows_are_rounded(app, two_entries):
    _, hub = app
    board = Board(hub)
    table = board.table(TRACK)
    assert too_precise([float(x) for x in table.select_dtypes("float").to_numpy().ravel()], 2) == []
    for fmt in ("csv", "json"):
        text = Path(write_export(table, fmt, track=TRACK)).read_text(encoding="utf-8")
        cells = ([cell for row in csv.reader(io.StringIO(text)) for cell in row] if fmt == "csv"
                 else [str(x) for x in floats(json.loads(text))])
        numbers = [float(cell) for cell in cells if _number(cell)]
        assert numbers and too_precise(numbers, 2) == [], fmt
    families = board.family_export(TRACK)
    assert len(families) >= 2
    assert too_precise([float(x) for x in families.select_dtypes("float").to_numpy().ravel()], 2) == []
    row = next(row for row in board.rows_json(TRACK) if row["id"] == two_entries[0]["submission_id"])
    published = yaml.safe_load(eval_results_yaml(row, dataset_id="emer-hub/x", task_id=TRACK))[0]["value"]
    assert published > 0 and too_precise([published], 2) == []


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return "." in cell
