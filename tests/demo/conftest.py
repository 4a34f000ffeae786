"""Fixtures of the demo tests: generated clips, built once per session (``face_models`` is in tests/conftest.py)."""

from __future__ import annotations

import pytest
from clips import ClipMaker


@pytest.fixture(scope="session")
def demo_clips(tmp_path_factory: pytest.TempPathFactory) -> ClipMaker:
    """Every test clip, generated on first use into one session folder."""
    return ClipMaker(tmp_path_factory.mktemp("demo-clips"))
