"""Prediction-file loaders: every accepted format, and a specific error for every broken one."""

import io
import json

import numpy as np
import pytest

from emer_eval.errors import InputError
from emer_eval.io import load_ground_truth, load_predictions, parse_predictions

CSV = "name,openset\nsample_1,\"['happy', 'sad']\"\nsample_2,[angry]\n"
EXPECTED = {"sample_1": ["happy", "sad"], "sample_2": ["angry"]}


def _write(tmp_path, name, payload):
    path = tmp_path / name
    path.write_bytes(payload if isinstance(payload, bytes) else payload.encode("utf-8"))
    return path


@pytest.mark.parametrize("name, payload", [
    ("a.csv", CSV),
    ("bom.csv", b"\xef\xbb\xbf" + CSV.encode()),
    ("crlf.csv", CSV.replace("\n", "\r\n")),
    ("utf16.csv", CSV.encode("utf-16")),
    ("names.csv", "names,labels\nsample_1,\"happy, sad\"\nsample_2,angry\n"),
    ("a.json", json.dumps({"sample_1": ["happy", "sad"], "sample_2": "[angry]"})),
    ("records.json", json.dumps([{"name": "sample_1", "openset": "happy, sad"},
                                 {"name": "sample_2", "openset": ["angry"]}])),
    ("arrays.json", json.dumps({"filenames": ["sample_1", "sample_2"], "fileitems": ["[happy, sad]", "[angry]"]})),
    ("a.jsonl", '{"name": "sample_1", "openset": "[happy, sad]"}\n\n{"name": "sample_2", "openset": "[angry]"}\n'),
])
def test_label_formats(tmp_path, name, payload):
    predictions = load_predictions(_write(tmp_path, name, payload))
    assert predictions.kind == "labels"
    assert predictions.labels == EXPECTED


def test_npz_codabench_format(tmp_path):
    path = tmp_path / "sub.npz"
    np.savez(path, filenames=np.array(["sample_1", "sample_2"]), fileitems=np.array(["[happy, sad]", "[angry]"]))
    assert load_predictions(path).labels == EXPECTED


def test_description_formats(tmp_path, data_dir):
    texts = load_predictions(_write(tmp_path, "r.csv", "name,reason\nsample_1,\"In the video, he smiles, happy.\"\n"))
    assert texts.kind == "texts" and texts.texts == {"sample_1": "In the video, he smiles, happy."}
    reasons = load_predictions(data_dir / "ovmer-baseline-outputs-ovmerd" / "Chat-UniVi"
                               / "output-reason-7b-nosubtitle-addsub-eng.json")
    assert reasons.kind == "texts" and len(reasons.texts) == 332
    chinese = load_predictions(data_dir / "affectgpt-emer-dataset-v2" / "final-EMER-reason.csv")
    assert len(chinese.texts) == 332          # 'english' column; the Chinese column is read as UTF-8 alongside
    both = load_predictions(_write(tmp_path, "b.csv", "name,openset,reason\ns1,[happy],She smiles.\n"))
    assert both.kind == "labels" and both.texts == {"s1": "She smiles."}


def test_chinese_labels(tmp_path):
    path = _write(tmp_path, "zh.csv", "name,openset\nsample_1,\"['愤怒', '悲伤']\"\n")
    assert load_predictions(path).labels == {"sample_1": ["愤怒", "悲伤"]}


@pytest.mark.parametrize("name, payload, message", [
    ("empty.csv", "", "the file is empty"),
    ("blank.csv", "  \n\n", "the file is empty"),
    ("header.csv", "name,openset\n", "only a header"),
    ("dup.csv", "name,openset\ns1,[a]\ns2,[b]\ns1,[c]\n", "duplicate sample ids: s1"),
    ("noid.csv", "id,openset\ns1,[a]\n", "no sample-id column"),
    ("nocol.csv", "name,score\ns1,3\n", "no prediction column"),
    ("fields.csv", "name,openset\ns1,happy,sad\n", "row 2: expected 2 fields"),
    ("latin1.csv", "name,openset\ns1,[café]\n".encode("latin-1"), "not valid UTF-8 (byte 0xe9"),
    ("nul.csv", b"name,openset\ns1,[a\x00]\n", "NUL bytes"),
    ("bad.json", "{\"s1\": [\"a\"", "invalid JSON"),
    ("scalar.json", "42", "top-level JSON value is a int"),
    ("badvalue.json", "{\"s1\": 3}", "value of 's1' is a int"),
    ("badline.jsonl", '{"name": "s1", "openset": "[a]"}\nnot json\n', "row 2: invalid JSON"),
    ("emptyid.csv", "name,openset\n,[a]\n", "row 2, column 'name': empty sample id"),
    ("x.txt", "name,openset\n", "unsupported file type '.txt'"),
    ("deep.json", "[" * 100000 + "]" * 100000, "nested too deeply"),
])
def test_bad_files_get_specific_errors(tmp_path, name, payload, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace("'", "'")) as error:
        load_predictions(_write(tmp_path, name, payload))
    assert name in str(error.value)          # the message names the file


def test_pickled_npz_is_refused_not_loaded(tmp_path):
    path = tmp_path / "pickle.npz"
    np.savez(path, filenames=np.array(["s1"], dtype=object), fileitems=np.array([["x"]], dtype=object))
    with pytest.raises(InputError, match="pickled Python objects"):
        load_predictions(path)


@pytest.mark.parametrize("payload, message", [
    (b"random bytes, not a zip", "not a readable .npz"),
    (b"", "the file is empty"),
])
def test_broken_npz(payload, message):
    with pytest.raises(InputError, match=message):
        parse_predictions(payload, ".npz", "upload.npz")


def test_npz_missing_arrays(tmp_path):
    buffer = io.BytesIO()
    np.savez(buffer, names=np.array(["s1"]))
    with pytest.raises(InputError, match="missing array"):
        parse_predictions(buffer.getvalue(), ".npz", "x.npz")


def test_ground_truth_loaders(data_dir, gt_path):
    assert len(load_ground_truth(gt_path)) == 332
    v1 = load_ground_truth(data_dir / "affectgpt-emer-dataset-v1" / "gt-eng.csv")
    assert len(v1) == 100
    corpus = data_dir / "mertools-merbench-mer2023-labels" / "label-6way.json"
    with pytest.raises(InputError, match="several splits"):
        load_ground_truth(corpus)
    assert len(load_ground_truth(corpus, split="test1_corpus")) == 411
