"""A deterministic, offline stand-in for the LLM extraction step (spec §5) — NOT the official protocol.

The official way to turn an EMER description into open-vocabulary labels is an instruction LLM (``llm.py``). When no
endpoint is configured, EMER Hub still has to score free-text submissions, so this extractor reads the labels off the
text with fixed rules of English grammar instead. Its scores carry the signature tag ``offline-v2`` and are never
presented as official; ``benchmarks/extractor_fidelity.py`` measures how far they are from the official ones, on models
the rules were not tuned on and on reworded descriptions. The rules were written from an independent stress set of
general-English wordings (``tests/emer_eval/test_extract_wordings.py``, with the metamorphic checks of
``test_extract_metamorphic.py``) and checked on the tuning models only.

What the rules read is meaning, not the cue phrases of one description style:

* **Candidates**: the surface forms of the emotion-wheel format map, as whole words, longest first; words naming the
  idea of emotion ("mood", "feelings") and words for people, evidence or the setting are never labels.
* **Statements**: a form counts only where grammar attributes it: after a copula or a verb of feeling, seeming or
  showing, in a frame ("a sense of", "with"), heading a subject ("her anger is obvious"), as the manner of an act
  ("speaks angrily"), in a verbless clause ("Visibly relieved, she sits down"), or going on in a list; not as a
  modifier ("a strong sense of"), a trait ("a lovely person") or a verb with an object.
* **Restated shapes**: comparisons, corrections, clefts, inversions, litotes, extraposition, "as if", idioms, degree
  phrases, genitives and frames are said in plain order first, so that one grammar reads them all.
* **Answers that are not prose**: fields, headings, bullets, bare lists, JSON objects and inline numbered lists.
* **Negation and hedging**: "not angry", "no sign of fear", "rather than", "far from", "unlikely that" deny; "may be",
  "seems" are kept, as the LLM keeps them; a generic statement ("a smile is usually associated with ...") attributes
  nothing.
* **Whose state**: a statement about the emotional state or the character ranks above one about a single clue, and
  that above one about someone else; a verdict on the state restated is what the LLM copies.
* **Speech**: quoted or cited words are the character's, read only when the describer names no emotion; Chinese ones
  through the Chinese emotion lexicon.
* **Behaviour** (crying → sad) is the last source, unless the describer denies its emotion ("she smiles, but she is
  not happy"); the valence word "negative" is dropped beside specific emotions.

Text that is not English is never scored silently: Chinese descriptions are refused (use the official LLM extraction,
which handles them as the authors do), and :func:`extraction_warnings` flags sets that do not look like English,
descriptions that mix Chinese into their English outside quotes, and sets in which most descriptions give no labels.

The modules, in the order data flows through them:

* :mod:`.vocabulary`: the tokens and the word classes of English the rules use;
* :mod:`.normalise`: lower-casing, contractions, speech, fields and JSON answers, as tokens;
* :mod:`.lexicon`: the format map as matchable forms, and which of them are nouns, manner adverbs, feelings;
* :mod:`.reshape`: the rewrite pass, with the shapes of :mod:`.frames`, :mod:`.restate`, :mod:`.evidence`,
  :mod:`.idioms` and :mod:`.answers`;
* :mod:`.attribution`: which forms are stated and which denied, with :mod:`.verbless` and :mod:`.answers`;
* :mod:`.subjects`: whose state each statement is about;
* this module: the public surface and the choice of source (a restated verdict, statements about the character,
  then about clues, quoted speech, behaviour).

What each round of rules read, fixed and left not fixed is recorded in ``docs/offline-extractor.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from emer_eval.errors import ExtractionError
from emer_eval.extract.attribution import behaviour, mentions_in, negated_forms
from emer_eval.extract.language import is_chinese, looks_english, mixes_chinese
from emer_eval.extract.lexicon import Lexicon, lexicon_for
from emer_eval.extract.normalise import (
    MAX_CHINESE_SPEECH_CHARS,
    chinese_speech_chars,
    normalised,
    quoted_tokens,
    structured,
    tokens_of,
)
from emer_eval.extract.reshape import reshaped
from emer_eval.extract.subjects import ABOUT_CHARACTER, ABOUT_EVIDENCE, ABOUT_STATE, Mention
from emer_eval.extract.vocabulary import DROPPED_BESIDE_SPECIFIC, TOKEN, VALENCE, WHEEL_LABEL_OF

if TYPE_CHECKING:
    from emer_eval.wheels import Wheels

__all__ = ["FIDELITY_NOTE", "MAX_CHINESE_SPEECH_CHARS", "SIGNATURE_TAG", "OfflineExtractor", "extraction_warnings"]

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)``, like the LLM extractor's progress callback."""

#: Tag that goes into score signatures: the extractor's generation (v2 reads meaning, not cue phrases). The rounds
#: of rule changes within it, and what each changed, are recorded in ``benchmarks/extractor_fidelity.py``; the tag
#: changes with the approach, and a released emer-eval version (also in the signature) fixes the rules.
SIGNATURE_TAG = "offline-v2"

