"""The signature printed with every score: what exactly was computed, so two numbers are only compared when equal."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Signature:
    """``emer-eval:<version>|ew:<wheels>|parse:official|extract:<how>|n:<samples>[|boot:<B>|seed:<s>]``.

    ``extract`` is ``none`` for label files, ``offline-v2`` for the non-official offline extractor and
    ``llm:<model>`` for the official LLM extraction (with ``xk`` when k runs were averaged). With G2, ``g2:<how>``
    names the groupings: ``cache:<sha256 prefix>`` of cached replies, or ``llm:<model>`` that grouped them.

    Scores of the LLM-judged G1 metrics (clue / label overlap) depend on other things — the judge model, the prompt
    texts and the language of the descriptions — so they are signed
    ``emer-eval:<version>|judge:<model>|prompts:<version>|lang:<zh|en>|n:<samples>`` (see :meth:`judged`).
    """

    version: str
    wheels: str
    extract: str
    n: int
    parse: str = "official"
    bootstrap: int = 0
    seed: int | None = None
    judge: str | None = None
    prompts: str | None = None
    lang: str | None = None
    groupings: str | None = None

    @classmethod
    def judged(cls, version: str, judge: str, prompts: str, lang: str, n: int) -> Signature:
        """The signature of G1 judge scores: no wheels, no extraction — the judge, its prompts and the language."""
        return cls(version, wheels="none", extract="none", n=n, parse="none", judge=judge, prompts=prompts, lang=lang)

    def __str__(self) -> str:
        if self.judge is not None:
            return "|".join([f"emer-eval:{self.version}", f"judge:{self.judge}", f"prompts:{self.prompts}",
                             f"lang:{self.lang}", f"n:{self.n}"])
        parts = [f"emer-eval:{self.version}", f"ew:{self.wheels}", f"parse:{self.parse}",
                 f"extract:{self.extract}", f"n:{self.n}"]
        if self.groupings:
            parts.append(f"g2:{self.groupings}")
        if self.bootstrap:
            parts += [f"boot:{self.bootstrap}", f"seed:{self.seed}"]
        return "|".join(parts)

    @property
    def official(self) -> bool:
        """True when the numbers follow the published protocol (labels, or LLM extraction).

        Judge scores are never "official" by themselves: the paper's judge is retired, so which judge counts is the
        hub track's decision (its configured judge), not the library's.
        """
        if self.judge is not None:
            return False
        return self.extract == "none" or self.extract.startswith("llm:")
