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


def test_an_operator_behind_a_proxy_without_forwarding_headers_can_turn_local_trust_off() -> None:
    """A reverse proxy on the hub's machine that sends neither ``X-Forwarded-For`` nor the public ``Host`` makes
    every visitor's request look made on this machine: with ``EMER_HUB_TRUST_LOCAL=0`` none is trusted as local
    (no local admin, no private LLM address), while a login still counts."""
    from types import SimpleNamespace

    from space.identity import admin_user, on_this_machine

    proxied = SimpleNamespace(client=SimpleNamespace(host="127.0.0.1"), url=SimpleNamespace(hostname="127.0.0.1"))
    trusting = Settings.from_env({"EMER_HUB_LOCAL_USER": "boss", "EMER_HUB_ADMINS": "boss"})
    wary = Settings.from_env({"EMER_HUB_LOCAL_USER": "boss", "EMER_HUB_ADMINS": "boss", "EMER_HUB_TRUST_LOCAL": "0"})
    assert trusting.trust_local and not wary.trust_local
    assert on_this_machine(proxied, trusting) and admin_user(None, proxied, trusting) == "boss"
    assert not on_this_machine(proxied, wary) and admin_user(None, proxied, wary) is None
    assert admin_user(SimpleNamespace(username="boss"), proxied, wary) == "boss"
