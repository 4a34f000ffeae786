"""Seeded rewordings of EMER descriptions that keep their meaning, to test that an extractor reads meaning.

The released descriptions share one house style ("In conclusion, … it can be inferred that the character's emotional
state is …"), so rules can score well on them by keying on that style. Each variant here changes only the wording a
different model might use, never which emotions are stated or denied:

* ``cue-phrases`` — the summarising cue ("In conclusion", "Overall", "In summary" …) becomes another one or disappears;
* ``conclusion-first`` — the concluding sentence moves to the front, as in descriptions that open with the verdict;
* ``synonyms`` — "it can be inferred that" / "we can deduce that" … become "it seems that", "this suggests that" …,
  and "emotional state" becomes "mood", "feelings", "state of mind" …;
* ``hedges`` — the verdict is hedged ("is" → "is probably", "seems to be" …);
* ``all`` — everything above at once.

Every choice comes from ``random.Random`` seeded with (seed, variant, sample id), so a variant is identical across
runs, machines and Python versions, and independent of the order samples are processed in.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping

__all__ = ["VARIANTS", "reword", "reword_set"]

VARIANTS: tuple[str, ...] = ("cue-phrases", "conclusion-first", "synonyms", "hedges", "all")
DEFAULT_SEED = 20261127

_CUE = re.compile(
    r"\b(?:in conclusion|in summary|to summari[sz]e|to sum up|overall|in short|all in all|"
    r"based on the above (?:analysis|reasoning|clues)|taking (?:all|everything) into (?:account|consideration))\b,?\s*",
    re.IGNORECASE,
)
_CUE_REPLACEMENTS = ("All things considered, ", "Putting the clues together, ", "Taken together, ",
                     "Looking at everything, ", "Summing up, ", "Weighing it all, ", "")

_INFER = re.compile(
    r"\b(?:it can be (?:inferred|deduced|concluded)|we can (?:infer|deduce|conclude)|"
    r"one can (?:infer|deduce|conclude)|it (?:is|can be) (?:reasonable|possible) to (?:infer|conclude)|"
    r"we (?:infer|conclude|deduce)|I (?:infer|conclude|deduce))\s+that\b",
    re.IGNORECASE,
)
_INFER_REPLACEMENTS = ("it seems that", "it appears that", "this suggests that", "it looks like", "one can tell that",
                       "the evidence points to the idea that", "it is fair to say that", "we can see that")

_STATE = re.compile(r"\bemotional (states?)\b", re.IGNORECASE)
_STATE_REPLACEMENTS = {"state": ("mood", "feelings", "state of mind", "frame of mind", "emotions", "inner state"),
                       "states": ("moods", "feelings", "states of mind", "emotions")}

# The verdict's copula, hedged: "is X" → "is probably X" and similar. Only a copula followed by a word (not "not")
# is hedged, so negations keep their meaning.
_COPULA = re.compile(r"\b(is|are|was|were|feels|feel)\s+(?!not\b|no\b|probably\b|likely\b)(?=\w)", re.IGNORECASE)
_HEDGES = {"is": ("is probably", "is likely", "seems to be", "appears to be", "is most likely"),
           "are": ("are probably", "are likely", "seem to be", "appear to be"),
           "was": ("was probably", "was likely", "seemed to be"),
           "were": ("were probably", "were likely", "seemed to be"),
           "feels": ("probably feels", "likely feels", "seems to feel"),
           "feel": ("probably feel", "likely feel", "seem to feel")}

# A sentence ends at . ! ? (possibly inside a closing quote) before whitespace and a capital, quote or bracket.
_SENTENCES = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[A-Z\"“(])")
_CONCLUDING = re.compile(f"(?:{_CUE.pattern})|(?:{_INFER.pattern})", re.IGNORECASE)


def _sentences(text: str) -> list[str]:
    return [sentence for sentence in _SENTENCES.split(text.strip()) if sentence]


def _capitalise(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def _cue_phrases(text: str, rng: random.Random) -> str:
    def replace(match: re.Match[str]) -> str:
        return rng.choice(_CUE_REPLACEMENTS)
    return " ".join(_capitalise(_CUE.sub(replace, sentence)) for sentence in _sentences(text))


def _conclusion_first(text: str, rng: random.Random) -> str:
    sentences = _sentences(text)
    last = next((i for i in range(len(sentences) - 1, 0, -1) if _CONCLUDING.search(sentences[i])), None)
    if last is None:
        return text
    return " ".join([sentences[last], *sentences[:last], *sentences[last + 1:]])


def _synonyms(text: str, rng: random.Random) -> str:
    text = _INFER.sub(lambda match: rng.choice(_INFER_REPLACEMENTS), text)
    return _STATE.sub(lambda match: rng.choice(_STATE_REPLACEMENTS[match.group(1).lower()]), text)


def _hedges(text: str, rng: random.Random) -> str:
    """Hedge the copulas of the concluding sentence (the last one stating a conclusion, else the last sentence)."""
    sentences = _sentences(text)
    if not sentences:
        return text
    target = next((i for i in range(len(sentences) - 1, -1, -1) if _CONCLUDING.search(sentences[i])),
                  len(sentences) - 1)

    def replace(match: re.Match[str]) -> str:
        options = _HEDGES[match.group(1).lower()]
        hedge = rng.choice(options)
        return (hedge[:1].upper() + hedge[1:] if match.group(1)[:1].isupper() else hedge) + " "

    sentences[target] = _COPULA.sub(replace, sentences[target])
    return " ".join(sentences)


_STEPS: dict[str, tuple[Callable[[str, random.Random], str], ...]] = {
    "cue-phrases": (_cue_phrases,),
    "conclusion-first": (_conclusion_first,),
    "synonyms": (_synonyms,),
    "hedges": (_hedges,),
    "all": (_hedges, _synonyms, _conclusion_first, _cue_phrases),
}


def reword(text: str, variant: str, name: str = "", seed: int = DEFAULT_SEED) -> str:
    """One description reworded by ``variant``; ``name`` (the sample id) and ``seed`` fix the random choices.

    >>> reword("He smiles. In conclusion, it can be inferred that he is happy.", "all", "s1", seed=1) != ""
    True
    """
    if variant not in _STEPS:
        raise ValueError(f"unknown rewording '{variant}'; choose from {', '.join(VARIANTS)}")
    rng = random.Random(f"{seed}:{variant}:{name}")
    for step in _STEPS[variant]:
        text = step(text, rng)
    return text


def reword_set(texts: Mapping[str, str], variant: str, seed: int = DEFAULT_SEED) -> dict[str, str]:
    """Every description of a set reworded by ``variant`` (each sample seeded by its own id)."""
    return {name: reword(text, variant, name, seed) for name, text in texts.items()}
