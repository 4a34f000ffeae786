"""Rendering: the stages' cues and the fusion's labels and conflicts → English, in the style of the EMER dataset.

The only module that writes prose. Two forms: short clue phrases for the panels ("the voice rises towards the end
(+3.1 semitones)") and the explanation, whole sentences about the person per modality as the EMER descriptions read
("In the video, the person smiles most of the time. Around 0:03, the person raises their eyebrows. In the audio, …
In the text, … Overall, …"). Every sentence is made from a cue, so the explanation states only what was found and
never names evidence that is absent. Words are quoted in their own language.
"""

from __future__ import annotations

from .fuse import Conflict, Fusion, Label, Reading
from .types import AcousticClues, Cue, LexicalClues, Transcript, VisualClues

FACE_WHOLE = {"happy": "smiles", "neutral": "keeps a neutral, composed face", "angry": "looks angry",
              "sad": "looks sad", "fear": "looks afraid", "disgust": "looks disgusted", "surprise": "looks surprised"}
HOW_OFTEN = ((0.8, "throughout"), (0.5, "most of the time"), (0.0, "at times"))
MOVEMENTS = {  # cue → (when it grows, when it shrinks)
    "mouth_open": ("the person's mouth opens wide", "the person's mouth closes"),
    "smile": ("the corners of the person's mouth rise", "the corners of the person's mouth turn down"),
    "brow_raise": ("the person raises their eyebrows", "the person lowers their eyebrows"),
    "brow_knit": ("the person draws their brows together", "the person's brows move apart"),
    "eye_open": ("the person's eyes widen", "the person's eyes narrow"),
}
TRENDS = {"pitch": ("their pitch rises", "their pitch drops"), "rate": ("they speed up", "they slow down"),
          "energy": ("their voice gets louder", "their voice gets quieter")}
EMOTION_WORDS = {"anger": "anger", "disgust": "dislike", "fear": "fear", "joy": "joy", "sadness": "sadness",
                 "surprise": "surprise", "trust": "trust", "anticipation": "anticipation"}
VALENCE_NEUTRAL = 0.05  # VADER's own convention for a neutral compound score
MAX_QUOTE = 300
MAX_WORDS_SHOWN = 4


def clock(seconds: float) -> str:
    """m:ss, as a viewer reads a player's timeline."""
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes}:{rest:02d}"


def _signed(value: float, unit: str) -> str:
    return f"{value:+.1f} {unit}".replace("-", "\u2212")


def _join(items: list[str]) -> str:
    items = list(dict.fromkeys(items))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _quoted(words: list[str]) -> str:
    words = list(dict.fromkeys(words))
    shown = ", ".join(f"“{word}”" for word in words[:MAX_WORDS_SHOWN])
    return shown + (", …" if len(words) > MAX_WORDS_SHOWN else "")


def _when(cue: Cue) -> str:
    if cue.start is None:
        return ""
    if cue.end is None:
        return f"from {clock(cue.start)}"
    if cue.end - cue.start <= 1.0:
        return f"around {clock(cue.start)}"
    return f"from {clock(cue.start)} to {clock(cue.end)}"


# --- one cue ---------------------------------------------------------------------------------------------------------


def _face_clause(cue: Cue) -> str:
    """A clause about the person for one face cue, without its time."""
    if cue.name == "expression":
        often = next(words for share, words in HOW_OFTEN if cue.value >= share)
        return f"the person {FACE_WHOLE.get(cue.label, 'shows ' + cue.label)} {often}"
    if cue.name == "episode":
        return f"the person {FACE_WHOLE.get(cue.label, 'shows ' + cue.label)}"
    grows, shrinks = MOVEMENTS.get(cue.label, (cue.label, cue.label))
    return grows if cue.value >= 0 else shrinks


