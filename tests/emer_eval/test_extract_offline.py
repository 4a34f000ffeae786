"""The offline (non-official) extractor: how it reads emotional-state statements, negation, hedges, quotes and
languages, and how close it stays to the official labels on models and wordings its rules were not developed on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.extractor_fidelity import (
    HELD_OUT_MODELS,
    MODELS,
    SETTINGS,
    TUNING_MODELS,
    Bench,
    Summary,
    load_model_outputs,
)
from benchmarks.rewording import VARIANTS, reword, reword_set
from emer_eval.errors import ExtractionError
from emer_eval.extract.offline import OfflineExtractor, extraction_warnings
from emer_eval.wheels import Wheels, load_wheels

# --- surface forms ------------------------------------------------------------------------------------------------

def test_multi_word_forms_are_matched_whole(extractor: OfflineExtractor) -> None:
    assert extractor.extract("She feels let down and at a loss for words.") == ["let down", "at a loss for words"]


def test_matching_is_case_insensitive_and_whole_word(extractor: OfflineExtractor) -> None:
    assert extractor.extract("IT SEEMS THAT SHE IS HAPPY.") == ["happy"]
    assert extractor.extract("She seems happyish.") == []
    assert extractor.extract("She seems unhappy.") == ["unhappy"]


def test_curly_and_straight_apostrophes_match_the_same_form(extractor: OfflineExtractor) -> None:
    assert extractor.extract('He shrugs: "I don’t care."') == ["don’t care"]
    assert extractor.extract('He shrugs: "I don\'t care."') == ["don’t care"]  # the form as the format map spells it


def test_labels_are_deduplicated_in_order_of_first_appearance(extractor: OfflineExtractor) -> None:
    assert extractor.extract("She is sad, angry and sad.") == ["sad", "angry"]


def test_empty_text_gives_no_labels(extractor: OfflineExtractor) -> None:
    assert extractor.extract("") == []
    assert extractor.extract("   \n ") == []


# --- emotional-state statements, wherever they are ----------------------------------------------------------------

CLUES = "The woman sits in a bright room and talks on the phone. The lighting is soft."


@pytest.mark.parametrize("text", [
    "She is anxious. " + CLUES,                                   # first sentence
    CLUES + " She is anxious.",                                   # last sentence
    "The room is bright. She is anxious. The lighting is soft.",  # middle
    CLUES + " All told, her mood is anxious.",                    # no "in conclusion"
    CLUES + " She appears to be in an anxious state.",
    CLUES + " Her face shows a sense of anxiety.",
    "Based on the voice, it sounds like this person is anxious in the audio.",  # where it shows, not what she does
])
def test_a_statement_is_read_wherever_it_stands(extractor: OfflineExtractor, text: str) -> None:
    labels = extractor.extract(text)
    assert labels and set(labels) <= {"anxious", "anxiety"}


@pytest.mark.parametrize("text", [
    "Based on the information, the environment is unclear.",      # a topic and the setting, not the character
    "The environment around her is bright and sunny.",           # the setting, with a phrase between head and verb
    "The room around the two of them seems calm and peaceful.",
    "It is difficult to determine her emotional state with certainty.",  # how sure the describer is
    "Her stress is probably related to the exam.",                       # a relation, not a feeling
    "His mood may be connected to their argument.",
    "It is important to note the facial expression of the person.",
    "I am uncertain about the specific emotional state of the man.",  # the describer, not the character
    "He is facing the camera and is seen sitting at a desk.",        # verbs with objects
    "The subtitle content mentions a trip.",
    "She shows intense emotions.",                                    # degree, not which emotion
    "She is engaged in a conversation with her friend.",              # taking part in something
    "She is an expert in the field of emotions.",                     # a role
])
def test_words_that_are_not_attributed_emotions_are_not_labels(extractor: OfflineExtractor, text: str) -> None:
    assert extractor.extract(text) == []


def test_statements_about_the_character_outrank_single_clues(extractor: OfflineExtractor) -> None:
    text = "Her voice sounds calm. Her facial expression looks tense. Overall she seems worried."
    assert extractor.extract(text) == ["worried"]
    assert extractor.extract("Her voice sounds calm. Her facial expression looks tense.") == ["calm", "tense"]


def test_a_restated_verdict_on_the_emotional_state_is_what_counts(extractor: OfflineExtractor) -> None:
    text = ("The man frowns and seems annoyed. His emotional state is sadness. He looks tired and he sounds "
            "nervous. Therefore his emotional state is sadness.")
    assert extractor.extract(text) == ["sadness"]
    stated_once = "The man frowns and seems annoyed. His emotional state is sadness. He sounds nervous."
    assert extractor.extract(stated_once) == ["annoyed", "sadness", "nervous"]


def test_the_woman_in_a_room_is_still_the_subject(extractor: OfflineExtractor) -> None:
    assert extractor.extract("The woman in the quiet room is calm.") == ["calm"]
    assert extractor.extract("He looks at her with anger.") == ["anger"]


def test_the_manner_a_clue_shows_counts_when_nothing_else_is_stated(extractor: OfflineExtractor) -> None:
    assert extractor.extract("The voice has a high-pitched and excited tone.") == ["excited"]
    assert extractor.extract('He says "let us go" in an angry voice.') == ["angry"]
    assert extractor.extract("He speaks in an angry voice, but overall he seems relieved.") == ["relieved"]


@pytest.mark.parametrize("text", [
    "She is experiencing intense negative emotions such as anger and frustration.",
    "He may be experiencing strong emotions such as anger or frustration.",
    "He is feeling a strong or overwhelming emotion, such as anger and frustration.",
])
def test_degree_words_before_an_emotion_noun_are_not_labels(extractor: OfflineExtractor, text: str) -> None:
    assert extractor.extract(text) == ["anger", "frustration"]


def test_negative_is_dropped_beside_specific_emotions(extractor: OfflineExtractor) -> None:
    assert extractor.extract("She feels negative emotions such as anger and frustration.") == ["anger",
                                                                                              "frustration"]
    assert extractor.extract("He is in a negative emotional state.") == ["negative"]


# --- negation and hedging -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "She is not happy.",
    "He is no longer angry.",
    "There is no sign of fear in her.",
    "She faced the crowd without fear.",
    "He doesn't seem sad.",
    "She is neither happy nor sad.",
    "It is unclear whether she is happy.",
    "He never felt lonely.",
    "She is not angry, fearful or sad.",                                          # a negated list
    "They are likely not experiencing strong emotions such as anger or frustration.",
    "There are no visible signs of emotions such as happiness, sadness, or anger.",
    "There is no clear indication of any specific emotion, such as happiness or sadness.",
])
def test_negated_emotions_are_not_emitted(extractor: OfflineExtractor, text: str) -> None:
    assert extractor.extract(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("He is not angry, but sad.", ["sad"]),
    ("She feels relief rather than sadness.", ["relief"]),
    ("He shows determination instead of fear.", ["determination"]),
    ("She is not only happy but also excited.", ["happy", "excited"]),
    ("She is not happy, she is sad.", ["sad"]),                  # the negated list ends with it
    ("There is no sign of anger, and she smiles happily.", ["happy"]),  # her smile, read as behaviour
])
def test_negation_covers_only_its_scope(extractor: OfflineExtractor, text: str, expected: list[str]) -> None:
    assert extractor.extract(text) == expected


@pytest.mark.parametrize("text", [
    "She may be anxious.", "He is probably anxious.", "She seems to be anxious.", "It is likely that he is anxious.",
    "Possibly, she is anxious.",
])
def test_hedged_emotions_are_kept(extractor: OfflineExtractor, text: str) -> None:
    assert extractor.extract(text) == ["anxious"]


# --- quoted speech --------------------------------------------------------------------------------------------------

def test_quoted_words_are_not_labels_when_the_describer_states_the_emotion(extractor: OfflineExtractor) -> None:
    assert extractor.extract('He says, "I am so happy for you!" He seems bitter.') == ["bitter"]


def test_the_emotion_a_quote_states_counts_when_the_describer_states_none(extractor: OfflineExtractor) -> None:
    assert extractor.extract('The subtitle says, "I am so angry with you!"') == ["angry"]
    assert extractor.extract('The video describes the man\'s emotions as "sadness and disappointment".') == [
        "sadness", "disappointment"]


def test_quoted_words_that_state_no_emotion_give_nothing(extractor: OfflineExtractor) -> None:
    assert extractor.extract('The subtitle reads, "Then let us meet at noon, okay, goodbye."') == []
    assert extractor.extract('She says, "I am not angry at all."') == []


@pytest.mark.parametrize(("text", "expected"), [
    ('The subtitle says, "我真的很生气，受够了！"', ["angry"]),  # quoted Chinese, read with the lexicon
    ('In the audio the woman says “我好高兴啊，谢谢你！”', ["happy", "trusting"]),
    ("The subtitle content is 我好害怕，怎么办 and the man looks down.", ["fearful"]),  # Chinese outside quotes
    ('The man says "我不开心".', []),                                          # negated in Chinese
    ('She says, "这件衣服真漂亮，一定很贵。"', []),                               # praise of a thing, not a feeling
    ('The subtitle says, "我真的很生气". She seems calm.', ["calm"]),          # the describer's statement comes first
    ('The subtitle says, "我真的很生氣，受夠了！"', ["angry"]),                  # traditional characters
    ("The woman says 「我好難過，為什麼會這樣」 and looks down.", ["sad"]),
    ('The man says "我不開心".', []),                                          # negated, in traditional characters
])
def test_quoted_chinese_subtitles_count_by_the_emotions_they_express(extractor: OfflineExtractor, text: str,
                                                                      expected: list[str]) -> None:
    assert extractor.extract(text) == expected


def test_traditional_chinese_subtitles_read_as_their_simplified_text(data_dir: Path) -> None:
    """Every real EMER-V1 Chinese subtitle, written in traditional characters, gives the same emotion words (in
    simplified characters) as the subtitle itself: the lexicon sees one script whatever the describer quoted."""
    import csv

    from opencc import OpenCC

    from emer_eval.extract.chinese import chinese_terms

    to_traditional = OpenCC("s2t")
    with (data_dir / "affectgpt-emer-dataset-v1" / "gt-chi.csv").open(encoding="utf-8") as handle:
        subtitles = [row["subtitles"] for row in csv.DictReader(handle)]
    changed = [subtitle for subtitle in subtitles if to_traditional.convert(subtitle) != subtitle]
    assert len(changed) > len(subtitles) / 2  # the conversion is exercised, not a no-op
    for subtitle in subtitles:
        assert chinese_terms(to_traditional.convert(subtitle)) == chinese_terms(subtitle), subtitle
    assert sum(bool(chinese_terms(subtitle)) for subtitle in changed) >= 10


def test_chinese_speech_is_read_up_to_its_bound_and_the_rest_is_named(extractor: OfflineExtractor,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A crafted description citing pages of Chinese costs no more than the bound: only the first
    MAX_CHINESE_SPEECH_CHARS characters reach the segmenter, and the set's warnings say so."""
    import emer_eval.extract.chinese as chinese
    from emer_eval.extract.offline import MAX_CHINESE_SPEECH_CHARS

    filler = "我们明天上午十点在公司门口见面。"  # no emotion; quoted, so the describer's text stays English
    pages = " and then ".join(f'"{filler * 12}"' for _ in range(3 * MAX_CHINESE_SPEECH_CHARS // (12 * len(filler))))
    early = f'The subtitle says "我真的很生气！" and then {pages}.'
    late = f'The subtitle says {pages} and then "我真的很生气！"'
    read: list[int] = []
    terms = chinese.chinese_terms
    monkeypatch.setattr(chinese, "chinese_terms", lambda text: read.append(len(text)) or terms(text))
    assert extractor.extract(early) == ["angry"]
    assert extractor.extract(late) == []  # the emotion stands past the bound
    assert read and sum(read) <= 2 * MAX_CHINESE_SPEECH_CHARS
    texts = {"long": late, "short": 'The subtitle says "我真的很生气！"'}
    warnings = extraction_warnings(texts, {"long": [], "short": ["angry"]}, extractor.signature_tag)
    assert any(f"1 of 2 descriptions cite more than {MAX_CHINESE_SPEECH_CHARS:,} characters of Chinese (e.g. "
               "sample 'long')" in warning for warning in warnings)
    assert not extraction_warnings({"short": texts["short"]}, {"short": ["angry"]}, extractor.signature_tag)


def test_chinese_emotions_become_wheel_words_of_the_same_sector(wheels: Wheels) -> None:
    from emer_eval.extract.chinese import DUTIR
    from emer_eval.extract.vocabulary import WHEEL_LABEL_OF

    assert set(WHEEL_LABEL_OF) == set(DUTIR.values())
    for emotion, label in WHEEL_LABEL_OF.items():
        assert label in wheels.format_map
        named = {emotion, label, {"joy": "joyful", "fear": "scared", "anger": "mad"}.get(emotion, label)}
        assert named & {target for target in wheels.targets(label) if target}, (emotion, label)


def test_behaviour_names_the_emotion_when_nothing_else_does(extractor: OfflineExtractor) -> None:
    assert extractor.extract("In the video, the woman starts crying, showing intense emotions.") == ["sad"]
    assert extractor.extract("The man is not smiling.") == []
    assert extractor.extract("She is crying but she seems relieved.") == ["relieved"]


@pytest.mark.parametrize(("words", "expected"), [
    ("I am so angry with you!", ["angry"]),
    ("I hate this, and I am not happy.", ["hate"]),
    ("Then let us meet at noon, goodbye.", []),
    ("我很生气", []),  # a transcript is not scored: Chinese words give nothing rather than a refusal
])
def test_speech_labels_read_the_speakers_own_words(extractor: OfflineExtractor, words: str,
                                                   expected: list[str]) -> None:
    assert extractor.speech_labels(words) == expected


# --- languages: never silent ----------------------------------------------------------------------------------------

CHINESE = "在视频中，她眉头紧锁，语气低沉，可以推断她的情绪状态是悲伤和失望。"


def test_a_chinese_description_is_refused_with_the_way_out(extractor: OfflineExtractor) -> None:
    with pytest.raises(ExtractionError, match="Chinese.*official LLM extraction.*EMER_LLM_BASE_URL"):
        extractor.extract(CHINESE)


def test_a_mostly_chinese_set_is_refused_before_any_work(extractor: OfflineExtractor) -> None:
    texts = {"a": CHINESE, "b": CHINESE, "c": "She is sad."}
    with pytest.raises(ExtractionError, match="2 of 3 descriptions are in Chinese"):
        extractor.extract_many(texts)


def test_the_real_chinese_emer_descriptions_are_refused(extractor: OfflineExtractor, data_dir: Path) -> None:
    import csv

    with (data_dir / "affectgpt-emer-v1-baseline-results" / "videochatgpt.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    texts = {f"row{i}": " ".join(row[1:]) for i, row in enumerate(rows[1:])}
    with pytest.raises(ExtractionError, match="in Chinese"):
        extractor.extract_many(texts)


def test_english_quoting_chinese_subtitles_is_read_not_refused(extractor: OfflineExtractor) -> None:
    text = 'The man says, "我哪知道啊我也没有经验". Based on the voice, he sounds nervous.'
    assert extractor.extract(text) == ["nervous"]


def test_a_few_chinese_descriptions_in_an_english_set_are_named(extractor: OfflineExtractor) -> None:
    texts = {"a": CHINESE, "b": "She is sad.", "c": "He is calm."}
    labels = extractor.extract_many(texts)[0]
    assert labels == {"a": [], "b": ["sad"], "c": ["calm"]}
    warnings = extraction_warnings(texts, labels, extractor.signature_tag)
    assert any("1 of 3 descriptions are in Chinese" in warning for warning in warnings)


def test_a_set_that_mostly_gives_no_labels_gets_a_warning(extractor: OfflineExtractor) -> None:
    texts = {str(i): "The man sits at a desk." for i in range(3)} | {"x": "She is sad."}
    labels = extractor.extract_many(texts)[0]
    assert [w for w in extraction_warnings(texts, labels, extractor.signature_tag) if "3 of 4 descriptions (75 %)" in w]
    assert extraction_warnings({"x": "She is sad."}, {"x": ["sad"]}, extractor.signature_tag) == []


def test_a_set_that_is_not_english_gets_a_warning(extractor: OfflineExtractor) -> None:
    french = {str(i): "Elle est triste et elle pleure dans la cuisine avec sa mère." for i in range(3)}
    warnings = extraction_warnings(french, extractor.extract_many(french)[0], extractor.signature_tag)
    assert any("do not look like English" in warning for warning in warnings)
    assert not any("English" in w for w in extraction_warnings(french, {}, "llm:qwen2.5-7b-instruct"))  # LLM reads it


# --- interface ------------------------------------------------------------------------------------------------------

def test_signature_tag_is_offline_v2(extractor: OfflineExtractor) -> None:
    assert OfflineExtractor.name == extractor.signature_tag == "offline-v2"


def test_default_wheels_are_the_2025_ones(data_dir: Path) -> None:
    extractor = OfflineExtractor()  # conftest points EMER_DATA at the data
    assert extractor.extract("She is happy.") == ["happy"]
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


PIECES = ["happy", "not", "sad", "no words", "let down", "she is", "rather than", "content", "the", "negative",
          "emotional state", "\"", "“", ",", ".", "don't", "care", "crying", "xyz", "的"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=40).map(" ".join))
def test_output_is_always_deduplicated_format_map_forms_or_a_refusal(text: str) -> None:
    wheels = load_wheels("2025")
    try:
        labels = OfflineExtractor(wheels).extract(text)
    except ExtractionError as error:
        assert "Chinese" in str(error)
        return
    assert len(labels) == len(set(labels))
    assert all(label in wheels.format_map for label in labels)


# --- rewording generator ----------------------------------------------------------------------------------------------

SAMPLE = ("In the video, he frowns. The subtitle says, \"Leave me alone.\" In conclusion, based on the clues, it can "
          "be inferred that the character is not calm: his emotional state is angry and frustrated.")


def test_rewording_is_seeded_and_changes_the_wording(extractor: OfflineExtractor) -> None:
    for variant in VARIANTS:
        first = reword(SAMPLE, variant, "s1")
        assert first == reword(SAMPLE, variant, "s1")
        assert first != SAMPLE, variant
    assert any(reword(SAMPLE, "all", f"s{i}") != reword(SAMPLE, "all", "s0") for i in range(1, 10))


def test_rewording_keeps_the_meaning(extractor: OfflineExtractor) -> None:
    for variant in VARIANTS:
        reworded = reword(SAMPLE, variant, "s1")
        assert "not calm" in reworded and "angry" in reworded and "frustrated" in reworded, variant
        assert extractor.extract(reworded) == ["angry", "frustrated"], (variant, reworded)


def test_conclusion_first_moves_the_verdict_to_the_front() -> None:
    assert reword(SAMPLE, "conclusion-first", "s1").startswith("In conclusion")


def test_unknown_rewording_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown rewording"):
        reword(SAMPLE, "shuffle")


# --- fidelity on real descriptions the rules were not developed on ------------------------------------------------

def test_the_split_is_fixed_and_disjoint() -> None:
    assert set(TUNING_MODELS) | set(HELD_OUT_MODELS) == set(MODELS) and not set(TUNING_MODELS) & set(HELD_OUT_MODELS)
    assert len(HELD_OUT_MODELS) == 5 and len(SETTINGS) == 3


@pytest.fixture(scope="module")
def bench(data_dir: Path) -> Bench:
    return Bench(data_dir)


def test_rewording_really_changes_held_out_descriptions(data_dir: Path) -> None:
    texts, _ = load_model_outputs(data_dir, HELD_OUT_MODELS[0], "nosubtitle-addsub")
    reworded = reword_set(texts, "all")
    changed = sum(reworded[name] != text for name, text in texts.items())
    assert changed > len(texts) * 0.8


@pytest.mark.parametrize("model", HELD_OUT_MODELS)
def test_held_out_scores_survive_rewording(bench: Bench, model: str) -> None:
    """The offline score of a held-out model moves by less than 1 point when its descriptions are reworded."""
    original = bench.row(model, "nosubtitle-addsub")
    for variant in ("conclusion-first", "all"):
        assert abs(bench.row(model, "nosubtitle-addsub", variant).offline - original.offline) < 0.01, variant


@pytest.mark.slow
@pytest.mark.parametrize("setting", SETTINGS)
def test_rewording_leaves_most_held_out_labels_unchanged(bench: Bench, setting: str) -> None:
    """Per description, not only per model: a meaning-preserving rewording of a held-out description gives the same
    labels in the great majority of cases (the rules read statements, not the house style's cue phrases)."""
    for model in HELD_OUT_MODELS:
        original = bench.extractor.extract_many(bench.descriptions(model, setting))[0]
        for variant in ("cue-phrases", "conclusion-first", "hedges", "all"):
            reworded = bench.extractor.extract_many(bench.descriptions(model, setting, variant))[0]
            same = sum(set(reworded[name]) == set(labels) for name, labels in original.items())
            assert same >= 0.9 * len(original), (model, variant, same)


@pytest.mark.slow
@pytest.mark.parametrize("setting", SETTINGS)
def test_held_out_sets_are_never_scored_silently(bench: Bench, setting: str) -> None:
    """Every held-out set either gives labels for most descriptions or carries the warning that it does not."""
    for model in HELD_OUT_MODELS:
        texts = bench.descriptions(model, setting)
        labels = bench.extractor.extract_many(texts)[0]
        empty = sum(not labels[name] for name in texts)
        warned = any("gave no emotion labels" in warning
                     for warning in extraction_warnings(texts, labels, bench.extractor.signature_tag))
        assert warned == (empty * 2 > len(texts)), (model, empty)


def test_quoted_chinese_in_real_descriptions_is_read(bench: Bench) -> None:
    """Tuning-model descriptions that quote a Chinese subtitle: with the describer's statements removed, the quote
    alone still gives the emotions its words express, as wheel labels."""
    found = 0
    for model in TUNING_MODELS:
        for text in bench.descriptions(model, "nosubtitle-addsub").values():
            for quote in re.findall(r'"([^"]*[\u4e00-\u9fff][^"]*)"', text):
                labels = bench.extractor.extract(f'The subtitle says, "{quote}"')
                assert set(labels) <= {"happy", "trusting", "angry", "sad", "fearful", "disgusted", "surprised"}
                found += bool(labels)
    assert found >= 3


@pytest.mark.slow
def test_held_out_fidelity_across_all_settings(bench: Bench) -> None:
    """Held-out models, all three settings, original and fully reworded: the ranking is preserved (pooled ρ ≥ 0.9),
    and every row but the one README names (a set whose evidence is mostly quoted Chinese subtitles) stays within
    the targets' 5 points, those rows within 2 points on average."""
    for variant in ("original", "all"):
        rows = bench.rows(HELD_OUT_MODELS, variant)
        assert Summary.of(rows).spearman >= 0.9, variant
        far = [row for row in rows if row.abs_diff > 0.05]
        assert len(far) <= 1, [(row.model, row.setting, row.abs_diff) for row in far]
        close = [row for row in rows if row.abs_diff <= 0.05]
        assert sum(row.abs_diff for row in close) / len(close) <= 0.02, variant


def test_candidate_utterance_readers_only_fill_descriptions_without_labels() -> None:
    """benchmarks/extractor_candidates.py measures reading a quote's emotion where nothing else gives labels: a
    description with labels keeps them, and a quote's polarity is named by the wheels' valence words."""
    from benchmarks.extractor_candidates import READERS, with_reader

    texts = {"stated": 'She is sad. He says "I love this wonderful day!"',
             "quote only": 'The subtitle says "What a wonderful, lovely surprise!"',
             "neutral quote": 'The subtitle says "We meet at noon."'}
    labels = {"stated": ["sad"], "quote only": [], "neutral quote": []}
    read = with_reader(labels, texts, READERS["utterance: polarity"])
    assert read == {"stated": ["sad"], "quote only": ["positive"], "neutral quote": []}
    assert with_reader(labels, texts, READERS["utterance: lexicon emotions"])["quote only"]
