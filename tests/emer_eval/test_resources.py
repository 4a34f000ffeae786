"""Resource registry: pinned checksums, search order, and a real fetch over HTTP from a local server."""

import os
from pathlib import Path

import pytest
from upstream import lay_out, serving, upstream_path

from emer_eval import config, resources
from emer_eval.errors import EmerEvalError, ResourceFetchError, ResourceIntegrityError, ResourceNotFoundError

STORE = "mertools-mer2024-ov-store"


def test_registry_names_are_the_data_folders(data_dir):
    folders = {p.name for p in data_dir.iterdir() if p.is_dir()}
    assert set(resources.registry()) == folders


def test_every_registered_file_matches_its_pinned_sha256(data_dir):
    statuses = resources.verify(data_dirs=[data_dir])
    assert len(statuses) == 105
    assert [s for s in statuses if s.status != "ok"] == []


def test_search_order_explicit_then_env_then_cache(tmp_path, monkeypatch, data_dir):
    first, second = tmp_path / "a", tmp_path / "b"
    (second / "mertools-mer2024-ov-store").mkdir(parents=True)
    first.mkdir()
    monkeypatch.setenv("EMER_DATA", f"{first}:{second}")
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path / "cache"))
    assert resources.resolve("mertools-mer2024-ov-store") == second / "mertools-mer2024-ov-store"
    assert resources.resolve("mertools-mer2024-ov-store", [data_dir]) == data_dir / "mertools-mer2024-ov-store"
    assert resources.search_path()[-1] == tmp_path / "cache" / "resources"
    with pytest.raises(ResourceNotFoundError, match="resources fetch affectgpt-demo-clip"):
        resources.resolve("affectgpt-demo-clip")


@pytest.fixture()
def upstream(tmp_path, data_dir, monkeypatch):
    """The local upstream server with the OV-MERD store, reached through EMER_EVAL_RAW_URL; an empty cache."""
    root = tmp_path / "upstream"
    lay_out(root, data_dir, ["mertools-mer2024-ov-store"])
    with serving(root) as template:
        monkeypatch.setenv("EMER_EVAL_RAW_URL", template)
        monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path / "cache"))
        yield root


def test_fetch_downloads_and_verifies(upstream, tmp_path):
    statuses = resources.fetch("mertools-mer2024-ov-store")
    assert [s.status for s in statuses] == ["ok", "ok", "ok"]
    expected = tmp_path / "cache" / "resources" / "mertools-mer2024-ov-store"
    assert resources.resolve("mertools-mer2024-ov-store", []) == expected
    assert all(s.status == "ok" for s in resources.verify(["mertools-mer2024-ov-store"], []))


def test_fetch_refuses_a_tampered_file(upstream, tmp_path):
    upstream_path(upstream, STORE, "check-openset.csv").write_text("name,openset\nx,[evil]\n")
    with pytest.raises(ResourceIntegrityError, match="sha256 differs") as refused:
        resources.fetch(STORE)
    message = str(refused.value)
    assert "mertools-mer2024-ov-store/check-openset.csv" in message and "127.0.0.1" in message
    assert "download" in message and "EMER_DATA" in message
    # nothing of the call is saved, not even the good files fetched before the bad one
    assert not (tmp_path / "cache" / "resources" / STORE).exists()


def test_fetched_files_are_written_durably_in_place(upstream, tmp_path, monkeypatch):
    """Each file reaches the cache through the one atomic writer: written beside its final name, fsynced, renamed,
    and the folder fsynced, so a power cut leaves the complete file or none (a fetch is not cheap to redo)."""
    synced: list[Path] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        synced.append(Path(os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    statuses = resources.fetch(STORE)
    folder = tmp_path / "cache" / "resources" / STORE
    for status in statuses:
        assert status.location is not None and status.location.parent == folder
        assert any(path.parent == folder and path.name.startswith(f".{status.location.name}.") for path in synced)
    assert folder in synced  # the new names themselves are durable
    assert sorted(p.name for p in folder.iterdir()) == sorted(s.path for s in statuses)  # no temporary left behind


def test_fetch_selected_files_only(upstream, tmp_path):
    statuses = resources.fetch(STORE, ["check-openset.csv"])
    assert [(s.path, s.status) for s in statuses] == [("check-openset.csv", "ok")]
    assert resources.missing_files(STORE, data_dirs=[]) == ["openset-synonym.zip", "predict-openset.csv"]


def test_a_missing_upstream_file_names_file_address_and_manual_route(upstream, tmp_path):
    upstream_path(upstream, STORE, "predict-openset.csv").unlink()
    with pytest.raises(ResourceFetchError) as failed:
        resources.fetch(STORE)
    error = failed.value
    assert (error.resource, error.path) == (STORE, "predict-openset.csv")
    assert "HTTP 404" in str(error) and error.url.startswith("http://127.0.0.1:")
    assert error.url.endswith("/zeroQiaoba/MERTools/89120b780ab18b28349f0e37dcc12b8cc253cb02/"
                              "MER2024/ov_store/predict-openset.csv")
    assert str(tmp_path / "cache" / "resources" / STORE / "predict-openset.csv") in str(error)


def test_an_unreachable_mirror_is_a_fetch_error_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("EMER_EVAL_RAW_URL", "http://127.0.0.1:9/{repository}/{commit}/{path}")  # discard port
    with pytest.raises(ResourceFetchError, match="could not fetch mertools-mer2024-ov-store/check-openset.csv"):
        resources.fetch(STORE, ["check-openset.csv"], timeout=5)


@pytest.mark.parametrize("template", ["https://mirror.example/{repository}/{commit}",
                                      "https://mirror.example/{repo}/{commit}/{path}", "https://m/{path"])
def test_a_raw_url_template_without_its_fields_is_refused(monkeypatch, template):
    monkeypatch.setenv("EMER_EVAL_RAW_URL", template)
    with pytest.raises(EmerEvalError, match="EMER_EVAL_RAW_URL"):
        resources.get(STORE).url(resources.get(STORE).files[0])


def test_the_raw_url_template_defaults_to_github(monkeypatch):
    monkeypatch.delenv("EMER_EVAL_RAW_URL", raising=False)
    resource = resources.get(STORE)
    assert resource.url(resource.file("check-openset.csv")) == (
        "https://raw.githubusercontent.com/zeroQiaoba/MERTools/89120b780ab18b28349f0e37dcc12b8cc253cb02/"
        "MER2024/ov_store/check-openset.csv")


@pytest.mark.parametrize(("env", "expected"), [({}, False), ({"EMER_OFFLINE": "1"}, True),
                                               ({"HF_HUB_OFFLINE": "true"}, True), ({"EMER_OFFLINE": "0"}, False)])
def test_offline_follows_the_operator(monkeypatch, env, expected):
    monkeypatch.delenv("EMER_OFFLINE", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert config.offline() is expected
