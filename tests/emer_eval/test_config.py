"""The library's configuration: one cache root, EMER_DATA, the LLM endpoint, and nothing else reads the environment."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from emer_eval import LLMConfig, cache_root, config
from emer_eval.extract import default_cache_dir
from emer_eval.resources import cache_dir, search_path

REPO = Path(__file__).resolve().parents[2]


def test_the_cache_root_expands_the_home_folder() -> None:
    root = cache_root({"EMER_EVAL_CACHE": "~/emer-cache"})
    assert root == Path.home() / "emer-cache" and "~" not in str(root)


def test_every_cache_lives_under_the_one_root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("EMER_EVAL_CACHE", "~/c")
    assert cache_dir() == tmp_path / "c" / "resources"
    assert default_cache_dir() == tmp_path / "c" / "llm"
    assert search_path([])[-1] == tmp_path / "c" / "resources"


def test_without_a_setting_the_cache_is_the_platform_user_cache() -> None:
    root = cache_root({})
    assert root.is_absolute() and root.name == "emer_eval"


def test_emer_data_is_a_path_list_with_home_expanded() -> None:
    dirs = config.data_dirs({"EMER_DATA": f"~/a{os.pathsep}{os.pathsep} /b "})
    assert dirs == (Path.home() / "a", Path("/b"))
    assert config.data_dirs({}) == ()


def test_the_raw_url_template_can_point_at_a_mirror() -> None:
    assert config.raw_url_template({}) == config.DEFAULT_RAW_URL
    assert config.raw_url_template({"EMER_EVAL_RAW_URL": "http://mirror/{repository}/{commit}/{path}"}).startswith(
        "http://mirror/")


def test_the_llm_endpoint_comes_from_emer_llm_then_openai_variables() -> None:
    assert LLMConfig.from_env({}) is None
    assert LLMConfig.from_env({"EMER_LLM_BASE_URL": "http://x/v1"}) is None  # an address without a model
    endpoint = LLMConfig.from_env({"OPENAI_BASE_URL": "http://o/v1", "EMER_LLM_MODEL": "qwen",
                                   "OPENAI_API_KEY": "sk-o"})
    assert endpoint is not None and (endpoint.base_url, endpoint.model, endpoint.api_key) == ("http://o/v1", "qwen",
                                                                                             "sk-o")
    preferred = LLMConfig.from_env({"EMER_LLM_BASE_URL": "http://e/v1", "OPENAI_BASE_URL": "http://o/v1",
                                    "EMER_LLM_MODEL": "m", "EMER_LLM_API_KEY": "sk-e", "OPENAI_API_KEY": "sk-o"})
    assert preferred is not None and (preferred.base_url, preferred.api_key) == ("http://e/v1", "sk-e")


def test_blank_overrides_keep_the_configured_values() -> None:
    env = {"EMER_LLM_BASE_URL": "http://e/v1", "EMER_LLM_MODEL": "m"}
    endpoint = LLMConfig.from_env(env, base_url="  ", model=None, timeout=5.0)
    assert endpoint is not None and (endpoint.base_url, endpoint.model, endpoint.timeout) == ("http://e/v1", "m", 5.0)
    assert "EMPTY" not in repr(endpoint) and "api_key" not in repr(endpoint)


def _environment_reads(path: Path) -> list[int]:
    """Lines of ``path`` that touch the process environment (``os.environ``, ``os.getenv``).

    The one exception is ``os.environ.setdefault``: handing a third-party library a default (numba's cache folder)
    writes the environment without reading a setting of ours.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    writes = {id(node.value) for node in ast.walk(tree)
              if isinstance(node, ast.Attribute) and node.attr == "setdefault"}
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv") and id(node) not in writes]


def test_only_the_two_config_modules_read_the_environment() -> None:
    allowed = {REPO / "emer_eval" / "config.py", REPO / "space" / "config.py"}
    offenders = {str(path.relative_to(REPO)): lines
                 for folder in ("emer_eval", "space") for path in sorted((REPO / folder).rglob("*.py"))
                 if path not in allowed and (lines := _environment_reads(path))}
    assert offenders == {}
    assert _environment_reads(REPO / "emer_eval" / "config.py")  # the rule finds reads where they are
