"""Named benchmark resources: where they come from, where they are looked for, and how they are verified.

A resource is a folder of third-party files (the emotion wheels, the OV-MERD labels, …) named after its folder in the
project's data directory. The project never ships these files: they are found at run time, in order, in

1. the directories given explicitly (``--data DIR``) or, when none are given, those in ``EMER_DATA``
   (``os.pathsep``-separated);
2. the user cache directory (``EMER_EVAL_CACHE`` or the platform cache dir), where ``fetch`` puts them.

Nothing is downloaded implicitly: only :func:`fetch` (``python -m emer_eval resources fetch``) goes to the network, and
every fetched file is checked against the sha256 pinned in ``registry.json``. Files that were pickles upstream were
converted to JSON once, offline; they are never fetched (that would mean unpickling) and must come from a prepared copy.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import platformdirs

from .errors import EmerEvalError, ResourceIntegrityError, ResourceNotFoundError

_REGISTRY_FILE = Path(__file__).with_name("registry.json")
_RAW_URL = "https://raw.githubusercontent.com/{repository}/{commit}/{path}"


@dataclass(frozen=True)
class ResourceFile:
    """One file of a resource: its path inside the folder, pinned sha256, and upstream path (None if converted)."""

    path: str
    sha256: str
    upstream: str | None
    converted_from: str | None = None


@dataclass(frozen=True)
class Resource:
    """A registered resource: a folder name with its provenance and licence."""

    name: str
    description: str
    repository: str
    commit: str
    licence: str
    files: tuple[ResourceFile, ...]

    def url(self, file: ResourceFile) -> str | None:
        """The pinned download address of ``file``, or None when it only exists as a converted copy."""
        if file.upstream is None:
            return None
        return _RAW_URL.format(repository=self.repository, commit=self.commit, path=file.upstream)


@functools.lru_cache(maxsize=1)
def registry() -> Mapping[str, Resource]:
    """All registered resources by name (read once from ``registry.json``)."""
    raw = json.loads(_REGISTRY_FILE.read_text(encoding="utf-8"))
    return {
        name: Resource(
            name=name,
            description=entry["description"],
            repository=entry["repository"],
            commit=entry["commit"],
            licence=entry["licence"],
            files=tuple(
                ResourceFile(path, meta["sha256"], meta.get("upstream"), meta.get("converted_from"))
                for path, meta in entry["files"].items()
            ),
        )
        for name, entry in raw.items()
    }


def get(name: str) -> Resource:
    """The registered resource ``name``; a clear error lists the known names otherwise."""
    try:
        return registry()[name]
    except KeyError:
        raise EmerEvalError(f"unknown resource '{name}'; known: {', '.join(sorted(registry()))}") from None


def cache_dir() -> Path:
    """Where fetched resources live: ``EMER_EVAL_CACHE``/resources or the platform's user cache directory."""
    base = os.environ.get("EMER_EVAL_CACHE") or platformdirs.user_cache_dir("emer_eval")
    return Path(base) / "resources"


def search_path(data_dirs: Sequence[str | os.PathLike[str]] | None = None) -> list[Path]:
    """The directories searched, in order: explicit ones (else ``EMER_DATA``), then the cache."""
    if data_dirs is None:
        data_dirs = [entry for entry in os.environ.get("EMER_DATA", "").split(os.pathsep) if entry]
    return [Path(entry).expanduser() for entry in data_dirs] + [cache_dir()]


def resolve(name: str, data_dirs: Sequence[str | os.PathLike[str]] | None = None) -> Path:
    """The folder of resource ``name`` — the first match on the search path — or ResourceNotFoundError."""
    places = search_path(data_dirs)
    for place in places:
        folder = place / name
        if folder.is_dir():
            return folder
    raise ResourceNotFoundError(name, places)


def resource_file(name: str, path: str, data_dirs: Sequence[str | os.PathLike[str]] | None = None) -> Path:
    """One file of a resource; a missing file names the resource, the places searched and the fetch command."""
    places = search_path(data_dirs)
    for place in places:
        candidate = place / name / path
        if candidate.is_file():
            return candidate
    raise ResourceNotFoundError(name, places, missing=[path])


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class FileStatus:
    """Result of checking one registered file in one folder."""

    resource: str
    path: str
    location: Path | None
    status: str  # "ok", "missing" or "mismatch"


def verify(names: Iterable[str] | None = None,
           data_dirs: Sequence[str | os.PathLike[str]] | None = None) -> list[FileStatus]:
    """Check every file of the named resources (default: all) against its pinned sha256."""
    statuses = []
    for name in names or sorted(registry()):
        resource = get(name)
        try:
            folder: Path | None = resolve(name, data_dirs)
        except ResourceNotFoundError:
            folder = None
        for file in resource.files:
            location = folder / file.path if folder else None
            if location is None or not location.is_file():
                statuses.append(FileStatus(name, file.path, location, "missing"))
            else:
                state = "ok" if sha256_file(location) == file.sha256 else "mismatch"
                statuses.append(FileStatus(name, file.path, location, state))
    return statuses


def fetch(name: str, *, timeout: float = 60.0) -> list[FileStatus]:
    """Download resource ``name`` from its pinned upstream commit into the cache, verifying every sha256.

    Files already present and valid are kept. Converted files (upstream pickles) cannot be fetched and are reported
    as "missing" so the caller can say where to obtain them.
    """
    resource = get(name)
    target = cache_dir() / name
    statuses = []
    for file in resource.files:
        destination = target / file.path
        if destination.is_file() and sha256_file(destination) == file.sha256:
            statuses.append(FileStatus(name, file.path, destination, "ok"))
            continue
        url = resource.url(file)
        if url is None:
            statuses.append(FileStatus(name, file.path, None, "missing"))
            continue
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - pinned https address
            payload = response.read()
        if hashlib.sha256(payload).hexdigest() != file.sha256:
            raise ResourceIntegrityError(f"{url}: sha256 differs from the pinned value; file not saved")
        destination.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=destination.parent, delete=False) as handle:
            handle.write(payload)
        os.replace(handle.name, destination)
        statuses.append(FileStatus(name, file.path, destination, "ok"))
    return statuses
