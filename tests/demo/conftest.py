"""Fixtures of the demo tests: generated clips (built once per session) and the face models fetched at set-up."""

from __future__ import annotations

import pytest
from clips import ClipMaker

from space.demo import models


@pytest.fixture(scope="session")
def demo_clips(tmp_path_factory: pytest.TempPathFactory) -> ClipMaker:
    """Every test clip, generated on first use into one session folder."""
    return ClipMaker(tmp_path_factory.mktemp("demo-clips"))


@pytest.fixture(scope="session")
def face_models() -> None:
    """The face models must already be in the cache: tests never download (set-up runs the fetch command)."""
    try:
        for name in models.MODELS:
            models.model_path(name)
    except models.ModelError as error:
        pytest.fail(f"face models missing — {error}", pytrace=False)
