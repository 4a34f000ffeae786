"""Which language a description is written in — just enough to refuse or warn instead of scoring silently.

The offline extractor reads English only, and the official protocol treats Chinese descriptions differently from
English ones (they are translated first, see ``llm.py``). Subtitles quoted inside an English description are the
character's words, not the describer's language, so quoted spans are left out before the text is judged.
"""

from __future__ import annotations

import re

__all__ = ["HAN_SPAN", "QUOTED", "describer_text", "is_chinese", "looks_english", "mixes_chinese"]

# Quoted speech: straight, curly and CJK corner quotes. The length cap keeps one stray quote from swallowing the text.
QUOTED = re.compile(r'"[^"]{0,300}"|“[^”]{0,300}”|「[^」]{0,300}」|『[^』]{0,300}』')

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: A stretch of Chinese: Han characters with the CJK punctuation between them.
HAN_SPAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff][\u3000-\u303f\uff00-\uffef\u3400-\u4dbf"
                      r"\u4e00-\u9fff\uf900-\ufaff\s]*")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Hiragana and katakana: Japanese writes Han characters too, but kana mark it as Japanese, not Chinese.
_KANA = re.compile(r"[\u3040-\u30ff]")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")

# The most frequent English function words: any English sentence of a few words contains several of them, and they
# are rare in other languages written in Latin script (a general property of English, not of any data set).
_ENGLISH_FUNCTION_WORDS = frozenset("""
    the a an and or but of to in on at by for with from as is are was were be been being it its this that these those
    he she they his her their him them i you we not no can may might will would should could has have had do does did
    which who what when where while there here than then so very more most also
""".split())


def describer_text(text: str) -> str:
    """The text without its quoted spans (what the describer wrote, not what the character said)."""
    return QUOTED.sub(" ", text)


def is_chinese(text: str) -> bool:
    """True when most letters of the describer's own text are Han characters."""
    if _HAN.search(text) is None:  # the common case, decided without counting
        return False
    own = describer_text(text)
    if _KANA.search(own) is not None:
        return False
    han = len(_HAN.findall(own))
    return han > 0 and han > len(_LETTER.findall(own)) / 2


def mixes_chinese(text: str) -> bool:
    """True when the describer's own text (outside quotes) holds Chinese but is not mostly Chinese ("她很 happy and a
    bit nervous"): the offline extractor reads its English words and its Chinese only through an emotion lexicon, so
    such text is flagged rather than scored as if it were English."""
    if _HAN.search(text) is None:
        return False
    own = describer_text(text)
    return _HAN.search(own) is not None and _KANA.search(own) is None and not is_chinese(text)


def looks_english(text: str) -> bool:
    """True for empty text and for text in which English function words make up at least a fifth of the words.

    Ordinary English prose runs at 40–60 % function words; a fifth leaves room for terse label-like descriptions.
    Text written mostly in another script (Japanese, Korean, Cyrillic, Arabic ...) is not English, however short;
    Chinese stretches are left out of that count (:func:`is_chinese` judges them, and in an English description they
    are the character's cited words).
    """
    own = HAN_SPAN.sub(" ", describer_text(text))
    letters = len(_LETTER.findall(own))
    if letters and len(_LATIN_LETTER.findall(own)) * 2 < letters:
        return False
    words = _WORD.findall(own.lower())
    if len(words) < 3:
        return True  # too short to judge: a word or two of labels is not "another language"
    return sum(1 for word in words if word in _ENGLISH_FUNCTION_WORDS) >= len(words) / 5
