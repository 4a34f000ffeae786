"""Answers written inline as numbered or lettered lists, restated in ``offline._reshaped``'s pass over the tokens.

A describer may give its labels as a list on one line: "Key emotions: 1) anxiety 2) sadness", "Emotions: a) joy b)
surprise". The markers ("1)", "2)", "a)") separate the items as commas would, so the list is read as "anxiety,
sadness", which the answer-field and list rules already read. A marker in brackets ("(1)") is a bracketed note and
already left out; "1." opens an item the bare-list rule reads. General English punctuation, not a word list.
"""

from __future__ import annotations

from collections.abc import Sequence

from emer_eval.extract.frames import StartsForm

__all__ = ["inline_marker"]

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
