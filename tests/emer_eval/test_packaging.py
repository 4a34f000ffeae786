"""emer-eval as users install it: the wheel's contents and entry point, and a fresh environment without torch."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(out), str(REPO)], capture_output=True, text=True, timeout=600,
                          cwd=build, env={"PIP_DISABLE_PIP_VERSION_CHECK": "1", "PATH": "/usr/bin:/bin",
                                          "HOME": str(build)})
    assert done.returncode == 0, done.stderr
    wheels = list(out.glob("emer_eval-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_the_wheel_holds_the_library_only_with_its_data_and_entry_point(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        meta = next(name for name in names if name.endswith(".dist-info/METADATA"))
        metadata = archive.read(meta).decode()
        entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    tops = {name.split("/")[0] for name in names}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"emer_eval"}
    assert {"emer_eval/registry.json", "emer_eval/py.typed", "emer_eval/cli.py", "emer_eval/config.py"} <= set(names)
    assert "emer-eval = emer_eval.cli:main" in entry_points
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    base = [line for line in requires if "extra ==" not in line]
    assert base and not any("torch" in line or "sentence-transformers" in line or "openai" in line for line in base)
    assert any("torch" in line and 'extra == "text"' in line for line in requires)
    assert any("openai" in line and 'extra == "llm"' in line for line in requires)


@pytest.mark.slow
def test_a_fresh_environment_scores_from_the_command_line_without_torch(wheel: Path, tmp_path: Path,
                                                                         chat_univi: Path, gt_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
                             capture_output=True, text=True, timeout=1800)
    assert install.returncode == 0, install.stderr[-2000:]
    no_torch = subprocess.run([str(python), "-c", "import importlib.util as u; print(u.find_spec('torch'))"],
                              capture_output=True, text=True)
    assert no_torch.stdout.strip() == "None"
    done = subprocess.run([str(env_dir / "bin" / "emer-eval"), "score", "--pred", str(chat_univi), "--gt", str(gt_path),
                           "--data", str(gt_path.parents[1]), "--json"],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path,
                          env={"EMER_EVAL_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["n_samples"] == 332 and abs(payload["metrics"]["EW-L1"]["f"] - 0.5716) < 5e-5
