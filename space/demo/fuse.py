"""Fusion: the stages' cues → open-vocabulary labels carrying their evidence, and the disagreements between modalities.

Grounded on purpose. Fusion reads only :class:`~space.demo.types.Cue` values (never sentences), and every label is
built from named cues: its ``sources`` (face, voice, words) and the cues themselves travel with it. Rules:

- the face proposes the dominant expression and the expressions of its episodes (never a class that is merely not
  zero), the words propose the emotions of their (non-negated) emotion words and the emotions they name;
- the voice never proposes an emotion by itself (no speech-emotion model exists offline): its arousal cues (loud,
  rising, fast / quiet, flat, slow) support a label of the same arousal that the face or the words proposed, and
  count as much against a label of the opposite arousal (an animated voice makes "sad" less likely, a subdued one
  "angry"), which may then fall under the confidence a label needs;
- a label only the word lexicon supports has a confidence of at most :data:`WORDS_ONLY_CAP`;
- every disagreement between two modalities is returned as a :class:`Conflict` for the explanation to state.

Labels are normalised through the emotion wheels: each must be a surface form the official metric understands, and
its level-1 family is shown beside it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from emer_eval import EW_METRICS, Wheels

from .types import AcousticClues, Cue, LexicalClues, VisualClues

FACE_LABELS = {"happy": "happy", "sad": "sad", "angry": "angry", "surprise": "surprised", "fear": "fearful",
               "disgust": "disgusted"}
"""FER class → open-vocabulary label (``neutral`` names no emotion and is outside the wheels' vocabulary)."""
WORD_LABELS = {"joy": "happy", "sadness": "sad", "anger": "angry", "fear": "fearful", "surprise": "surprised",
               "disgust": "disgusted", "trust": "trusting", "anticipation": "eager"}
"""Lexicon emotion → open-vocabulary label."""
FAMILY_ORDER = ("W2-L1", "W1-L1", "W3-L1", "W4-L1", "W5-L1")
"""Which wheel names a label's family: the Feeling Wheel (W2) first, for its plain family names."""

HIGH_AROUSAL = {"angry", "fearful", "surprised", "excited", "furious", "anxious", "nervous", "scared", "tense", "happy"}
LOW_AROUSAL = {"sad", "tired", "calm", "relaxed", "bored", "depressed"}
"""Labels by arousal, after Russell's circumplex (1980), where "happy" sits above the midline of arousal."""
POSITIVE_EMOTIONS, NEGATIVE_EMOTIONS = {"joy", "trust"}, {"anger", "disgust", "fear", "sadness"}
FACE_VALENCE = {"happy": "positive", "angry": "negative", "disgust": "negative", "fear": "negative",
                "sad": "negative", "neutral": "neutral"}
FACE_AROUSAL = {"angry": "high", "fear": "high", "surprise": "high", "neutral": "low", "sad": "low"}
WORD_AROUSAL = {"anger": "high", "fear": "high", "surprise": "high", "sadness": "low"}

EPISODE_WEIGHT = 0.6  # a passing expression counts less than the one the face shows most of the time
WORD_WEIGHT = 0.5
NAMED_WEIGHT = 0.5  # the words name the emotion ("I am so angry")
VOICE_SUPPORT = 0.15
WORDS_ONLY_CAP = 0.5
STRONG_VALENCE = 0.3
MOSTLY = 0.5  # share of frames an expression must win to speak for the face
MIN_CONFIDENCE = 0.2
MAX_LABELS = 5


@dataclass(frozen=True)
class Label:
    """One emotion label, its confidence, wheel family, and the evidence it rests on."""

    label: str
    confidence: float
    family: str
    sources: tuple[str, ...] = ()
    cues: tuple[Cue, ...] = ()
    evidence: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"label": self.label, "confidence": round(self.confidence, 3), "family": self.family,
                "sources": list(self.sources), "evidence": self.evidence}


