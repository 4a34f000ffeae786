"""A deterministic, offline stand-in for the LLM extraction step (spec §5) — NOT the official protocol.

The official way to turn an EMER description into open-vocabulary labels is an instruction LLM (``llm.py``). When no
endpoint is configured, EMER Hub still has to score free-text submissions, so this module reads the labels off the
text with fixed rules instead. Its scores are labelled with :attr:`OfflineExtractor.name` and must never be presented
as official numbers; ``benchmarks/extractor_fidelity.py`` measures how closely they track the official ones.

The rules mimic what the official LLM does with these descriptions:

* Only surface forms of the emotion-wheel format map can score (anything else is dropped by the metrics anyway), so
  those are the candidates, matched as whole words, case-insensitively, multi-word forms first.
* Quoted speech (the subtitle lines) is the character's words, not the describer's judgement, and is ignored.
* A negated form ("not happy", "no longer angry", "neither happy nor sad", "without fear") is not emitted.
* The LLM mostly copies the final inference ("In conclusion, … it can be inferred that she feels X and Y"), so the
  labels come from the last conclusion sentence that names an emotion — only from its inferred clause when it has
  one ("based on his anger …, we infer that he is sad" yields ``sad``) — and from the whole text when none does.
* A bare valence conclusion ("a negative emotional state") makes the LLM reach back for the emotions named in the
  reasoning, so the nearest earlier sentence naming specific emotions is added; "negative" itself is dropped when
  specific emotions accompany it, as the LLM usually does.
* The format map is built from morphological variants of emotion words, so it also holds many common words that are
  almost never emotions in a description ("facial" → faced, "information" → informed, "person" → personal,
  "emotional" → emotional…). Those are never emitted, and "content" only counts where it can be an adjective
  ("she is content", "happy and content"), not in "the subtitle content".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Mapping

if TYPE_CHECKING:
    from emer_eval.wheels import Wheels

__all__ = ["OfflineExtractor"]

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)``, like the LLM extractor's progress callback."""

# Word tokens (keeping inner hyphens and apostrophes, so "self-conscious" and "don't" stay one token) plus the
# punctuation that ends a negation's scope. Text is lower-cased and apostrophes straightened before tokenising.
_TOKEN = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*|[,;:()]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})

# Subtitle lines are quoted; a length cap keeps one stray quote from pairing up with a quote far away and hiding the
# describer's own sentences in between.
_QUOTED = re.compile(r'"[^"]{0,300}"|“[^”]{0,300}”')

# Sentence ends: . ! ? followed by whitespace and something that can start a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")

# A sentence that states the final inference of a description.
_CONCLUSION = re.compile(
    r"\b(?:in conclusion|in summary|to summari[sz]e|to sum up|overall|taking (?:into account|all)|infer\w*|"
    r"conclu\w+|deduc\w+|emotional states? (?:is|are|was|may|might|could|seems?|appears?|can))\b"
)
# "…, it can be inferred that <clause>": the clause after the last such phrase is what was inferred; the part before
# it lists the evidence, whose emotion words the LLM does not repeat.
_INFERRED_CLAUSE = re.compile(r"\b(?:infer(?:red)?|inference|conclude[ds]?|deduced?)\b(?:\s+\w+){0,3}?\s+that\b")

# Negation cues, and the tokens after a cue that are still in its scope: up to _NEGATION_SCOPE tokens, cut short at
# punctuation or a contrastive conjunction ("not angry, but sad"). Tokens ending in "n't" are cues too.
_NEGATION_CUES = frozenset({"not", "no", "never", "without", "neither", "nor", "cannot", "hardly", "nothing", "none",
                            "lack", "lacks", "lacking", "absence"})
_NOT_NEGATING = frozenset({("not", "only"), ("not", "just"), ("no", "doubt")})
_SCOPE_BREAKS = frozenset({",", ";", ":", "(", ")", "but", "however", "although", "though", "yet", "while",
                           "whereas", "rather", "instead"})
_NEGATION_SCOPE = 5

# Valence words: kept when they are all a conclusion says, "negative" dropped when specific emotions come with it
# (the LLM keeps "positive" about as often as not, and it maps to the same ring as the happy words beside it).
_VALENCE = frozenset({"positive", "negative"})
_DROPPED_WITH_SPECIFIC = frozenset({"negative"})