#: How far this version was measured to be from the official extraction, for the hub and the docs to quote. Numbers
#: from ``benchmarks/extractor_fidelity.py`` on the held-out models (update both when the rules change).
FIDELITY_NOTE = (
    "on 5 baseline models its rules were not developed on (3 description settings, original and reworded "
    "descriptions) the model ranking agrees with the official LLM extraction (Spearman ρ 0.92–0.93), EW-L1 differs by "
    "about 2.2 points on average, and by up to 11.3 points on a set whose evidence is mostly quoted Chinese subtitles, "
    "which the official LLM reads better than a lexicon; without that set, by at most 1.6 on average and 4.6 in any "
    "row; see benchmarks/RESULTS.md"
)


class OfflineExtractor:
    """Rule-based description → labels, with the same interface as the LLM extractor (non-official, deterministic)."""

    name = SIGNATURE_TAG
    #: Repeated runs give identical labels, so scoring runs it once (no mean ± std over runs).
    deterministic = True

    def __init__(self, wheels: Wheels | None = None) -> None:
        self._wheels = wheels

    @property
    def signature_tag(self) -> str:
        """How labels were obtained, for score signatures (the scoring code's extractor protocol): the version tag."""
        return self.name

    @property
    def wheels(self) -> Wheels:
        """The wheels whose format map supplies the surface forms (the 2025 ones unless given), loaded on first use."""
        if self._wheels is None:
            from emer_eval.wheels import load_wheels

            self._wheels = load_wheels("2025")
        return self._wheels

    def extract(self, text: str) -> list[str]:
        """Labels for one description: lower-case format-map forms, de-duplicated, in order of first appearance.

        Raises ExtractionError for a Chinese description: the rules read English only, and an empty list would
        silently score it zero.
        """
        if is_chinese(text):
            raise ExtractionError(_chinese_refusal(1, 1, None))
        return _extract(lexicon_for(self.wheels), text)

    def speech_labels(self, words: str) -> list[str]:
        """The emotions a speaker's own words state ("I am so angry" → angry), for a transcript or a subtitle.

        The words are read as quoted speech: "I" is the speaker, and words that state no emotion give nothing.
        Chinese words give nothing (the rules read English only); nothing is scored from them, so nothing is refused.
        """
        if is_chinese(words):
            return []
        tokens = reshaped(lexicon := lexicon_for(self.wheels), TOKEN.findall(normalised(words)))
        return _forms(mentions_in(lexicon, tokens, speech=True))

    def extract_many(self, texts: Mapping[str, str], runs: int = 1,
                     progress: Progress | None = None) -> list[dict[str, list[str]]]:
        """Labels for every ``sample id → description``, repeated ``runs`` times to match the LLM extractor's shape.

        A set in which most descriptions are Chinese is refused as a whole before any work, naming how many and one
        example, so a user learns it at once rather than from a zero score; a few Chinese descriptions in an English
        set give no labels, and :func:`extraction_warnings` names them. The rules are deterministic, so every run is
        identical; each run still gets its own dict so callers may modify one without affecting the others.
        """
        if runs < 1:
            raise ValueError("runs must be at least 1")
        chinese = [name for name, text in texts.items() if is_chinese(text)]
        if chinese and len(chinese) * 2 > len(texts):
            raise ExtractionError(_chinese_refusal(len(chinese), len(texts), chinese[0]))
        skipped = set(chinese)
        lexicon = lexicon_for(self.wheels)
        total = len(texts)
        labels: dict[str, list[str]] = {}
        for done, (name, text) in enumerate(texts.items(), start=1):
            labels[name] = [] if name in skipped else _extract(lexicon, text)
            if progress is not None:
                progress(done, total)
        if progress is not None and total == 0:
            progress(0, 0)
        return [{name: list(items) for name, items in labels.items()} for _ in range(runs)]


def _chinese_refusal(count: int, total: int, example: str | None) -> str:
    where = f"{count} of {total} descriptions are" if total > 1 else "the description is"
    sample = f" (e.g. sample '{example}')" if example is not None and total > 1 else ""
    return (f"{where} in Chinese{sample}: the offline extractor reads English only and would score them as empty. "
            f"Use the official LLM extraction (set EMER_LLM_BASE_URL and EMER_LLM_MODEL; the hub runs it when an "
            f"endpoint is configured), which translates Chinese descriptions to English first as the EMER authors do.")


