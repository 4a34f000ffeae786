"""Fixtures of the reliability and security tests: the hostile corpus's material and one running app per session.

The app is launched exactly as ``app.py`` launches it (same queue and ``launch()`` options, notably the server-side
``max_file_size``), on a temporary store, with ``boss`` as the only admin so the local identity (``tester``) is not one.
"""

from __future__ import annotations

from pathlib import Path

import hostile
import pytest
from harness import ADMIN, FIGURES, LIMITS, summarise
from hub_helpers import make_settings, private_tracks, serving

from space.hub import Hub


@pytest.fixture(scope="session")
def base(data_dir: Path) -> hostile.Base:
    store = data_dir / "mertools-mer2024-ov-store"
    return hostile.Base(store / "predict-openset.csv", store / "check-openset.csv")


@pytest.fixture(scope="session")
def app(tmp_path_factory, data_dir):
    """(demo, hub) of the app launched in this process like app.py launches it; closed at the end of the session.

    Its tracks are private: the security tests check that only aggregates leave the server for such a track.
    """
    folder = tmp_path_factory.mktemp("reliability-app")
    hub = Hub.start(make_settings(folder, EMER_HUB_ADMINS=ADMIN, EMER_HUB_TRACKS=private_tracks(folder), **LIMITS))
    with serving(hub) as demo:
        yield demo, hub


@pytest.fixture(scope="session")
def client(app):
    from gradio_client import Client

    demo, _ = app
    return Client(demo.local_url, analytics_enabled=False, verbose=False)


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the hostile-file figures (also in ``.figures/hostile.json``) after the run."""
    summary = summarise(FIGURES)
    if not summary:
        return
    terminalreporter.section("hostile files: outcomes, slowest case, largest peak RSS growth")
    for channel, entry in summary.items():
        outcomes = ", ".join(f"{count} {outcome}" for outcome, count in entry["outcomes"].items())
        terminalreporter.write_line(f"{channel:<7} {entry['cases']:>3} cases: {outcomes}; "
                                    f"max {entry['max_seconds']:.2f} s "
                                    f"({entry['slowest']}); max {entry['max_peak_rss_growth_mb']:.0f} MB "
                                    f"({entry['largest']})")
