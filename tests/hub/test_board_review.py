"""The board after the first scoring: admins resolving identical entries, re-scores, and k extraction runs."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from hub_helpers import DECLARED, make_settings, write

import emer_eval
from emer_eval.families import family_scores
from emer_eval.ranks import primary_values
from space.admin import AdminError, rescore_all, resolve_identical
from space.content import load_labels
from space.hub import Hub
from space.leaderboard.board import Board, BoardError
from space.leaderboard.detail import detail_markdown
from space.portal.submit import submit
from space.tracks import ground_truth

TRACK = "ovmerd-labels"
EXPLANATIONS = "ovmerd-explanations"


def send(hub, path, *, user, name, track=TRACK):
    return submit(hub, user=user, upload=path, filename=path.name, track_id=track,
                  metadata={"model_name": name, **DECLARED})


@pytest.fixture()
def hub(tmp_path):
    started = Hub.start(make_settings(tmp_path, EMER_HUB_ADMINS="boss", EMER_HUB_DAILY_QUOTA=50,
                                      EMER_HUB_DAILY_ATTEMPTS=100, EMER_HUB_PROVISION=0))
    yield started
    started.store.close()


@pytest.fixture()
def pair(hub, ov_store, tmp_path):
    """Alice's entry and Mallory's copy of it (the same predictions in another file), as the board marks them."""
    labels = emer_eval.load_predictions(ov_store / "predict-openset.csv").labels
    copy = write(tmp_path, "copy.json", json.dumps({n: list(v) for n, v in labels.items()}))
    original = send(hub, ov_store / "predict-openset.csv", user="alice", name="Alice model")
    repeated = send(hub, copy, user="mallory", name="Mallory model")
    assert original.status == repeated.status == "scored"
    return original.submission_id, repeated.submission_id


def rows(hub):
    return {row["id"]: row for row in Board(hub, resamples=100).rows_json(TRACK)}


# --- resolving "identical to" marks ---------------------------------------------------------------------------------

def test_only_admins_resolve_and_only_marked_entries(hub, pair):
    original, copy = pair
    with pytest.raises(AdminError, match="only configured admins"):
        resolve_identical(hub, copy, "keep", actor="mallory", reason="mine")
    with pytest.raises(AdminError, match="needs a reason"):
        resolve_identical(hub, copy, "keep", actor="boss", reason="  ")
    with pytest.raises(AdminError, match="unknown decision"):
        resolve_identical(hub, copy, "delete", actor="boss", reason="x")
    with pytest.raises(AdminError, match="not marked identical"):
        resolve_identical(hub, original, "keep", actor="boss", reason="the original is not a copy")
    assert rows(hub)[copy]["identical_to"] == "Alice model"               # nothing changed
    assert hub.store.get(copy).moderation == []


def test_keep_clears_the_mark_publicly_with_the_reason_and_logs_it(hub, pair):
    _, copy = pair
    resolve_identical(hub, copy, "keep", actor="boss", reason="same lab, two model cards")
    board = Board(hub, resamples=100)
    row = next(r for r in board.rows_json(TRACK) if r["id"] == copy)
    assert row["identical_to"] is None
    assert "Alice model" in row["identical_review"] and "same lab, two model cards" in row["identical_review"]
    table_row = board.table(TRACK).set_index("id").loc[copy]
    assert "identical to" not in table_row["notes_text"]
    detail = detail_markdown(board.entry(TRACK, copy), {**table_row.to_dict(), "id": copy})
    assert "Reviewed by an admin" in detail and "same lab\\, two model cards" in detail      # escaped markdown
    log = hub.store.get(copy).moderation
    assert [(m["kind"], m["actor"], m["reason"]) for m in log] == [("resolve", "boss", "same lab, two model cards")]
    with pytest.raises(AdminError, match="not marked identical"):                # settled once
        resolve_identical(hub, copy, "keep", actor="boss", reason="again")


def test_hide_copy_keeps_the_credit_with_the_original(hub, pair):
    original, copy = pair
    after = resolve_identical(hub, copy, "hide-copy", actor="boss", reason="copied file")
    assert after.visibility == "hidden" and "Alice model" in after.moderation[-1]["reason"]
    shown = rows(hub)
    assert copy not in shown and shown[original]["identical_to"] is None


def test_hide_original_credits_the_later_entry(hub, pair):
    original, copy = pair
    resolve_identical(hub, copy, "hide-original", actor="boss", reason="the earlier upload was a leak")
    shown = rows(hub)
    assert original not in shown and shown[copy]["identical_to"] is None
    assert hub.store.get(original).visibility == "hidden"
    assert "Mallory model" in hub.store.get(original).moderation[-1]["reason"]



def test_a_hidden_copy_is_settled_so_a_second_decision_is_refused(hub, pair):
    """Hiding the copy settles the mark: a second admin's "hide-original" on it used to hide the original too, so
    neither entry kept the credit each decision gave one of them."""
    original, copy = pair
    resolve_identical(hub, copy, "hide-copy", actor="boss", reason="copied file")
    with pytest.raises(AdminError, match="not marked identical"):
        resolve_identical(hub, copy, "hide-original", actor="boss", reason="the earlier upload was a leak")
    assert hub.store.get(original).visibility == "visible"


def test_two_admins_deciding_one_mark_at_once_apply_one_decision(hub, pair, monkeypatch):
    """Both decisions were checked before either was written (the check and the write were not one step), so both
    entries ended hidden; they now hold the store's content lock, and the second finds the mark settled."""
    import space.admin

    original, copy = pair
    check = space.admin.identical_original

    def slow_check(*args):
        found = check(*args)
        time.sleep(0.3)  # the other admin's click lands between this check and its write
        return found

    monkeypatch.setattr(space.admin, "identical_original", slow_check)
    decisions = [("hide-copy", "copied file"), ("hide-original", "the earlier upload was a leak")]
    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(lambda d: _settle(hub, copy, *d), decisions))
    assert sorted(outcomes) == ["applied", "refused"]
    visible = [record for record in (original, copy) if hub.store.get(record).visibility != "hidden"]
    assert len(visible) == 1


