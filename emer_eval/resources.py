"""Named benchmark resources: where they come from, where they are looked for, and how they are verified.

A resource is a folder of third-party files (the emotion wheels, the OV-MERD labels, …) named after its folder in the
project's data directory. The project never ships these files: they are found at run time, in order, in

1. the directories given explicitly (``--data DIR``) or, when none are given, those in ``EMER_DATA``
   (``os.pathsep``-separated);
2. the user cache directory (``EMER_EVAL_CACHE`` or the platform cache dir), where ``fetch`` puts them.

Nothing is downloaded implicitly: only :func:`fetch` (``python -m emer_eval resources fetch``, or a hub provisioning its
tracks) goes to the network, never when the operator says offline (:func:`offline`), and every fetched file is checked
against the sha256 pinned in ``registry.json`` before it is saved. Downloads come from the pinned upstream commit, at
the address ``EMER_EVAL_RAW_URL`` builds (a template with ``{repository}``, ``{commit}`` and ``{path}``; default: raw
GitHub) so that a mirror or a test server can stand in for GitHub. Files that were pickles upstream were converted to
JSON once, offline; they are never fetched (that would mean unpickling) and must come from a prepared copy.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import config
from .atomic import write_bytes_atomic
from .config import cache_root, raw_url_template
from .errors import EmerEvalError, ResourceFetchError, ResourceIntegrityError, ResourceNotFoundError

__all__ = [
    "FileStatus", "Resource", "ResourceFile", "cache_dir", "fetch", "get", "missing_files", "registry", "resolve",
    "resource_file", "search_path", "sha256_file", "verify",
]

_REGISTRY_FILE = Path(__file__).with_name("registry.json")

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
        return raw_url_template().format(repository=self.repository, commit=self.commit, path=file.upstream)

    def file(self, path: str) -> ResourceFile:
        """The registered file at ``path`` inside the folder; a clear error for a path the registry does not pin."""
        for file in self.files:
            if file.path == path:
                return file
        raise EmerEvalError(f"resource '{self.name}' has no registered file '{path}'")


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
    """Where fetched resources live: the ``resources`` folder of :func:`emer_eval.config.cache_root`."""
    return cache_root() / "resources"


def search_path(data_dirs: Sequence[str | os.PathLike[str]] | None = None) -> list[Path]:
    """The directories searched, in order: explicit ones (else ``EMER_DATA``), then the cache."""
    dirs = config.data_dirs() if data_dirs is None else tuple(Path(entry).expanduser() for entry in data_dirs)
    return [*dirs, cache_dir()]


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


def missing_files(name: str, paths: Iterable[str] | None = None,
                  data_dirs: Sequence[str | os.PathLike[str]] | None = None) -> list[str]:
    """The files of resource ``name`` (default: all registered ones) found nowhere on the search path."""
    missing = []
    for path in paths if paths is not None else [file.path for file in get(name).files]:
        try:
            resource_file(name, path, data_dirs)
        except ResourceNotFoundError:
            missing.append(path)
    return missing


def fetch(name: str, paths: Iterable[str] | None = None, *, timeout: float = 60.0,
          on_file: Callable[[FileStatus], None] | None = None) -> list[FileStatus]:
    """Download resource ``name`` (or only the files ``paths``) from its pinned upstream commit into the cache.

    Every file is verified against its pinned sha256 before it is saved. The files of one call are staged in a hidden
    folder and moved into ``<cache>/<name>/`` together once all of them arrived, so a reader never finds a resource
    folder holding half of what this call brings (the wheels, for one, are resolved by folder). Files already present
    and valid are kept. Converted files (upstream pickles) cannot be fetched and are reported as "missing". A file
    that cannot be downloaded or fails its checksum raises :class:`ResourceFetchError` naming the file, the address
    and how to provide it by hand; nothing of this call is saved then. ``on_file`` hears of each file as it is settled
    (downloaded and verified, already present, or not fetchable), for a progress display.
    """
    resource = get(name)
    target = cache_dir() / name
    files = [resource.file(path) for path in paths] if paths is not None else list(resource.files)
    statuses: list[FileStatus] = []
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".partial-{name}-", dir=target.parent) as staging:
        staged: list[tuple[Path, Path]] = []
        for file in files:
            destination = target / file.path
            url = resource.url(file)
            if destination.is_file() and sha256_file(destination) == file.sha256:
                status = FileStatus(name, file.path, destination, "ok")
            elif url is None:
                status = FileStatus(name, file.path, None, "missing")
            else:
                payload = _download(resource, file, url, destination, timeout)
                part = Path(staging) / file.path
                part.parent.mkdir(parents=True, exist_ok=True)
                part.write_bytes(payload)
                staged.append((part, destination))
                status = FileStatus(name, file.path, destination, "ok")
            statuses.append(status)
            if on_file is not None:
                on_file(status)
        for part, destination in staged:  # durable: a fetched resource is not recomputed, so it must survive a crash
            write_bytes_atomic(destination, part)
    return statuses


def _download(resource: Resource, file: ResourceFile, url: str, destination: Path, timeout: float) -> bytes:
    """The verified bytes of one upstream file, or ResourceFetchError saying what failed and how to do it by hand."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # the pinned address (or a mirror)
            payload: bytes = response.read()
    except urllib.error.HTTPError as error:
        raise ResourceFetchError(resource.name, file.path, url, destination,
                                 f"HTTP {error.code} {error.reason}") from None
    except (OSError, ValueError) as error:  # URLError, timeouts, resets, a malformed mirror address
        reason = getattr(error, "reason", None) or error
        raise ResourceFetchError(resource.name, file.path, url, destination,
                                 f"{type(error).__name__}: {reason}") from None
    if hashlib.sha256(payload).hexdigest() != file.sha256:
        raise ResourceIntegrityError(resource.name, file.path, url, destination,
                                     f"sha256 differs from the pinned value {file.sha256[:12]}…; file not saved")
    return payload
