"""Exception types of emer_eval.

Every error a user can cause is an :class:`EmerEvalError` whose message says what is wrong and how to fix it, so the CLI
can print it on one line and the hub can show it verbatim.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable


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
        where = []
        if self.file:
            where.append(Path(self.file).name)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = (", ".join(where) + ": " if where else "") + self.reason
        if self.fix:
            text += f" — fix: {self.fix}"
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


class ResourceIntegrityError(EmerEvalError):
    """A resource file exists but its sha256 differs from the registry."""


class ExtractionError(EmerEvalError):
    """Labels could not be extracted from a free-text description (endpoint failure, bad reply, no cache)."""
