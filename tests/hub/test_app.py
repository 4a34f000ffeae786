"""The app launched in-process, driven like its users drive it: gradio_client for the API, raw HTTP for file routes."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from gradio_client import handle_file
from hub_helpers import DECLARED, make_settings, write

from space.hub import Hub


def test_submit_through_the_api_and_see_it_on_the_board(client, app, data_dir):
    path = data_dir / "ovmer-baseline-outputs-ovmerd" / "Video-LLaVA" / "output-reason-7b-subtitle-eng-openset.npz"
    result = client.predict(file=handle_file(str(path)), track="ovmerd-labels", model_name="API model",
                            organisation="API lab", link="https://example.org", modalities=["video", "text"],
                            description="via gradio_client", api_name="/submit_predictions", **DECLARED)
    assert result["status"] == "scored", result["errors"]
    assert set(result) >= {"status", "submission_id", "scores", "signature", "warnings", "errors"}
    assert 0 < result["scores"]["EW-L1"]["f"] < 1 and result["signature"].startswith("emer-eval:")
    rows = client.predict(track="ovmerd-labels", api_name="/leaderboard_json")
    mine = [row for row in rows if row["id"] == result["submission_id"]]
    assert mine and mine[0]["model_name"] == "API model" and mine[0]["source"] == "submitted"
    assert mine[0]["scores"]["EW-L1"]["f"] == pytest.approx(result["scores"]["EW-L1"]["f"], abs=5e-5)  # 4 decimals
    assert {row["source"] for row in rows} == {"submitted", "baseline", "reported", "reference"}
    ranked = [row["rank"] for row in rows if row["rank"] is not None]
    assert ranked == list(range(1, len(ranked) + 1))
    assert all(row["rank"] is None for row in rows if row["source"] == "reference")
    assert mine[0]["zero_shot"] is True and mine[0]["training_data"] == ["none"] and mine[0]["official"]
    assert mine[0]["rank_range"][0] <= mine[0]["rank"] <= mine[0]["rank_range"][1]
    _, hub = app
    assert hub.store.get(result["submission_id"]).user == "tester"      # identity from the server


def test_bad_file_through_the_api_is_rejected_with_its_message(client, tmp_path):
    bad = write(tmp_path, "dups.csv", "name,openset\nsample_00000000,[a]\nsample_00000000,[b]\n")
    result = client.predict(file=handle_file(str(bad)), track="ovmerd-labels", model_name="Bad", organisation="",
                            link="", modalities=[], description="", api_name="/submit_predictions", **DECLARED)
    assert result["status"] == "rejected" and "duplicate sample ids: sample_00000000" in result["errors"][0]


def test_no_api_parameter_can_name_the_submitter(client):
    parameters = client.view_api(return_format="dict")["named_endpoints"]["/submit_predictions"]["parameters"]
    names = {parameter["parameter_name"] for parameter in parameters}
    assert names == {"file", "track", "model_name", "organisation", "link", "modalities", "description",
                     "open_weights", "training_data", "zero_shot", "training_notes"}
    with pytest.raises(TypeError):
        client.predict(file=None, track="ovmerd-labels", model_name="x", user="mallory",
                       api_name="/submit_predictions")


def test_only_public_endpoints_are_exposed(client):
    endpoints = set(client.view_api(return_format="dict")["named_endpoints"])
    assert endpoints == {"/explain", "/submit_predictions", "/leaderboard_json", "/compare", "/data_status"}


def test_ground_truth_is_not_served(app, data_dir):
    demo, _ = app
    target = data_dir / "mertools-mer2024-ov-store" / "check-openset.csv"
    for route in (f"gradio_api/file={target}", f"gradio_api/file=../../{target}",
                  "gradio_api/file=/etc/passwd", f"file={target}"):
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(demo.local_url + route, timeout=10)
        assert error.value.code in (403, 404)


def test_explain_endpoint_returns_the_documented_object(client, tmp_path):
    from space.demo.examples import make_clip

    clip = make_clip(tmp_path / "clip.mp4", "I am so happy to see you again!")
    result = client.predict(video=handle_file(str(clip)), subtitle="", language="auto", backend="offline",
                            api_name="/explain")
    assert set(result) == {"visual_clues", "acoustic_clues", "lexical_clues", "transcript", "language_detected",
                           "explanation", "labels", "timings", "backend", "notices"}
    assert result["language_detected"] == "en"
    assert result["backend"] == "offline" and "happy" in result["transcript"].lower()
    assert result["explanation"].startswith("In the video,")
    assert "happy" in [label["label"] for label in result["labels"]]
    assert all(set(label) == {"label", "confidence", "family", "sources", "evidence"} for label in result["labels"])
    assert all(label["sources"] and label["evidence"] for label in result["labels"])


@pytest.mark.parametrize("env", [{"SPACE_ID": "org/hub"}, {"SPACE_ID": "org/hub", "SYSTEM": "other"},
                                 {"SYSTEM": "spaces"}, {}])
def test_start_up_works_for_any_space_id_system_token_combination(tmp_path, env, monkeypatch, launch_app):
    monkeypatch.delenv("HF_TOKEN", raising=False)
    settings = make_settings(tmp_path, EMER_HUB_PROVISION=0, **env)
    assert not settings.login                                   # no real Space, no token: no login to offer
    with launch_app(hub=Hub.start(settings)) as running:
        assert running.url
