"""The 2025 wheels and an offline extractor on them, shared by the extractor's test modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from emer_eval.extract.offline import OfflineExtractor
from emer_eval.wheels import Wheels, load_wheels


@pytest.fixture(scope="session")
def wheels(data_dir: Path) -> Wheels:
    return load_wheels("2025", (str(data_dir),))


@pytest.fixture(scope="session")
def extractor(wheels: Wheels) -> OfflineExtractor:
    return OfflineExtractor(wheels)
