"""Resource registry: pinned checksums, search order, and a real fetch over HTTP from a local server."""

import functools
import http.server
import threading

import pytest

from emer_eval import resources
from emer_eval.errors import ResourceIntegrityError, ResourceNotFoundError


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
    """A local HTTP server laid out like the upstream repositories, serving the real files."""
    root = tmp_path / "upstream"
    resource = resources.get("mertools-mer2024-ov-store")
    for file in resource.files:
        target = root / resource.repository / resource.commit / file.upstream
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((data_dir / resource.name / file.path).read_bytes())
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(resources, "_RAW_URL", f"http://127.0.0.1:{server.server_port}/{{repository}}/{{commit}}/{{path}}")
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path / "cache"))
    yield root / resource.repository / resource.commit
    server.shutdown()


def test_fetch_downloads_and_verifies(upstream, tmp_path):
    statuses = resources.fetch("mertools-mer2024-ov-store")
    assert [s.status for s in statuses] == ["ok", "ok", "ok"]
    assert resources.resolve("mertools-mer2024-ov-store", []) == tmp_path / "cache" / "resources" / "mertools-mer2024-ov-store"
    assert all(s.status == "ok" for s in resources.verify(["mertools-mer2024-ov-store"], []))


def test_fetch_refuses_a_tampered_file(upstream, tmp_path):
    (upstream / "MER2024" / "ov_store" / "check-openset.csv").write_text("name,openset\nx,[evil]\n")
    with pytest.raises(ResourceIntegrityError, match="sha256 differs"):
        resources.fetch("mertools-mer2024-ov-store")
    assert not (tmp_path / "cache" / "resources" / "mertools-mer2024-ov-store" / "check-openset.csv").exists()
