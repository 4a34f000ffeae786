"""Noun-phrase frames the offline extractor restates before its statement rules run.

Each function here takes the tokens of a description at a word that may start one shape and gives the tokens said
instead and the index after the shape (the calling convention of ``_reshaped_at`` in
:mod:`emer_eval.extract.reshape`), or None. They are general English grammar, not word lists chosen by looking at any
official label:

* a genitive noun phrase is a possessive determiner: "the man's anger", "the young woman's fear", "the speaker's own
  anxiety" are read as "their anger", which every rule that reads "his anger" already reads; someone else's ("her
  friend's anger", "the other man's anger") is left as written;
* a participle of being possessed by a feeling before "with" or "by" and that feeling is a frame, not a second label:
  "overcome with grief", "overwhelmed by sadness", "eaten up by jealousy" are read as "with grief";
* after "there is" or a verb of perceiving ("I sense", "one notices"), "a/an <noun> of <emotion>" states the emotion
  whatever the noun ("an undercurrent of anxiety"), except a noun of absence, denial or mere risk ("a lack of"); and
  an emotion noun right after "there is", or after a quantifier or a word of how plainly it shows, is stated the same
  way ("there is fear in his voice", "there was clear sadness in her eyes"; "there is no / little joy" denies);
* "'s" after a noun naming one person is "is" where an adjective phrase of feeling follows and no noun does ("the
  man's angry", "the woman's clearly upset about it" → "the man is angry"), and "own" after a possessive pronoun
  before an emotion noun adds nothing ("his own disappointment" → "his disappointment"; "his own worth", "her own
  thoughts" stay, being no emotion nouns);
* "that of" / "those of" and a person after a copula say that the subject is as that person is: "her demeanor is that
  of someone deeply ashamed" is read as "her demeanor is deeply ashamed", and "that of a nervous man" as "a nervous
  man", whose adjectives the rules already read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Protocol

from emer_eval.extract.evidence import HELD_BACK, PLAINLY

__all__ = ["NOUN_SUFFIXES", "POSSESSED_BY", "contracted_is", "genitive", "own_feeling", "possessed_by", "stated_frame",
           "that_of"]

StartsForm = Callable[[Sequence[str], int], bool]


class Lexicon(Protocol):
    """What :func:`contracted_is` reads of the extractor's lexicon: where a form matches, and which forms are the
    stems the format map derives others from ("anger": "angered")."""

    @property
    def stems(self) -> frozenset[str]: ...

    def match_at(self, tokens: Sequence[str], start: int) -> tuple[str, int] | None: ...


# Participles whose "with"/"by" object is the emotion that possesses the subject: "overcome with grief", "filled with
# joy", "gripped by fear", "racked with guilt", "stricken with panic".
POSSESSED_BY = frozenset("""
    overcome overwhelmed filled consumed gripped seized racked wracked stricken eaten riddled engulfed flooded
    possessed beset swamped
""".split())
# Words that may stand between the preposition and the emotion: "overcome with a deep sadness", "filled with such
# joy", "gripped by a wave of fear".
_BEFORE_EMOTION = frozenset({"a", "an", "such", "so", "much", "great", "deep", "sheer", "pure", "utter", "intense",
                             "profound", "overwhelming", "quiet", "sudden"})
_MAX_BEFORE_EMOTION = 3

# The words opening a genitive noun phrase ("*the* young woman's"), and how many words the phrase may hold before the
# genitive noun.
_GENITIVE_OPENERS = frozenset({"the", "this", "that", "a", "an"})
_GENITIVE_REACH = 3
_POSSESSIVE_PRONOUNS = frozenset({"my", "your", "his", "her", "our", "their"})
# Words before "'s" that are no noun: "let's calm down".
_NOT_GENITIVE = frozenset({"let", "one"})

# Verbs of existence before the frame: "there is / are / was / were / seems to be".
_EXISTENTIAL = frozenset({"is", "are", "was", "were"})
# Nouns that say an emotion is missing, denied or merely possible: "a lack of joy", "an absence of fear", "a denial of
# anger", "a risk of panic" state none.
_ABSENCE = frozenset("""
    lack absence want dearth shortage scarcity paucity deficit void loss denial suppression risk danger threat chance
    possibility question matter topic subject issue cause history
