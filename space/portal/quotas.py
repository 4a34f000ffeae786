"""Per-user daily quotas (UTC days): scored submissions, and all attempts including rejected ones.

Scored submissions are counted from the store's records. Attempts are counted from a small local log — one file per
attempt under ``attempts/<user hash>/<UTC date>/`` beside the store — so a rejected upload never becomes a record but
still counts against the attempt cap (failed validations do not eat the scored quota). Both counts are taken inside the
store's per-user lock, so concurrent submissions of one user cannot both pass.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from emer_eval import write_bytes_atomic

ATTEMPTS = "attempts"
SCORED = "scored"
"""Scored submissions per client address where there is no login, counted like attempts (the store's records name
the shared user only, and must not hold addresses)."""
LLM_USES = "llm-uses"
"""The demo's requests to the operator's LLM endpoint, counted like attempts under their own folder."""


@dataclass(frozen=True)
class Quota:
    """Usage of one user on one UTC day."""

    scored: int
    scored_limit: int
    attempts: int
    attempts_limit: int

    @property
    def remaining_scored(self) -> int:
        return max(0, self.scored_limit - self.scored)

    @property
    def remaining_attempts(self) -> int:
        return max(0, self.attempts_limit - self.attempts)

    def refusal(self) -> str | None:
        """Why a new attempt must be refused now, or None."""
        if self.attempts >= self.attempts_limit:
            return (f"daily attempt limit reached ({self.attempts_limit} uploads per UTC day, valid or not); "
                    f"it resets at 00:00 UTC")
        if self.scored >= self.scored_limit:
            return (f"daily submission quota used ({self.scored_limit} scored submissions per UTC day); "
                    f"it resets at 00:00 UTC")
        return None

    def to_dict(self) -> dict[str, int]:
        return {"scored_today": self.scored, "scored_limit": self.scored_limit,
                "remaining_scored": self.remaining_scored, "attempts_today": self.attempts,
                "attempts_limit": self.attempts_limit, "remaining_attempts": self.remaining_attempts}


def midnight(now: datetime) -> datetime:
    """Start of the UTC day of ``now``."""
    return now.astimezone(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)


def utc_day(now: datetime) -> tuple[datetime, datetime]:
    """The UTC day of ``now``, from its midnight to the next: the window of :meth:`Store.count`."""
    start = midnight(now)
    return start, start + timedelta(days=1)


def _day_dir(root: Path, user: str, now: datetime, kind: str) -> Path:
    user_key = hashlib.sha256(user.encode("utf-8")).hexdigest()[:24]
    return root / kind / user_key / f"{now.astimezone(timezone.utc):%Y-%m-%d}"


def count_attempts(root: Path, user: str, now: datetime, kind: str = ATTEMPTS) -> int:
    """How many attempts (or other counted uses, by ``kind``) ``user`` made on ``now``'s UTC day."""
    folder = _day_dir(root, user, now, kind)
    return sum(1 for entry in folder.glob("*.json")) if folder.is_dir() else 0


def log_attempt(root: Path, user: str, now: datetime, track: str, filename: str, kind: str = ATTEMPTS) -> None:
    """Record one attempt durably (atomic, unique file name): quota counts must survive restarts."""
    payload = json.dumps({"user": user, "track": track, "file": filename, "at": now.isoformat()}).encode()
    write_bytes_atomic(_day_dir(root, user, now, kind) / f"{now:%H%M%S%f}-{secrets.token_hex(6)}.json", payload)
