"""Look-alike names, oracle files held for review, private-track rounding, no record ids in refusals."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hub_helpers import DECLARED, labels_without, make_settings

from emer_eval import load_ground_truth, load_predictions
from space.admin import BASELINE_USER, import_baseline_files
from space.config import REPO
from space.hub import Hub
from space.leaderboard.table import build_table
from space.portal.names import normalise, skeleton
from space.portal.submit import submit
from space.portal.validate import check_metadata

TRACKS = REPO / "space" / "tracks.toml"
META = {"model_name": "Honest model", "organisation": "Lab", "link": "", "modalities": ["audio"],
        "open_weights": "open", "description": "", **DECLARED}


def send(hub, path: Path, user: str = "tester", **metadata):
    return submit(hub, user=user, upload=path, filename=path.name, track_id="ovmerd-labels",
                  metadata={**META, **metadata})


@pytest.mark.parametrize("name", ["Chat\u2010UniVi", "Chаt-UniVi", "ＣｈａｔＵｎｉＶｉ", "chat univi", "Chat-Un1Vi",
                                  "Chat-UniVi", "Chat-UniVi\u200b"[:-1],
                                  # combining marks that anyascii spells as letters: a Hebrew sheva under the i, a
                                  # combining small a, an Arabic fatha, an enclosing sign; and accents
                                  "Chat-UniVi\u05b0", "Chat-UniVi\u0363", "Chat-Uni\u064eVi", "Chat-UniVi\u0489",
                                  "Chàt-ÜniVí"])
def test_names_that_look_like_a_papers_entry_are_refused(hub, ov_store, name):
    outcome = send(hub, ov_store / "predict-openset.csv", model_name=name, organisation="PKU")
    assert outcome.status == "rejected"
    assert any("looks like the existing entry 'Chat-UniVi'" in error for error in outcome.errors), outcome.errors


def test_a_name_like_another_submitters_entry_is_refused_but_not_like_ones_own(hub, ov_store, tmp_path):
    truth = load_predictions(ov_store / "predict-openset.csv")
    first = labels_without(truth, truth.names[0], tmp_path / "a.csv")
    second = labels_without(truth, truth.names[1], tmp_path / "b.csv")
    assert send(hub, first, user="alice", model_name="Sparrow-7B").status == "scored"
    assert send(hub, second, user="alice", model_name="Sparrow 7B").status == "scored"   # her own next version
    stolen = send(hub, labels_without(truth, truth.names[2], tmp_path / "c.csv"), user="mallory",
                  model_name="Sparrow‐7B")
    assert stolen.status == "rejected" and "looks like the existing entry 'Sparrow-7B'" in stolen.errors[0]


@pytest.mark.parametrize("login", ["reported", BASELINE_USER])
def test_a_login_named_like_the_hubs_own_owners_cannot_take_their_names(hub, ov_store, baselines, tmp_path, login):
    """Paper rows and imported baselines were compared as owned by "reported" and "emer-hub-baselines": a Hugging Face
    account of that name passed as their owner and could publish a row named like either."""
    import_baseline_files(hub, [baselines / "Otter" / "output-reason-7b-nosubtitle-addsub-eng-openset.npz"])
    truth = load_predictions(ov_store / "predict-openset.csv")
    for index, (name, copied) in enumerate((("Chat-UniVi", "Chat-UniVi"), ("Otter", "Otter"))):
        outcome = send(hub, labels_without(truth, truth.names[index], tmp_path / f"{index}.csv"), user=login,
                       model_name=name)
        assert outcome.status == "rejected", (login, name)
        assert f"looks like the existing entry '{copied}'" in outcome.errors[0]


@pytest.mark.parametrize("name", ["Six basic emotions", "Top-5 frequent labels", "Empty prediction",
                                  "T0p 12 frequent labels"])
def test_names_of_the_reference_rows_are_refused(hub, ov_store, tmp_path, name):
    """The board's reference rows (trivial guesses the hub computes) were no entry names compared with: a submission
    could be named like one and stand beside it as if the hub had computed it."""
    truth = load_predictions(ov_store / "predict-openset.csv")
    outcome = send(hub, labels_without(truth, truth.names[0], tmp_path / "a.csv"), model_name=name)
    assert outcome.status == "rejected" and "looks like the existing entry" in outcome.errors[0]


@pytest.mark.parametrize("name", ["Chat-U\u0578iVi",    # an Armenian vo for the n: transliterated "o"
                                  "\u13dfhat-UniVi",    # a Cherokee tli for the C: transliterated "tli"
                                  "Chat-\u054dniVi",    # an Armenian seh for the U: transliterated "s"
                                  "\u03f9hat-UniVi"])   # a Greek lunate sigma for the C: transliterated "s"
def test_names_that_mix_scripts_are_refused(hub, ov_store, name):
    """Transliteration follows the sound, not the look: a letter of another script that looks Latin gets a skeleton
    of its own. UTS #39's "highly restrictive" rule refuses the mix itself, whatever the letters sound like."""
    outcome = send(hub, ov_store / "predict-openset.csv", model_name=name, organisation="PKU")
    assert outcome.status == "rejected"
    assert any("a word mixes letters of different scripts" in error for error in outcome.errors), outcome.errors


