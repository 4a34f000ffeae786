"""Exactness: every number the authors' own evaluation code gives for the published label files, to 1e-9.

The reference vectors (31 label files x 12 metrics x F/P/R x both wheel versions) are derived from third-party data
and never committed: they are read from ``$EMER_GOLDEN`` or from ``golden/ew-reference.json`` beside the data folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import emer_eval
from emer_eval import EW_METRICS

TOLERANCE = 1e-9


def _golden_file(data_dir: Path) -> Path:
    configured = os.environ.get("EMER_GOLDEN")
    return Path(configured) if configured else data_dir.parent / "golden" / "ew-reference.json"


@pytest.fixture(scope="module")
def golden(data_dir: Path) -> dict[str, Any]:
    path = _golden_file(data_dir)
    if not path.is_file():
        pytest.fail(f"golden vectors not found at {path}; set EMER_GOLDEN to ew-reference.json")
    reference: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return reference


def test_the_golden_set_is_complete(golden: dict[str, Any]) -> None:
    assert sorted(golden["wheels"]) == ["2025", "2026"]
    for files in golden["wheels"].values():
        assert len(files) == 31
        assert all(sorted(metrics) == sorted(EW_METRICS) for metrics in files.values())


@pytest.mark.parametrize("wheels", ["2025", "2026"])
def test_every_published_file_matches_the_authors_code(golden: dict[str, Any], data_dir: Path, wheels: str) -> None:
    gt = emer_eval.load_ground_truth(data_dir / golden["ground_truth"])
    compared, differences = 0, []
    for name, expected in sorted(golden["wheels"][wheels].items()):
        result = emer_eval.score(data_dir / name, gt, wheels=wheels, bootstrap=0)
        for metric, values in expected.items():
            got = result.metrics[metric]
            for part in ("f", "p", "r"):
                compared += 1
                if abs(getattr(got, part) - values[part]) > TOLERANCE:
                    differences.append(f"{name} {metric}.{part}: {getattr(got, part)!r} != {values[part]!r}")
    assert differences == []
    assert compared == 31 * 12 * 3
