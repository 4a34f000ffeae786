"""Model and organisation names that cannot impersonate another entry.

Names are normalised (NFKC: fullwidth and compatibility forms become plain letters; filler characters that render as
nothing — Hangul fillers, braille blank — are removed) and compared by a *skeleton*: transliterated to ASCII
(``anyascii``: Cyrillic "а" and the hyphen U+2010 become "a" and "-"), case-folded, the digit and letter look-alikes
of UTS #39 merged (0/o, 1/l/i, rn/m, vv/w) and everything but letters and digits dropped. Two names with one skeleton
look the same on the board; the second one, under another owner, is refused. The work is linear in the name's length
(names are at most 100 characters), unlike enumerating every confusable spelling.
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


def skeleton(text: str) -> str:
    """What a name looks like: equal skeletons are names a reader cannot tell apart."""
    ascii_text = anyascii(normalise(text)).casefold()
    for look, like in _LOOKALIKES:
        ascii_text = ascii_text.replace(look, like)
    return "".join(ch for ch in ascii_text if ch.isalnum())


def look_alike(name: str, owner: str, entries: Iterable[tuple[str, str]]) -> str | None:
    """The existing name (of another owner) that ``name`` looks like, or None. ``entries`` are (name, owner)."""
    wanted = skeleton(name)
    if not wanted:
        return None
    for other, other_owner in entries:
        if other_owner != owner and skeleton(other) == wanted:
            return other
    return None
