"""Text normalisation for the offline extractor: what a description says, as the tokens its rules read.

Descriptions come as prose, Markdown, fields, tables, JSON or Python literals, with curly apostrophes, contractions and
speech cited in several ways. Before any rule runs, a description is lower-cased, its apostrophes straightened, the
copulas spelled out of contractions ("she's upset" → "she is upset"), a structured answer turned into "key: value."
lines, line breaks and table cells made sentence ends, and the character's speech (in double or single quotes, after
"she says:", before ", she says") set apart: each quoted span is one placeholder token in the describer's text, read
only when the describer names no emotion. Chinese in an English description is the character's words, collected
(at most :data:`MAX_CHINESE_SPEECH_CHARS`) for the Chinese lexicon. Everything here works on characters, with bounded
work on a crafted upload; the rules after it see only tokens.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Mapping

from emer_eval.extract.language import HAN_SPAN, QUOTED
from emer_eval.extract.vocabulary import APOSTROPHES, QUOTE_TOKEN, TOKEN

__all__ = ["MAX_CHINESE_SPEECH_CHARS", "chinese_speech_chars", "normalised", "quoted_tokens", "structured", "tokens_of"]

#: Chinese speech read per description, in characters. Segmenting Chinese costs ~30 times more per byte than reading
#: English, so an unbounded quote would let one upload buy minutes of CPU; a clip's subtitle is far shorter (the
#: longest EMER-V1 subtitle has 67 characters, the longest Chinese cited in a released description 411).
MAX_CHINESE_SPEECH_CHARS = 1000
_SQUARE_BRACKETS = str.maketrans("[]", "()")
# A line break ends a sentence: headings, bullets and numbered lists put one answer per line.
# JSON answers longer than this are read as plain text (bounded parsing work on a crafted upload).
_MAX_STRUCTURED_CHARS = 5000
_LINE_BREAK = re.compile(r"\s*\n\s*")
# A bold heading that opens a line or follows a sentence, before a sentence starting with a capital on the same line
# ("**Summary** She seems anxious"): Markdown written without its line break. One ending in a colon is a field's name
# ("**Overall emotion:** Frustration"), whose value follows on the same line.
_BOLD_HEADING = re.compile(r"(?:^|(?<=\n)|(?<=[.!?] ))(\*\*[^*\n]{0,59}[^*\n:]\*\*)[ \t]+(?=[A-Z])")
# A plural written as optional ("emotion(s)", "label(s)"): read as the plural.
_OPTIONAL_PLURAL = re.compile(r"\b([a-z]+)\(s\)")
# "Emotion = happy", "emotion - angry", "emotion → fear", "Verdict - nervous", "recognition result -> surprised": a
# field written with another separator than a colon.
_FIELD_SEPARATOR = re.compile(r"\b(emotions?|emotional state|moods?|labels?|answer|sentiment|feelings?|verdict|"
                              r"results?|predictions?|conclusion|outputs?|summary)"
                              r"\s*(?:=|->|→|[-–—]\s)\s*")
# Verbs of saying both speech patterns below know; each adds its own.
_SAYING = ("says|said|asks|asked|replies|replied|shouts|shouted|whispers|whispered|exclaims|exclaimed|adds|added|"
           "answers|answered")
# Words said after a verb of saying and a colon are speech, quoted or not: "she says: I am scared".
_SAYING_BEFORE_COLON, _SAID_TO = _SAYING + "|say|reads|tells|told", "her|him|them|me|us"
_SPOKEN_AFTER_COLON = re.compile(r"\b(" + _SAYING_BEFORE_COLON + r")(?:\s+(?:" + _SAID_TO + r"))?\s*:\s*"
                                 r"([^\"“”\s][^\"“”.!?\n]*)")
# The words one of which ends the text before a colon that _SPOKEN_AFTER_COLON matches (blanks aside).
_BEFORE_SPOKEN_COLON = tuple(f"{_SAYING_BEFORE_COLON}|{_SAID_TO}".split("|"))
# Speech quoted in single quotes ("the subtitle 'I can't believe you did this' suggests anger"; curly ones are
# straightened first): an opening quote after no letter, a closing one before no letter, and in between apostrophes
# only inside words ("can't", "it's"), so that "the boys' room" or "don't" never open or close a quote.
_SINGLE_QUOTED = re.compile(r"'(?<![a-z0-9']')([a-z0-9](?:[^'\n]|(?<=[a-z])'(?=[a-z])){0,300}?)'(?![a-z0-9])")
# Words said before a comma and a verb of saying are speech too, quoted or not: "I can't take this anymore, she says
# angrily." The clause of saying closes its sentence (an adverb of manner or "to him" may follow the verb), and the
# speech is the sentence before it, at most 300 characters back (bounded work on a crafted upload).
_SPEECH_TAIL = re.compile(
    r",\s*(?:he|she|they|(?:the|this|that) [a-z]+)\s+"
    r"(?:" + _SAYING + r"|mutters|muttered|murmurs|murmured|yells|yelled|screams|screamed|cries|cried|sighs|"
    r"sighed|snaps|snapped|insists|insisted)(?:\s+[a-z]+ly)?(?:\s+to\s+(?:him|her|them|me|us))?\s*(?=[.!?\n]|$)")
_MAX_UNQUOTED_SPEECH = 300
# A short phrase of manner or circumstance before ", she says" is no speech: "with a sad smile", "in tears".
_ADJUNCT_PREPOSITIONS = frozenset({"with", "without", "in", "after", "before", "through", "amid", "between"})
_MAX_ADJUNCT_WORDS = 6
# Contractions that hide a copula or an auxiliary ("i'm scared", "she's upset"): spelled out so that the statement
# rules see the verb. Negated forms ("don't", "isn't") stay whole: the negation rules and the lexicon read them.
_CONTRACTION = re.compile(r"\b([a-z]+)'(m|re|s|ve|ll|d)\b")
_CONTRACTED = {"m": ("am", {"i"}), "re": ("are", {"you", "we", "they", "who", "what"}),
               "s": ("is", {"he", "she", "it", "that", "there", "what", "who", "where", "here"}),
               "ve": ("have", {"i", "you", "we", "they"}),
               "ll": ("will", {"i", "you", "he", "she", "it", "we", "they"}),
               "d": ("would", {"i", "you", "he", "she", "it", "we", "they"})}
# The apostrophe and ending of a contraction, and the subjects each ending is spelled out after (a pre-check).
# A copula contracted with its negation ("isn't", "wasn't"), spelled out so that the statement rules see the verb
# (the negation rules read "not" as they read "n't").
_NEGATED_COPULA = re.compile(r"\b(is|are|was|were)n't\b")
_CONTRACTED_ENDING = re.compile(r"'(m|re|s|ve|ll|d)\b")
_CONTRACTED_SUBJECTS = {ending: tuple(subjects) for ending, (_, subjects) in _CONTRACTED.items()}


def tokens_of(text: str) -> tuple[list[str], list[str], list[str]]:
    """The describer's tokens (each quoted span one placeholder token), the quoted spans (``quoted_tokens`` reads
    them), and the Chinese speech in the description: quoted spans in Chinese and Chinese written outside quotes (in
    an English description, Chinese is the character's words being cited, not the describer's)."""
    text = normalised(text)
    quotes = [match.group()[1:-1] for match in QUOTED.finditer(text)]
    outside = QUOTED.sub(f" {QUOTE_TOKEN} ", text)
    chinese = [span for quote in quotes for span in HAN_SPAN.findall(quote)] + HAN_SPAN.findall(outside)
    return TOKEN.findall(outside), quotes, _first_chars(chinese, MAX_CHINESE_SPEECH_CHARS)


def quoted_tokens(quotes: list[str]) -> list[str]:
    """The tokens of every quoted span, each span ended as a sentence. Only a description whose describer names no
    emotion has its quotes read, so they are tokenised only then (most descriptions quote the subtitle)."""
    return [token for quote in quotes for token in (*TOKEN.findall(quote), ".")]


def normalised(text: str) -> str:
    """Lower-cased, apostrophes straightened, copulas spelled out of contractions, line breaks as sentence ends."""
    if "**" in text:
        text = _BOLD_HEADING.sub("\\1\n", text)  # "**Summary** She is sad": the heading is a line of its own
    text = text.lower().translate(APOSTROPHES)
    if "|" in text:
        text = text.replace("|", "\n")  # "Label: sad | Confidence: 0.82", a table's cells: fields of their own
    if "[" in text:
        text = text.translate(_SQUARE_BRACKETS)  # "happy [high confidence]": a bracket like any other
    if "(s)" in text:
        text = _OPTIONAL_PLURAL.sub(r"\1s", text)  # "emotion(s):" is the field "emotions:"
    if "=" in text or "- " in text or "–" in text or "—" in text or "→" in text or "->" in text:
        text = _FIELD_SEPARATOR.sub(r"\1: ", text)
    if ":" in text and _said_before_colon(text):
        text = _SPOKEN_AFTER_COLON.sub(r'\1: "\2"', text)
    if "'" in text:
        text = _SINGLE_QUOTED.sub(r'"\1"', text)
    if "," in text:
        text = _quoted_before_saying(text)
    if "'" in text and _contracts_a_subject(text):
        text = _CONTRACTION.sub(_spelled_out, text)
    if "n't" in text:
        text = _NEGATED_COPULA.sub(r"\1 not", text)  # "she isn't just sad": the copula of "she is not just sad"
    return _LINE_BREAK.sub(" . ", text.strip()) if "\n" in text else text


def _said_before_colon(text: str) -> bool:
    """Whether a verb of saying (or the pronoun after one) may end the text before one of the colons: a pre-check
    for ``_SPOKEN_AFTER_COLON``, which tries every word, while most colons follow a label ("emotion: happy")."""
    colon = text.find(":")
    while colon >= 0:
        end = colon
        while end > 0 and text[end - 1].isspace():  # what \s matches
            end -= 1
        if text.endswith(_BEFORE_SPOKEN_COLON, 0, end):
            return True
        colon = text.find(":", colon + 1)
    return False


def _contracts_a_subject(text: str) -> bool:
    """Whether a subject ``_spelled_out`` spells out may stand before a contracted ending ("she's", "i'm"): a
    pre-check for ``_CONTRACTION``, which tries every word, while most apostrophes are possessive ("the man's")."""
    return any(text.endswith(_CONTRACTED_SUBJECTS[match.group(1)], 0, match.start())
               for match in _CONTRACTED_ENDING.finditer(text))


def _quoted_before_saying(text: str) -> str:
    """The text with the words said before ", she says" (and the like) in quotes: the sentence they make is the
    character's speech, not the describer's statement. Speech that holds a quote already is left as written."""
    pieces: list[str] = []
    last = 0
    for match in _SPEECH_TAIL.finditer(text):
        window = max(last, match.start() - _MAX_UNQUOTED_SPEECH)
        cut = max(text.rfind(mark, window, match.start()) for mark in ".!?\n")
        if cut < 0 and window > 0:
            continue  # no sentence start within reach
        if any(mark in text[cut + 1:match.start()] for mark in '"“”'):
            continue
        speech = cut + 1
        while speech < match.start() and text[speech].isspace():
            speech += 1
        if speech >= match.start() or not text[speech].isalpha() or _adjunct(text[speech:match.start()]):
            continue
        pieces += [text[last:speech], '"', text[speech:match.start()], '"']
        last = match.start()
    return "".join(pieces) + text[last:] if pieces else text


def _adjunct(words: str) -> bool:
    """Whether the words before ", she says" are a short prepositional phrase, an adjunct of the saying and not what
    is said: "With a nervous chuckle, he answers", "In a trembling voice, she says"."""
    split = words.split(maxsplit=_MAX_ADJUNCT_WORDS)
    return len(split) <= _MAX_ADJUNCT_WORDS and split[0] in _ADJUNCT_PREPOSITIONS and "," not in words


def _spelled_out(match: re.Match[str]) -> str:
    """ "she's" → "she is", "i'm" → "i am"; a possessive ("the man's") or any other word is left as written."""
    verb, subjects = _CONTRACTED[match.group(2)]
    return f"{match.group(1)} {verb}" if match.group(1) in subjects else match.group()


def structured(text: str) -> str:
    """A JSON (or Python-literal) answer as "key: value." lines, so that its field names read like any "Emotion:
    anger" answer and its string values are not taken for quoted speech; any other text unchanged."""
    stripped = text.strip()
    if not stripped or stripped[0] not in "{[" or len(stripped) > _MAX_STRUCTURED_CHARS:
        return text
    try:
        value = json.loads(stripped)
    except ValueError:
        try:
            value = ast.literal_eval(stripped)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return text
    lines = _field_lines(value, "")
    return "\n".join(lines) if lines else text


