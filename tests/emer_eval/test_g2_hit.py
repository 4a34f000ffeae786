"""G2 grouping metric and G4 hit rate against the published test vectors."""

import io
import zipfile

import numpy as np
import pytest

import emer_eval
from emer_eval.errors import InputError
from emer_eval.metrics.g2 import g2_scores, load_groupings, parse_grouping_reply


@pytest.fixture(scope="module")
def ov_store(data_dir):
    return data_dir / "mertools-mer2024-ov-store"


def test_g2_test_vector_to_1e_12(ov_store):
    result = emer_eval.score(ov_store / "predict-openset.csv", ov_store / "check-openset.csv", metrics=("g2",),
                             groupings=ov_store / "openset-synonym.zip", bootstrap=0)
    g2 = result.g2
    assert g2 is not None
    assert g2.accuracy_s == pytest.approx(0.581777108433735, abs=1e-12)
    assert g2.recall_s == pytest.approx(0.4977911646586346, abs=1e-12)
    assert g2.avg == pytest.approx(0.5397841365461847, abs=1e-12)
    assert g2.n == 332
    assert result.scores()["G2"] == {"accuracy_s": g2.accuracy_s, "recall_s": g2.recall_s, "avg": g2.avg, "n": 332,
                                     "coverage": 1.0, "groupings": g2.groupings}  # the stored JSON form


def test_grouping_members_are_not_lower_cased():
    """The official quirk: a capitalised member in a reply does not match the lower-cased label."""
    gt, pred = {"s": ["happy"]}, {"s": ["joyful"]}
    assert g2_scores(pred, gt, {"s": "[['happy', 'joyful']]"})["avg"] == 1.0
    assert g2_scores(pred, gt, {"s": "[['Happy', 'joyful']]"})["avg"] == 0.0


def test_parse_grouping_reply():
    assert parse_grouping_reply("[['a', 'b'], ['c']]") == [["a", "b"], ["c"]]
    assert parse_grouping_reply('[["a","b"],["c"]]') == [["a", "b"], ["c"]]
    assert parse_grouping_reply("no list here") == [["no list here"]]


def test_pickled_grouping_member_is_refused(tmp_path):
    archive = tmp_path / "bad.zip"
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"x": 1}], dtype=object), allow_pickle=True)
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("openset-synonym/sample_1.npy", buffer.getvalue())
    with pytest.raises(InputError, match="not a plain string array"):
        load_groupings(archive)


def test_hit_rate_reproduces_affectgpt_mer2023(data_dir):
    """AffectGPT (audio+video+text) reports 78.54 on MER2023; its checkpoint 50 outputs give exactly that."""
    predictions = (data_dir / "affectgpt-unibench-outputs" / "results-mer2023"
                   / "checkpoint_000050_loss_0.527-openset.npz")
    result = emer_eval.score(predictions, data_dir / "mertools-merbench-mer2023-labels" / "label-6way.json",
                             split="test1_corpus", metrics=("ew", "hit"), bootstrap=0)
    assert result.hit is not None and round(result.hit.hit * 100, 2) == 78.54
    # neutral gt samples map to nothing and drop out: 411 samples, fewer counted
    assert len(result.hit.wheels) == 5 and all(wheel.n < 411 for wheel in result.hit.wheels.values())
    stored = result.scores()["hit"]  # the JSON form the hub stores, and reads back to the same value
    assert stored["hit"] == result.hit.hit and emer_eval.HitRate.from_dict(stored) == result.hit
