"""Answers that are not prose: fields, headings, bare lists of labels and lists written inline.

A describer may answer as a form rather than in sentences: "Emotion: anger", "**Final answer:** sad", "My reading:
anxious", "In short: happy", a bulleted or numbered list of bare words ("- happy", "1. Happy", "Sad."). The rules here
find where a field's name ends (past a qualifier: "Emotional state (final): anxious"), whether the words before a
colon head an answer, and whether a sentence or line holds nothing but labels; the attribution pass
(:mod:`emer_eval.extract.attribution`) reads what such an answer names as stated.

A list may also stand on one line: "Key emotions: 1) anxiety 2) sadness", "Emotions: a) joy b) surprise". The markers
("1)", "2)", "a)") separate the items as commas would, so :func:`inline_marker`, called in the rewrite pass
(``reshape.reshaped``), reads the list as "anxiety, sadness", which the answer-field and list rules already read. A
marker in brackets ("(1)") is a bracketed note and already left out; "1." opens an item the bare-list rule reads.
General English punctuation, not a word list.
"""

from __future__ import annotations

from collections.abc import Sequence

from emer_eval.extract.frames import StartsForm
from emer_eval.extract.lexicon import Lexicon
from emer_eval.extract.vocabulary import (
    ANSWER_KEYS,
    ATTRIBUTING,
    BARE_LIST_WORDS,
    CLAUSE_PUNCTUATION,
    CLAUSE_WORDS,
    LIST_LINKS,
    MAX_CLAUSE_TOKENS,
    META,
    MODALS,
    NOMINATIVE,
    NON_FINITE,
    OBJECT_PREPOSITIONS,
    OWN,
    SENTENCE_END,
)

__all__ = ["answer_heading", "bare_label_list", "field_key", "inline_marker", "opens_a_clause", "own_heading"]

_MAX_MARKER_DIGITS = 2  # "1)" to "99)"
# What may stand before a marker: the start of the value after a field's colon, an earlier item's punctuation, or the
# earlier item itself ("1) anxiety 2) sadness").
_OPENING = frozenset({":", ",", ";", ".", "!", "?"})


def _marker(word: str) -> bool:
    """Whether ``word`` is a list marker before ")": a number of at most two digits or one letter ("1", "12", "a")."""
    return (word.isdigit() and len(word) <= _MAX_MARKER_DIGITS) or (len(word) == 1 and word.isalpha())


def inline_marker(tokens: Sequence[str], index: int, out: list[str],
                  starts_form: StartsForm) -> tuple[list[str], int] | None:
    """For ")" at ``index`` closing a list marker that ``out`` ends with ("1)", "b)") before an emotion: the marker
    taken back from ``out`` and a comma in its place when an item precedes it ("1) anxiety 2) sadness" → "anxiety,
    sadness"; after a colon or a sentence end, nothing). A marker after "(" is a bracketed note, left to the note
    rules; a marker before no emotion ("see figure 2) for details") is left as written."""
    if len(out) < 2 or not _marker(out[-1]) or out[-2] == "(" or index + 1 >= len(tokens) \
            or not starts_form(tokens, index + 1):
        return None
    out.pop()
    return ([] if out[-1] in _OPENING else [","]), index + 1


_QUALIFIER_WORDS = 3  # "Emotion (*overall*, *final*):", "Emotional state: *final*:"


def field_key(tokens: list[str], colon: int) -> int:
    """The index of the word naming the field whose colon is at ``colon``, past a qualifier of the field's name: one
    in brackets ("Emotional state (final): anxious", "Mood [final]: happy") or a sub-heading after the name's own
    colon or dash ("Emotional state — final: angry"); ``colon - 1`` when there is none (-1 at the start)."""
    if tokens[colon - 1:colon] == [")"]:
        opening = next((position for position in range(colon - 2, max(colon - 3 - _QUALIFIER_WORDS, -1), -1)
                       if tokens[position] == "("), -1)
        return opening - 1 if opening > 0 else colon - 1
    if colon >= 3 and tokens[colon - 2] == ":" and tokens[colon - 3] in ANSWER_KEYS:
        return colon - 3
    return colon - 1


