"""Turning untrusted strings into markdown that renders as exactly those characters (table cells, detail view).

Why both HTML and markdown escaping: ``gr.Dataframe`` markdown cells and ``gr.Markdown`` render raw HTML (an
``<img onerror=…>`` name became a real element in Chromium) *and* markdown syntax (``[x](javascript:…)`` would be a
link, a bare ``http://…`` or ``www.…`` is auto-linked by GFM). :func:`escape` therefore HTML-escapes ``& < > " '`` and
backslash-escapes every other ASCII punctuation character (CommonMark allows escaping any of them and renders the
character itself), which also breaks auto-links (``http\\://``), emphasis, headings, tables (``|``) and lists.
Links are only ever built by :func:`link` from an https URL that passed :func:`safe_https_url`.
"""

from __future__ import annotations

import functools
import math
import re
import string
import unicodedata
from typing import Any
from urllib.parse import quote, urlsplit

from emer_eval import printable

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
_TABLE: dict[int, str] = {ord(ch): "\\" + ch for ch in string.punctuation if ch not in _HTML}
_TABLE.update({ord(ch): entity for ch, entity in _HTML.items()})
# Control characters (and the Unicode line/paragraph separators) would break table rows or hide text: show a space.
_TABLE.update({code: " " for code in (*range(0, 32), 127, 0x2028, 0x2029)})
_BLOCK_TABLE = dict(_TABLE)
_BLOCK_TABLE[ord("\n")] = "\n"

MAX_CHARS = 200
"""Longest name shown in a cell; longer user strings are cut (the full text stays in the plain column)."""


def plain(value: Any) -> str:
    """A user value as plain text: ``None``/NaN → ``""``, anything else ``str`` and stripped."""
    if type(value) is str:  # the common case, first: a board calls this ten times per row
        return value.strip()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def visible(text: str) -> str:
    """``text`` with format characters (bidi overrides and isolates, zero-width, soft hyphen, tags) and lone
    surrogates written as visible escapes (``\\u202e``), as :func:`emer_eval.printable` writes them.

    Why: not every string shown comes from a form that refuses them — a label of an uploaded file reaches the board
    as an out-of-vocabulary word, an LLM reply reaches the demo — and a right-to-left override reorders the rest of
    its line for every reader (U+202E then "yppah" reads "happy"), while zero-width characters hide text."""
    if text.isprintable():
        return text
    return "".join(printable(ch, 1) if unicodedata.category(ch) in ("Cf", "Cs") else ch for ch in text)


def escape(value: Any, *, max_chars: int | None = MAX_CHARS) -> str:
    """Escape ``value`` for one line of markdown/HTML: renders literally, never as markup, a link or an element."""
    text = plain(value)
    if max_chars is not None and len(text) > max_chars:
        text = text[: max_chars - 1] + "…"
    return visible(text).translate(_TABLE)


def escape_block(value: Any, *, max_chars: int | None = 4000) -> str:
    """Like :func:`escape` but keeps line breaks (for free-text descriptions in the detail view)."""
    text = plain(value).replace("\r\n", "\n").replace("\r", "\n")
    if max_chars is not None and len(text) > max_chars:
        text = text[: max_chars - 1] + "…"
    lines = [visible(line.strip()).translate(_BLOCK_TABLE) for line in text.split("\n")]
    return "  \n".join(line for line in lines if line)


_UNSAFE_IN_URL = re.compile(r"[\s\x00-\x1f\x7f]")
_URL_SAFE = "/:?#&=%@!$*+,;~-._"  # percent-encode the rest, notably ( ) [ ] < > " ' space \ and backticks


def safe_https_url(value: Any) -> str | None:
    """The URL when it is an absolute ``https://host/...`` without credentials or whitespace, else ``None``.

    ``http:``, ``javascript:``, ``data:``, relative or protocol-relative URLs are never linked: a leaderboard link
    is a user-controlled click target, and https is what the hub practices ask for.
    """
    text = plain(value)
    if not text or len(text) > 2000 or _UNSAFE_IN_URL.search(text):
        return None
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 -- evaluated for its check: raises ValueError on a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() != "https" or not parts.hostname or "@" in parts.netloc:
        return None
    return text


def link(text: Any, url: Any, *, checked: bool = False) -> str:
    """``[escaped text](url)`` when ``url`` is safe https, else just the escaped text (never a clickable link).

    ``checked=True`` skips re-validating a URL that already came out of :func:`safe_https_url` (empty = no link).
    """
    label = escape(text) or "link"
    safe = (url or None) if checked else safe_https_url(url)
    if safe is None:
        return label
    href = quote(safe, safe=_URL_SAFE).replace("&", "&amp;")
    return f"[{label}]({href})"


MODALITY_BADGES = {"audio": "🔊 audio", "video": "🎬 video", "text": "📝 text"}
"""Badges come from this fixed vocabulary; unknown modality strings from a record are dropped, never rendered."""


def clean_modalities(values: Any) -> tuple[str, ...]:
    """The known modalities in canonical order (audio, video, text), from a list or a ``;``/``,`` string."""
    if isinstance(values, str):
        items = tuple(values.replace(",", ";").split(";"))
    elif isinstance(values, (list, tuple, set, frozenset)):
        items = tuple(values)
    else:
        return ()
    try:
        return _known_modalities(items)
    except TypeError:  # an unhashable item (a malformed record): read without the cache
        return _known_modalities.__wrapped__(items)


@functools.lru_cache(maxsize=256)
def _known_modalities(items: tuple[Any, ...]) -> tuple[str, ...]:
    """Cached because a board reads the same few modality lists for thousands of rows."""
    wanted = {plain(item).lower() for item in items if isinstance(item, str)}
    return tuple(m for m in MODALITY_BADGES if m in wanted)


@functools.lru_cache(maxsize=16)
def modality_badges(modalities: tuple[str, ...]) -> str:
    """Markdown badges for known modalities (fixed strings: nothing user-supplied reaches the cell)."""
    return " ".join(MODALITY_BADGES[m] for m in modalities)
