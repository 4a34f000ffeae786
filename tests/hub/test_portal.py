"""The submission portal: identity, validation messages, quotas, de-duplication and what reaches the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from hub_helpers import DECLARED, droppable, labels_without, make_settings, private_tracks, write

from emer_eval import load_predictions
from space.hub import Hub
from space.identity import current_user
from space.portal.submit import Outcome, submit
from space.tracks import ground_truth

META = {"model_name": "My model", "organisation": "Lab", "link": "https://example.org/paper",
        "modalities": ["audio", "video"], "open_weights": "open", "description": "test"}


def send(hub: Hub, path: Path, *, user: str | None = "tester", track: str = "ovmerd-labels", **metadata):
    return submit(hub, user=user, upload=path, filename=path.name, track_id=track,
                  metadata={**META, **DECLARED, **metadata})


def test_a_real_file_is_scored_stored_and_reported(hub, baselines):
    path = baselines / "Chat-UniVi" / "output-reason-7b-nosubtitle-addsub-eng-openset.npz"
    outcome = send(hub, path)
    assert outcome.status == "scored", outcome.errors
    assert outcome.scores["EW-L1"]["f"] == pytest.approx(0.5716, abs=5e-5)
    low, high = outcome.scores["EW-L1"]["ci95"]
    assert low < outcome.scores["EW-L1"]["f"] < high
    assert outcome.signature.startswith("emer-eval:") and outcome.oov["dropped"] == 60
    assert len(outcome.per_sample) == 332                  # OV-MERD is public: per-sample results are shown
    record = hub.store.get(outcome.submission_id)
    assert record.user == "tester" and record.metadata["model_name"] == "My model"
    assert record.metadata["open_weights"] is True and record.metadata["modalities"] == ["audio", "video"]
    assert hub.store.file_path(record.file).read_bytes() == path.read_bytes()
    assert outcome.quota["remaining_scored"] == 4 and outcome.quota["remaining_attempts"] == 19


@pytest.mark.parametrize("name, content, message", [
    ("missing.csv", "name,score\nsample_00000000,1\n", "no prediction column"),
    ("dups.csv", "name,openset\nsample_00000000,[happy]\nsample_00000000,[sad]\n",
     "duplicate sample ids: sample_00000000"),
    ("empty.csv", "", "the file is empty"),
    ("latin1.csv", "name,openset\nsample_00000000,[café]\n".encode("latin-1"), "not valid UTF-8"),
    ("wrongtrack.csv", "name,openset\nsample_99999991,[happy]\nsample_99999992,[sad]\n",
     "none of its 2 ids are samples"),
    ("sentences.csv", "name,openset\n" + "".join(
        f"sample_{i:08d},\"The person looks very happy because she smiles and laughs a lot\"\n" for i in range(0, 40)),
     "longer than 8 words"),
    ("blank.csv", "name,openset\nsample_00000000,[]\n", "every prediction is empty"),
    ("fields.csv", "name,openset\nsample_00000000,happy,sad\n", "row 2: expected 2 fields"),
    ("texts.csv", "name,reason\nsample_00000000,He is happy.\n", "takes label lists"),
    ("x.txt", "name,openset\n", "file type '.txt' is not accepted"),
])
def test_bad_files_are_rejected_with_specific_messages(hub, tmp_path, name, content, message):
    outcome = send(hub, write(tmp_path, name, content))
    assert outcome.status == "rejected"
    assert any(message in error for error in outcome.errors), outcome.errors
    assert hub.store.records() == []                       # nothing stored


def test_wrong_id_or_gt_shape_for_the_explanations_track(hub, tmp_path):
    outcome = send(hub, write(tmp_path, "labels.csv", "name,openset\nsample_00000000,[happy]\n"),
                   track="ovmerd-explanations")
    assert outcome.status == "rejected" and "takes descriptions" in outcome.errors[0]


def test_explanations_are_scored_with_the_offline_extractor_and_say_so(hub, tmp_path, monkeypatch):
    monkeypatch.delenv("EMER_LLM_BASE_URL", raising=False)
    path = write(tmp_path, "reasons.csv", "name,reason\nsample_00000000,\"In the text, he jokes about himself. "
                 "We can infer that he is relieved and happy.\"\n")
    outcome = send(hub, path, track="ovmerd-explanations")
    assert outcome.status == "scored", outcome.errors
    assert "|extract:offline-v2|" in outcome.signature
    assert any("331 ground-truth sample(s) have no prediction" in w for w in outcome.warnings)


def test_a_label_column_beside_the_descriptions_is_left_out_and_the_descriptions_extracted(hub, tmp_path,
                                                                                           monkeypatch, gt_path):
    """Scored as given, a label column (here the public ground truth itself) would skip the extraction, sign
    ``extract:none`` and rank with the entries whose labels the hub extracted: the track reads the descriptions."""
    import pandas as pd

    monkeypatch.delenv("EMER_LLM_BASE_URL", raising=False)
    truth = pd.read_csv(gt_path)
    truth["reason"] = "She sits still and looks at the camera."  # says no emotion: extracted, it scores zero
    path = tmp_path / "both.csv"
    truth.to_csv(path, index=False)
    outcome = send(hub, path, track="ovmerd-explanations")
    assert outcome.status == "scored", outcome.errors
    assert "|extract:offline-v2|" in outcome.signature
    assert outcome.scores["EW-L1"]["f"] == 0.0
    assert any("label column was left out" in warning for warning in outcome.warnings), outcome.warnings
    track = hub.tracks.get("ovmerd-explanations")  # a re-score reads the stored file the same way
    stored = hub.store.file_path(hub.store.get(outcome.submission_id).file)
    rescored = hub.score(track, stored, ground_truth(track, hub.settings))
    assert "|extract:offline-v2|" in str(rescored.signature) and rescored.metrics["EW-L1"].f == 0.0


def test_chinese_descriptions_are_refused_with_the_way_to_score_them(hub, tmp_path, monkeypatch, data_dir):
    """The Chinese EMER-V2 descriptions: the offline extractor would score them 0, so the hub refuses and says why."""
    import pandas as pd

    monkeypatch.delenv("EMER_LLM_BASE_URL", raising=False)
    chinese = pd.read_csv(data_dir / "affectgpt-emer-dataset-v2" / "final-EMER-reason.csv")[["name", "chinese"]]
    path = tmp_path / "chinese.csv"
    chinese.rename(columns={"chinese": "reason"}).to_csv(path, index=False)
    outcome = send(hub, path, track="ovmerd-explanations")
    assert outcome.status == "rejected"
    assert any("332 of 332 descriptions are in Chinese" in error and "official LLM extraction" in error
               for error in outcome.errors), outcome.errors
    assert hub.store.records() == []


def test_descriptions_far_longer_than_any_explanation_are_refused_before_the_llm_reads_them(hub, tmp_path,
                                                                                           monkeypatch):
    """Each description is one request to the operator's LLM (times the extraction runs): 332 cells of 131,072
    characters, within the file limits, cost ~85 times a real submission's tokens. The longest published OV-MER
    baseline description has 4,999 characters."""
    def paid(*args, **kwargs):
        raise AssertionError("the descriptions reached the scorer")

    monkeypatch.setattr(hub, "score", paid)
    long = "He smiles and seems relieved. " * 400                     # 12,000 characters
    path = write(tmp_path, "long.csv", f"name,reason\nsample_00000000,{long}\nsample_00000001,He is happy.\n")
    outcome = send(hub, path, track="ovmerd-explanations")
    assert outcome.status == "rejected"
    assert any("1 description(s) are longer than 8,000 characters (e.g. sample_00000000)" in error
               for error in outcome.errors), outcome.errors


def test_an_operator_endpoint_that_never_stops_answering_is_cut_off(tmp_path, make_hostile, monkeypatch):
    """The official extraction reads the operator's endpoint from the hub's process: a reply in hostile hands is read
    up to netguard's bound (and no redirect is followed), as the demo's are."""
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path / "cache"))
    flood = make_hostile("flood")
    hub = Hub.start(make_settings(tmp_path, EMER_LLM_BASE_URL=flood.base_url, EMER_LLM_MODEL="m",
                                  EMER_HUB_LLM_TIMEOUT=30))
    try:
        path = write(tmp_path, "reasons.csv", "name,reason\nsample_00000000,He jokes about himself.\n")
        outcome = send(hub, path, track="ovmerd-explanations")
    finally:
        hub.store.close()
    assert outcome.status == "rejected" and "this hub's LLM endpoint failed" in outcome.errors[0], outcome.errors
    assert flood.sent < 48 * 2**20                          # 1 MiB per attempt (3 with retries), not 128 MiB each


def test_a_file_whose_descriptions_give_no_labels_is_scored_with_a_warning(hub, tmp_path, monkeypatch, ov_store):
    monkeypatch.delenv("EMER_LLM_BASE_URL", raising=False)
    names = [line.split(",")[0] for line in (ov_store / "check-openset.csv").read_text().splitlines()[1:31]]
    rows = "".join(f"{name},The person sits at a desk in a room.\n" for name in names)
    outcome = send(hub, write(tmp_path, "flat.csv", "name,reason\n" + rows), track="ovmerd-explanations")
    assert outcome.status == "scored", outcome.errors
    assert any("gave no emotion labels with extract:offline-v2" in warning for warning in outcome.warnings)


@pytest.mark.parametrize("field, value, message", [
    ("model_name", "", "model_name: required"),
    ("link", "http://example.org", "only https:// links"),
    ("link", "javascript:alert(1)", "only https:// links"),
    ("modalities", ["smell"], "unknown smell"),
    ("model_name", "x" * 101, "at most 100"),
    ("organisation", "evil\u202eorg", "control or invisible"),
])
def test_metadata_is_validated(hub, ov_store, field, value, message):
    outcome = send(hub, ov_store / "predict-openset.csv", **{field: value})
    assert outcome.status == "rejected" and any(message in e for e in outcome.errors), outcome.errors


def test_anonymous_submissions_are_refused_and_identity_is_server_side(tmp_path, ov_store):
    space_hub = Hub.start(make_settings(tmp_path, SPACE_ID="org/emer-hub"))
    assert current_user(None, space_hub.settings) is None
    outcome = send(space_hub, ov_store / "predict-openset.csv", user=None)
    assert outcome.status == "rejected" and "log in" in outcome.errors[0]

    class Profile:
        username = "alice"

    assert current_user(Profile(), space_hub.settings) == "alice"
    assert current_user(None, make_settings(tmp_path)) == "tester"     # local hub: the configured user


def test_identical_file_is_refused(hub, ov_store):
    assert send(hub, ov_store / "predict-openset.csv").status == "scored"
    again = send(hub, ov_store / "predict-openset.csv", model_name="Other name")
    assert again.status == "rejected" and "you already submitted these exact predictions" in again.errors[0]
    assert len(hub.store.records()) == 1


def test_a_scoring_error_names_what_is_missing_not_where_the_server_looked(hub, ov_store, monkeypatch):
    """A resource that goes missing between start-up and scoring (the wheels, a judge track's references) raises an
    error for the operator that lists every folder searched; the submitter gets the same sentence without them."""
    from emer_eval import ResourceNotFoundError

    def missing(*args, **kwargs):
        raise ResourceNotFoundError("emotion-wheels", [Path("/srv/secret-mount/emer-data"), Path.home() / "cache"])

    monkeypatch.setattr(hub, "score", missing)
    outcome = send(hub, ov_store / "predict-openset.csv")
    assert outcome.status == "rejected" and "resource 'emotion-wheels' not found" in outcome.errors[0]
    assert "secret-mount" not in outcome.errors[0] and str(Path.home()) not in outcome.errors[0]


def test_daily_quota_of_scored_submissions(tmp_path, baselines):
    hub = Hub.start(make_settings(tmp_path, EMER_HUB_DAILY_QUOTA=2))
    files = sorted(baselines.glob("*/output-reason-7b-subtitle-eng-openset.npz"))
    outcomes = [send(hub, path) for path in files[:3]]
    assert [o.status for o in outcomes] == ["scored", "scored", "rejected"]
    assert "daily submission quota used (2" in outcomes[2].errors[0]
    assert send(hub, files[2], user="someone-else", model_name="Their model").status == "scored"  # per user


def test_failed_validations_count_as_attempts_not_submissions(tmp_path, ov_store):
    hub = Hub.start(make_settings(tmp_path, EMER_HUB_DAILY_ATTEMPTS=3))
    bad = write(tmp_path, "bad.csv", "")
    assert [send(hub, bad).status for _ in range(2)] == ["rejected", "rejected"]
    good = send(hub, ov_store / "predict-openset.csv")
    assert good.status == "scored" and good.quota["remaining_scored"] == 4 and good.quota["remaining_attempts"] == 0
    refused = send(hub, ov_store / "check-openset.csv")
    assert refused.status == "rejected" and "daily attempt limit reached (3" in refused.errors[0]


def test_unavailable_track_does_not_stop_the_hub(tmp_path, ov_store):
    settings = make_settings(tmp_path, EMER_DATA=str(tmp_path / "nothing-here"))
    hub = Hub.start(settings)
    assert set(hub.unavailable) == {"ovmerd-labels", "ovmerd-explanations", "emer-v1-explanations"}
    assert "python -m emer_eval resources fetch mertools-mer2024-ov-store" in hub.unavailable["ovmerd-labels"]
    outcome = send(hub, ov_store / "predict-openset.csv")
    assert outcome.status == "rejected" and "not available on this server" in outcome.errors[0]
    shown = " ".join([*hub.unavailable.values(), *outcome.errors])  # on the board, the Submit tab and /data_status
    assert "check-openset.csv" in shown and "…/nothing-here" in shown
    assert str(tmp_path) not in shown and str(Path.home()) not in shown


def test_no_per_sample_results_on_a_private_track(tmp_path, ov_store):
    hub = Hub.start(make_settings(tmp_path, EMER_HUB_TRACKS=private_tracks(tmp_path)))
    outcome = send(hub, ov_store / "predict-openset.csv")
    assert outcome.status == "scored" and outcome.per_sample is None    # private: aggregates only


def test_per_sample_results_only_on_public_tracks(tmp_path, ov_store):
    tracks = tmp_path / "tracks.toml"
    tracks.write_text('''[[track]]
id = "open-dev"
title = "Public dev set"
description = "per-sample results may be shown"
input = "labels"
primary = "EW-L1"
wheels = "2026"
test_set = "public"
test_set_reason = "a public dev set"
ground_truth = { path = "%s" }
''' % (ov_store / "check-openset.csv"), encoding="utf-8")
    hub = Hub.start(make_settings(tmp_path, EMER_HUB_TRACKS=tracks))
    outcome = send(hub, ov_store / "predict-openset.csv", track="open-dev")
    assert outcome.status == "scored" and "|ew:2026|" in outcome.signature
    assert len(outcome.per_sample) == 332 and set(outcome.per_sample[0]) >= {"name", "gt", "pred", "ew_l1_p"}


def test_without_oauth_the_scored_quota_is_counted_per_client_address(tmp_path, ov_store):
    """Every visitor of a hub without OAuth is the one local user: two valid uploads from one address used to use the
    day's scored quota for everyone (the attempts were already counted per address)."""
    hub = Hub.start(make_settings(tmp_path, EMER_HUB_DAILY_QUOTA=2))
    source = load_predictions(ov_store / "predict-openset.csv")
    files = [labels_without(source, name, tmp_path / f"without-{n}.csv")
             for n, name in enumerate(droppable(source)[:4])]

    def send(path: Path, client: str) -> Outcome:
        return submit(hub, user="tester", upload=path, filename=path.name, track_id="ovmerd-labels",
                      metadata={**META, **DECLARED, "model_name": path.stem}, client=client)

    assert [send(path, "10.0.0.66").status for path in files[:2]] == ["scored", "scored"]
    blocked = send(files[2], "10.0.0.66")
    assert blocked.status == "rejected" and "daily submission quota used" in blocked.errors[0]
    assert send(files[3], "10.0.0.7").status == "scored"                 # the same local identity, another address
    space = Hub.start(make_settings(tmp_path / "space", EMER_HUB_DAILY_QUOTA=1, SPACE_ID="emer/hub"))
    assert submit(space, user="ann", upload=files[0], filename="a.csv", track_id="ovmerd-labels",
                  metadata={**META, **DECLARED}, client="10.0.0.1").status == "scored"
    again = submit(space, user="ann", upload=files[1], filename="b.csv", track_id="ovmerd-labels",
                   metadata={**META, **DECLARED, "model_name": "b"}, client="10.0.0.2")
    assert again.status == "rejected" and "daily submission quota used" in again.errors[0]  # a login: per user


def test_without_oauth_one_visitors_slow_submission_does_not_hold_up_another(tmp_path, ov_store, monkeypatch):
    """The quota lock was the shared local user's: while one visitor's upload was being scored (minutes for an
    explanation track's LLM extraction), every other visitor of a self-hosted hub waited."""
    import threading

    hub = Hub.start(make_settings(tmp_path))
    source = load_predictions(ov_store / "predict-openset.csv")
    first, second = (labels_without(source, name, tmp_path / f"{n}.csv")
                     for n, name in enumerate(droppable(source)[:2]))
    inside, release = threading.Event(), threading.Event()
    score = hub.score

    def slow_once(*args, **kwargs):
        if not inside.is_set():
            inside.set()
            release.wait(60)
        return score(*args, **kwargs)

    monkeypatch.setattr(hub, "score", slow_once)
    outcomes: list[Outcome] = []
    slow = threading.Thread(target=lambda: outcomes.append(submit(
        hub, user="tester", upload=first, filename="a.csv", track_id="ovmerd-labels",
        metadata={**META, **DECLARED, "model_name": "slow"}, client="10.0.0.66")))
    slow.start()
    try:
        assert inside.wait(60)
        other = submit(hub, user="tester", upload=second, filename="b.csv", track_id="ovmerd-labels",
                       metadata={**META, **DECLARED, "model_name": "quick"}, client="10.0.0.7")
        assert other.status == "scored" and slow.is_alive()              # scored while the first still waits
    finally:
        release.set()
        slow.join(60)
    assert outcomes[0].status == "scored"


def test_without_oauth_attempts_are_counted_per_client_address(tmp_path, ov_store):
    hub = Hub.start(make_settings(tmp_path, EMER_HUB_DAILY_ATTEMPTS=3))
    bad = write(tmp_path, "header-only.csv", "name,openset\n")
    for _ in range(3):
        submit(hub, user="tester", upload=bad, filename=bad.name, track_id="ovmerd-labels", metadata=META,
               client="10.0.0.66")
    blocked = submit(hub, user="tester", upload=bad, filename=bad.name, track_id="ovmerd-labels", metadata=META,
                     client="10.0.0.66")
    assert blocked.status == "rejected" and "daily attempt limit reached" in blocked.errors[0]
    other = submit(hub, user="tester", upload=ov_store / "predict-openset.csv", filename="p.csv",
                   track_id="ovmerd-labels", metadata={**META, **DECLARED}, client="10.0.0.7")
    assert other.status == "scored", other.errors                    # the same local identity, another address


def test_the_success_message_says_where_the_entry_is_and_what_its_signature_and_public_test_set_mean(
        hub, baselines, ov_store, tmp_path):
    """A submitter read the score and a bare signature: not where the entry went (ranked, listed apart or held), what
    the signature is for, nor that the OV-MERD labels were public to anyone training the model."""
    from space.ui.submit_tab import entry_note, render_outcome

    ranked = send(hub, baselines / "Chat-UniVi" / "output-reason-7b-nosubtitle-addsub-eng-openset.npz")
    shown, _, _ = render_outcome(ranked.to_dict(), entry_note(hub, "ovmerd-labels", ranked.to_dict()))
    assert "Leaderboard" in shown and "OV-MERD open-vocabulary labels" in shown and "ranked" in shown
    assert "compare scores only when their signatures match" in shown
    assert "public MERTools repository" in shown and "training data" in shown
    held = send(hub, ov_store / "check-openset.csv", model_name="Copied truth")   # the ground truth itself
    note = entry_note(hub, "ovmerd-labels", held.to_dict())
    assert "held for an admin's review" in note and "ranked" not in note
    descriptions = write(tmp_path, "descriptions.csv", "name,reason\nsample_00000000,She looks happy.\n")
    apart = send(hub, descriptions, track="ovmerd-explanations", model_name="Offline read")
    note = entry_note(hub, "ovmerd-explanations", apart.to_dict())
    assert "non-official" in note and "listed after the ranked rows" in note
    rejected = send(hub, write(tmp_path, "empty.csv", ""), model_name="Empty")
    assert entry_note(hub, "ovmerd-labels", rejected.to_dict()) == ""


@pytest.mark.parametrize("track", ["ovmerd-labels", "ovmerd-explanations"])
def test_a_file_of_another_test_set_is_refused_before_it_costs_a_scored_submission(hub, data_dir, track):
    """The EMER-V1 ground truth (100 clips, 39 of them OV-MERD clips) was scored on OV-MERD as 293 empty predictions,
    stored, ranked last and counted against the day's quota, with nothing but an "ids ignored" warning."""
    outcome = send(hub, data_dir / "affectgpt-emer-dataset-v1" / "gt-eng.csv", track=track)
    assert outcome.status == "rejected" and hub.store.records() == []
    assert "61 of its 100 ids are not samples of track" in outcome.errors[0]
    assert "only 39 of the track's 332 clips" in outcome.errors[0] and "another" in outcome.errors[0]
    assert outcome.quota["remaining_scored"] == 5


def test_a_file_that_covers_the_track_is_scored_whatever_else_it_holds(hub, tmp_path, ov_store):
    """A superset (the track's clips among many more) or a partial file of the track's own ids is still scored."""
    lines = (ov_store / "predict-openset.csv").read_text(encoding="utf-8").splitlines()
    extra = [f"other_{i:05d},\"['happy']\"" for i in range(400)]
    outcome = send(hub, write(tmp_path, "superset.csv", "\n".join([*lines, *extra]) + "\n"))
    assert outcome.status == "scored" and "400 prediction id(s) not in the ground truth" in outcome.warnings[0]
    outcome = send(hub, write(tmp_path, "partial.csv", "\n".join(lines[:4]) + "\n"), model_name="Partial")
    assert outcome.status == "scored" and "329 ground-truth sample(s) have no prediction" in outcome.warnings[0]


def test_ids_quoted_in_messages_are_cut_short_and_stored_warnings_stay_small(hub, tmp_path, ov_store):
    """An id may be a 131,072-character cell: the refusal of a file for another test set quoted three of them whole
    (a 400 kB API answer), and the "ids ignored" warning of a superset stored them whole in its record forever."""
    lines = (ov_store / "predict-openset.csv").read_text(encoding="utf-8").splitlines()
    long_ids = [f"{'x' * 50_000}{i}<b>,\"['happy']\"" for i in range(3)]
    refused = send(hub, write(tmp_path, "foreign.csv", "\n".join([*lines[:2], *long_ids]) + "\n"))
    assert refused.status == "rejected" and "not samples of track" in refused.errors[0]
    assert len(refused.errors[0]) < 1000
    scored = send(hub, write(tmp_path, "superset.csv", "\n".join([*lines, *long_ids]) + "\n"))
    assert scored.status == "scored" and "3 prediction id(s) not in the ground truth" in scored.warnings[0]
    assert all(len(warning) < 1000 for warning in hub.store.records()[0].warnings)


def test_the_quota_counts_the_records_of_its_own_utc_day_only(hub):
    """The window had a start and no end: a record dated tomorrow (a replica whose clock runs ahead across midnight,
    or a record planted in the results repo dated 2099) counted against its owner's quota every day until then."""
    import json
    from datetime import datetime, timedelta, timezone

    from space.portal.submit import quota_of
    from space.store import layout

    record = json.loads((hub.store.root / layout.record_relpath("ovmerd-labels", hub.store.add(
        track="ovmerd-labels", user="alice", status="scored", metadata={"model_name": "m"}).id)).read_bytes())
    now = datetime.fromisoformat(record["created_at"]).replace(hour=23, minute=59, second=59, microsecond=0)
    for later in (now + timedelta(seconds=2), datetime(2099, 1, 1, tzinfo=timezone.utc)):
        record.update(id=layout.new_record_id(later), created_at=layout.iso(later))
        (hub.store.root / layout.record_relpath("ovmerd-labels", record["id"])).write_text(json.dumps(record))
    assert quota_of(hub, "alice", now).scored == 1
    assert quota_of(hub, "alice", now + timedelta(seconds=2)).scored == 1


def test_a_copy_of_a_hidden_entry_waits_for_review_instead_of_taking_its_place(hub, ov_store):
    """A moderator hid an entry; the same predictions from a second account went straight onto the board, unmarked
    (the "identical to" mark only points at entries the board shows)."""
    hidden = send(hub, ov_store / "predict-openset.csv", user="alice")
    hub.store.moderate(hidden.submission_id, "hide", actor="admin", reason="copied from a paper's release")
    copy = send(hub, ov_store / "predict-openset.csv", user="alice-second", model_name="Fresh name")
    assert copy.status == "scored" and hub.store.get(copy.submission_id).visibility == "held"
    assert any("an entry a moderator hid" in warning for warning in copy.warnings)
