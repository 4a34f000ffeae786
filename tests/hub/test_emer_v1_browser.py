"""The EMER-V1 judge track in the browser: Chinese rows ranked within their group, head-to-head on per-clip judge
scores (1-10), and the by-family view saying it does not apply — with the six baselines re-judged by a local fake
judge."""

from __future__ import annotations

import os

import pytest
from browser_helpers import ROWS, compare, launch, open_page, require_chromium
from fake_llm import FakeChatServer, judge_reply

from space.judging import import_baselines

TRACK_TITLE = "EMER-V1 explanations"

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
require_chromium()


@pytest.fixture(scope="module")
def app(launch_app, tmp_path_factory):
    server = FakeChatServer(judge_reply)
    with pytest.MonkeyPatch.context() as patch:  # the judge's reply cache, away from the user's
        patch.setenv("EMER_EVAL_CACHE", str(tmp_path_factory.mktemp("judge-cache")))
        try:
            with launch_app("emer-v1-browser", EMER_HUB_PROVISION=0, EMER_LLM_BASE_URL=server.base_url,
                            EMER_LLM_MODEL="fake-judge-browser") as running:
                import_baselines(running.hub, "emer-v1-explanations")
                yield running
        finally:
            server.close()


@pytest.fixture()
def page(app):
    with playwright_api.sync_playwright() as playwright:
        browser = launch(playwright)
        page = open_page(browser, app.url)
        page.wait_for_selector(ROWS)
        page.locator("#board-track input").click()
        page.get_by_role("option", name=TRACK_TITLE).first.click()
        page.wait_for_function(f"[...document.querySelectorAll('{ROWS}')].some(r => r.innerText.includes('lang:zh'))")
        yield page
        browser.close()


def test_the_judge_board_head_to_head_and_family_views(page):
    rows = page.locator(ROWS).all_inner_texts()
    assert sum("ranked within lang:zh" in row for row in rows) == 6          # the six re-judged baselines
    assert any("retired judge" in row for row in rows)                         # Emotion-LLaMA, the paper's number
    shots = os.environ.get("EMER_TEST_SCREENSHOTS", "/tmp")
    page.screenshot(path=f"{shots}/emer-v1-board.png", full_page=True)

    compare(page, "Valley", "VideoChat-Text")
    page.wait_for_selector("#compare-result :text('judged by')", timeout=60_000)
    text = page.locator("#compare-result").inner_text()
    assert "Valley" in text and "VideoChat-Text" in text and "1–10 scale" in text
    assert "clue_overlap (primary)" in text and "label_overlap" in text and "does not apply" in text
    page.wait_for_selector("#compare-clips [role=row][data-index]")             # the clips they disagree most on
    page.screenshot(path=f"{shots}/emer-v1-head-to-head.png", full_page=True)

    page.get_by_role("tab", name="By family").click()
    page.wait_for_function("document.querySelector('#family-table').innerText.includes('Not applicable')")
    assert "does not apply to judge scores" in page.locator("#family-table").inner_text()
