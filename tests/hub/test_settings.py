"""The hub's settings: every variable read in space/config.py, with typed values and specific errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from space.config import DEFAULT_DATA, Settings


def test_the_demo_and_llm_settings_are_read_with_the_others() -> None:
    settings = Settings.from_env({"EMER_HUB_STAGE_TIMEOUT": "2.5", "EMER_HUB_LLM_TIMEOUT": "9",
                                  "EMER_HUB_MODEL_DIR": "~/models", "EMER_LLM_BASE_URL": "http://x/v1",
                                  "EMER_LLM_MODEL": "qwen", "EMER_DATA": "/d1:/d2"})
    assert settings.stage_timeout == 2.5 and settings.llm_timeout == 9.0
    assert settings.model_dir == Path.home() / "models"
    assert settings.llm is not None and (settings.llm.model, settings.llm.timeout) == ("qwen", 9.0)
    assert settings.data_dirs == ("/d1", "/d2")


@pytest.mark.parametrize(("name", "value", "message"), [
    ("EMER_HUB_STAGE_TIMEOUT", "soon", "must be a number of seconds"),
    ("EMER_HUB_LLM_TIMEOUT", "0", "must be positive"),
    ("EMER_HUB_DAILY_QUOTA", "-1", "must not be negative"),
    ("EMER_HUB_BOOTSTRAP", "many", "must be an integer"),
])
def test_a_bad_value_names_the_variable(name: str, value: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{name} {message}"):
        Settings.from_env({name: value})


def test_without_emer_data_the_hub_looks_where_the_readme_says(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    assert DEFAULT_DATA.name == "emer-data" and DEFAULT_DATA.parent.name == "shared"
    monkeypatch.setattr("space.config.DEFAULT_DATA", tmp_path / "shared" / "emer-data")
    assert Settings.from_env({}).data_dirs == ()  # absent: nothing to search, tracks say what is missing
    (tmp_path / "shared" / "emer-data").mkdir(parents=True)
    assert Settings.from_env({}).data_dirs == (str(tmp_path / "shared" / "emer-data"),)
    assert Settings.from_env({}).llm is None
