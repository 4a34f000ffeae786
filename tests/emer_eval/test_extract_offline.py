"""The offline (non-official) extractor: its rules on synthetic sentences, its fidelity on the released baselines."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.extractor_fidelity import (MODELS, TARGET_MEAN_ABS_DIFF, TARGET_SPEARMAN, Fidelity, fidelity_table,
                                           load_model_outputs)
from emer_eval.extract.offline import OfflineExtractor
from emer_eval.wheels import Wheels, load_wheels


@pytest.fixture(scope="module")
def wheels(data_dir: Path) -> Wheels:
    return load_wheels("2025", (str(data_dir),))


@pytest.fixture(scope="module")
def extractor(wheels: Wheels) -> OfflineExtractor:
    return OfflineExtractor(wheels)


# --- surface forms ------------------------------------------------------------------------------------------------

def test_multi_word_forms_are_matched_whole(extractor: OfflineExtractor) -> None:
    assert extractor.extract("She feels let down and at a loss for words.") == ["let down", "at a loss for words"]
    assert extractor.extract("He was left with no words.") == ["no words"]  # a form, although it starts with "no"


def test_matching_is_case_insensitive(extractor: OfflineExtractor) -> None:
    assert extractor.extract("IN CONCLUSION, It Can Be Inferred That She Is HAPPY.") == ["happy"]


def test_matching_is_whole_word(extractor: OfflineExtractor) -> None:
    assert extractor.extract("She seems happyish and unhappy.") == ["unhappy"]


def test_curly_and_straight_apostrophes_match_the_same_form(extractor: OfflineExtractor) -> None:
    assert extractor.extract("I don’t care.") == ["don’t care"]
    assert extractor.extract("I don't care.") == ["don’t care"]  # the form as the format map spells it


def test_labels_are_deduplicated_in_order_of_first_appearance(extractor: OfflineExtractor) -> None:
    assert extractor.extract("She is sad, angry and sad.") == ["sad", "angry"]


def test_empty_text_gives_no_labels(extractor: OfflineExtractor) -> None:
    assert extractor.extract("") == []
    assert extractor.extract("   \n ") == []


# --- negation -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "She is not happy.",
    "He is no longer angry.",
    "She faced the crowd without fear.",
    "He doesn't seem sad.",
    "She is neither happy nor sad.",
    "He never felt lonely.",
])
def test_negated_emotions_are_not_emitted(extractor: OfflineExtractor, text: str) -> None:
    assert extractor.extract(text) == []


def test_negation_stops_at_a_contrast(extractor: OfflineExtractor) -> None:
    assert extractor.extract("He is not angry, but sad.") == ["sad"]


def test_not_only_is_not_a_negation(extractor: OfflineExtractor) -> None:
    assert extractor.extract("She is not only happy but also excited.") == ["happy", "excited"]


# --- description structure ----------------------------------------------------------------------------------------

CLUES = ("In the video, he frowns and looks angry. In the audio, his voice sounds nervous. "
         "In the text, he talks about his job. ")


def test_conclusion_is_preferred_to_the_clues(extractor: OfflineExtractor) -> None:
    text = CLUES + ("In conclusion, based on the video clues and subtitle content, it can be inferred that he feels "
                    "sad and lonely.")
    assert extractor.extract(text) == ["sad", "lonely"]


def test_clues_are_used_when_no_conclusion_names_an_emotion(extractor: OfflineExtractor) -> None:
    assert extractor.extract(CLUES) == ["angry", "nervous"]
    assert extractor.extract(CLUES + "In conclusion, more context is needed.") == ["angry", "nervous"]


def test_only_the_inferred_clause_of_a_conclusion_counts(extractor: OfflineExtractor) -> None:
    assert extractor.extract("Based on the anger in his voice, we can infer that he is sad.") == ["sad"]


def test_a_bare_valence_conclusion_takes_the_nearest_specific_emotions(extractor: OfflineExtractor) -> None:
    text = "She smiles. He looks worried. In conclusion, it can be inferred that he is in a negative emotional state."
    assert extractor.extract(text) == ["worried", "negative"]


def test_negative_is_dropped_beside_specific_emotions(extractor: OfflineExtractor) -> None:
    text = "In conclusion, it can be inferred that she feels negative emotions such as anger and frustration."
    assert extractor.extract(text) == ["anger", "frustration"]


def test_quoted_subtitles_are_not_the_describers_judgement(extractor: OfflineExtractor) -> None:
    assert extractor.extract('The subtitle says, "I hate you, I am so angry!" The man sits at a desk.') == []


# --- words of the format map that are not emotions in context -----------------------------------------------------

def test_content_of_the_text_is_not_an_emotion(extractor: OfflineExtractor) -> None:
    assert extractor.extract("The content of the text suggests a trip. The subtitle content is short.") == []


def test_content_as_an_adjective_is_an_emotion(extractor: OfflineExtractor, wheels: Wheels) -> None:
    text = "The subtitle content mentions a trip. In conclusion, it can be inferred that she is happy and content."
    assert extractor.extract(text) == ["happy", "content"]
    assert wheels.targets("content")[2] is not None  # so the rule matters for the score


def test_description_vocabulary_is_not_emitted(extractor: OfflineExtractor, wheels: Wheels) -> None:
    text = "The emotional state of the person is unclear; his facial expression and the information are important."
    assert all(form in wheels.format_map for form in ("emotional", "person", "facial", "information", "important"))
    assert extractor.extract(text) == []


# --- interface ----------------------------------------------------------------------------------------------------

def test_version_tag_names_the_rules(extractor: OfflineExtractor) -> None:
    assert OfflineExtractor.name == "offline-v1"
    assert extractor.signature_tag == "offline-v1"


def test_default_wheels_are_the_2025_ones(data_dir: Path) -> None:
    extractor = OfflineExtractor()  # conftest points EMER_DATA at the data
    assert extractor.extract("In conclusion, she is happy.") == ["happy"]
    assert extractor.wheels is load_wheels("2025")


def test_extract_many_returns_one_identical_dict_per_run(extractor: OfflineExtractor) -> None:
    texts = {"s1": "She is happy.", "s2": "He is not angry.", "s3": ""}
    calls: list[tuple[int, int]] = []
    runs = extractor.extract_many(texts, runs=3, progress=lambda done, total: calls.append((done, total)))
    assert runs == [{"s1": ["happy"], "s2": [], "s3": []}] * 3
    runs[0]["s1"].append("x")
    assert runs[1]["s1"] == ["happy"]  # runs do not share lists
    assert calls[-1] == (3, 3)
    with pytest.raises(ValueError):
        extractor.extract_many(texts, runs=0)


PIECES = ["happy", "not", "sad", "no words", "let down", "In conclusion,", "it can be inferred that", "content", "the",
          "negative", "emotional", "\"", ",", ".", "don't", "care", "xyz"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=40).map(" ".join))
def test_output_is_always_deduplicated_format_map_forms(text: str) -> None:
    wheels = load_wheels("2025")
    labels = OfflineExtractor(wheels).extract(text)
    assert len(labels) == len(set(labels))
    assert all(label in wheels.format_map for label in labels)


def test_extraction_is_fast(extractor: OfflineExtractor, data_dir: Path) -> None:
    descriptions, _ = load_model_outputs(data_dir, "VideoChat", "nosubtitle-addsub")  # the longest descriptions
    extractor.extract("warm-up builds the lexicon")
    start = time.perf_counter()
    extractor.extract_many(descriptions)
    elapsed = time.perf_counter() - start
    assert len(descriptions) == 332
    assert elapsed < 1.0, f"{elapsed:.2f} s for 332 descriptions"


# --- fidelity to the official LLM extraction ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fidelity(data_dir: Path) -> Fidelity:
    return fidelity_table(data_dir)


def test_fidelity_compares_all_ten_models_on_the_official_numbers(fidelity: Fidelity) -> None:
    assert [row.model for row in fidelity.rows] == list(MODELS) and len(MODELS) == 10
    chat_univi = fidelity.rows[MODELS.index("Chat-UniVi")]
    assert chat_univi.official == pytest.approx(0.5716, abs=5e-5)  # spec §7 test vector
    assert any(row.abs_diff > 0.001 for row in fidelity.rows)  # the offline side really is a different extraction


def test_offline_ranking_matches_the_official_one(fidelity: Fidelity) -> None:
    assert fidelity.spearman >= TARGET_SPEARMAN == 0.9


def test_offline_ew_l1_is_close_to_the_official_one(fidelity: Fidelity) -> None:
    assert fidelity.mean_abs_diff <= TARGET_MEAN_ABS_DIFF == 0.03
    assert max(row.abs_diff for row in fidelity.rows) <= 0.05
