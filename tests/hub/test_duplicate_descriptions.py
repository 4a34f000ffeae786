"""Duplicate descriptions: what does not change what a description says (case, compatibility forms, whitespace,
typographic quotes) does not make it new predictions — for new records and for those stored before that rule."""

from __future__ import annotations

import csv
import json
from dataclasses import replace

import pandas as pd
import pytest
from hub_helpers import DECLARED, make_settings, write

from space.content import same_text
from space.hub import Hub
from space.leaderboard.board import Board
from space.portal.submit import submit

TRACK = "ovmerd-explanations"
SAID = "In the video, he smiles. He says \u201cI\u2019m fine\u201d. We can infer that he is relieved and happy."


@pytest.fixture()
def hub(tmp_path, monkeypatch):
    monkeypatch.delenv("EMER_LLM_BASE_URL", raising=False)  # the offline extractor: no endpoint needed
    started = Hub.start(make_settings(tmp_path, EMER_HUB_DAILY_QUOTA=50, EMER_HUB_DAILY_ATTEMPTS=100,
                                      EMER_HUB_PROVISION=0))
    yield started
    started.store.close()


def send(hub, tmp_path, text, *, user, name, file="reasons.csv"):
    quoted = text.replace('"', '""')
    path = write(tmp_path, file, f'name,reason\nsample_00000000,"{quoted}"\n')
    return submit(hub, user=user, upload=path, filename=path.name, track_id=TRACK,
                  metadata={"model_name": name, **DECLARED})


def marks(hub):
    return {row["id"]: row["identical_to"] for row in Board(hub, resamples=50).rows_json(TRACK)
            if row.get("source") == "submitted"}


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@pytest.mark.parametrize("variant", [SAID.upper(), fullwidth(SAID), SAID.replace("\u201c", '"').replace(
    "\u201d", '"').replace("\u2019", "'"), "  " + SAID.replace(" ", "\n\t ")])
def test_what_a_description_says_is_all_that_counts(variant):
    assert same_text(variant) == same_text(SAID)


def test_a_real_change_of_wording_is_new():
    assert same_text(SAID.replace("relieved", "nervous")) != same_text(SAID)


def test_a_case_changed_copy_of_the_same_owner_is_refused(hub, tmp_path):
    assert send(hub, tmp_path, SAID, user="alice", name="A").status == "scored"
    again = send(hub, tmp_path, SAID.upper(), user="alice", name="B", file="shouted.csv")
    assert again.status == "rejected" and "you already submitted these exact predictions" in again.errors[0]


def test_another_owners_fullwidth_copy_is_marked_identical_and_a_new_wording_is_not(hub, tmp_path):
    original = send(hub, tmp_path, SAID, user="alice", name="Alice model")
    copy = send(hub, tmp_path, fullwidth(SAID), user="mallory", name="Mallory model", file="wide.csv")
    reworded = send(hub, tmp_path, SAID.replace("relieved", "nervous"), user="bob", name="Bob model", file="b.csv")
    assert original.status == copy.status == reworded.status == "scored"
    shown = marks(hub)
    assert shown[copy.submission_id] == "Alice model"
    assert shown[original.submission_id] is None and shown[reworded.submission_id] is None


def test_records_stored_before_the_rule_are_compared_by_what_they_say(hub, tmp_path):
    """A record written with the old hash (whitespace only, no ``canonical`` version) is rehashed from its upload:
    an old entry and a new case-changed copy of it still meet, at submission and on the board."""
    old = send(hub, tmp_path, SAID, user="alice", name="Alice model")
    record = next((hub.settings.store_dir / "records").rglob(f"{old.submission_id}.json"))
    data = json.loads(record.read_text())
    del data["content"]["canonical"]
    data["content"]["sha256"] = "0" * 64  # whatever the old form hashed to: it is not compared any more
    record.write_text(json.dumps(data))
    reopened = Hub.start(hub.settings)
    try:
        refused = send(reopened, tmp_path, SAID.lower(), user="alice", name="Again", file="lower.csv")
        assert refused.status == "rejected" and "you already submitted" in refused.errors[0]
        copy = send(reopened, tmp_path, SAID.lower(), user="mallory", name="Mallory model", file="copy.csv")
        assert copy.status == "scored" and marks(reopened)[copy.submission_id] == "Alice model"
    finally:
        reopened.store.close()


