"""An offline stand-in for the Hub: an ``HfApi`` subclass whose dataset repo is a local folder.

Only the calls the mirror makes are overridden (``create_commit``, ``snapshot_download``, and for the
incremental pull ``repo_info``, ``list_repo_tree``, ``hf_hub_download``), so the mirror runs against the real
``HfApi`` interface; every commit moves the head, as on the Hub. ``mode`` switches the remote between healthy and
the failures a Space meets: "ok", "raise" (every call fails), "alternate" (every other call fails) and "hang"
(each call blocks until ``release`` is set or ``hang_seconds`` pass, then succeeds: a push that outlives the mirror's
timeout).
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import threading
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from huggingface_hub import CommitOperationAdd, HfApi
from huggingface_hub.hf_api import RepoFile, RepoFolder

from emer_eval import write_bytes_atomic

REPO_ID = "emer/hub-submissions"
_HEADS = threading.Lock()  # the head of a remote folder is shared by every FolderHub on it (several replicas)


class FolderHub(HfApi):
    """A dataset repo kept in ``remote``; counts calls and failures so tests can assert what happened."""

    def __init__(self, remote: Path, mode: str = "ok", hang_seconds: float = 5.0) -> None:
        super().__init__(token="hf_offline_test_token")
        self.remote, self.mode, self.hang_seconds = remote, mode, hang_seconds
        self.release = threading.Event()
        self.calls = self.failures = self.commits = self.listings = self.downloads = 0
        self._lock = threading.Lock()
        remote.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitattributes", "*.json text\n"), ("README.md", "# submissions\n")):
            (remote / name).write_text(text)  # what a real dataset repo holds besides the store's files

    def create_commit(self, repo_id: str, operations: Iterable[Any], *, commit_message: str,
                      repo_type: str | None = None, token: str | bool | None = None, **kwargs: Any) -> None:
        self._enter(repo_id, repo_type)
        assert commit_message
        for op in operations:
            assert isinstance(op, CommitOperationAdd)
            target = self.remote / op.path_in_repo
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{threading.get_ident()}.uploading")
            shutil.copyfile(op.path_or_fileobj, tmp)
            os.replace(tmp, target)
        with self._lock:
            self.commits += 1
        with _HEADS:  # atomic, as a real repo's head moves: a worker killed here must not leave an empty head
            write_bytes_atomic(self.remote / ".head", str(self._head() + 1).encode(), durable=False)

    def repo_info(self, repo_id: str, *, repo_type: str | None = None, **kwargs: Any) -> Any:
        self._enter(repo_id, repo_type)
        with _HEADS:
            return SimpleNamespace(id=repo_id, sha=f"{self._head():040x}")

    def _head(self) -> int:
        """The number of commits the remote folder has received, from any FolderHub."""
        head = self.remote / ".head"
        return int(head.read_text()) if head.is_file() else 0

    def list_repo_tree(self, repo_id: str, path_in_repo: str | None = None, *, recursive: bool = False,
                       repo_type: str | None = None, **kwargs: Any) -> Iterable[RepoFile | RepoFolder]:
        self._enter(repo_id, repo_type)
        assert recursive and path_in_repo is None
        with self._lock:
            self.listings += 1
        for path in sorted(self.remote.rglob("*")):
            relpath = path.relative_to(self.remote).as_posix()
            if path.name.startswith("."):
                continue
            if path.is_dir():
                yield RepoFolder(path=relpath, oid="0" * 40)
            else:
                yield RepoFile(path=relpath, size=path.stat().st_size, oid="0" * 40)

    def hf_hub_download(self, repo_id: str, filename: str, *, repo_type: str | None = None,
                        local_dir: str | Path | None = None, **kwargs: Any) -> str:
        self._enter(repo_id, repo_type)
        assert local_dir is not None
        target = Path(local_dir) / filename
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.remote / filename, target)
        with self._lock:
            self.downloads += 1
        return str(target)

    def snapshot_download(self, repo_id: str, *, repo_type: str | None = None, local_dir: str | Path | None = None,
                          allow_patterns: list[str] | str | None = None, **kwargs: Any) -> str:
        self._enter(repo_id, repo_type)
        assert local_dir is not None
        patterns = [allow_patterns] if isinstance(allow_patterns, str) else allow_patterns
        for path in self.remote.rglob("*"):
            relpath = path.relative_to(self.remote).as_posix()
            if path.is_file() and not path.name.startswith(".") and (
                    patterns is None or any(fnmatch.fnmatch(relpath, p) for p in patterns)):
                target = Path(local_dir) / relpath
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
        cache = Path(local_dir) / ".cache" / "huggingface"  # hf writes download metadata here
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "records.lock").write_text("")
        return str(local_dir)

    def files(self) -> set[str]:
        """The store paths the remote holds (not the repo's own README/.gitattributes)."""
        return {p.relative_to(self.remote).as_posix() for p in self.remote.rglob("*")
                if p.is_file() and p.parts[len(self.remote.parts)] in ("records", "events", "files")}

    def _enter(self, repo_id: str, repo_type: str | None) -> None:
        assert (repo_id, repo_type) == (REPO_ID, "dataset"), (repo_id, repo_type)
        with self._lock:
            self.calls += 1
            fail = self.mode == "raise" or (self.mode == "alternate" and self.calls % 2 == 1)
            if fail:
                self.failures += 1
        if fail:
            raise ConnectionError("simulated: the Hub is unreachable")
        if self.mode == "hang":
            self.release.wait(self.hang_seconds)