def extraction_warnings(texts: Mapping[str, str], labels: Mapping[str, Sequence[str]], tag: str) -> list[str]:
    """Warnings about a whole description set: Chinese or non-English text, or most descriptions giving no labels.

    ``tag`` is the extractor's signature tag; the language warnings apply to the offline extractor only (the LLM
    reads other languages). Why: an empty label list scores zero, and a set that mostly extracts to nothing is far
    more often a language or format problem than a model that never names an emotion.
    """
    total = len(texts)
    if not total:
        return []
    warnings = []
    if tag.startswith("offline"):
        chinese = [name for name, text in texts.items() if is_chinese(text)]
        if chinese:
            warnings.append(f"{len(chinese)} of {total} descriptions are in Chinese (e.g. sample '{chinese[0]}') and "
                            f"gave no labels: the offline extractor reads English only; the official LLM extraction "
                            f"reads them (configure an LLM endpoint).")
        mixed = [name for name, text in texts.items() if mixes_chinese(text)]
        if mixed:
            warnings.append(f"{len(mixed)} of {total} descriptions mix Chinese into English text outside quotes (e.g. "
                            f"sample '{mixed[0]}'): the offline extractor reads their English words and their Chinese "
                            f"only through an emotion lexicon, as cited speech. Use the official LLM extraction (set "
                            f"EMER_LLM_BASE_URL and EMER_LLM_MODEL), which reads mixed text whole.")
        long_speech = [name for name, text in texts.items()
                       if chinese_speech_chars(text) > MAX_CHINESE_SPEECH_CHARS and not is_chinese(text)]
        if long_speech:
            warnings.append(f"{len(long_speech)} of {total} descriptions cite more than {MAX_CHINESE_SPEECH_CHARS:,} "
                            f"characters of Chinese (e.g. sample '{long_speech[0]}'); the offline extractor reads the "
                            f"first {MAX_CHINESE_SPEECH_CHARS:,} of each (a clip's subtitle is far shorter).")
        foreign = [name for name, text in texts.items() if not looks_english(text) and not is_chinese(text)]
        if len(foreign) * 2 > total:
            warnings.append(f"{len(foreign)} of {total} descriptions do not look like English (e.g. sample "
                            f"'{foreign[0]}'); the offline extractor reads English only, so their scores mean little. "
                            f"Use the official LLM extraction (configure an LLM endpoint).")
    empty = sum(1 for name in texts if not labels.get(name))
    if empty * 2 > total:
        warnings.append(f"{empty} of {total} descriptions ({100 * empty / total:.0f} %) gave no emotion labels with "
                        f"extract:{tag} and score zero; check that the file holds the descriptions (sentences "
                        f"stating the character's emotional state) in the right column.")
    return warnings


def _extract(lexicon: Lexicon, text: str) -> list[str]:
    """One description's labels, from the first source that names any: a restated verdict on the emotional state,
    the describer's statements about the character (else about single clues), the emotions quoted speech states or
    (in Chinese) expresses, and last the emotions expressive behaviour shows."""
    describer, quoted, chinese = tokens_of(structured(text))
    describer = reshaped(lexicon, describer)
    mentions = mentions_in(lexicon, describer)
    chosen = (_verdict(mentions) or [mention for mention in mentions if mention.about >= ABOUT_CHARACTER]
              or [mention for mention in mentions if mention.about >= ABOUT_EVIDENCE] or mentions)
    if not chosen:  # only now is quoted speech read
        speech = mentions_in(lexicon, reshaped(lexicon, quoted_tokens(quoted)), speech=True)
        chosen = speech + _chinese_speech(chinese)
    if not chosen:
        denied = negated_forms(lexicon, describer)
        chosen = [mention for mention in behaviour(describer) if mention.form not in denied]
    return _forms(chosen)


def _chinese_speech(spans: list[str]) -> list[Mention]:
    """The emotions quoted Chinese words express, as the wheel labels naming the lexicon's emotions; words the
    Chinese lexicon reads as negated ("不开心") give nothing, as a negated English emotion does."""
    if not spans:
        return []
    from emer_eval.extract.chinese import chinese_terms

    return [Mention(WHEEL_LABEL_OF[emotion], ABOUT_CHARACTER) for span in spans for term in chinese_terms(span)
            if not term.negation and term.speaker_emotion for emotion in term.emotions if emotion in WHEEL_LABEL_OF]


def _forms(mentions: list[Mention]) -> list[str]:
    """The distinct forms in order, "negative" dropped beside specific emotions."""
    forms = list(dict.fromkeys(mention.form for mention in mentions))
    if any(form not in VALENCE for form in forms):
        forms = [form for form in forms if form not in DROPPED_BESIDE_SPECIFIC]
    return forms


def _verdict(mentions: list[Mention]) -> list[Mention]:
    """The statements about the emotional state itself, when the description states such a verdict more than once.

    Structured descriptions state their verdict on the emotional state, reason, then restate it ("her emotional
    state is fear … so her emotional state is fear"); the LLM copies that verdict and leaves the emotions met along
    the reasoning. A verdict stated once is one statement among others, so then every statement counts.
    """
    verdict = [mention for mention in mentions if mention.about == ABOUT_STATE and mention.form not in VALENCE]
    forms = [mention.form for mention in verdict]
    return verdict if len(set(forms)) < len(forms) else []