""".split())
_MAX_FRAME_WORDS = 3  # words between the article and "of": "a *subtle* *undercurrent* of"


def genitive(tokens: Sequence[str], index: int, out: list[str], nouns: Collection[str],
             other_person: Callable[[list[str], int], bool]) -> tuple[list[str], int] | None:
    """For a genitive noun at ``index`` ("man's") before an emotion noun (optionally after "own"): "their", with the
    noun phrase's opening words taken back from ``out`` ("the clip conveys the man's anger" → "the clip conveys their
    anger"), since a genitive is a possessive determiner. A noun naming someone else ("her friend's") is left as
    written, and so is "'s" before an adjective ("the man's angry": a contracted "is")."""
    after = index + 1 + (tokens[index + 1] == "own")
    noun = tokens[index][:-2]
    if after >= len(tokens) or tokens[after] not in nouns or not noun.isalpha() or noun in _NOT_GENITIVE:
        return None
    context = out[-2:]
    if other_person([*context, noun], len(context)):
        return None
    for back in range(1, min(_GENITIVE_REACH, len(out)) + 1):
        if out[-back] in _GENITIVE_OPENERS:
            if "other" not in out[-back:] and "another" not in out[-back:]:
                del out[-back:]
                return (["their"], after)
            return None
        if not out[-back].isalpha():
            break
    return (["their"], after)  # a name: "maria's anger"


# Words that may stand between a contracted "is" and its adjective: "the man's *very* angry", "the woman's *clearly*
# upset" (a noun takes no such word, so after one the contraction is certain).
_DEGREE_ADVERBS = frozenset({"very", "so", "quite", "really", "too", "rather", "pretty", "fairly", "still", "now"})
# What may follow the adjective of a contracted "is": the end of its clause or a complement ("angry at him", "upset
# about the news", "sad because ..."); "of" is left out, since "the man's fear of heights" is a genitive.
_AFTER_PREDICATE = frozenset({".", "!", "?", ",", ";", "about", "at", "with", "because", "that", "over", "for"})
_AFTER_MODIFIED_PREDICATE = _AFTER_PREDICATE | {"and", "or", "but"}
# Words after which a clause opens: a sentence end, a clause's punctuation, a conjunction.
_CLAUSE_OPENERS = frozenset({".", "!", "?", ";", ":", ",", "and", "but", "so", "because", "that", "while", "when",
                             "since", "although", "though", "yet"})
# Endings of English abstract nouns: an emotion word with one of them is a noun ("frustration", "sadness") — it can
# head a subject, and is never a verb nor an adjective.
NOUN_SUFFIXES = ("ness", "tion", "sion", "ment", "ity")
# Those and the endings of other nouns, which few adjectives of feeling have: "displeasure", "obligation", "safety",
# "success", "warmth", "relationship", "optimism", "confidence".
_NOUN_ENDINGS = (*NOUN_SUFFIXES, "ty", "ure", "ion", "ss", "th", "ship", "sm", "ance", "ence", "ncy", "hood", "dom")
_ADJECTIVE_ENDING = "less"  # "-ss", yet the suffix makes adjectives: "helpless", "restless", "speechless"


def contracted_is(tokens: Sequence[str], index: int, out: Sequence[str], lexicon: Lexicon,
                  people: Collection[str]) -> tuple[list[str], int] | None:
    """For a noun naming one person with "'s" at ``index``, opening its clause, before an adjective of feeling that
    ends the clause or takes a complement ("the man's angry", "the woman's upset about the news", "the boy's very
    nervous and shy"): the noun and "is", since no noun follows for a genitive to own. A word with a noun's ending or
    one the format map derives others from is owned ("the woman's displeasure.", "the child's safety,", "the woman's
    concern about ..."), and so is anything after a preposition ("the target of the woman's anger") or of a thing
    ("the surgery's success"). After a degree adverb the word is an adjective for certain, so a list may follow;
    without one, "the man's anger and fear are" stays a genitive."""
    noun = tokens[index][:-2]
    if noun not in people or _opening(out) not in _CLAUSE_OPENERS:
        return None
    emotion = index + 1
    while emotion < len(tokens) and emotion - index <= 2 and (tokens[emotion] in _DEGREE_ADVERBS
                                                              or tokens[emotion].endswith("ly")):
        emotion += 1
    match = lexicon.match_at(tokens, emotion) if emotion < len(tokens) else None
    word = tokens[emotion] if match is not None else ""
    if match is None or (word.endswith(_NOUN_ENDINGS) and not word.endswith(_ADJECTIVE_ENDING)) \
            or word in lexicon.stems:
        return None
    after = emotion + match[1]
    following = tokens[after] if after < len(tokens) else "."
    if following not in (_AFTER_MODIFIED_PREDICATE if emotion > index + 1 else _AFTER_PREDICATE):
        return None
    return [noun, "is"], index + 1


def _opening(out: Sequence[str]) -> str:
    """The word before the noun phrase that ``out`` ends with ("*,* the young man", "*says* the man", "*.* my
    friend"): the word before its determiner, or before the noun itself when it has none ("." at the start of the
    text)."""
    start = len(out)
    for back in range(len(out) - 1, max(len(out) - 1 - _GENITIVE_REACH, -1), -1):
        if out[back] in _GENITIVE_OPENERS or out[back] in _POSSESSIVE_PRONOUNS:
            start = back
            break
    return out[start - 1] if start > 0 else "."


def own_feeling(tokens: Sequence[str], index: int, out: Sequence[str], possessives: Collection[str],
                nouns: Collection[str]) -> tuple[list[str], int] | None:
    """For "own" at ``index`` after a possessive pronoun and before an emotion noun ("his own disappointment is
    evident", "her own fear"): nothing in its place, since "own" only stresses whose the feeling is; before any other
    noun ("his own worth", "their own values", "her own thoughts") it is left as written."""
    if not out or out[-1] not in possessives or index + 1 >= len(tokens) or tokens[index + 1] not in nouns:
        return None
    return [], index + 1


def possessed_by(tokens: Sequence[str], index: int, nouns: Collection[str]) -> tuple[list[str], int] | None:
    """For a participle of being possessed ("overcome", "overwhelmed", "eaten up") before "with" or "by" and an
    emotion: "with", so that the emotion is the state and the participle, a frame, no label of its own ("overcome by
    grief" → "with grief", as "filled with joy" reads). A cause with a determiner ("overwhelmed by the news") or an
    "-ing" word ("by a challenging situation", "by frustrating news") is left to the rules of psychological passives."""
    preposition = index + 1 + (tokens[index + 1:index + 2] == ["up"])
    if tokens[preposition:preposition + 1] not in (["with"], ["by"]):
        return None
    emotion = preposition + 1
    while emotion < len(tokens) and emotion - preposition <= _MAX_BEFORE_EMOTION and tokens[emotion] in _BEFORE_EMOTION:
        emotion += 1
    # An emotion noun, not a participle modifying the cause: "overwhelmed by a challenging situation" keeps its label.
    if emotion < len(tokens) and tokens[emotion] in nouns and not tokens[emotion].endswith("ing"):
        return (["with"], emotion)  # "gripped by a sudden fear": "with fear"
    return None


def stated_frame(tokens: Sequence[str], index: int, starts_form: StartsForm, frame_nouns: Collection[str],
                 nouns: Collection[str]) -> tuple[list[str], int] | None:
    """For "there is" or a verb of perceiving at ``index`` before "a/an <noun> of <emotion>": the same words with the
    noun said as "sense" ("there is an undercurrent of anxiety" → "there is an sense of anxiety"), so that the frame
    rules read the emotion as stated, even when the noun is a wheel form of its own ("an edge of irritation"); a noun
    of absence or risk ("a lack of") and the frame nouns the rules know already are left as written. An emotion noun
    itself after "there is" (:func:`_existential`) is stated the same way."""
    article = index + 1 + (tokens[index] == "there")
    if tokens[index] == "there" and tokens[index + 1:index + 2] not in [[verb] for verb in _EXISTENTIAL]:
        return None
    if tokens[index] == "there" and (existing := _existential(tokens, article, nouns)) is not None:
        return ([*tokens[index:article], "a", "sense", "of"], existing)
    if tokens[article:article + 1] not in (["a"], ["an"]):
        return None
    of = next((position for position in range(article + 2, min(article + 2 + _MAX_FRAME_WORDS, len(tokens)))
               if tokens[position] == "of"), -1)
    if of < 0 or not starts_form(tokens, of + 1):
        return None
    noun = tokens[of - 1]
    if not all(word.isalpha() for word in tokens[article + 1:of]) or noun in _ABSENCE or noun in frame_nouns:
        return None
    return ([*tokens[index:of - 1], "sense"], of)


# Words that may stand between an existential "there is" and the emotion it asserts without denying or shrinking it:
# a quantifier ("there is *some* anxiety"), how plainly it shows ("there is *clear* sadness in her eyes") or how far
# it is held back, still hers ("there is *hidden* anger in his voice"). "no", "little", "hardly any" deny and are left
# to the negation rules; "a/an" makes a count noun, a quality more often than a feeling ("there is a sharpness in her
# voice"), and is left to the frame rule ("a hint of").
_EXISTING = frozenset("some much real genuine definite deep great considerable certain".split()) | PLAINLY | HELD_BACK


def _existential(tokens: Sequence[str], start: int, nouns: Collection[str]) -> int | None:
    """Where the emotion noun asserted by an existential "there is" (ending before ``start``) stands: right after it
    or after one word of :data:`_EXISTING` ("there is fear in his voice", "there was clear sadness in her eyes");
    None for any other noun or a denial ("there is no anger", "there is little joy")."""
    noun = start + (tokens[start:start + 1] != [] and tokens[start] in _EXISTING)
    if noun >= len(tokens) or tokens[noun] not in nouns:
        return None
    return noun


# Pronouns for an unnamed person after "that of": "that of *someone* deeply ashamed".
_SOMEONE = frozenset({"someone", "somebody", "one", "anyone"})
_LIKENED_BY = frozenset({"that", "those"})


def that_of(tokens: Sequence[str], index: int, starts_form: StartsForm,
            person_nouns: Collection[str]) -> tuple[list[str], int] | None:
    """For "that of" / "those of" at ``index`` after a copula, before a person described by an emotion: the words
    after the person, since the subject is said to be as that person is ("his demeanor is that of someone deeply
    ashamed" → "is deeply ashamed", "is that of a person utterly defeated" → "is utterly defeated"); before "a/an"
    and an adjective the noun phrase stays ("that of a nervous man" → "a nervous man"). None for "that of the
    report" or any other use."""
    if tokens[index] not in _LIKENED_BY or tokens[index + 1:index + 2] != ["of"]:
        return None
    person = index + 2
    if tokens[person:person + 1] in (["a"], ["an"]) and person + 1 < len(tokens) \
            and tokens[person + 1] not in person_nouns:
        return ([], person) if starts_form(tokens, person + 1) else None  # "that of a nervous man"
    person += tokens[person:person + 1] in (["a"], ["an"])
    if person >= len(tokens) or not (tokens[person] in _SOMEONE or tokens[person] in person_nouns):
        return None
    emotion = person + 1
    while emotion < len(tokens) and emotion - person <= 2 and tokens[emotion].endswith("ly"):
        emotion += 1  # "deeply", "utterly"
    return ([], person + 1) if emotion < len(tokens) and starts_form(tokens, emotion) else None