def test_label_lists_stored_before_the_rule_are_not_parsed_again(hub, ov_store, monkeypatch):
    """Label lists hash as they always did (the parser lowercases them): an older labels record keeps its stored
    hash, and no upload is read again to compare it."""
    from space import content

    labels = submit(hub, user="alice", upload=ov_store / "predict-openset.csv", filename="predict-openset.csv",
                    track_id="ovmerd-labels", metadata={"model_name": "Alice labels", **DECLARED})
    record = hub.store.get(labels.submission_id)
    legacy = {key: value for key, value in record.content.items() if key != "canonical"}
    monkeypatch.setattr(content, "_rehash", lambda *args: pytest.fail("a label upload was parsed again"))
    assert content.current_hash(replace(record, content=legacy), hub.store, hub.tracks["ovmerd-labels"],
                                {"sample_00000000": []}) \
        == record.content["sha256"]


def test_on_a_judge_track_a_label_column_beside_the_descriptions_does_not_make_them_new(hub, tmp_path):
    """The judge reads only the descriptions: a copy with an ``openset`` column of its own was hashed by that column
    (labels win in a parsed file), so it passed as new predictions, and two different description sets with one
    label column passed as identical."""
    from space.content import content_hash
    from space.portal.validate import check_file
    from space.tracks import ground_truth

    track = hub.tracks["emer-v1-explanations"]
    gt = ground_truth(track, hub.settings)
    sample = next(iter(gt))

    def hashed(text, labels):
        path = write(tmp_path, "judged.csv", f'name,openset,reason\n{sample},"{labels}","{text}"\n')
        checked = check_file(path, path.name, track, gt, 2**20)
        assert checked.predictions is not None, checked.errors
        return content_hash(checked.predictions, gt)

    assert hashed(SAID.replace('"', ""), "[happy]") == hashed(SAID.upper().replace('"', ""), "[sad]")
    assert hashed(SAID.replace('"', ""), "[happy]") != hashed("He is angry.", "[happy]")


def test_an_older_judge_record_with_a_label_column_is_rehashed_by_its_descriptions(tmp_path, data_dir, make_server,
                                                                                   monkeypatch):
    """The judge reads only the descriptions, and a new upload is hashed by them; an older record (no ``canonical``)
    uploaded with an ``openset`` column beside them was rehashed from that column, so its owner could upload the
    same descriptions again as new predictions."""
    from fake_llm import judge_reply

    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path / "cache"))
    settings = make_settings(tmp_path, EMER_HUB_PROVISION=0, EMER_LLM_BASE_URL=make_server(judge_reply).base_url,
                             EMER_LLM_MODEL="fake-judge")
    texts = pd.read_csv(data_dir / "affectgpt-emer-v1-baseline-results" / "valley.csv").set_index("names")
    rows = [(name, "[happy]", text) for name, text in texts["chi_reasons"].fillna("").items()]

    def upload(hub, header, keep, file):
        path = tmp_path / file
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([header, *([row[i] for i in keep] for row in rows)])
        return submit(hub, user="alice", upload=path, filename=file, track_id="emer-v1-explanations",
                      metadata={"model_name": f"Alice {file}", **DECLARED})

    hub = Hub.start(settings)
    try:
        old = upload(hub, ("name", "openset", "reason"), (0, 1, 2), "both.csv")
        assert old.status == "scored", old.errors
    finally:
        hub.store.close()
    record = next((settings.store_dir / "records").rglob(f"{old.submission_id}.json"))
    data = json.loads(record.read_text())
    del data["content"]["canonical"]
    data["content"]["sha256"] = "0" * 64
    record.write_text(json.dumps(data))
    reopened = Hub.start(settings)
    try:
        again = upload(reopened, ("name", "reason"), (0, 2), "texts.csv")
        assert again.status == "rejected" and "you already submitted" in again.errors[0], again.errors
    finally:
        reopened.store.close()
