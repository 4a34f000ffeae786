"""Metamorphic checks of the offline extractor: changing only the wording of a verdict must not change its labels.

Other models (and people) phrase the same verdict in many ways: another summarising cue or none, another verb of
inference, another name for the emotional state, another way of naming the person, another layout (numbered steps,
a field, scores, capitals). Each case below is a short description-like template of our own whose emotion words are
fixed; its expected labels are those words, read off the template (never taken from the extractor's output), and
they must come back whatever wording fills the template. A denied emotion must stay denied under every wording.
None of these wordings is one of ``benchmarks/rewording.py`` (the held-out rewordings).
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest

from benchmarks.extractor_fidelity import SETTINGS, TUNING_MODELS, Bench
from emer_eval.extract.offline import OfflineExtractor
from tests.emer_eval.test_extract_wordings import reads_as

# The emotions a verdict states, as adjectives and as nouns, each with the labels a reader takes them to name.
_ADJECTIVES = (("anxious and tired", ["anxious", "tired"]), ("happy and relieved", ["happy", "relieved"]),
               ("angry", ["angry"]))
_NOUNS = (("anxiety and fatigue", ["anxiety", "fatigue"]), ("joy and relief", ["joy", "relief"]),
          ("anger", ["anger"]))

# Evidence before the verdict, naming no emotion.
_EVIDENCE = "She keeps glancing at the door and rubs her eyes. "

_CUES = ("To conclude,", "Ultimately,", "On balance,", "Collectively,", "From these clues,", "Given all this,",
         "Considering the above,", "Bringing these observations together,", "My overall reading is that",
         "The upshot is that", "Final verdict:", "Conclusion:", "Answer:", "**Summary**", "### Emotional state\n", "")

_INFERENCES = ("We may surmise that", "We may gather that", "We can reason that", "We may judge that",
               "I reckon that", "We can figure that", "It is safe to say that", "It stands to reason that",
               "It would appear that", "This leads me to believe that", "I'd say", "My best guess is that",
               "The most plausible reading is that", "One gets the impression that")

# Names of the state with the verb that agrees with them.
_STATE_NAMES = (("Her affect is", "adjective"), ("Her emotional condition is", "adjective"),
                ("Her state of being is", "adjective"), ("Her temperament in this clip is", "adjective"),
                ("Her inner feelings are", "adjective"), ("Her emotional tone is", "adjective"),
                ("The emotions on display are", "noun"), ("What she feels is", "noun"),
                ("The dominant emotion is", "noun"), ("Her primary emotion is", "noun"),
                ("The prevailing emotion is", "noun"), ("The overriding emotion is", "noun"),
                ("Emotionally, she is", "adjective"), ("The emotional state of the woman is", "adjective"))

_PEOPLE = ("The speaker", "The subject", "The individual", "The protagonist", "The person on screen", "The lady",
           "The gentleman", "The young man", "The interviewee", "Maria", "He", "She", "They")


def _cases(frames: tuple[str, ...], shape: str) -> list[tuple[str, list[str]]]:
    """Every frame with every emotion set, filled in by ``shape`` ("{frame}", "{emotions}")."""
    return [(shape.format(frame=frame, emotions=words), labels) for frame in frames for words, labels in _ADJECTIVES]


@pytest.mark.parametrize(("text", "expected"), _cases(_CUES, _EVIDENCE + "{frame} she seems {emotions}."))
def test_summarising_cues(extractor: OfflineExtractor, text: str, expected: list[str]) -> None:
    reads_as(extractor, text, expected)


@pytest.mark.parametrize(("text", "expected"), _cases(_INFERENCES, _EVIDENCE + "{frame} she is {emotions}.") + [
    (_EVIDENCE + f"This paints a picture of someone who is {words}.", labels) for words, labels in _ADJECTIVES])
def test_verbs_of_inference(extractor: OfflineExtractor, text: str, expected: list[str]) -> None:
    reads_as(extractor, text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    (f"{_EVIDENCE}{frame} {words}.", labels) for frame, kind in _STATE_NAMES
    for words, labels in (_ADJECTIVES if kind == "adjective" else _NOUNS)])
def test_names_of_the_state(extractor: OfflineExtractor, text: str, expected: list[str]) -> None:
    reads_as(extractor, text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    (f"{who} {'seem' if who == 'They' else 'seems'} {words}.", labels) for who in _PEOPLE
    for words, labels in _ADJECTIVES] + [
    (f"In the clip, {who[0].lower() + who[1:] if who != 'Maria' else who} looks {words}.", labels)
    for who in _PEOPLE[:10] for words, labels in _ADJECTIVES])
def test_names_of_the_person(extractor: OfflineExtractor, text: str, expected: list[str]) -> None:
    reads_as(extractor, text, expected)


def _possessive(who: str) -> str:
    """ "He" → "his", "The speaker" → "the speaker's", "Maria" → "Maria's", as written inside a sentence."""
    written = who if who == "Maria" else who[0].lower() + who[1:]
    return {"He": "his", "She": "her", "They": "their"}.get(who, f"{written}'s")


def _continued(cue: str, inference: str) -> str:
    """The inference as written after the cue: in lower case after a comma or "that", capitalised after a heading."""
    return inference[0].lower() + inference[1:] if cue.endswith((",", "that")) else inference


# Every cue, each with another inference, name of the state and person, in turn (a fixed pairing, not a product).
_COMBINED = [(cue, _INFERENCES[index % len(_INFERENCES)], _STATE_NAMES[index % 6][0].split()[1:-1],
              _PEOPLE[index % len(_PEOPLE)], _ADJECTIVES[index % len(_ADJECTIVES)])
             for index, cue in enumerate(_CUES * 3)]


@pytest.mark.parametrize(("text", "expected"), [
    (f"{_EVIDENCE}{cue} {_continued(cue, inference)} {_possessive(who)} {' '.join(state)} "
     f"{'are' if state[-1].endswith('s') else 'is'} {words}.", labels)
    for cue, inference, state, who, (words, labels) in _COMBINED])
def test_wordings_combined(extractor: OfflineExtractor, text: str, expected: list[str]) -> None:
    reads_as(extractor, text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("1. She keeps glancing at the door.\n2. She rubs her eyes.\n3. Therefore she is anxious and tired.",
     ["anxious", "tired"]),
    ("Reasoning:\n1. She keeps glancing at the door.\n2. She rubs her eyes.\nFinal answer: anxious, tired",
     ["anxious", "tired"]),
    ("Step 1: she keeps glancing at the door.\nStep 2: so she is anxious and tired.", ["anxious", "tired"]),
    ("Emotion(s): anxious; tired", ["anxious", "tired"]),
    ("Emotions: happy; surprised", ["happy", "surprised"]),
    ("anxious (0.8), tired (0.2)", ["anxious", "tired"]),
    ("Happy – 85 %, surprised – 15 %", ["happy", "surprised"]),
    ("Happy (85%)", ["happy"]),
    ("THE WOMAN IS ANXIOUS AND TIRED.", ["anxious", "tired"]),
    ("Emotions: happiness/joy", ["happiness", "joy"]),
    ("She is happy 😊", ["happy"]),
    ("She is anxious!!!", ["anxious"]),
    ("She is anxious…", ["anxious"]),
    ("**Emotional state:** anxious and tired", ["anxious", "tired"]),
    ("### Emotional state\nAnxious, tired", ["anxious", "tired"]),
    ("## Analysis\nShe keeps glancing at the door.\n## Verdict\n**Anxious** and **tired**", ["anxious", "tired"]),
    ("She seems agonised.", ["agonized"]),
    ("She seems agonized.", ["agonized"]),
])
def test_layouts_and_spellings(extractor: OfflineExtractor, text: str, expected: list[str]) -> None:
    reads_as(extractor, text, expected)


@pytest.mark.parametrize("text", [
    *(f"{_EVIDENCE}{cue} she is not angry." for cue in _CUES),
    *(f"{_EVIDENCE}{inference} she is not angry." for inference in _INFERENCES),
    *(f"{who} {'do' if who == 'They' else 'does'} not seem angry." for who in _PEOPLE),
])
def test_a_denied_emotion_stays_denied_in_every_wording(extractor: OfflineExtractor, text: str) -> None:
    reads_as(extractor, text, [])


# --- the same substitutions in real descriptions (tuning models only) ---------------------------------------------

# The house style's summarising cues where they open a sentence, and its inference phrases.
_HOUSE_CUE = re.compile(r"(?:(?<=^)|(?<=[.!?]\s)|(?<=\n))(?:in conclusion|in summary|to summari[sz]e|to sum up|overall|"
                        r"in short|all in all|based on the above (?:analysis|reasoning|clues)|"
                        r"taking (?:all|everything) into (?:account|consideration))\b,?\s*", re.IGNORECASE)
_HOUSE_INFERENCE = re.compile(r"\b(?:it can be (?:inferred|deduced|concluded)|we can (?:infer|deduce|conclude)|"
                              r"one can (?:infer|deduce|conclude)|it (?:is|can be) (?:reasonable|possible) to "
                              r"(?:infer|conclude)|we (?:infer|conclude|deduce)|I (?:infer|conclude|deduce))\s+that\b",
                              re.IGNORECASE)


def _pick(options: tuple[str, ...], key: str) -> str:
    return options[zlib.crc32(key.encode()) % len(options)]


def _reworded(text: str, key: str) -> str:
    """The description with every sentence-opening cue and every inference phrase in one of our wordings."""
    def cue(match: re.Match[str]) -> str:
        chosen = _pick(_CUES, f"{key}:{match.start()}")
        return chosen if not chosen or chosen.endswith("\n") else chosen + " "

    def inference(match: re.Match[str]) -> str:
        chosen = _pick(_INFERENCES, f"{key}:{match.start()}")
        return chosen if match.group()[0].isupper() else chosen[0].lower() + chosen[1:]

    return _HOUSE_INFERENCE.sub(inference, _HOUSE_CUE.sub(cue, text))


@pytest.fixture(scope="module")
def tuning_bench(data_dir: Path) -> Bench:
    return Bench(data_dir)


@pytest.mark.slow
@pytest.mark.parametrize("setting", SETTINGS)
def test_real_descriptions_keep_their_labels_under_new_cues_and_inferences(tuning_bench: Bench, setting: str) -> None:
    """Every tuning-model description whose verdict opens with a summarising cue or an inference phrase gives exactly
    the same labels when those are worded another way (held-out models are never read here)."""
    extractor = tuning_bench.extractor
    for model in TUNING_MODELS:
        for name, text in tuning_bench.descriptions(model, setting).items():
            reworded = _reworded(text, f"{model}/{setting}/{name}")
            if reworded != text:
                assert extractor.extract(reworded) == extractor.extract(text), (model, name, reworded)