def own_heading(tokens: list[str], colon: int) -> bool:
    """Whether the colon at ``colon`` ends a heading of the describer's own answer opening its sentence: "My reading:
    anxious", "My overall guess: sad", "Our verdict:" — a first-person possessive and one or two words."""
    for start in (colon - 2, colon - 3):
        if start >= 0 and tokens[start] in OWN and (start == 0 or tokens[start - 1] in SENTENCE_END):
            return True
    return False


# Discourse markers that sum up, as a heading before a colon: "In short: happy", "To sum up: anxious".
_SUMMING_UP = frozenset(tuple(marker.split()) for marker in (
    "in short", "in brief", "in sum", "in a word", "in a nutshell", "to sum up", "to summarize", "to summarise",
    "all in all", "bottom line", "the bottom line", "in the end", "finally", "ultimately", "in conclusion",
    "in summary"))


def answer_heading(tokens: list[str], colon: int) -> bool:
    """Whether the words opening the sentence before the colon at ``colon`` head an answer: a marker that sums up ("In
    short: happy", "To sum up: anxious") or a noun phrase of at most five words holding a field name and no verb ("The
    final label set: anxious, sad", "Predicted emotion labels: ...", "Emotion recognition result: surprised")."""
    start = colon
    while start > 0 and colon - start <= 5 and tokens[start - 1] not in SENTENCE_END:
        start -= 1
    heading = tokens[start:colon]
    if not heading or len(heading) > 5:
        return False
    return tuple(heading) in _SUMMING_UP or (not ANSWER_KEYS.isdisjoint(heading) and all(
        token not in ATTRIBUTING and token not in CLAUSE_PUNCTUATION and token not in CLAUSE_WORDS
        and token not in NOMINATIVE for token in heading))


def opens_a_clause(tokens: list[str], index: int) -> bool:
    """Whether the noun at ``index``, after a field's colon, is the subject of a sentence given as the field's value
    ("Final verdict: the *expert* predicts that ...") rather than the answer itself ("Emotion: anger towards him")."""
    following = tokens[index + 1] if index + 1 < len(tokens) else "."
    return following not in OBJECT_PREPOSITIONS and following not in META and (
        following in MODALS or (following in ATTRIBUTING and following not in NON_FINITE)
        or (following.endswith("s") and not following.endswith(("ss", "ness", "ous"))))


def bare_label_list(lexicon: Lexicon, tokens: list[str], index: int) -> bool:
    """Whether the sentence or line around ``index`` is only emotion words and list links: a describer quoting labels
    ("sadness and disappointment"), a bare answer ("Sad."), a bulleted or numbered list of emotions."""
    previous = tokens[index - 1] if index else "."
    if previous != "." and previous not in lexicon.form_words and not _list_word(previous):
        return False  # the word before is in the sentence, yet neither a label nor a link: "the anger", "is sad"
    # The sentence's ends are looked for (as slices, not word by word) only as far as a bare answer may reach.
    reach = MAX_CLAUSE_TOKENS + 1
    before = tokens[max(index - reach, 0):index][::-1]
    start = index - (before.index(".") if "." in before else len(before))
    after = tokens[index:index + reach]
    end = index + (after.index(".") if "." in after else len(after))
    if index - start > MAX_CLAUSE_TOKENS or end - index > MAX_CLAUSE_TOKENS:
        return False  # bounded work: a "list" this long is no bare answer
    position = start
    while position < end:
        match = lexicon.match_at(tokens, position)
        if match is not None:
            position += match[1]
        elif _list_word(tokens[position]):
            position += 1
        else:
            return False
    return True


def _list_word(token: str) -> bool:
    """Whether a word other than a label may stand in a bare list of labels: a link ("and", ","), a word of its frame
    ("a sense of", brackets) or a number."""
    return token in LIST_LINKS or token in BARE_LIST_WORDS or token.isdigit()