@dataclass(frozen=True)
class Reading:
    """What one modality conveys, coarsely: valence (positive | negative | neutral | "") and arousal (high | low |
    steady | ""), with the emotion that speaks for it and the cue behind it."""

    source: str
    valence: str = ""
    arousal: str = ""
    emotion: str = ""
    cue: Cue | None = None


@dataclass(frozen=True)
class Conflict:
    """Two modalities that disagree, on valence or on arousal."""

    first: Reading
    second: Reading
    on: str  # "valence" | "arousal"


@dataclass(frozen=True)
class Fusion:
    labels: tuple[Label, ...]
    conflicts: tuple[Conflict, ...]
    readings: tuple[Reading, ...]


def family(wheels: Wheels | None, label: str) -> str:
    """The level-1 family of a label in the first wheel that knows it ("" when none does, or without wheels)."""
    if wheels is None:
        return ""
    targets = dict(zip(EW_METRICS, wheels.targets(label), strict=False))
    return next((targets[name] for name in FAMILY_ORDER if targets[name]), "") or ""


def named_cues(labels: Iterable[str]) -> list[Cue]:
    """Emotions the words name outright (found by the offline label extractor) as word cues."""
    return [Cue("words", "named_emotion", label=label, text=label) for label in dict.fromkeys(labels)]


def _mean(values: list[float]) -> float:
    present = [v for v in values if not math.isnan(v)]
    return sum(present) / len(present) if present else 0.0


def _proposals(visual: VisualClues, lexical: LexicalClues, named: list[Cue]) -> list[tuple[str, float, Cue]]:
    """(label, score, cue) for every emotion a face or word cue proposes."""
    proposals = []
    for cue in visual.findings:
        if cue.name == "expression" and cue.label in FACE_LABELS:
            proposals.append((FACE_LABELS[cue.label], _mean(visual.expressions.get(cue.label, [])), cue))
        elif cue.name == "episode" and cue.label in FACE_LABELS:
            proposals.append((FACE_LABELS[cue.label], EPISODE_WEIGHT * cue.value, cue))
    for cue in lexical.findings:
        if cue.name == "emotion_word" and cue.label in WORD_LABELS:
            proposals.append((WORD_LABELS[cue.label], WORD_WEIGHT * lexical.emotions.get(cue.label, 0.0), cue))
    proposals += [(cue.label, NAMED_WEIGHT, cue) for cue in named]
    return proposals


def voice_arousal(acoustic: AcousticClues) -> tuple[str, tuple[Cue, ...]]:
    """high | low | steady (speech analysed, nothing stands out) | "" (no voice, or mixed signs), and the cues."""
    high: list[Cue] = []
    low: list[Cue] = []
    for cue in acoustic.findings:
        if cue.name == "level" or cue.name == "range" or cue.name == "rate":
            (high if cue.label in ("loud", "wide", "fast") else low if cue.label in ("quiet", "flat", "slow")
             else []).append(cue)
        elif cue.name == "trend":
            rising = cue.value > (1.0 if cue.label == "rate" else 0.0)
            (high if rising else low).append(cue)
        elif cue.name == "highlight":
            high.append(cue)
    if high and not low:
        return "high", tuple(high)
    if low and not high:
        return "low", tuple(low)
    if not high and any(cue.name == "pitch" for cue in acoustic.findings):
        return "steady", tuple(cue for cue in acoustic.findings if cue.name == "pitch")
    return "", ()