def _settle(hub, record, decision, reason):
    try:
        resolve_identical(hub, record, decision, actor="boss", reason=reason)
    except AdminError:
        return "refused"
    return "applied"


# --- re-scores update the per-sample labels -------------------------------------------------------------------------

def test_a_rescore_moves_ranks_families_and_labels_with_it(hub, ov_store, baselines, monkeypatch):
    entry = send(hub, ov_store / "predict-openset.csv", user="alice", name="Alice model").submission_id
    other = send(hub, baselines / "Otter" / "output-reason-7b-subtitle-eng-openset.npz", user="bob",
                 name="Bob model").submission_id
    board = Board(hub, resamples=200)
    before = board.snapshot(TRACK).evidence[entry]
    before_labels = hub.store.get(entry).content["labels"]["sha256"]
    score = hub.score

    def new_scorer(track, predictions, gt, progress=None):
        """A changed scorer (as a new extraction would be): only each clip's first label survives."""
        loaded = emer_eval.load_predictions(predictions) if not isinstance(predictions, emer_eval.Predictions) \
            else predictions
        if loaded.labels is None:
            return score(track, loaded, gt, progress)
        return score(track, emer_eval.Predictions(labels={n: v[:1] for n, v in loaded.labels.items()}), gt, progress)

    monkeypatch.setattr(hub, "score", new_scorer)
    summary = rescore_all(hub, "boss")
    assert set(summary.rescored) == {entry, other}
    record = hub.store.get(entry)
    assert record.history and record.content["labels"]["sha256"] != before_labels
    stored = load_labels(hub.store.file_path(record.content["labels"]))
    assert all(len(labels) <= 1 for labels in stored[0].values())
    after = board.snapshot(TRACK).evidence[entry]
    assert after.mean_labels <= 1 < before.mean_labels
    # the board's per-sample work reproduces the new stored score, not the first one
    assert primary_values([after.stats], "EW-L1")[0] == pytest.approx(record.scores["EW-L1"]["f"])
    assert primary_values([before.stats], "EW-L1")[0] != pytest.approx(record.scores["EW-L1"]["f"])
    duel = board.compare(TRACK, entry, other)
    assert duel["delta"] == pytest.approx(record.scores["EW-L1"]["f"] - hub.store.get(other).scores["EW-L1"]["f"])
    assert rescore_all(hub, "boss").rescored == []                          # same labels again: nothing appended


# --- k extraction runs ----------------------------------------------------------------------------------------------

