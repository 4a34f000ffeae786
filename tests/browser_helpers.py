"""Driving Debian's Chromium for the browser tests: one launch recipe, one page set-up, and the board's controls."""

from __future__ import annotations

import os
import shutil
from typing import Any

import pytest

CHROMIUM = os.environ.get("EMER_TEST_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ROWS = "#leaderboard-table [role=row][data-index]"
"""The board's data rows."""


def require_chromium() -> None:
    """Fail (not skip) when Chromium is missing: CI installs it, so its absence is a broken set-up."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run)", pytrace=False)


def launch(playwright: Any) -> Any:
    """A headless Chromium with nothing of its own reaching the network."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def open_page(browser: Any, url: str, timeout_ms: int = 30_000) -> Any:
    """A desktop-sized page of the app at ``url``."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(timeout_ms)
    page.goto(url)
    return page


def compare(page: Any, first: str, second: str) -> None:
    """Open the Head-to-head view, pick two entries by name and run the comparison."""
    page.get_by_role("tab", name="Head-to-head").click()
    for box, option in (("#compare-a", first), ("#compare-b", second)):
        page.locator(f"{box} input").click()
        page.get_by_role("option", name=option).first.click()
    page.locator("#compare-button").click()
