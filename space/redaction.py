"""Operator messages made fit for visitors: what failed stays, where it lives on the server goes.

Why: the reasons a track is unavailable, a fetch failed or a template cannot be built are written for the operator
and quote server paths ("searched: /data/emer, /root/.cache/…") and download addresses built from the operator's mirror
template, which can carry credentials or a token. Visitors see these messages on every page and through the
``/data_status`` API, so they get the same sentence with the address stripped of its secrets and each absolute path
cut to its last part; the log keeps the full text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_ANY_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s`'\"<>]+")

# An absolute POSIX path ("/srv/data/gt.csv"), a home path ("~/emer") or a Windows one ("C:\data\gt.csv"), standing
# on its own: not the path part of a URL ("https://host/a"), nor a ratio or alternative ("F/P/R", "and/or", "3/4").
_ABSOLUTE_PATH = re.compile(r"(?<![\w:/.~\]\\-])(?:~?/|[A-Za-z]:\\)[^\s,;`'\"<>()\[\]]+")
_TRAILING = ".:!?"


def redact_urls(text: str) -> str:
    """``text`` with every URL's user name, password, query string and fragment cut out: a fetch error quotes the
    download address, which the operator's mirror template (``EMER_EVAL_RAW_URL``) may fill with credentials."""
    def bare(match: re.Match[str]) -> str:
        try:
            parts = urlsplit(match.group())
            host = parts.hostname or ""
            port = f":{parts.port}" if parts.port else ""
        except ValueError:
            return "<address>"
        host = f"[{host}]" if ":" in host else host
        cut = "?…" if parts.query or parts.fragment else ""
        return f"{parts.scheme}://{host}{port}{parts.path}{cut}"

    return _ANY_URL.sub(bare, text)


def redact_paths(text: str) -> str:
    """``text`` with each absolute path cut to its last part ("/root/.cache/emer_eval/resources" → "…/resources"):
    the file or folder name says what is missing; the folders above it say how the server is laid out."""
    def last_part(match: re.Match[str]) -> str:
        path = match.group()
        stripped = path.rstrip(_TRAILING)
        trailing = path[len(stripped):]
        parts = [part for part in re.split(r"[/\\]", stripped) if part and part != "~" and not part.endswith(":")]
        if len(parts) < 2:  # "/compare", "~/": nothing above the name to hide
            return path
        return f"…/{parts[-1]}{trailing}"

    return _ABSOLUTE_PATH.sub(last_part, text)


def for_visitors(text: str) -> str:
    """An operator message as visitors may see it: URLs without secrets, absolute paths without their folders."""
    return redact_paths(redact_urls(text))
