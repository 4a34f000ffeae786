"""Fusion: the three clue lists → an EMER-format explanation and open-vocabulary labels with confidences.

Deterministic on purpose: the offline demo composes its explanation from templates over the measured clues (no local
LLM is good enough on a CPU — see the stack notes), and every label it names can be traced to the evidence below.
Labels are normalised through the emotion wheels: each must be a surface form the official metric understands, and
its level-1 family is shown beside it. Conflicting modalities (a smiling face with angry words) are stated as such.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from emer_eval import EW_METRICS, Wheels

from .types import AcousticClues, LexicalClues, Transcript, VisualClues

FACE_LABELS = {"happy": "happy", "sad": "sad", "angry": "angry", "surprise": "surprised", "fear": "fearful",
               "disgust": "disgusted"}
"""FER class → open-vocabulary label (``neutral`` names no emotion and is outside the wheels' vocabulary)."""
WORD_LABELS = {"joy": "happy", "sadness": "sad", "anger": "angry", "fear": "fearful", "surprise": "surprised",
               "disgust": "disgusted", "trust": "trusting", "anticipation": "eager"}
"""NRC emotion → open-vocabulary label."""
POSITIVE = {"happy", "joyful", "excited", "relieved", "trusting", "eager", "calm", "relaxed", "proud", "grateful"}
NEGATIVE = {"sad", "angry", "fearful", "disgusted", "frustrated", "anxious", "worried", "nervous", "annoyed",
            "upset", "furious", "tense", "scared"}
FAMILY_ORDER = ("W2-L1", "W1-L1", "W3-L1", "W4-L1", "W5-L1")
"""Which wheel names a label's family: the Feeling Wheel (W2) first, for its plain family names."""

WEIGHTS = {"face": 1.0, "words": 0.9, "said": 1.0, "voice": 0.35}
MIN_CONFIDENCE = 0.2
MAX_LABELS = 5


@dataclass(frozen=True)
class Label:
    label: str
    confidence: float
    family: str
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"label": self.label, "confidence": round(self.confidence, 3), "family": self.family}


@dataclass(frozen=True)
class Fusion:
    explanation: str
    labels: list[Label]
    conflicts: list[str] = field(default_factory=list)


def family(wheels: Wheels | None, label: str) -> str:
    """The level-1 family of a label in the first wheel that knows it ("" when none does, or without wheels)."""
    if wheels is None:
        return ""
    targets = dict(zip(EW_METRICS, wheels.targets(label)))
    return next((targets[name] for name in FAMILY_ORDER if targets[name]), "") or ""


def _face_evidence(visual: VisualClues) -> dict[str, float]:
    """Mean probability of each FER class over the frames with a face."""
    scores = {}
    for expression, label in FACE_LABELS.items():
        values = [v for v in visual.expressions.get(expression, []) if not math.isnan(v)]
        if values:
            scores[label] = sum(values) / len(values)
    return scores


def _voice_evidence(acoustic: AcousticClues) -> dict[str, float]:
    """Arousal from prosody nudges high- or low-arousal emotions; prosody alone never names an emotion here."""
    text = " ".join(acoustic.phrases).lower()
    scores: dict[str, float] = {}
    if any(word in text for word in ("loud", "rises", "speeds up", "tense", "fast")):
        scores.update({"angry": 0.5, "excited": 0.5, "surprised": 0.3})
    if any(word in text for word in ("flat", "quiet", "slow", "low-energy", "soft")):
        scores.update({"sad": 0.5, "tired": 0.4, "calm": 0.3})
    return scores


def score_labels(wheels: Wheels | None, visual: VisualClues, acoustic: AcousticClues, lexical: LexicalClues,
                 said: Iterable[str]) -> list[Label]:
    """Weighted evidence per candidate label → labels with confidences in [0, 1], strongest first."""
    evidence: dict[str, float] = defaultdict(float)
    sources: dict[str, list[str]] = defaultdict(list)

    def add(kind: str, scores: dict[str, float]) -> None:
        for label, value in scores.items():
            if value > 0 and (wheels is None or label in wheels.format_map):
                evidence[label] += WEIGHTS[kind] * value
                sources[label].append(kind)

    add("face", _face_evidence(visual))
    add("words", {WORD_LABELS[e]: share for e, share in lexical.emotions.items() if e in WORD_LABELS})
    add("said", {label: 1.0 for label in said})
    add("voice", _voice_evidence(acoustic))
    labels = [Label(label, min(1.0, value), family(wheels, label), tuple(dict.fromkeys(sources[label])))
              for label, value in evidence.items()]
    labels.sort(key=lambda item: (-item.confidence, item.label))
    strong = [label for label in labels if label.confidence >= MIN_CONFIDENCE][:MAX_LABELS]
    return strong or labels[:1]


def conflicts(visual: VisualClues, lexical: LexicalClues) -> list[str]:
    """Sentences naming disagreements between the face and the words."""
    face = FACE_LABELS.get(visual.dominant or "", "")
    word_emotions = sorted((e for e, share in lexical.emotions.items() if share > 0 and e in WORD_LABELS),
                           key=lambda e: -lexical.emotions[e])
    words = WORD_LABELS[word_emotions[0]] if word_emotions else ""
    negative_words = lexical.valence <= -0.3 or words in NEGATIVE
    positive_words = lexical.valence >= 0.3 or words in POSITIVE
    if face in POSITIVE and negative_words:
        what = f"express {word_emotions[0]}" if words in NEGATIVE else "are negative"
        return [f"the clues conflict: the face looks {face} while the words {what} — the smile may be sarcastic, "
                f"polite or masking the feeling"]
    if face in NEGATIVE and positive_words:
        return [f"the clues conflict: the face looks {face} while the words sound positive"]
    return []


def _sentence(prefix: str, phrases: list[str], missing: str) -> str:
    body = "; ".join(phrase.rstrip(". ") for phrase in phrases if phrase.strip())
    return f"{prefix} {body}." if body else f"{prefix} {missing}."


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def compose(wheels: Wheels | None, visual: VisualClues, acoustic: AcousticClues, lexical: LexicalClues,
            transcript: Transcript, said: Iterable[str] = ()) -> Fusion:
    """The EMER-format explanation ("In the video, … In the audio, … In the text, … Based on …") and the labels.

    Without ``wheels`` (resources not installed) the labels are the fixed evidence labels, not checked against the
    wheel vocabulary and without families; the pipeline says so.
    """
    labels = score_labels(wheels, visual, acoustic, lexical, said)
    found = conflicts(visual, lexical)
    parts = [
        _sentence("In the video,", visual.phrases, "no facial clues could be read"),
        _sentence("In the audio,", acoustic.phrases, "there are no usable acoustic clues"),
    ]
    if transcript.text.strip():
        # the lexical stage quotes the words itself; quote them here only when that stage produced nothing
        quoted = f'the {"subtitle" if transcript.source == "subtitle" else "speaker"} says "{transcript.text.strip()}"'
        parts.append(_sentence("In the text,", lexical.phrases or [quoted], ""))
    else:
        parts.append("In the text, nothing was said.")
    bases = [name for name, present in (("the facial expression", bool(visual.phrases)),
                                        ("the voice", bool(acoustic.speech)),
                                        ("the words", bool(transcript.text.strip()))) if present]
    conclusion = "Based on " + (_join(bases) if bases else "the little evidence available") + ", "
    if found:
        conclusion += found[0] + "; "
    conclusion += ("we can infer that the person feels " + _join([label.label for label in labels]) + "."
                   if labels else "we cannot recognise the person's emotional state.")
    return Fusion(" ".join(parts + [conclusion]), labels, found)
