"""EW metrics against the spec's test vectors and their defining properties."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import emer_eval
from emer_eval.io import load_ground_truth, load_predictions
from emer_eval.metrics.ew import paired_bootstrap, sample_stats, summarise
from emer_eval.wheels import EW_METRICS, load_wheels


@pytest.fixture(scope="module")
def gt(gt_path):
    return load_ground_truth(gt_path)


@pytest.mark.parametrize("wheels, expected", [("2025", (0.5716, 0.5660, 0.5775)), ("2026", (0.5727, 0.5672, 0.5785))])
def test_chat_univi_test_vector(chat_univi, gt_path, wheels, expected):
    result = emer_eval.score(chat_univi, gt_path, wheels=wheels, bootstrap=0)
    ew_l1 = result.metrics["EW-L1"]
    assert (ew_l1.f, ew_l1.p, ew_l1.r) == pytest.approx(expected, abs=5e-5)
    if wheels == "2025":
        assert result.m_avg * 100 == pytest.approx(47.22, abs=5e-3)


def test_aggregates_follow_their_definitions(chat_univi, gt_path):
    result = emer_eval.score(chat_univi, gt_path, bootstrap=0)
    metrics = result.metrics
    for level in (1, 2):
        names = [f"W{k}-L{level}" for k in range(1, 6)]
        for key in "fpr":
            assert getattr(metrics[f"EW-L{level}"], key) == pytest.approx(np.mean([getattr(metrics[n], key)
                                                                                    for n in names]))
    assert result.m_avg == pytest.approx(np.mean([metrics[m].f for m in EW_METRICS]))
    assert result.scores()["M-avg"] == result.m_avg
    for m in EW_METRICS:  # F from the averaged P and R
        p, r = metrics[m].p, metrics[m].r
        assert metrics[m].f == pytest.approx(2 * p * r / (p + r))


def test_sample_counts_differ_between_metrics_when_gt_maps_to_nothing(chat_univi, gt_path):
    metrics = emer_eval.score(chat_univi, gt_path, bootstrap=0).metrics
    counts = {metrics[m].n for m in EW_METRICS}
    assert len(counts) > 1 and max(counts) <= 332


def test_missing_predictions_score_as_empty_not_dropped(chat_univi, gt_path):
    full = load_predictions(chat_univi).labels
    half = dict(list(full.items())[: len(full) // 2])
    result = emer_eval.score(half, gt_path, bootstrap=0)
    complete = emer_eval.score(full, gt_path, bootstrap=0)
    assert result.metrics["EW-L1"].r < complete.metrics["EW-L1"].r
    assert result.metrics["W1-L1"].n == complete.metrics["W1-L1"].n     # same samples counted
    assert any("no prediction and score as empty" in w for w in result.warnings)


def test_unknown_ids_warn_and_are_ignored(chat_univi, gt_path):
    labels = dict(load_predictions(chat_univi).labels)
    reference = emer_eval.score(labels, gt_path, bootstrap=0).metrics["EW-L1"]
    labels["sample_99999999"] = ["happy"]
    result = emer_eval.score(labels, gt_path, bootstrap=0)
    assert result.metrics["EW-L1"] == reference
    assert any("sample_99999999" in w for w in result.warnings)


def test_perfect_predictions_score_one(gt, gt_path):
    metrics = emer_eval.score(gt, gt_path, bootstrap=0).metrics
    for m in EW_METRICS + ("EW-L1", "EW-L2"):
        assert metrics[m].f == pytest.approx(1.0)


def test_empty_predictions_score_zero(gt, gt_path):
    metrics = emer_eval.score({name: [] for name in gt}, gt_path, bootstrap=0).metrics
    assert metrics["EW-L1"] == emer_eval.MetricValue(0.0, 0.0, 0.0)


def test_bootstrap_ci_is_seeded_and_brackets_the_estimate(chat_univi, gt_path):
    first = emer_eval.score(chat_univi, gt_path, bootstrap=500, seed=7).metrics["EW-L1"]
    again = emer_eval.score(chat_univi, gt_path, bootstrap=500, seed=7).metrics["EW-L1"]
    other = emer_eval.score(chat_univi, gt_path, bootstrap=500, seed=8).metrics["EW-L1"]
    assert first.ci95 is not None and first.ci95 == again.ci95 != other.ci95
    low, high = first.ci95
    assert low < first.f < high and high - low < 0.15


def test_paired_bootstrap(data_dir, gt):
    wheels = load_wheels("2025")
    folder = data_dir / "ovmer-baseline-outputs-ovmerd"
    strong_file = folder / "Chat-UniVi" / "output-reason-7b-nosubtitle-addsub-eng-openset.npz"
    strong = sample_stats(wheels, load_predictions(strong_file).labels, gt)
    weak_file = folder / "Qwen-Audio" / "output-reason-7b-nosubtitle-eng-openset.npz"
    weak = sample_stats(wheels, load_predictions(weak_file).labels, gt)
    same = paired_bootstrap(strong, strong, resamples=300)
    assert same["delta"] == 0 and same["p_value"] == 1.0
    test = paired_bootstrap(strong, weak, resamples=300)
    expected = summarise(strong)["EW-L1"].f - summarise(weak)["EW-L1"].f
    assert test["delta"] == pytest.approx(expected) and expected > 0.1
    assert test["p_value"] < 0.01


def _flat(summary):
    return {(m, k): v for m, entry in summary.items() for k, v in entry.to_dict().items()}


sample_labels = st.lists(st.sampled_from(["happy", "sad", "angry", "worried", "relaxed", "neutral", "joyful",
                                          "surprised", "nonsense", "excited", "anxious"]), max_size=5)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from([f"s{i}" for i in range(12)]), st.tuples(sample_labels, sample_labels),
                       min_size=1), st.randoms())
def test_properties(samples, rnd):
    gt = {name: pair[0] for name, pair in samples.items()}
    pred = {name: pair[1] for name, pair in samples.items()}
    wheels = load_wheels("2025")
    base = summarise(sample_stats(wheels, pred, gt))
    for metric in EW_METRICS:
        assert all(0.0 <= getattr(base[metric], k) <= 1.0 for k in "fpr")
    # invariance to sample order
    names = list(gt)
    rnd.shuffle(names)
    shuffled = summarise(sample_stats(wheels, {n: pred[n] for n in names}, {n: gt[n] for n in names}))
    assert _flat(shuffled) == pytest.approx(_flat(base))
    # invariance to duplicated labels
    doubled = summarise(sample_stats(wheels, {n: p + p for n, p in pred.items()}, gt))
    assert _flat(doubled) == pytest.approx(_flat(base))


def test_metric_values_round_trip_and_refuse_malformed_json():
    value = emer_eval.MetricValue(0.5, 0.4, 0.6, 332, (0.45, 0.55))
    assert emer_eval.MetricValue.from_dict(value.to_dict()) == value
    assert value.to_dict() == {"f": 0.5, "p": 0.4, "r": 0.6, "n": 332, "ci95": [0.45, 0.55]}
    for bad in ({"f": 0.5, "p": 0.4}, {"f": True, "p": 0.4, "r": 0.6}, {"f": 1.5, "p": 0.4, "r": 0.6},
                {"f": 0.5, "p": 0.4, "r": 0.6, "n": -1}, {"f": 0.5, "p": 0.4, "r": 0.6, "ci95": [0.6, 0.4]},
                {"f": float("nan"), "p": 0.4, "r": 0.6}, [0.5, 0.4, 0.6]):
        with pytest.raises(ValueError):
            emer_eval.MetricValue.from_dict(bad)


def test_the_bootstrap_does_not_depend_on_its_chunk_size():
    from emer_eval.stats import resample_weights

    whole = np.vstack(list(resample_weights(50, 40, seed=3)))
    chunked = np.vstack(list(resample_weights(50, 40, seed=3, cells=50 * 7)))
    assert whole.shape == (40, 50) and np.array_equal(whole, chunked)
    assert (whole.sum(axis=1) == 50).all()  # every resample draws n samples with replacement
