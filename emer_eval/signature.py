"""The signature printed with every score: what exactly was computed, so two numbers are only compared when equal."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Signature:
    """``emer-eval:<version>|ew:<wheels>|parse:official|extract:<how>|n:<samples>[|boot:<B>|seed:<s>]``.

    ``extract`` is ``none`` for label files, ``offline-v1`` for the non-official offline extractor and
    ``llm:<model>`` for the official LLM extraction (with ``xk`` when k runs were averaged).
    """

    version: str
    wheels: str
    extract: str
    n: int
    parse: str = "official"
    bootstrap: int = 0
    seed: int | None = None

    def __str__(self) -> str:
        parts = [f"emer-eval:{self.version}", f"ew:{self.wheels}", f"parse:{self.parse}",
                 f"extract:{self.extract}", f"n:{self.n}"]
        if self.bootstrap:
            parts += [f"boot:{self.bootstrap}", f"seed:{self.seed}"]
        return "|".join(parts)

    @property
    def official(self) -> bool:
        """True when the numbers follow the published protocol (labels, or LLM extraction)."""
        return self.extract == "none" or self.extract.startswith("llm:")