# "content" is an emotion only as an adjective: after a copula, a feeling verb, an intensifier or a coordination.
_ADJECTIVE_FRAME = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "feel", "feels", "feeling",
                              "felt", "seem", "seems", "seemed", "appear", "appears", "appeared", "look", "looks",
                              "looked", "remain", "remains", "and", "or", ",", "very", "quite", "rather", "more",
                              "fairly", "relatively", "perfectly", "also", "both"})
_ADJECTIVE_ONLY = frozenset({"content"})

# Format-map forms that in a description are (almost) never an emotion of the character: words about the description
# itself, perception and cognition, the scene, activities, and properties of situations rather than of people (the
# format map holds them as morphological variants of emotion words). Picked by meaning among the forms that are frequent
# in the OV-MERD baseline descriptions yet that the official LLM practically never extracted — a lexicon rule, never a
# per-sample one. Wheel words are listed only where the description sense dominates ("mouth open", "present in the
# scene", "an important message").
_NOT_EMOTIONS = frozenset("""
    emotion emotions emotional emotionally contents sentiment
    information inform informs informed informative observation observations observe observes observed observing
    notice noticed perceived detect discern discerned recognize aware awareness see sees seen saw seeing
    determine determines determining related relate relates relevant regarding include includes including involve
    involves involved involving expert experts expertise intelligence intellectual analyze analyzes analyzed analyzing
    evaluation evaluating consider considers considered considering consideration question questions sense impression
    manifestation associated reveal reveals revealing reflect reflects reflected influence influences influenced
    influencing affect affects affected affecting knowledge insight insights believe believes mind
    certain certainly certainty clear clearly unclear available current currently important importance essential
    significant significantly significance crucial true mean means meaning might less bit exception wrong
    value worth benefit beneficial effect effects effectively lack lacks
    person personal personality member members speaking speech spoken facial face faces faced facing cheeks
    go goes going went gone use uses used using help helps helped helping support supports supported supporting
    thought thoughts rely relies relying depend depending depends receive receives received receiving present
    presents presented presenting presentation here intensity intense strong strongly stronger slight complete
    completely completed direct directed direction active actively quick quickly heavily seriously calmly
    confidently attentively forcefully openly please
    react reacts reacting respond responds responding bright brightly brighter color colors colored colorful open
    opens opening close closely closed closing low lower lowered lowers soft sharp sun sunny ground center distance
    remote left leave leaves leaving alone private familiar familiarity casual casually weight balance stability
    move moves moving shaking shakes throws throwing cast covering covered touch break rest drive force fixed test
    play plays playing live lives living driving resting relaxing engaging participate participating participation
    focusing spending immersed connect create creates creating achieve achieved achieving achievement achievements
    success challenge challenges challenging stressful unpleasant overwhelming enjoy enjoys enjoying comfort attention
    contemplating expectations expected expecting dynamic dynamics responsibilities acknowledge careful safety injury
    injured illness minor belongings
""".split()) | {"not enough"}


@dataclass(frozen=True)
class _Lexicon:
    """The matchable surface forms of one wheels object, as token tuples grouped by their first token."""

    by_first: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]

    @classmethod
    def build(cls, format_map: Mapping[str, object]) -> _Lexicon:
        grouped: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for form in format_map:
            if form in _NOT_EMOTIONS:
                continue
            tokens = tuple(_TOKEN.findall(form.lower().translate(_APOSTROPHES)))
            if tokens:
                grouped.setdefault(tokens[0], []).append((tokens, form))
        # Longest first, so "at a loss for words" wins over "at a loss" at the same position.
        return cls({first: tuple(sorted(forms, key=lambda item: -len(item[0]))) for first, forms in grouped.items()})

    def match_at(self, tokens: list[str], start: int) -> tuple[str, int] | None:
        """The longest form starting at ``tokens[start]`` and its length in tokens, if any."""
        for form_tokens, form in self.by_first.get(tokens[start], ()):
            end = start + len(form_tokens)
            if tuple(tokens[start:end]) == form_tokens:
                return form, len(form_tokens)
        return None


# One lexicon per wheels object (load_wheels already caches those per process), shared by every extractor using it.
_LEXICONS: dict[int, tuple[Wheels, _Lexicon]] = {}


def _lexicon_for(wheels: Wheels) -> _Lexicon:
    entry = _LEXICONS.get(id(wheels))
    if entry is None or entry[0] is not wheels:
        entry = _LEXICONS[id(wheels)] = (wheels, _Lexicon.build(wheels.format_map))
    return entry[1]


