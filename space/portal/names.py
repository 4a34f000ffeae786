"""Model and organisation names that cannot impersonate another entry.

Names are normalised (NFKC: fullwidth and compatibility forms become plain letters; filler characters that render as
nothing — Hangul fillers, braille blank — are removed) and compared by a *skeleton*: combining marks dropped, then
transliterated to ASCII
(``anyascii``: Cyrillic "а" and the hyphen U+2010 become "a" and "-"), case-folded, the digit and letter look-alikes
of UTS #39 merged (0/o, 1/l/i, rn/m, vv/w) and everything but letters and digits dropped. Two names with one skeleton
look the same on the board; the second one, under another owner, is refused. The work is linear in the name's length
(names are at most 100 characters), unlike enumerating every confusable spelling.

Transliteration follows a letter's sound, not its look: an Armenian "ո" reads "o" but looks like "n", a Cherokee "Ꮯ"
reads "tli" but looks like "C". So no word of a name may mix scripts either (:func:`mixed_scripts`, UTS #39's "highly
restrictive" level: one script, or Latin with Chinese, Japanese or Korean), which no spelling of a look-alike escapes;
words apart may differ ("Русская модель 7B").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from anyascii import anyascii

FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u17b4\u17b5\u034f")
"""Characters that draw nothing yet are letters (or not "format" characters) to Unicode: a name made of them would
look blank on the board."""
_LOOKALIKES = (("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("i", "l"), ("|", "l"))


def normalise(text: str) -> str:
    """NFKC, fillers removed, runs of whitespace as one space, stripped."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if ch not in FILLERS)
    return " ".join(text.split())


MAX_MARKS = 2
"""Combining marks allowed on one letter (Vietnamese needs two); a pile of them ("Zalgo" text) draws over the rows
above and below a name on the board."""


def stacked_marks(text: str) -> bool:
    """Does a letter of ``text`` carry more than :data:`MAX_MARKS` combining marks?"""
    run = 0
    for ch in unicodedata.normalize("NFD", text):
        run = run + 1 if unicodedata.category(ch) in ("Mn", "Me") else 0
        if run > MAX_MARKS:
            return True
    return False


def skeleton(text: str) -> str:
    """What a name looks like: equal skeletons are names a reader cannot tell apart.

    Combining marks are dropped before transliterating: ``anyascii`` spells many of them as letters (a Hebrew
    sheva as "e", an Arabic fatha as "a"), so "Chat-UniVi" with a tiny point under its last letter would otherwise
    have a skeleton of its own. A mark changes a name less than a reader notices; accents count as marks too.
    """
    decomposed = unicodedata.normalize("NFD", normalise(text))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) not in ("Mn", "Me"))
    ascii_text = anyascii(bare).casefold()
    for look, like in _LOOKALIKES:
        ascii_text = ascii_text.replace(look, like)
    return "".join(ch for ch in ascii_text if ch.isalnum())


LETTERS = frozenset({"Lu", "Ll", "Lt", "Lo"})
"""The letter categories whose script counts; modifier letters (Japanese "ー", "々"), marks, digits and punctuation
are shared by every script."""
MIXABLE = (frozenset({"LATIN", "CJK", "HIRAGANA", "KATAKANA"}), frozenset({"LATIN", "CJK", "BOPOMOFO"}),
           frozenset({"LATIN", "CJK", "HANGUL"}))
"""The mixes of scripts UTS #39's "highly restrictive" level allows: how Chinese, Japanese and Korean are written."""


def scripts(text: str) -> frozenset[str]:
    """The scripts of ``text``'s letters, by the first word of each one's Unicode name ("LATIN", "CYRILLIC", "CJK"
    …): the standard library has no script property, and every letter's name starts with its script's."""
    return frozenset(unicodedata.name(ch, "").split(" ")[0] for ch in text if unicodedata.category(ch) in LETTERS)


def mixed_scripts(text: str) -> frozenset[str]:
    """The scripts of the first word of ``text`` that mixes them in a way :data:`MIXABLE` does not allow (else an
    empty set). Per word: a look-alike needs its foreign letters among the ones it imitates."""
    for word in text.split():
        found = scripts(word)
        if len(found) > 1 and not any(found <= allowed for allowed in MIXABLE):
            return found
    return frozenset()


def look_alike(name: str, owner: str, entries: Iterable[tuple[str, str]]) -> str | None:
    """The existing name (of another owner) that ``name`` looks like, or None. ``entries`` are (name, owner)."""
    wanted = skeleton(name)
    if not wanted:
        return None
    for other, other_owner in entries:
        if other_owner != owner and skeleton(other) == wanted:
            return other
    return None
