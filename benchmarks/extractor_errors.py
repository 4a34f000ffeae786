"""Where the offline extractor and the official LLM disagree, description by description — on the tuning models only.

``extractor_fidelity.py`` compares model-level scores, where a missed label in one description can cancel an extra
one in another. This script looks at every description of :data:`~benchmarks.extractor_fidelity.TUNING_MODELS` (all
three settings) and counts, at the level the metrics see (a label's level-1 sector on each of the five wheels):

* how many descriptions agree, miss sectors, add sectors, or both, and how many are empty on one side only;
* for every label the offline extractor added or missed (labels outside the format map are left out: the metrics drop
  them), the context it stands in: negated ("not angry", "rather than sadness"), hedged ("may be", "possibly"), an
  example list ("emotions such as …"), alternatives ("anxious or worried"), inside a quote, absent from the text (the
  LLM paraphrased), or none of these.

It never reads the held-out models: the rules were developed against these counts. Run ``python
benchmarks/extractor_errors.py [--data DIR] [--write]``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: make the repository importable

from benchmarks.extractor_fidelity import SETTINGS, TUNING_MODELS, Bench, report_main, sectors
from emer_eval.extract.language import QUOTED

SECTION_TITLE = "Offline extractor errors (tuning models)"
OUTCOMES = ("agree", "extra sectors", "missed sectors", "both", "offline empty", "official empty")
CONTEXTS = ("negated", "hedged", "example list", "alternatives", "quoted", "not in the text", "other")

_NEGATION = re.compile(r"\b(?:not|no|never|without|neither|nor|rather than|instead of|lack of|free of|n't)\b")
_HEDGE = re.compile(r"\b(?:may|might|could|possibly|perhaps|maybe|likely|probably|seems?|appears?)\b")
_EXAMPLES = re.compile(r"\b(?:such as|including|like|e\.g\.)\b")


def outcome(official: frozenset[tuple[int, str]], offline: frozenset[tuple[int, str]]) -> str:
    if official == offline:
        return "agree"
    if not offline:
        return "offline empty"
    if not official:
        return "official empty"
    if offline < official:
        return "missed sectors"
    return "extra sectors" if official < offline else "both"


def context(text: str, label: str) -> str:
    """The context of a label's first occurrence in a description (see the module docstring)."""
    lowered = text.lower()
    match = re.search(rf"\b{re.escape(label.lower())}\b", lowered)
    if match is None:
        return "not in the text"
    if any(quote.start() < match.start() < quote.end() for quote in QUOTED.finditer(lowered)):
        return "quoted"
    before = lowered[max(0, match.start() - 40):match.start()]
    before = re.split(r"[.;:!?]", before)[-1]
    after = lowered[match.end():match.end() + 12]
    if _NEGATION.search(before):
        return "negated"
    if _EXAMPLES.search(before):
        return "example list"
    if re.search(r"\bor\s*$", before) or re.match(r"\s*,?\s*or\b", after):
        return "alternatives"
    if _HEDGE.search(before):
        return "hedged"
    return "other"


def analyse(bench: Bench) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Outcome counts per description, and (extra|missed, context) counts per label."""
    outcomes: Counter[str] = Counter()
    labels: Counter[tuple[str, str]] = Counter()
    wheels = bench.wheels
    for model in TUNING_MODELS:
        for setting in SETTINGS:
            texts, official = bench.outputs(model, setting)
            offline = bench.extractor.extract_many(texts)[0]
            for name, text in texts.items():
                theirs, ours = official.get(name, []), offline[name]
                outcomes[outcome(sectors(wheels, theirs), sectors(wheels, ours))] += 1
                for kind, extra in (("extra", set(ours) - set(theirs)), ("missed", set(theirs) - set(ours))):
                    for label in extra:
                        if sectors(wheels, [label]):
                            labels[(kind, context(text, label))] += 1
    return outcomes, labels


def render(outcomes: Counter[str], labels: Counter[tuple[str, str]], extractor: str) -> str:
    total = sum(outcomes.values())
    lines = [
        f"Extractor `{extractor}` vs the official LLM labels on the tuning models ({', '.join(TUNING_MODELS)}), all "
        f"three settings, {total:,} descriptions; compared as EW-L1 compares them (level-1 sectors of the five "
        f"wheels).",
        "",
        "| descriptions | count | share |",
        "|---|---:|---:|",
        *(f"| {name} | {outcomes[name]:,} | {100 * outcomes[name] / total:.1f} % |" for name in OUTCOMES),
        "",
        "Labels the offline extractor added or missed (format-map labels only), by the context of their first "
        "occurrence in the description:",
        "",
        "| context | extra | missed |",
        "|---|---:|---:|",
        *(f"| {name} | {labels[('extra', name)]:,} | {labels[('missed', name)]:,} |" for name in CONTEXTS),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    return report_main(argv, __doc__, SECTION_TITLE, lambda bench: render(*analyse(bench), bench.extractor.name))


if __name__ == "__main__":
    sys.exit(main())