def _field_lines(value: object, key: str, depth: int = 0) -> list[str]:
    """One "key: a, b" line per field holding text (nested objects flattened; at most a few levels deep)."""
    if isinstance(value, Mapping) and depth < 4:
        # An inner object's fields are values of the outer field: {"answer": {"primary": "fear"}} answers "fear".
        return [line for name, item in value.items() for line in _field_lines(item, key or str(name), depth + 1)]
    if isinstance(value, (list, tuple)) and depth < 4:
        plain = [str(item) for item in value if isinstance(item, (str, int, float))]
        nested = [line for item in value if not isinstance(item, (str, int, float))
                  for line in _field_lines(item, key, depth + 1)]
        return ([f"{key}: {', '.join(plain)}." if key else ", ".join(plain) + "."] if plain else []) + nested
    if isinstance(value, (str, int, float)):
        return [f"{key}: {value}." if key else f"{value}."]
    return []


def _first_chars(spans: list[str], limit: int) -> list[str]:
    """The spans, cut after ``limit`` characters in all (bounded work on a crafted description)."""
    kept: list[str] = []
    for span in spans:
        if limit <= 0:
            break
        kept.append(span[:limit])
        limit -= len(span)
    return kept


def chinese_speech_chars(text: str) -> int:
    return sum(len(span) for span in HAN_SPAN.findall(text))