def score_labels(wheels: Wheels | None, visual: VisualClues, acoustic: AcousticClues, lexical: LexicalClues,
                 named: tuple[Cue, ...] | list[Cue] = ()) -> list[Label]:
    """Labels proposed by face and word cues, supported by the voice, capped when only the lexicon speaks."""
    scores: dict[str, float] = defaultdict(float)
    cues: dict[str, list[Cue]] = defaultdict(list)
    for label, score, cue in _proposals(visual, lexical, list(named)):
        if score > 0 and (wheels is None or label in wheels.format_map):
            scores[label] += score
            if cue not in cues[label]:
                cues[label].append(cue)
    arousal, voice = voice_arousal(acoustic)
    if arousal in ("high", "low"):
        same, opposite = (HIGH_AROUSAL, LOW_AROUSAL) if arousal == "high" else (LOW_AROUSAL, HIGH_AROUSAL)
        for label in scores:
            if label in same:
                scores[label] += VOICE_SUPPORT
                cues[label] += voice
            elif label in opposite:
                scores[label] -= VOICE_SUPPORT
    labels = []
    for label, score in scores.items():
        sources = tuple(dict.fromkeys(cue.source for cue in cues[label]))
        cap = WORDS_ONLY_CAP if sources == ("words",) else 1.0
        confidence = round(max(0.0, min(cap, score)), 3)
        labels.append(Label(label, confidence, family(wheels, label), sources, tuple(cues[label])))
    labels.sort(key=lambda item: (-item.confidence, item.label))
    strong = [label for label in labels if label.confidence >= MIN_CONFIDENCE][:MAX_LABELS]
    return strong or [label for label in labels[:1] if label.confidence > 0]


def readings(visual: VisualClues, acoustic: AcousticClues, lexical: LexicalClues) -> list[Reading]:
    """What each modality with evidence conveys (a modality without cues has no reading)."""
    found = []
    face = next((cue for cue in visual.findings if cue.name == "expression"), None)
    if face is not None and face.value >= MOSTLY:
        found.append(Reading("face", FACE_VALENCE.get(face.label, ""), FACE_AROUSAL.get(face.label, ""),
                             face.label, face))
    arousal, voice = voice_arousal(acoustic)
    if arousal:
        found.append(Reading("voice", "", arousal, "", voice[0]))
    words = [cue for cue in lexical.findings if cue.name == "emotion_word"]
    if words or abs(lexical.valence) >= STRONG_VALENCE:
        top = max(lexical.emotions, key=lexical.emotions.__getitem__) if lexical.emotions else ""
        positive = lexical.valence >= STRONG_VALENCE or (top in POSITIVE_EMOTIONS and lexical.valence >= 0)
        negative = lexical.valence <= -STRONG_VALENCE or top in NEGATIVE_EMOTIONS
        valence = "positive" if positive else "negative" if negative else ""
        cue = next((cue for cue in words if cue.label == top), None)
        found.append(Reading("words", valence, WORD_AROUSAL.get(top, ""), top, cue))
    return found


def _disagree(first: Reading, second: Reading) -> str:
    """The dimension on which two readings conflict ("" when they do not)."""
    valences = {first.valence, second.valence}
    if valences == {"positive", "negative"} or (first.valence == "neutral" and second.valence in ("positive",
                                                                                                   "negative")):
        return "valence"
    arousals = {first.arousal, second.arousal}
    if "high" in arousals and arousals & {"low", "steady"}:
        return "arousal"
    return ""


def find_conflicts(found: list[Reading]) -> list[Conflict]:
    """Every pair of modalities that disagree (face–words, voice–words, face–voice)."""
    by_source = {reading.source: reading for reading in found}
    conflicts = []
    for first, second in (("face", "words"), ("voice", "words"), ("face", "voice")):
        if first in by_source and second in by_source:
            on = _disagree(by_source[first], by_source[second])
            if on:
                conflicts.append(Conflict(by_source[first], by_source[second], on))
    return conflicts


def fuse(wheels: Wheels | None, visual: VisualClues, acoustic: AcousticClues, lexical: LexicalClues,
         named: Iterable[str] = ()) -> Fusion:
    """Labels with their evidence, the modalities' readings, and their conflicts."""
    from .render import evidence

    labels = score_labels(wheels, visual, acoustic, lexical, named_cues(named))
    labels = [Label(label.label, label.confidence, label.family, label.sources, label.cues, evidence(label.cues))
              for label in labels]
    found = readings(visual, acoustic, lexical)
    return Fusion(tuple(labels), tuple(find_conflicts(found)), tuple(found))
