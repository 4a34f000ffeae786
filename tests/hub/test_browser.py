"""Browser tests: Debian's Chromium driven by Playwright against the app launched in-process."""

from __future__ import annotations

import os
import shutil

import pytest
from hub_helpers import make_settings, serving, write

from space.admin import import_baselines
from space.hub import Hub

CHROMIUM = os.environ.get("EMER_TEST_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

playwright_api = pytest.importorskip("playwright.sync_api")
if not shutil.which(CHROMIUM):
    pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run)", pytrace=False)


@pytest.fixture(scope="module")
def url(tmp_path_factory, data_dir):
    hub = Hub.start(make_settings(tmp_path_factory.mktemp("browser")))
    import_baselines(hub, data_dir / "ovmer-baseline-outputs-ovmerd")
    with serving(hub) as demo:
        yield demo.local_url


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    yield page
    context.close()


ROWS = "#leaderboard-table [role=row][data-index]"


def board_rows(page) -> list[str]:
    page.wait_for_selector(ROWS)
    return page.locator(ROWS).all_inner_texts()


def search(page, text: str) -> None:
    box = page.locator("#board-search textarea, #board-search input").first
    box.fill(text)
    box.press("Enter")


def test_leaderboard_shows_rows_and_filters_them(page):
    page.get_by_role("tab", name="Leaderboard").click()
    rows = board_rows(page)
    assert len(rows) >= 20 and any("Chat-UniVi" in row for row in rows)
    search(page, "Qwen-Audio")
    page.wait_for_function(f"document.querySelectorAll('{ROWS}').length <= 2")
    filtered = board_rows(page)
    assert 1 <= len(filtered) <= 2 and all("Qwen-Audio" in row for row in filtered)
    page.screenshot(path=os.environ.get("EMER_TEST_SCREENSHOTS", "/tmp") + "/leaderboard.png", full_page=True)


def test_a_real_file_submitted_in_the_browser_appears_on_the_board(page, data_dir):
    page.get_by_role("tab", name="Submit").click()
    path = data_dir / "ovmer-baseline-outputs-ovmerd" / "mPLUG-Owl" / "output-reason-7b-subtitle-eng-openset.npz"
    page.locator("#submit-file input[type=file]").set_input_files(str(path))
    page.locator("#submit-model textarea, #submit-model input").first.fill("Browser model <b>x</b>")
    page.locator("#submit-button").click()
    page.wait_for_selector("#submit-result :text('Scored')", timeout=60_000)
    assert "EW-L1" in page.locator("#submit-result").inner_text()
    page.get_by_role("tab", name="Leaderboard").click()
    search(page, "Browser model")
    page.wait_for_function(f"document.querySelectorAll('{ROWS}').length == 1")
    row = board_rows(page)[0]
    assert "Browser model <b>x</b>" in row            # escaped: the markup is shown as text, not rendered
    assert page.locator("#leaderboard-table b").count() == 0


def test_a_bad_file_shows_its_message(page, tmp_path):
    page.get_by_role("tab", name="Submit").click()
    bad = write(tmp_path, "broken.csv", "name,openset\nsample_00000000,[happy]\nsample_00000000,[sad]\n")
    page.locator("#submit-file input[type=file]").set_input_files(str(bad))
    page.locator("#submit-model textarea, #submit-model input").first.fill("Broken")
    page.locator("#submit-button").click()
    page.wait_for_selector("#submit-result :text('Not scored')", timeout=60_000)
    assert "duplicate sample ids: sample_00000000" in page.locator("#submit-result").inner_text()


def test_the_demo_explains_the_example_clip(page, face_models):
    page.get_by_role("button", name="Try the example clip").click()
    page.wait_for_selector("#demo-video video", timeout=60_000)
    page.locator("#demo-button").click()
    page.wait_for_selector("#demo-status :text('done')", timeout=120_000)
    explanation = page.locator("#demo-explanation").inner_text()
    assert "In the video, the person smiles" in explanation and "The face and the words disagree" in explanation
    labels = page.locator("#demo-labels").inner_text()
    assert "angry" in labels and "words" in labels and "face" in labels  # the sources column
    for panel in ("#demo-visual", "#demo-acoustic", "#demo-lexical"):
        assert "waiting" not in page.locator(panel).inner_text()