def test_names_in_one_script_or_latin_with_cjk_are_accepted():
    for name in ("Qwen2-Audio 中文版", "ChatGLM-6B 日本語チューニング", "KoAlpaca 한국어", "Ελληνικό μοντέλο",
                 "Русская модель 7B", "注音 ㄅㄆㄇ Bopomofo"):
        _, errors = check_metadata({**META, "model_name": name})
        assert errors == [], (name, errors)


@pytest.mark.parametrize("field, value, message", [
    ("model_name", "\u3164\u3164", "required"),                          # Hangul filler: looks blank
    ("model_name", "\u2800", "required"),                                # braille blank
    ("model_name", "\u2014\u2014", "needs letters or digits"),
    ("model_name", "Good\nmodel", "line breaks"),
    ("model_name", "Z\u0336\u0337\u0338\u0300\u0301\u0302alg\u0489o", "combining marks on one letter"),
    ("organisation", "Lab\tX", "line breaks")])
def test_blank_looking_and_multi_line_names_are_refused(field, value, message):
    _, errors = check_metadata({**META, field: value})
    assert any(message in error for error in errors), errors


def test_names_in_scripts_with_marks_are_accepted():
    for name in ("Tiếng Việt model", "हिन्दी मॉडल", "Café-7B"):            # Vietnamese carries two marks on a letter
        _, errors = check_metadata({**META, "model_name": name})
        assert errors == [], (name, errors)


def test_names_are_nfkc_normalised_and_skeletons_are_linear():
    assert normalise("ＧＰＴ－４ｏ\u3164 ") == "GPT-4o"
    assert skeleton("x" * 100) == "x" * 100 and skeleton("rn0") == "mo"


def test_the_ground_truth_is_held_for_review_and_not_ranked_until_approved(hub, gt_path, tmp_path):
    truth = load_ground_truth(gt_path)
    path = tmp_path / "truth.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "openset"])
        writer.writerows([name, str(labels)] for name, labels in truth.items())
    outcome = send(hub, path, model_name="Oracle")
    assert outcome.status == "scored" and any("held for review" in w for w in outcome.warnings)
    record = hub.store.get(outcome.submission_id)
    assert record.visibility == "held"
    assert "Oracle" not in build_table(hub.store.records(), [], "ovmerd-labels")["model_name"].tolist()
    hub.store.moderate(record.id, "restore", actor="boss")               # an admin approves it
    assert "Oracle" in build_table(hub.store.records(), [], "ovmerd-labels")["model_name"].tolist()


def test_a_real_model_is_not_held(hub, baselines):
    outcome = send(hub, baselines / "Chat-UniVi" / "output-reason-7b-nosubtitle-addsub-eng-openset.npz",
                   model_name="My rerun")
    assert outcome.status == "scored" and hub.store.get(outcome.submission_id).visibility == "visible"


def test_private_track_scores_are_rounded_and_refusals_name_no_record(tmp_path, baselines):
    tracks = tmp_path / "tracks.toml"
    tracks.write_text(TRACKS.read_text(encoding="utf-8").replace('test_set = "public"', 'test_set = "private"', 1),
                      encoding="utf-8")
    hub = Hub.start(make_settings(tmp_path, EMER_HUB_TRACKS=tracks, EMER_HUB_PROVISION=0))
    assert hub.tracks["ovmerd-labels"].private
    path = baselines / "Chat-UniVi" / "output-reason-7b-nosubtitle-addsub-eng-openset.npz"
    outcome = send(hub, path, model_name="Rounded")

    def floats(value):
        if isinstance(value, float):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from floats(item)
        elif isinstance(value, list):
            for item in value:
                yield from floats(item)

    numbers = list(floats(outcome.scores))
    assert numbers and all(round(number, 4) == number for number in numbers)
    stored = list(floats(hub.store.get(outcome.submission_id).scores))
    assert any(round(number, 4) != number for number in stored)           # the record keeps full precision
    again = send(hub, path, model_name="Rounded")
    assert again.status == "rejected" and outcome.submission_id not in " ".join(again.errors)
