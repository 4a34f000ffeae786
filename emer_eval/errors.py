"""Exception types of emer_eval.

Every error a user can cause is an :class:`EmerEvalError` whose message says what is wrong and how to fix it, so the CLI
can print it on one line and the hub can show it verbatim.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

_INVISIBLE = ("Cc", "Cf", "Cs", "Zl", "Zp")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str, limit: int) -> str:
    """``text`` made safe to show in one line: cut at ``limit`` characters, control / format / surrogate / line-break
    characters written as visible escapes (``\\n``, ``\\x1b``, ``\\u202e``).

    Why: messages quote the user's own file names, ids and column names, and the CLI promises one line on stderr —
    a quoted newline, a terminal escape sequence or a right-to-left override would break that line, move the cursor
    or disguise the text; a lone surrogate cannot even be printed. Cutting keeps a 10 MB header out of a message.
    """
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in _NAMED:
            out.append(_NAMED[ch])
        elif unicodedata.category(ch) in _INVISIBLE:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


def examples(items: Sequence[str], count: int = 3, limit: int = 60) -> str:
    """The first ``count`` of ``items`` (ids, names, labels) for a message, each through :func:`printable`, and "…"
    when there are more.

    Why: an id is a file's cell, up to 131,072 characters; quoted whole, three of them made a 400 kB refusal and a
    warning stored in a record for good. Every message that quotes items from a file quotes them through this.
    """
    return ", ".join(printable(item, limit) for item in items[:count]) + (" …" if len(items) > count else "")


class EmerEvalError(Exception):
    """Base class of every error emer_eval raises on purpose."""


class InputError(EmerEvalError, ValueError):
    """A prediction or ground-truth file cannot be used as it is.

    ``location`` names the file and, when known, the row and column, so the message points at the exact cell.
    """

    def __init__(self, message: str, *, file: str | Path | None = None, row: int | None = None,
                 column: str | None = None, fix: str | None = None) -> None:
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column
        self.fix = fix
        self.reason = message
        super().__init__(self._compose())

    def _compose(self) -> str:
        """One line; user-controlled parts (file, column, reason quoting ids or headers) go via :func:`printable`."""
        where = []
        if self.file:
            where.append(printable(Path(self.file).name, 120))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{printable(str(self.column), 120)}'")
        text = (", ".join(where) + ": " if where else "") + printable(self.reason, 600)
        if self.fix:
            text += f" — fix: {printable(self.fix, 300)}"
        return text


class ResourceNotFoundError(EmerEvalError, FileNotFoundError):
    """A named benchmark resource is not present in any searched directory."""

    def __init__(self, name: str, searched: Iterable[Path], missing: Iterable[str] = ()) -> None:
        self.name = name
        self.searched = [Path(p) for p in searched]
        self.missing = list(missing)
        places = ", ".join(str(p) for p in self.searched) or "(no directory configured)"
        detail = f" (missing files: {', '.join(self.missing)})" if self.missing else ""
        super().__init__(
            f"resource '{name}' not found{detail}; searched: {places}. "
            f"Point EMER_DATA or --data at a folder that contains '{name}/', "
            f"or run: python -m emer_eval resources fetch {name}"
        )


class ResourceFetchError(EmerEvalError):
    """One resource file could not be downloaded; the message names it, its address and how to provide it by hand."""

    def __init__(self, resource: str, path: str, url: str, destination: Path, reason: str) -> None:
        self.resource, self.path, self.url, self.destination, self.reason = resource, path, url, destination, reason
        super().__init__(
            f"could not fetch {resource}/{path} from {url}: {reason}. To provide it by hand, download {url} and save "
            f"it as {destination} (or as {resource}/{path} inside a folder listed in EMER_DATA)"
        )


class ResourceIntegrityError(ResourceFetchError):
    """A downloaded resource file's sha256 differs from the registry: it is refused, never saved."""


class ExtractionError(EmerEvalError):
    """Labels could not be extracted from a free-text description (endpoint failure, bad reply, no cache)."""


class EndpointError(ExtractionError):
    """The LLM endpoint failed (unreachable, timed out, an HTTP error, an empty reply). ``str()`` names the endpoint
    and the server's reply, for the operator; ``summary`` says only what went wrong ("HTTP 503", "timed out after
    60 s"), for a service that must not show its endpoint's address or replies to its users."""

    def __init__(self, message: str, summary: str) -> None:
        super().__init__(message)
        self.summary = summary
