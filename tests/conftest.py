"""Shared fixtures: the real benchmark data in ../shared/emer-data (or $EMER_DATA), never copied into the repo, and
the one way a test gets a running app (:func:`launch_app`, :func:`app`, :func:`client`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

if TYPE_CHECKING:
    import gradio as gr
    from gradio_client import Client

    from space.hub import Hub

pytest_plugins = ["fake_llm"]  # the make_server fixture: an OpenAI-protocol server on 127.0.0.1

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "emer-data"
os.environ.setdefault("EMER_DATA", str(DEFAULT_DATA))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The first EMER_DATA directory; the suite needs the real data and says so plainly when it is absent."""
    path = Path(os.environ["EMER_DATA"].split(os.pathsep)[0])
    if not (path / "affectgpt-2025-emotion-wheel").is_dir():
        pytest.fail(f"benchmark data not found at {path}; set EMER_DATA to the emer-data folder")
    return path


@pytest.fixture(scope="session")
def gt_path(data_dir: Path) -> Path:
    return data_dir / "mertools-mer2024-ov-store" / "check-openset.csv"


@pytest.fixture(scope="session")
def chat_univi(data_dir: Path) -> Path:
    folder = data_dir / "ovmer-baseline-outputs-ovmerd" / "Chat-UniVi"
    return folder / "output-reason-7b-nosubtitle-addsub-eng-openset.npz"


@pytest.fixture(scope="session")
def face_models() -> None:
    """The face models must already be in the cache: tests never download (set-up runs the fetch command)."""
    from space.demo import models as demo_models

    try:
        for name in demo_models.MODELS:
            demo_models.model_path(name)
    except demo_models.ModelError as error:
        pytest.fail(f"face models missing — {error}", pytrace=False)


class RunningApp(NamedTuple):
    """An app served in this process exactly as app.py serves it (queue and launch options), on a free local port."""

    demo: gr.Blocks
    hub: Hub

    @property
    def url(self) -> str:
        return str(self.demo.local_url)

    @property
    def client(self) -> Client:
        """A gradio_client for this app (one per running app, made on first use)."""
        if id(self.demo) not in _CLIENTS:
            from gradio_client import Client

            _CLIENTS[id(self.demo)] = Client(self.url, analytics_enabled=False, verbose=False)
        return _CLIENTS[id(self.demo)]


_CLIENTS: dict[int, Client] = {}
"""The client of each running app, by ``id`` of its Blocks; dropped when the app closes (a later app may reuse the
port, so a client must never outlive its app)."""


AppLauncher = Callable[..., AbstractContextManager[RunningApp]]


@pytest.fixture(scope="session")
def launch_app(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> AppLauncher:
    """The one way a test runs the app: ``with launch_app(name, baselines=False, **env) as app:`` serves a hub on a
    fresh store in a temporary folder called ``name``, reading the real data offline, with ``env`` as extra settings
    (``EMER_HUB_*`` …) and the released OV-MER baselines imported when ``baselines``; ``launch_app(hub=hub)`` serves a
    hub the test started itself (replicas, an empty start). Queued and launched exactly as app.py does, on a free
    local port; closed, with the hub's store, when the block ends."""
    from hub_helpers import make_settings

    import app as entry
    from space.admin import import_baselines
    from space.hub import Hub
    from space.ui import build_app

    @contextmanager
    def launch(name: str | None = None, *, hub: Hub | None = None, baselines: bool = False,
               **env: Any) -> Iterator[RunningApp]:
        if (hub is None) == (name is None):
            raise TypeError("launch_app takes a folder name (and settings) or a started hub, not both")
        if hub is None:
            hub = Hub.start(make_settings(tmp_path_factory.mktemp(str(name)), **env))
        if baselines:
            import_baselines(hub, data_dir / "ovmer-baseline-outputs-ovmerd")
        demo = build_app(hub)
        entry.queue_app(demo, hub.settings)
        demo.launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True,
                    **entry.launch_options(hub.settings))
        try:
            yield RunningApp(demo, hub)
        finally:
            _CLIENTS.pop(id(demo), None)
            demo.close()
            hub.store.close()

    return launch


@pytest.fixture(scope="module")
def app(launch_app: AppLauncher) -> Iterator[RunningApp]:
    """The default app of a test module: standard settings, the OV-MER baselines on the board. A module (or a
    conftest) that needs other settings overrides this fixture with ``launch_app``; :func:`client` follows."""
    with launch_app("app", baselines=True) as running:
        yield running


@pytest.fixture()
def client(app: RunningApp) -> Client:
    """The gradio_client of whichever ``app`` the requesting test uses."""
    return app.client
