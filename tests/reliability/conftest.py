"""Fixtures of the reliability and security tests: the hostile corpus's material and one running app per session.

The app is launched exactly as ``app.py`` launches it (same queue and ``launch()`` options, notably the server-side
``max_file_size``), on a temporary store, with ``boss`` as the only admin so the local identity (``tester``) is not one.
"""

from __future__ import annotations

from pathlib import Path

import hostile
import pytest
from harness import ADMIN, FIGURES, LIMITS, summarise
from hub_helpers import private_tracks


@pytest.fixture(scope="session")
def base(data_dir: Path) -> hostile.Base:
    store = data_dir / "mertools-mer2024-ov-store"
    return hostile.Base(store / "predict-openset.csv", store / "check-openset.csv")


@pytest.fixture(scope="session")
def app(launch_app, tmp_path_factory):
    """The app of the reliability tests, shared by the session; ``boss`` is its only admin, and its tracks are
    private: the security tests check that only aggregates leave the server for such a track."""
    tracks = private_tracks(tmp_path_factory.mktemp("reliability-tracks"))
    with launch_app("reliability-app", EMER_HUB_ADMINS=ADMIN, EMER_HUB_TRACKS=tracks, **LIMITS) as running:
        yield running


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
