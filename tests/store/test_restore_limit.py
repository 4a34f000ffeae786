"""The start-up restore has a time limit of its own: a hanging Hub cannot hold the app's start-up."""

from __future__ import annotations

from space.store import RemoteMirror, Store

from .fake_hub import REPO_ID, FolderHub


def test_a_hanging_restore_gives_up_at_the_mirrors_timeout(tmp_path):
    hub = FolderHub(tmp_path / "remote", "hang", hang_seconds=30)
    mirror = RemoteMirror(hub, REPO_ID, timeout=0.5, backoff=(0.1,), linger=0.0)
    with Store(tmp_path / "local", mirror=mirror) as store:
        report = mirror.restore()
        assert report.error is not None and report.error.startswith("timed out after")
        assert store.records() == []                              # the hub starts from its local store
        hub.release.set()                                          # let the abandoned download end


def test_a_normal_restore_still_copies_everything(tmp_path):
    hub = FolderHub(tmp_path / "remote")
    with Store(tmp_path / "a", mirror=RemoteMirror(hub, REPO_ID, timeout=5, backoff=(0.1,), linger=0.0)) as first:
        first.add(track="t", user="u", status="scored", metadata={"model_name": "m"}, file=None, scores={},
                  oov=None, warnings=[], signature="s", emer_eval_version="0")
    mirror = RemoteMirror(hub, REPO_ID, timeout=5, backoff=(0.1,), linger=0.0)
    with Store(tmp_path / "b", mirror=mirror) as second:
        assert mirror.restore().error is None
        second.refresh()
        assert len(second.records()) == 1