def _voice_clause(cue: Cue) -> str:
    if cue.name == "pitch":
        return f"their voice sits around {cue.value:.0f} Hz"
    if cue.name == "pause":
        return f"they pause for {cue.value:.1f} s at {clock(cue.start or 0.0)}"
    if cue.name == "trend":
        up, down = TRENDS[cue.label]
        rising = cue.value > (1.0 if cue.label == "rate" else 0.0)
        amount = f"×{cue.value:.2f}" if cue.unit == "ratio" else _signed(cue.value, cue.unit)
        return f"towards the end {up if rising else down} ({amount})"
    if cue.name == "level":
        return f"they speak {'loudly' if cue.label == 'loud' else 'quietly'} ({cue.value:.0f} dBFS)"
    if cue.name == "range":
        tone = "flat, monotone" if cue.label == "flat" else "lively, wide-ranging"
        return f"their intonation is {tone} (range {cue.value:.0f} semitones)"
    if cue.name == "rate":
        pace = {"fast": "fast", "slow": "slowly", "steady": "at an even pace"}[cue.label]
        verb = "speak fast" if pace == "fast" else f"speak {pace}"
        return f"they {verb} ({cue.value:.1f} {cue.unit})"
    if cue.name == "highlight":
        what = "their voice is louder" if cue.label == "energy" else "their pitch is higher"
        return f"{what} {_when(cue)} ({_signed(cue.value, cue.unit)})"
    return cue.name


def phrase(cue: Cue) -> str:
    """A short clue for the panels."""
    if cue.source == "face":
        when = _when(cue)
        return f"{when} {_face_clause(cue)}".strip()
    if cue.source == "voice":
        return _voice_clause(cue)
    if cue.name == "emotion_word":
        return f"a word of {EMOTION_WORDS.get(cue.label, cue.label)}: {_quoted([cue.text])}"
    if cue.name == "negated":
        return f"negated, so not counted: {_quoted([cue.text])} (denies {EMOTION_WORDS.get(cue.label, cue.label)})"
    if cue.name == "named_emotion":
        return f"names an emotion: {_quoted([cue.text])}"
    return f"overall {_valence_word(cue.value)} wording (valence {cue.value:.2f})".replace("-", "\u2212")


def phrases(findings: tuple[Cue, ...] | list[Cue]) -> list[str]:
    """The panel clues of one stage, grouping the word cues so each emotion is listed once."""
    words: dict[str, list[str]] = {}
    out = []
    for cue in findings:
        if cue.name == "emotion_word":
            if cue.label not in words:
                words[cue.label] = []
                out.append(cue.label)
            words[cue.label].append(cue.text)
        else:
            out.append(phrase(cue))
    return [f"words of {EMOTION_WORDS.get(item, item)} ({_quoted(words[item])})" if item in words else item
            for item in out]


def _valence_word(valence: float) -> str:
    return "positive" if valence >= VALENCE_NEUTRAL else "negative" if valence <= -VALENCE_NEUTRAL else "neutral"


def evidence(cues: tuple[Cue, ...]) -> str:
    """A label's evidence in a few words per source: "face: smiles throughout (0.85); words: “高兴”"."""
    parts: dict[str, list[str]] = {}
    for cue in cues:
        if cue.source == "face":
            text = (f"{_face_clause(cue).removeprefix('the person ')} ({cue.value:.0%} of frames)"
                    if cue.name == "expression" else f"{_face_clause(cue).removeprefix('the person ')} {_when(cue)}")
        elif cue.source == "voice":
            text = _voice_clause(cue)
        else:
            text = _quoted([cue.text])
        parts.setdefault(cue.source, []).append(text.strip())
    return "; ".join(f"{source}: {', '.join(dict.fromkeys(texts))}" for source, texts in parts.items())


# --- the explanation -------------------------------------------------------------------------------------------------


def _sentence(clause: str) -> str:
    clause = clause.strip()
    return clause[:1].upper() + clause[1:] + "."


def video_part(visual: VisualClues) -> str:
    if not visual.findings:
        return "In the video, the person's face could not be seen clearly enough to read."
    overall = [cue for cue in visual.findings if cue.name == "expression"]
    events = [cue for cue in visual.findings if cue.name != "expression"]
    sentences = [f"In the video, {_face_clause(overall[0])}." if overall else "In the video, the person's face "
                 "is visible."]
    moments: dict[str, list[str]] = {}
    for cue in events:
        moments.setdefault(_when(cue), []).append(_face_clause(cue))
    sentences += [_sentence(f"{when}, {_join(clauses)}") for when, clauses in moments.items()]
    return " ".join(sentences)


