"""Word and character error rates of a transcript, with jiwer: one definition for the tests and the benchmarks.

Both ignore case, punctuation (Latin and Chinese) and spacing, so "I'm so happy!" and "im so happy" agree, and a
Chinese transcript is compared character by character whatever punctuation Whisper chose.
"""

from __future__ import annotations

import jiwer

_WORDS = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(), jiwer.RemoveMultipleSpaces(), jiwer.Strip(),
                        jiwer.ReduceToListOfListOfWords()])
_CHARACTERS = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(),
                             jiwer.RemoveWhiteSpace(replace_by_space=False), jiwer.ReduceToListOfListOfChars()])


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word edits (substitutions, insertions, deletions) over the reference's words."""
    return float(jiwer.wer(reference, hypothesis, reference_transform=_WORDS, hypothesis_transform=_WORDS))


def character_error_rate(reference: str, hypothesis: str) -> float:
    """Character edits over the reference's characters (spaces and punctuation left out): the measure for Chinese."""
    return float(jiwer.cer(reference, hypothesis, reference_transform=_CHARACTERS, hypothesis_transform=_CHARACTERS))