@dataclass(frozen=True)
class _Sentence:
    """One sentence of a description: whether it states a conclusion, and its non-negated labels in order."""

    conclusion: bool
    labels: tuple[str, ...]


class OfflineExtractor:
    """Rule-based description → labels, with the same interface as the LLM extractor (non-official, deterministic)."""

    #: Version tag that goes into score signatures; bump it whenever the rules change what is extracted.
    name = "offline-v1"
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
        """Labels for one description: lower-case format-map forms, de-duplicated, in order of first appearance."""
        lexicon = _lexicon_for(self.wheels)
        sentences = [_read_sentence(lexicon, sentence)
                     for sentence in _SENTENCE_END.split(_QUOTED.sub(" ", text).strip())]
        chosen = _choose(sentences)
        return list(dict.fromkeys(label for _, label in sorted(chosen)))

    def extract_many(self, texts: Mapping[str, str], runs: int = 1,
                     progress: Progress | None = None) -> list[dict[str, list[str]]]:
        """Labels for every ``sample id → description``, repeated ``runs`` times to match the LLM extractor's shape.

        The rules are deterministic, so every run is identical; each run still gets its own dict so callers may
        modify one without affecting the others.
        """
        if runs < 1:
            raise ValueError("runs must be at least 1")
        total = len(texts)
        labels: dict[str, list[str]] = {}
        for done, (name, text) in enumerate(texts.items(), start=1):
            labels[name] = self.extract(text)
            if progress is not None:
                progress(done, total)
        if progress is not None and total == 0:
            progress(0, 0)
        return [{name: list(items) for name, items in labels.items()} for _ in range(runs)]


def _read_sentence(lexicon: _Lexicon, sentence: str) -> _Sentence:
    """Find the sentence's labels, restricted to its inferred clause when it states a conclusion."""
    text = sentence.lower().translate(_APOSTROPHES)
    conclusion = _CONCLUSION.search(text) is not None
    if conclusion:
        clauses = list(_INFERRED_CLAUSE.finditer(text))
        if clauses:
            text = text[clauses[-1].end():]
    return _Sentence(conclusion, tuple(_labels(lexicon, _TOKEN.findall(text))))


def _labels(lexicon: _Lexicon, tokens: list[str]) -> list[str]:
    """Forms found in ``tokens``, left to right, skipping negated ones and non-adjectival "content"."""
    found: list[str] = []
    negated_for = 0  # how many more tokens the current negation covers
    index = 0
    while index < len(tokens):
        token = tokens[index]
        match = lexicon.match_at(tokens, index)  # before the cue test: "not good enough", "don't care" are forms
        if match is not None:
            form, length = match
            adjectival = form not in _ADJECTIVE_ONLY or (index > 0 and tokens[index - 1] in _ADJECTIVE_FRAME)
            if negated_for <= 0 and adjectival:
                found.append(form)
            negated_for -= length
            index += length
            continue
        if token in _SCOPE_BREAKS:
            negated_for = 0
        elif _is_negation(tokens, index):
            negated_for = _NEGATION_SCOPE
        else:
            negated_for -= 1
        index += 1
    return found


def _is_negation(tokens: list[str], index: int) -> bool:
    token = tokens[index]
    if token not in _NEGATION_CUES and not token.endswith("n't"):
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    return (token, following) not in _NOT_NEGATING


def _choose(sentences: list[_Sentence]) -> list[tuple[tuple[int, int], str]]:
    """The labels to emit, each keyed by (sentence, position) so the caller can restore text order."""
    last = next((i for i in range(len(sentences) - 1, -1, -1)
                 if sentences[i].conclusion and sentences[i].labels), None)
    if last is None:  # no conclusion names an emotion: everything the text names
        return [((i, j), label) for i, sentence in enumerate(sentences) for j, label in enumerate(sentence.labels)]
    chosen = [((last, j), label) for j, label in enumerate(sentences[last].labels)]
    if any(label not in _VALENCE for _, label in chosen):
        return [item for item in chosen if item[1] not in _DROPPED_WITH_SPECIFIC]
    for earlier in range(last - 1, -1, -1):  # a bare valence conclusion: add the nearest specific emotions
        specific = [((earlier, j), label) for j, label in enumerate(sentences[earlier].labels) if label not in _VALENCE]
        if specific:
            return specific + chosen
    return chosen
