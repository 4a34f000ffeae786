"""Shared fixtures: the real benchmark data in ../shared/emer-data (or $EMER_DATA), never copied into the repo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["fake_llm"]  # the make_server fixture: an OpenAI-protocol server on 127.0.0.1

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "emer-data"
os.environ.setdefault("EMER_DATA", str(DEFAULT_DATA))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The first EMER_DATA directory; the suite needs the real data and says so plainly when it is absent."""
    path = Path(os.environ["EMER_DATA"].split(os.pathsep)[0])
    if not (path / "affectgpt-2025-emotion-wheel").is_dir():
        pytest.fail(f"benchmark data not found at {path}; set EMER_DATA to the emer-data folder")
    return path


@pytest.fixture(scope="session")
def gt_path(data_dir: Path) -> Path:
    return data_dir / "mertools-mer2024-ov-store" / "check-openset.csv"


@pytest.fixture(scope="session")
def chat_univi(data_dir: Path) -> Path:
    folder = data_dir / "ovmer-baseline-outputs-ovmerd" / "Chat-UniVi"
    return folder / "output-reason-7b-nosubtitle-addsub-eng-openset.npz"


@pytest.fixture(scope="session")
def face_models() -> None:
    """The face models must already be in the cache: tests never download (set-up runs the fetch command)."""
    from space.demo import models as demo_models

    try:
        for name in demo_models.MODELS:
            demo_models.model_path(name)
    except demo_models.ModelError as error:
        pytest.fail(f"face models missing — {error}", pytrace=False)
