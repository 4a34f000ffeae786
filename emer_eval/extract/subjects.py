"""Whose state a statement is about: the emotional state itself, the character, one piece of evidence, someone else.

The official prompt asks for the character's emotional state, so the LLM names what a description says of the state
or of the character first, what it says of a single clue (the voice, the face, the subtitle) when it says nothing
else, and other people's emotions ("her friend is angry", "her son, who is sad") only when it states none. Each
attributed emotion is a :class:`Mention` carrying that rank (``ABOUT_*``), found from the nearest telling word of its
clause; the describer ("I am not sure") and the setting ("the room is bright") are nobody's state. The rewrite pass
asks :func:`other_person` too: a genitive of someone else ("her friend's anger") stays theirs.
"""

from __future__ import annotations

from dataclasses import dataclass

from emer_eval.extract.vocabulary import (
    ATTRIBUTING,
    CLAUSE_PUNCTUATION,
    CLAUSE_WORDS,
    DETERMINERS,
    EVIDENCE,
    EVIDENTIAL,
    FILLERS,
    FIRST_PERSON,
    HEADS,
    IMPERSONAL,
    MAX_CLAUSE_TOKENS,
    MEDIA,
    META,
    MODALS,
    NOMINATIVE,
    NON_FINITE,
    OF,
    ONLOOKERS,
    PEOPLE,
    POINTING,
    POSSESSIVES,
    QUOTE_TOKEN,
    RELATIONS,
    RELATIVES,
    SENTENCE_END,
    SETTING,
)

__all__ = ["ABOUT_CHARACTER", "ABOUT_EVIDENCE", "ABOUT_OTHER", "ABOUT_STATE", "Mention", "clause_head",
           "followed_by_meta", "other_person", "personal_subject", "statement_about"]

# What a statement is about, from most to least direct: the emotional state itself ("her mood is calm"), the
# character ("she seems calm"), one piece of evidence ("her voice sounds calm"), another person ("her friend is
# angry", "the other man remains calm"), whose emotions count only when the description states no other.
ABOUT_STATE, ABOUT_CHARACTER, ABOUT_EVIDENCE, ABOUT_OTHER = 2, 1, 0, -1


@dataclass(frozen=True)
class Mention:
    """One attributed emotion: its form and what its statement is about (``ABOUT_*``)."""

    form: str
    about: int


def followed_by_meta(tokens: list[str], index: int) -> bool:
    """Whether a word naming emotion closes the phrase that starts at ``index`` ("in a happy and relaxed mood")."""
    for ahead in range(index + 1, min(index + 6, len(tokens))):
        if tokens[ahead] in META:
            return True
        if tokens[ahead] in CLAUSE_PUNCTUATION or tokens[ahead] in SENTENCE_END:
            return False
    return False


def personal_subject(tokens: list[str], verb: int, speech: bool) -> bool:
    """False when the verb's subject is impersonal ("it is clear", "there is"), the setting ("the environment around
    her is calm"), or — outside quoted speech — the describer ("I am not sure"); modals and adverbs are skipped. A
    verb of showing may have a pronoun for the evidence as its subject ("this reflects his anxiety", "..., which
    indicates nervousness"); "point to" must not have a person ("she points to the door" is a gesture)."""
    evidential, pointing = tokens[verb] in EVIDENTIAL, tokens[verb] in POINTING
    noun_phrase = False  # a noun phrase stands between: "that *her mood* is", "this *emotional state* is"
    for back in range(verb - 1, max(verb - 4, -1), -1):
        token = tokens[back]
        if not noun_phrase and ((token in IMPERSONAL and not (evidential and token != "there")) or (
                token in FIRST_PERSON and not speech) or (pointing and token in NOMINATIVE)
                or _generic_one(tokens, back)):
            return False
        # The pronoun before a noun phrase is not the verb's subject: a conjunction ("it is clear *that* his mood
        # is sad") or a determiner ("*this* emotional state is").
        noun_phrase = noun_phrase or token in META or token in POSSESSIVES or token in ("the", "a", "an")
        if token not in FILLERS and token not in ATTRIBUTING:
            break
    head = clause_head(tokens, verb)
    return head not in SETTING and not (pointing and head in PEOPLE)


def _generic_one(tokens: list[str], index: int) -> bool:
    """Whether "one" at ``index`` is the generic pronoun opening its clause ("one gets the impression that", "one
    feels that"): anyone looking at the clip, the describer, not the character ("she is *one* of them" is no
    subject)."""
    opening = tokens[index - 1] if index else "."
    return tokens[index] == "one" and (opening in SENTENCE_END or opening in CLAUSE_PUNCTUATION
                                       or opening in CLAUSE_WORDS)


