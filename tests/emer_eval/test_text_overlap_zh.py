"""Chinese BLEU-1…4, ROUGE-L and CIDEr-D of the EMER paper's text-metric analysis, against hand-computed examples."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from emer_eval.errors import InputError
from emer_eval.metrics.cider import cider_d
from emer_eval.metrics.text import OVERLAP_METRICS, overlap_scores, text_language, zh_tokens

# Reference 他非常生气 (5 tokens), prediction 他非常生气了 (6 tokens): every n-gram of the reference is in the
# prediction, which adds one token, so the clipped n-gram precisions are 5/6, 4/5, 3/4, 2/3 and, the prediction
# being longer, the brevity penalty is 1.
LONGER = {"a": "他非常生气了"}
REFERENCE = {"a": "他非常生气"}


def test_characters_and_punctuation_are_the_tokens():
    assert zh_tokens("他笑了，说：好的!") == ["他", "笑", "了", "，", "说", "：", "好", "的", "!"]
    assert zh_tokens("他说OK然后笑") == ["他", "说", "OK", "然", "后", "笑"]


def test_bleu_n_of_a_longer_prediction():
    scores = overlap_scores(LONGER, REFERENCE)
    assert scores["BLEU-1"] == pytest.approx(5 / 6)
    assert scores["BLEU-2"] == pytest.approx(math.sqrt(5 / 6 * 4 / 5))
    assert scores["BLEU-3"] == pytest.approx((5 / 6 * 4 / 5 * 3 / 4) ** (1 / 3))
    assert scores["BLEU-4"] == pytest.approx((5 / 6 * 4 / 5 * 3 / 4 * 2 / 3) ** (1 / 4))


def test_rouge_l_of_a_longer_prediction():
    # LCS = 5 tokens: precision 5/6, recall 5/5, F = 2PR / (P + R) = 10/11
    assert overlap_scores(LONGER, REFERENCE)["ROUGE-L"] == pytest.approx(10 / 11)


def test_brevity_penalty_of_a_shorter_prediction():
    # all precisions 1, prediction 5 tokens against 6: BP = exp(1 - 6/5)
    scores = overlap_scores(REFERENCE, LONGER)
    for order in range(1, 5):
        assert scores[f"BLEU-{order}"] == pytest.approx(math.exp(1 - 6 / 5))
    assert scores["ROUGE-L"] == pytest.approx(10 / 11)  # P = 5/5, R = 5/6


def test_corpus_bleu_pools_counts_over_samples_and_rouge_l_averages():
    scores = overlap_scores({"a": "他非常生气了", "b": "他非常生气"}, {"a": "他非常生气", "b": "他非常生气了"})
    # matches / totals pooled: 1-grams 10/11, 2-grams 8/9, 3-grams 6/7, 4-grams 4/5; lengths 11 vs 11 → BP 1
    assert scores["BLEU-4"] == pytest.approx((10 / 11 * 8 / 9 * 6 / 7 * 4 / 5) ** (1 / 4))
    assert scores["BLEU-1"] == pytest.approx(10 / 11)
    assert scores["ROUGE-L"] == pytest.approx(10 / 11)


def test_missing_prediction_scores_zero_and_is_not_dropped():
    scores = overlap_scores({"a": "他非常生气"}, {"a": "他非常生气", "b": "她很高兴"})
    assert scores["ROUGE-L"] == pytest.approx(0.5)  # 1 for a, 0 for the missing b
    assert scores["BLEU-1"] == pytest.approx(math.exp(1 - 9 / 5))  # precision 1, BP of 5 tokens against 9


def test_unknown_language_is_refused():
    with pytest.raises(InputError, match="unknown language 'fr'"):
        overlap_scores(LONGER, REFERENCE, lang="fr")


def test_language_detection_follows_the_script():
    assert text_language(["在视频中，他说 OK 然后笑了。"]) == "zh"
    assert text_language(["In the video, he says 你好 and smiles."]) == "en"
    assert text_language([""]) == "en"


def test_cider_d_of_a_two_clip_corpus():
    # Clip a: reference 他很生气, prediction 他生气; clip b: reference = prediction = 她很开心. N = 2 clips, so an
    # n-gram in one clip's reference weighs tf · (ln 2 − ln 1) = w, one in both (很) weighs ln 2 − ln 2 = 0, and a
    # prediction n-gram in no reference (他生, 他生气) also weighs w (df 0 is taken as 1).
    # a, order 1: 他 生 气 (w each) vs 他 w, 很 0, 生 w, 气 w → Σ min·ref = 3w², norms w√3 · w√3 → 1
    # a, order 2: 他生 w, 生气 w vs 他很, 很生, 生气 (w each) → w² / (w√2 · w√3) = 1/√6
    # a, order 3: 他生气 vs 他很生, 很生气 → 0; order 4: the prediction has no 4-gram → 0
    # lengths are bigram counts, 2 vs 3 → penalty exp(−1/72); b scores 1 on every order → 10
    clip_a = 10 * (1 + 1 / math.sqrt(6)) / 4 * math.exp(-1 / 72)
    scores = overlap_scores({"a": "他生气", "b": "她很开心"}, {"a": "他很生气", "b": "她很开心"})
    assert scores["CIDEr-D"] == pytest.approx((clip_a + 10) / 2)


def test_cider_d_per_sample_and_its_limits():
    candidates = [list("他生气"), list("她很开心"), []]
    references = [[list("他很生气")], [list("她很开心")], [list("我们笑了")]]
    corpus, per_sample = cider_d(candidates, references)
    # N = 3 now: 很 is in 2 of 3 references (weight ln 3 − ln 2), every other reference n-gram in one (ln 3)
    w, v = math.log(3), math.log(3) - math.log(2)
    order_1 = 3 * w * w / (math.sqrt(3) * w * math.sqrt(3 * w * w + v * v))
    order_2 = w * w / (math.sqrt(2) * w * math.sqrt(3) * w)
    assert per_sample[0] == pytest.approx(10 * (order_1 + order_2) / 4 * math.exp(-1 / 72))
    assert per_sample[1] == pytest.approx(10.0) and per_sample[2] == 0.0       # an empty prediction scores 0
    assert corpus == pytest.approx(sum(per_sample) / 3)
    assert cider_d([list("他很生气")], [[list("他很生气")]]) == (0.0, (0.0,))   # one clip: every IDF is 0
    with pytest.raises(ValueError, match="at least one reference"):
        cider_d([list("他")], [[]])


def test_real_baselines_score_below_the_reference_itself(data_dir: Path):
    folder = data_dir / "affectgpt-emer-v1-baseline-results"
    gt = pd.read_csv(folder / "gt.csv").set_index("names")["chi_reasons"].to_dict()
    pred = pd.read_csv(folder / "pandagpt.csv").set_index("names")["chi_reasons"].to_dict()
    scores = overlap_scores(pred, gt)
    perfect = overlap_scores(gt, gt)
    assert set(scores) == set(OVERLAP_METRICS)
    bounded = [name for name in OVERLAP_METRICS if name != "CIDEr-D"]                 # CIDEr-D is on a ×10 scale
    assert all(perfect[name] == pytest.approx(1.0) for name in bounded) and perfect["CIDEr-D"] == pytest.approx(10)
    assert all(0.0 < scores[name] < 1.0 for name in bounded) and 0.0 < scores["CIDEr-D"] < 10.0
    assert scores["BLEU-1"] > scores["BLEU-2"] > scores["BLEU-3"] > scores["BLEU-4"]