def test_k_extraction_runs_count_as_their_mean_everywhere(tmp_path, make_server, monkeypatch, ov_store):
    """With EMER_HUB_EXTRACTION_RUNS=2 the stored score is the mean of two runs; the rank ranges, the families and
    the head-to-head must use both runs too, not run 1's labels."""
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path / "cache"))
    server = make_server(lambda body, n: (200, "[happy, worried]" if n % 2 else "[angry]"))
    hub = Hub.start(make_settings(tmp_path, EMER_HUB_PROVISION=0, EMER_LLM_BASE_URL=server.base_url,
                                  EMER_LLM_MODEL="Qwen2.5-7B-Instruct", EMER_HUB_EXTRACTION_RUNS=2))
    gt = ground_truth(hub.tracks[EXPLANATIONS], hub.settings)
    text = "".join(f"{name},The person speaks with a tense voice.\n" for name in gt)
    outcome = send(hub, write(tmp_path, "reasons.csv", "name,reason\n" + text), user="alice", name="Two runs",
                   track=EXPLANATIONS)
    assert outcome.status == "scored", outcome.errors
    assert "|extract:llm:Qwen2.5-7B-Instruct" in outcome.signature and "x2|" in outcome.signature
    record = hub.store.get(outcome.submission_id)
    runs = load_labels(hub.store.file_path(record.content["labels"]))
    assert len(runs) == 2 and runs[0] != runs[1]                              # the runs really differ

    board = Board(hub, resamples=200)
    evidence = board.snapshot(EXPLANATIONS).evidence[outcome.submission_id]
    assert evidence.runs == 2
    per_run = [primary_values([stats], "EW-L1")[0] for stats in evidence.stats]
    assert per_run[0] != pytest.approx(per_run[1])
    assert primary_values([evidence.stats], "EW-L1")[0] == pytest.approx(record.scores["EW-L1"]["f"])
    assert record.scores["EW-L1"]["f"] == pytest.approx(np.mean(per_run))
    wheels = emer_eval.load_wheels("2025")
    expected = [family_scores(wheels, labels, gt)["families"] for labels in runs]
    for family, scores in evidence.family_scores().items():
        assert scores["r"] == pytest.approx(np.mean([run[family]["r"] for run in expected]))
    assert evidence.mean_labels == pytest.approx(1.5)                         # one label in one run, two in the other
    row = next(r for r in board.rows_json(EXPLANATIONS) if r["id"] == outcome.submission_id)
    assert row["official"] and row["rank_range"] is not None and row["mean_labels"] == pytest.approx(1.5)
    detail = detail_markdown(board.entry(EXPLANATIONS, outcome.submission_id))
    assert "Mean of 2 extraction runs" in detail and f"{per_run[0] * 100:.2f}" in detail
    family_view = board.family_table(EXPLANATIONS).set_index("id")
    assert family_view.loc[outcome.submission_id, "mad"] == pytest.approx(evidence.family_scores()["mad"]["r"] * 100)

    one = send(hub, write(tmp_path, "one.csv", "name,reason\n" + text.replace("tense", "calm")), user="bob",
               name="Other", track=EXPLANATIONS)
    assert one.status == "scored", one.errors
    duel = board.compare(EXPLANATIONS, outcome.submission_id, one.submission_id)
    assert duel["runs"] == {"a": 2, "b": 2}
    assert duel["delta"] == pytest.approx(record.scores["EW-L1"]["f"]
                                          - hub.store.get(one.submission_id).scores["EW-L1"]["f"])
    hub.store.close()


# --- every track of tracks.toml, end to end -------------------------------------------------------------------------

def test_every_track_builds_a_sensible_board(hub, baselines, tmp_path):
    """Each track's board, API rows, family views and detail pages build; judge rows keep their 1–10 scale with no
    label columns, families or reference rows; reference rows sit on label-scored tracks only."""
    from space.admin import import_baselines
    from space.leaderboard.columns import LABELS_ONLY
    from space.leaderboard.table import display_frame

    import_baselines(hub, baselines)
    offline = send(hub, write(tmp_path, "r.csv", "name,reason\nsample_00000000,\"He smiles; he is happy.\"\n"),
                   user="alice", name="Offline", track=EXPLANATIONS)
    assert offline.status == "scored" and "extract:offline-v2" in offline.signature
    board = Board(hub, resamples=100)
    assert set(hub.tracks) == {TRACK, EXPLANATIONS, "emer-v1-explanations"}
    for track_id, track in hub.tracks.items():
        table, api = board.table(track_id), board.rows_json(track_id)
        assert len(table) == len(api) > 0, track_id
        shown = display_frame(table)
        references = [row for row in api if row["source"] == "reference"]
        assert {row["scale"] for row in api} == {track.scale}
        for row in api:
            entry_row = {**table.set_index("id").loc[row["id"]].to_dict(), "id": row["id"]}
            text = detail_markdown(board.entry(track_id, row["id"]), entry_row, primary=track.primary,
                                   scale=track.scale)
            assert row["model_name"].replace("-", "\\-") in text
            stored = row["scores"][track.primary]  # read on first use, the value the row ranks by
            assert stored["f" if track.label_scored else "mean"] == pytest.approx(row["score"])
        if track.label_scored:
            assert len(references) == 3 and all(row["rank"] is None for row in references)
            assert all(0 <= row["score"] <= 1 for row in api)
            assert {"P", "R", "Mean labels", "OOV %"} <= set(shown.columns)
            assert len(board.family_table(track_id)) == sum(row["id"] in board.snapshot(track_id).evidence
                                                            for row in api)
        else:
            assert track.scale == "1-10" and references == []
            assert not set(LABELS_ONLY) & set(shown.columns) and track.primary in shown.columns
            assert all(1 <= row["score"] <= 10 for row in api)
            with pytest.raises(BoardError, match="does not apply to judge scores"):
                board.family_table(track_id)
            assert "LLM judge, 1–10" in text and "EW-L1" not in text
    row = next(r for r in board.rows_json(EXPLANATIONS) if r["id"] == offline.submission_id)
    assert row["group"] == "non-official" and row["rank"] is None and not row["official"]
