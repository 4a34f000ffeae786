"""A hub on a temporary store, pointed at the real benchmark data."""

from __future__ import annotations

from pathlib import Path

import pytest
from hub_helpers import make_settings

from space.hub import Hub


@pytest.fixture()
def hub(tmp_path: Path) -> Hub:
    started = Hub.start(make_settings(tmp_path))
    yield started
    started.store.close()


@pytest.fixture(scope="session")
def ov_store(data_dir: Path) -> Path:
    return data_dir / "mertools-mer2024-ov-store"


@pytest.fixture(scope="session")
def baselines(data_dir: Path) -> Path:
    return data_dir / "ovmer-baseline-outputs-ovmerd"
