"""The hub uses emer_eval's public API only: the names of ``emer_eval.__all__`` and those of its two public modules.

Read from the source with ``ast`` (no import of the app), so a new ``from emer_eval.stats import …`` in ``space/`` or
``app.py`` fails here whatever the module does at run time.
"""

from __future__ import annotations

import ast
from pathlib import Path
from types import ModuleType

import pytest

import emer_eval

REPO = Path(__file__).resolve().parents[1]
PUBLIC = frozenset(emer_eval.__all__)
PUBLIC_MODULES: dict[str, ModuleType] = {"config": emer_eval.config, "resources": emer_eval.resources}


def hub_sources() -> list[Path]:
    return [*sorted((REPO / "space").rglob("*.py")), REPO / "app.py"]


def private_uses(source: str, where: str = "<source>") -> list[str]:
    """Every use of emer_eval beyond its public surface in ``source``, as ``where:line: what``."""
    tree = ast.parse(source)
    bound: dict[str, str] = {}  # local name -> "" for emer_eval itself, or the public module's name
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "emer_eval":
                    bound[alias.asname or "emer_eval"] = ""
                elif alias.name.startswith("emer_eval."):
                    found.append(f"{where}:{node.lineno}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "emer_eval":
            if node.module != "emer_eval" or node.level:
                found.append(f"{where}:{node.lineno}: from {node.module} import …")
                continue
            for alias in node.names:
                if alias.name not in PUBLIC:
                    found.append(f"{where}:{node.lineno}: emer_eval.{alias.name}")
                elif alias.name in PUBLIC_MODULES:
                    bound[alias.asname or alias.name] = alias.name
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        if isinstance(node.value, ast.Name) and node.value.id in bound:
            module = bound[node.value.id]
            allowed = PUBLIC if not module else frozenset(PUBLIC_MODULES[module].__all__)
            if node.attr not in allowed:
                found.append(f"{where}:{node.lineno}: {'.'.join(filter(None, ('emer_eval', module, node.attr)))}")
        elif (isinstance(node.value, ast.Attribute) and isinstance(node.value.value, ast.Name)
              and bound.get(node.value.value.id) == "" and node.value.attr in PUBLIC_MODULES
              and node.attr not in PUBLIC_MODULES[node.value.attr].__all__):
            found.append(f"{where}:{node.lineno}: emer_eval.{node.value.attr}.{node.attr}")
    return found


def test_the_hub_imports_only_the_public_api():
    found = [use for path in hub_sources()
             for use in private_uses(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))]
    assert found == []


@pytest.mark.parametrize("source", [
    "from emer_eval.stats import SampleStats",
    "from emer_eval.metrics import ew",
    "import emer_eval.ranks",
    "from emer_eval import ranks",
    "from emer_eval import _private",
    "import emer_eval\nemer_eval.metrics.judge.RETIRED_JUDGE",
    "import emer_eval as ee\nee.stats",
    "from emer_eval import resources\nresources._download",
    "from emer_eval import config as library_config\nlibrary_config._env",
    "import emer_eval\nemer_eval.resources._REGISTRY_FILE",
])
def test_a_private_use_is_found(source):
    assert len(private_uses(source)) == 1


@pytest.mark.parametrize("source", [
    "from emer_eval import score, Result, resources\nresources.fetch\nresources.missing_files",
    "import emer_eval\nemer_eval.Signature.judged\nemer_eval.config.offline",
    "from emer_eval import config as library_config\nlibrary_config.data_dirs",
])
def test_a_public_use_passes(source):
    assert private_uses(source) == []


@pytest.mark.parametrize("module", [emer_eval, *PUBLIC_MODULES.values()], ids=lambda m: m.__name__)
def test_every_public_name_exists(module):
    assert module.__all__ and all(hasattr(module, name) for name in module.__all__)
    assert len(set(module.__all__)) == len(module.__all__)
