"""Browser tests: Debian's Chromium driven by Playwright against the app launched in-process."""

from __future__ import annotations

import json
import os

import pytest
from browser_helpers import ROWS, compare, launch, open_page, require_chromium
from hub_helpers import write

from space.ui.upload_limits import DEMO_VIDEO, SUBMIT_FILE, upload_limits

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
require_chromium()


@pytest.fixture(scope="module")
def url(app):
    return app.url


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, url):
    page = open_page(browser, url)
    yield page
    page.context.close()


def board_rows(page) -> list[str]:
    page.wait_for_selector(ROWS)
    return page.locator(ROWS).all_inner_texts()


def search(page, text: str) -> None:
    """Type into the search box key by key, never pressing Enter: the board filters as you type."""
    box = page.locator("#board-search textarea, #board-search input").first
    box.fill("")
    box.press_sequentially(text, delay=30)


def in_viewport(page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.top < window.innerHeight && r.bottom > 0 && r.left < window.innerWidth
                             && r.right > 0; }""", selector)


def test_the_page_opens_on_the_board_and_search_filters_while_typing(page):
    assert page.get_by_role("tab", name="Leaderboard").get_attribute("aria-selected") == "true"
    rows = board_rows(page)          # no click: the board is the first tab
    assert len(rows) >= 15 and any("Chat-UniVi" in row for row in rows)
    assert any("reference" in row for row in rows) and any("Top-" in row for row in rows)
    search(page, "Qwen-Au")
    page.wait_for_function(f"[...document.querySelectorAll('{ROWS}')].every(r => r.innerText.includes('Qwen-Audio'))")
    filtered = board_rows(page)
    assert 1 <= len(filtered) <= 2 and all("Qwen-Audio" in row for row in filtered)
    page.screenshot(path=os.environ.get("EMER_TEST_SCREENSHOTS", "/tmp") + "/leaderboard.png", full_page=True)


def test_selecting_a_row_shows_its_detail_in_view(page):
    board_rows(page)
    page.locator(ROWS).nth(4).locator("[role=gridcell], td").nth(1).click()
    page.wait_for_selector("#board-detail-text h3", timeout=30_000)
    page.wait_for_timeout(1500)                    # the smooth scroll
    assert in_viewport(page, "#board-detail-text h3")
    assert "95 % rank range" in page.locator("#board-detail-text").inner_text()


def test_an_entrys_result_file_is_made_when_asked_for_and_downloads(page):
    import yaml

    from space.leaderboard.conventions import check_eval_results

    board_rows(page)
    page.locator(ROWS).filter(has_text="Chat-UniVi").first.locator("[role=gridcell], td").nth(1).click()
    page.wait_for_selector("#get-eval-results", state="visible")
    assert not page.locator("#download-entry-file").is_visible()   # selecting a row made no file to download
    page.locator("#get-eval-results").click()
    page.wait_for_selector("#download-entry-file", state="visible")
    with page.expect_download() as download:
        page.locator("#download-entry-file").click()
    assert download.value.suggested_filename.endswith(".yaml")
    with open(download.value.path(), encoding="utf-8") as handle:
        item = check_eval_results(yaml.safe_load(handle))[0]
    assert item["dataset"]["task_id"] == "ovmerd-labels" and 0 < item["value"] < 100


def test_on_a_phone_rank_model_and_score_are_in_the_first_screen(browser, url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(30_000)
    phone.goto(url)
    try:
        board_rows(phone)
        header = phone.locator("#leaderboard-table [role=columnheader], #leaderboard-table th")
        names = [text.strip() for text in header.all_inner_texts()]
        score = next(i for i, name in enumerate(names) if "EW-L1 F" in name)
        assert score <= 2
        box = header.nth(score).bounding_box()
        assert box is not None and 0 <= box["x"] and box["x"] + box["width"] / 2 <= 390
        phone.screenshot(path=os.environ.get("EMER_TEST_SCREENSHOTS", "/tmp") + "/leaderboard-390.png")
    finally:
        context.close()


def test_a_plots_label_does_not_cover_the_plot(page):
    """Gradio floats a plot's label over the image's top-left corner: it hid the leader's name on the board's bar
    chart, and on a phone the demo's figure titles."""
    board_rows(page)
    page.wait_for_selector(".block:has(> .matplotlib) img")
    plots = page.locator(".block:has(> .matplotlib)")
    assert plots.count() >= 2
    for index in range(plots.count()):
        label = plots.nth(index).locator("label[data-testid=block-label]").bounding_box()
        image = plots.nth(index).locator(".matplotlib img").bounding_box()
        assert label is not None and image is not None
        assert label["y"] + label["height"] <= image["y"] + 1, (label, image)


WORD_WIDER_THAN_CELL = """t => [...t.querySelectorAll('tr > :first-child')].filter(cell => {
    const style = getComputedStyle(cell), probe = document.createElement('span');
    probe.style.whiteSpace = 'nowrap';
    probe.textContent = cell.innerText.split(/\\s+/).sort((a, b) => b.length - a.length)[0];
    cell.appendChild(probe);
    const wide = probe.getBoundingClientRect().width;
    probe.remove();
    return wide > cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) + 1;
}).map(cell => cell.innerText)"""
"""The first-column cells of a table whose longest word is wider than the cell: the word is broken letter by letter."""


