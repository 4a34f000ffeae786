"""Helpers shared by the hub tests: settings on a temporary store, and writing test files."""

from __future__ import annotations

import os
from pathlib import Path

from space.config import Settings


def make_settings(tmp_path: Path, **changes) -> Settings:
    """Settings for a hub on ``tmp_path`` that reads the real data; ``changes`` are extra environment variables."""
    env = {"EMER_DATA": os.environ["EMER_DATA"], "EMER_HUB_STORE_DIR": str(tmp_path / "store"),
           "EMER_HUB_LOCAL_USER": "tester", "EMER_HUB_BOOTSTRAP": "200"}
    env.update({key: str(value) for key, value in changes.items()})
    return Settings.from_env(env)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path