def audio_part(acoustic: AcousticClues) -> str:
    if not acoustic.findings:
        reason = "there is no speech to analyse" if acoustic.notices else "nothing stands out in the voice"
        return f"In the audio, {reason}."
    overall = [cue for cue in acoustic.findings if cue.name in ("pitch", "level", "range", "rate")]
    moments = [cue for cue in acoustic.findings if cue not in overall]
    sentences = []
    if overall:
        sentences.append(f"In the audio, {_join([_voice_clause(cue) for cue in overall])}.")
    else:
        sentences.append(f"In the audio, {_voice_clause(moments.pop(0))}.")
    sentences += [_sentence(_voice_clause(cue)) for cue in moments]
    return " ".join(sentences)


SENTENCE_ENDS = (".", "!", "?", "…", "。", "！", "？")
"""Marks that end a quoted sentence: the explanation's own full stop is not added after them."""


def text_part(transcript: Transcript, lexical: LexicalClues) -> str:
    text = transcript.text.strip()
    if not text:
        return "In the text, nothing was said."
    if not transcript.reliable:
        return "In the text, the speech could not be transcribed reliably, so the words are left out."
    if len(text) > MAX_QUOTE:
        text = text[:MAX_QUOTE].rsplit(" ", 1)[0] + "…"
    who = "the subtitle reads" if transcript.source == "subtitle" else "the person says"
    sentences = [f"In the text, {who} “{text}”" + ("" if text.endswith(SENTENCE_ENDS) else ".")]
    groups: dict[str, list[str]] = {}
    for cue in lexical.findings:
        if cue.name in ("emotion_word", "named_emotion"):
            groups.setdefault(cue.label, []).append(cue.text)
    for emotion, words in groups.items():
        verb = "expresses" if len(set(words)) == 1 else "express"
        sentences.append(f"{_quoted(words)} {verb} {EMOTION_WORDS.get(emotion, emotion)}.")
    negated = [cue for cue in lexical.findings if cue.name == "negated"]
    if negated:
        denied = _join([EMOTION_WORDS.get(cue.label, cue.label) for cue in negated])
        sentences.append(f"The person negates {_quoted([cue.text for cue in negated])}, denying {denied}.")
    valence = next((cue for cue in lexical.findings if cue.name == "valence"), None)
    if valence is not None and groups:
        sentences.append(f"On the whole the wording is {_valence_word(valence.value)}.")
    return " ".join(sentences)


def _reading(reading: Reading) -> str:
    if reading.source == "face":
        return f"the person {FACE_WHOLE.get(reading.emotion, 'shows ' + reading.emotion)}"
    if reading.source == "voice":
        return {"high": "the voice is animated", "low": "the voice is subdued",
                "steady": "the voice stays calm"}.get(reading.arousal, "the voice")
    if reading.emotion:
        return f"the words express {EMOTION_WORDS.get(reading.emotion, reading.emotion)}"
    return f"the words are {reading.valence}"


def conflict_sentence(conflict: Conflict) -> str:
    first, second = conflict.first, conflict.second
    sentence = f"The {first.source} and the {second.source} disagree: {_reading(first)} while {_reading(second)}"
    if first.source == "face" and first.valence == "positive" and second.valence == "negative":
        sentence += ", so the smile may be sarcastic, polite or masking the feeling"
    elif first.source in ("face", "voice") and second.source == "words":
        sentence += ", so the words may say more than the person shows"
    return sentence + "."


def conclusion(fusion: Fusion) -> str:
    bases = [name for source, name in (("face", "the person's face"), ("voice", "voice"), ("words", "words"))
             if any(source in label.sources for label in fusion.labels)]
    sentences = [conflict_sentence(conflict) for conflict in fusion.conflicts]
    if fusion.labels:
        start = f"Overall, based on {_join(bases)}, " if bases else "Overall, "
        felt = _join([label.label for label in fusion.labels])
        sentences.append(f"{start}we can infer that the person feels {felt}.")
    else:
        sentences.append("Overall, the evidence is too thin to infer the person's emotional state.")
    return " ".join(sentences)


def explanation(visual: VisualClues, acoustic: AcousticClues, lexical: LexicalClues, transcript: Transcript,
                fusion: Fusion) -> str:
    """The EMER-style explanation: the video, the audio, the text, then the conflicts and the conclusion."""
    return " ".join([video_part(visual), audio_part(acoustic), text_part(transcript, lexical), conclusion(fusion)])


def label_rows(labels: tuple[Label, ...] | list[Label]) -> list[dict[str, object]]:
    """Rows for the labels table: label, confidence, family, sources, evidence."""
    return [{**label.to_dict(), "sources": ", ".join(label.sources)} for label in labels]
