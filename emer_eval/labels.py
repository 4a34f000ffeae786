"""The official label-list parser (spec §1) — every metric goes through it.

The reference code turns a label cell into a list by dropping one leading ``[`` and one trailing ``]``, splitting on
quotes and commas, and lower-casing. That is reproduced exactly, quirks included: ``"don't know"`` splits at the
apostrophe and ``;`` is not a separator. Published numbers depend on these quirks, so do not "fix" them here.
"""

from __future__ import annotations

import math
import re
from typing import Any

_SEPARATORS = re.compile(r"[',\"]")


def parse_label_list(value: Any) -> list[str]:
    """Parse one label cell the way the official EMER scripts do.

    >>> parse_label_list("['happy', 'Sad ']")
    ['happy', 'sad']
    >>> parse_label_list("happy, sad")
    ['happy', 'sad']
    >>> parse_label_list(None)
    []
    """
    if value is None:
        return []
    if isinstance(value, float) and math.isnan(value):
        return []
    if isinstance(value, (list, tuple)):
        return [str(item).strip().lower() for item in value]
    text = str(value)
    if text.startswith("["):
        text = text[1:]
    if text.endswith("]"):
        text = text[:-1]
    pieces = (piece.strip() for piece in _SEPARATORS.split(text))
    return [piece.lower() for piece in pieces if piece]