def test_on_a_phone_the_file_formats_table_keeps_its_words_whole(browser, url):
    """At 390 px the Submit help's first column was 21 px wide: "track input" and "explanations" broke into
    two-letter lines."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(30_000)
    phone.goto(url)
    try:
        phone.get_by_role("tab", name="Submit").click()
        table = phone.locator("#submit-help table")
        table.wait_for()
        assert table.evaluate(WORD_WIDER_THAN_CELL) == []
    finally:
        context.close()


def test_by_family_view_has_one_column_per_family(page):
    board_rows(page)
    page.get_by_role("tab", name="By family").click()
    page.wait_for_selector("#family-table [role=row][data-index]")
    header = [t.strip() for t in page.locator("#family-table [role=columnheader], #family-table th").all_inner_texts()]
    for family in ("mad", "disgusted", "sad", "happy", "surprised", "scared", "positive", "negative", "other"):
        assert any(name.startswith(family) for name in header), (family, header)
    assert not page.locator("#family-csv").is_visible()            # the CSV is made when asked for
    page.locator("#family-export").click()
    page.wait_for_selector("#family-csv", state="visible")
    with page.expect_download() as download:
        page.locator("#family-csv").click()
    with open(download.value.path(), encoding="utf-8") as handle:
        columns = handle.readline().strip().split(",")
    assert columns[:3] == ["id", "model", "source"] and "happy F" in columns


def test_head_to_head_shows_a_confidence_interval(page):
    board_rows(page)
    compare(page, "Chat-UniVi", "Qwen-Audio")
    page.wait_for_selector("#compare-result :text('95 % CI')", timeout=60_000)
    text = page.locator("#compare-result").inner_text()
    assert "Chat-UniVi" in text and "Qwen-Audio" in text and "p = " in text


def test_the_template_of_a_track_is_made_when_asked_for_and_downloads(page):
    board_rows(page)
    page.get_by_role("tab", name="Submit").click()
    assert not page.locator("#template-download").is_visible()
    page.locator("#template-button").click()
    page.wait_for_selector("#template-download", state="visible")
    with page.expect_download() as download:
        page.locator("#template-download").click()
    with open(download.value.path(), encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    assert lines[0] == "name,openset" and len(lines) == 333        # the 332 clips of the OV-MERD track


def test_a_real_file_submitted_in_the_browser_appears_on_the_board(page, data_dir):
    board_rows(page)
    page.get_by_role("tab", name="Submit").click()
    path = data_dir / "ovmer-baseline-outputs-ovmerd" / "mPLUG-Owl" / "output-reason-7b-subtitle-eng-openset.npz"
    page.locator("#submit-file input[type=file]").set_input_files(str(path))
    page.locator("#submit-model textarea, #submit-model input").first.fill("Browser model <b>x</b>")
    page.locator("#submit-training").get_by_label("none").check()
    page.locator("#submit-zero-shot").get_by_label("yes").check()
    page.locator("#submit-button").click()
    page.wait_for_selector("#submit-result :text('Scored')", timeout=60_000)
    assert "EW-L1" in page.locator("#submit-result").inner_text()
    page.get_by_role("tab", name="Leaderboard").click()           # no reload
    page.wait_for_function(
        f"[...document.querySelectorAll('{ROWS}')].some(r => r.innerText.includes('Browser model'))")
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
    page.get_by_role("tab", name="Demo").click()
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
    assert not page.locator("#demo-download-result").is_visible()       # the run wrote no file
    page.locator("#demo-get-result").click()
    page.wait_for_selector("#demo-download-result", state="visible")
    with page.expect_download() as download:
        page.locator("#demo-download-result").click()
    with open(download.value.path(), encoding="utf-8") as handle:
        assert "angry" in [label["label"] for label in json.load(handle)["labels"]]


def uploading(request) -> bool:
    return request.method == "POST" and "/gradio_api/upload?" in request.url


@pytest.mark.parametrize(("tab", "area", "suffix", "says"), [
    ("Demo", DEMO_VIDEO, ".mp4", "the demo takes clips of at most 20 MB and 60 s"),
    ("Submit", SUBMIT_FILE, ".csv", "a predictions file is at most 20 MB"),
])
def test_an_over_limit_file_gets_its_tabs_own_message_and_is_never_sent(page, app, tmp_path, tab, area, suffix, says):
    limits = upload_limits(app.hub.settings)
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url) if uploading(request) else None)
    page.get_by_role("tab", name=tab).click()
    chooser = page.locator(f"#{area} input[type=file]")
    chooser.set_input_files({"name": f"too-big{suffix}", "mimeType": "application/octet-stream",
                             "buffer": bytes(limits[area].bytes + 1)})
    refusal = page.locator(f"#{area}-refusal")
    refusal.wait_for(state="visible")
    assert says in refusal.inner_text() and f"“too-big{suffix}” is 20.0 MB" in refusal.inner_text()
    assert page.get_by_text("exceed the maximum allowed size").count() == 0  # not Gradio's generic toast
    assert sent == []                                                         # the file never left the browser
    small = write(tmp_path, f"small{suffix}", "name,openset\n")               # a file under the limit goes up
    with page.expect_request(uploading):
        chooser.set_input_files(str(small))
    assert refusal.is_hidden()
