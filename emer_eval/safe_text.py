"""Text from untrusted files, made safe for where it is shown: terminals, JSON on a terminal, spreadsheets.

Labels, ids and file names come from the files being scored. In a terminal, a raw escape sequence can move the cursor
and overwrite the printed scores; a bidi override reorders what is read. In a spreadsheet, a cell beginning with
``=`` is a formula (``=HYPERLINK(...)`` phones home when clicked). The hub's exports and the CLI share these rules.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import printable

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")


def neutralise(value: Any) -> Any:
    """Prefix ``'`` to a string a spreadsheet would read as a formula; return anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def terminal_lines(text: str) -> str:
    """Every line of ``text`` with control, format and bidi characters written as visible escapes."""
    return "\n".join(printable(line, max(len(line), 1)) for line in text.split("\n"))


def terminal_json(text: str) -> str:
    """JSON text (``ensure_ascii=False``) with C0/C1 controls, bidi and zero-width characters as ``\\uXXXX`` escapes:
    the same JSON value, harmless on a terminal."""
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