def clause_head(tokens: list[str], verb: int) -> str:
    """The first noun naming a person, a clue or the setting in the clause before ``verb``: the head of its subject
    ("the *environment* around her is", "the *woman* in the room is"); "" when the clause names none."""
    start = verb
    while start > 0 and verb - start < 12:
        token = tokens[start - 1]
        if (token in CLAUSE_PUNCTUATION or token in SENTENCE_END or token in CLAUSE_WORDS
                or token == QUOTE_TOKEN) and not _shares_subject(tokens, start - 1):
            break
        start -= 1
    return next((token for token in tokens[start:verb] if token in HEADS), "")


def _shares_subject(tokens: list[str], boundary: int) -> bool:
    """Whether the clause after ``boundary`` is a second predicate of the clause before it, its subject left out: "she
    was sad at first*, but* is now happy", "the room was dark *but* is now bright" say both of one subject."""
    position = boundary + (tokens[boundary] == ",")
    if position + 1 >= len(tokens) or tokens[position] not in ("but", "yet", "and"):
        return False
    verb = tokens[position + 1]
    return verb in MODALS or (verb in ATTRIBUTING and verb not in NON_FINITE)


def statement_about(tokens: list[str], index: int) -> int:
    """What the statement holding ``index`` is about: the emotional state, the character or one clue (``ABOUT_*``).

    The subject is the nearest telling word of the clause before the emotion: a word naming the emotional state
    ("her emotional state is", "his mood is one of"), an evidence noun ("her voice sounds", "the subtitle
    expresses"); a clause with neither is about the character.
    """
    if followed_by_meta(tokens, index):
        return ABOUT_STATE  # "a happy and relaxed emotional state"
    for back in range(index - 1, max(index - MAX_CLAUSE_TOKENS, 0) - 1, -1):
        token = tokens[back]
        if (token in CLAUSE_PUNCTUATION or token in CLAUSE_WORDS) and _shares_subject(tokens, back):
            continue  # "her friend was sad but is now happy": the friend's state too
        if token in CLAUSE_PUNCTUATION or token in SENTENCE_END or token in CLAUSE_WORDS or token == QUOTE_TOKEN:
            # A relative clause is about the noun it follows: "her son, who is sad".
            relative = token in RELATIVES and other_person(tokens, back - 1 - (back > 0 and tokens[back - 1] == ","))
            return ABOUT_OTHER if relative else ABOUT_CHARACTER
        if other_person(tokens, back):
            return ABOUT_OTHER
        if token in ATTRIBUTING:
            continue  # "sounds", "looks", "shows" are verbs here, not the nouns of a clue
        if token in EVIDENCE and not _where_shown(tokens, back) and not _named_emotional(tokens, back):
            return ABOUT_EVIDENCE
        if token in META and not (back + 1 < len(tokens) and tokens[back + 1] == OF
                                   and tokens[back + 2:back + 3] != ["being"]
                                   and not _person_follows(tokens, back + 2)):
            # "her mood is", "the mood of the character is", "his state of being is" — not "a state of calm"
            return ABOUT_STATE
    return ABOUT_CHARACTER


def _named_emotional(tokens: list[str], index: int) -> bool:
    """Whether the clue named at ``index`` is a tone called emotional ("her *emotional tone* is anxious"):
    the adjective makes the noun a name for the emotional state itself, not for one piece of evidence."""
    return tokens[index] in ("tone", "tones") and index > 0 and tokens[index - 1] in ("emotional", "affective")


# Nouns of a part of a span of time: "by the *end* of the clip", "at the *start* of the video".
_TIME_PARTS = frozenset({"end", "start", "beginning", "middle", "course", "rest", "remainder", "close"})


def _where_shown(tokens: list[str], index: int) -> bool:
    """Whether the recording named at ``index`` only says where or when the clause's subject is seen ("the individual
    *in the video* is happy", "the woman in this clip", "*throughout the video* she", "by the end *of the clip* he"):
    a phrase of place or time, not the head of the subject."""
    if tokens[index] not in MEDIA or index < 2 or tokens[index - 1] not in DETERMINERS:
        return False
    preposition = tokens[index - 2]
    return preposition in ("in", "throughout", "during") or (
        preposition == OF and index >= 4 and tokens[index - 3] in _TIME_PARTS)


def other_person(tokens: list[str], index: int) -> bool:
    """Whether ``tokens[index]`` names someone other than the character: a relative or companion of theirs ("her
    friend", "his mother"), "the other man", "another person", the audience or the crowd."""
    if index < 0:
        return False
    token = tokens[index]
    before = tokens[index - 1] if index > 0 else ""
    if token in ONLOOKERS:
        return True
    if token in RELATIONS:
        return before in POSSESSIVES or before in ("other", "another")
    return token in PEOPLE and before in ("other", "another")


def _person_follows(tokens: list[str], index: int) -> bool:
    """Whether a phrase naming a person starts at ``index`` ("the character", "this individual", "her")."""
    for token in tokens[index:index + 3]:
        if token in PEOPLE:
            return True
        if token not in FILLERS:
            return False
    return False
