"""Verbless clauses that state how someone is: fronted, depictive, set off by commas or brackets, in apposition.

English often predicates a feeling with no verb: a clause opening its sentence shares the subject of the clause after
its comma ("Visibly relieved, she sits down", "Though nervous, he speaks clearly"), a depictive phrase after a comma
says how the clause's subject is as they act ("she sighs, clearly weary of the argument"), a phrase set off by commas
right after a person describes them ("the woman, clearly upset, leaves", "the woman (clearly nervous) fidgets"), and an
indefinite noun phrase in apposition says what they are ("the man, a nervous wreck, paces"). After the mark that closes
a set-off phrase comes the clause's verb, never one more state of the phrase (:func:`after_set_off`). The attribution
pass (:mod:`emer_eval.extract.attribution`) asks these tests of a form that no verb attributes; each reads a few words
around the form and its comma.
"""

from __future__ import annotations

from emer_eval.extract.frames import NOUN_SUFFIXES
from emer_eval.extract.lexicon import Lexicon
from emer_eval.extract.vocabulary import (
    CONCESSIVE,
    COORDINATORS,
    COPULAS,
    DETERMINERS,
    GENERIC,
    INTENSIFIERS,
    MAX_CLAUSE_TOKENS,
    NOMINATIVE,
    OBJECT_PREPOSITIONS,
    OBJECT_PRONOUNS,
    PEOPLE,
    SENTENCE_END,
)

__all__ = ["DEPICTIVE_ENDS", "SETTING_OFF", "after_set_off", "appositive", "depicted_passive", "depictive", "fronted",
           "set_off"]


def fronted(lexicon: Lexicon, tokens: list[str], index: int, end: int) -> bool:
    """Whether the form at ``index`` heads a verbless clause opening its sentence, whose subject is that of the
    clause after the comma: "Visibly relieved, she sits down", "Though nervous, he speaks clearly", "Angry as she
    is, she stays polite", "Nervous and tired, he sits". Conditions ("if angry, ...") assert nothing."""
    following = tokens[end] if end < len(tokens) else "."
    if not (following in COORDINATORS or following == "as"):
        return False
    back = index - 1
    while back >= 0 and index - back <= 3 and (tokens[back] in CONCESSIVE or tokens[back] in INTENSIFIERS
                                               or (tokens[back].endswith("ly") and tokens[back] not in GENERIC)):
        back -= 1
    if back >= 0 and tokens[back] not in SENTENCE_END and tokens[back] != ";":
        return False
    subject = end  # past the rest of the clause: more emotions ("nervous and tired,") or "as she is"
    while subject < len(tokens) and subject - end < 8:
        token = tokens[subject]
        if not (token in COORDINATORS or token in lexicon.by_first or token in INTENSIFIERS
                or (token == "as" and subject == end)
                or (tokens[subject - 1] == "as" and token in NOMINATIVE)
                or (tokens[subject - 2] == "as" and token in COPULAS)):
            break
        subject += 1
    if subject >= len(tokens) or tokens[subject - 1] != "," or not (tokens[subject] in NOMINATIVE
                                                                    or tokens[subject] in DETERMINERS):
        return False
    # "Happy, she is not": the predicate of a copula fronted, and denied.
    return not any(token == "not" or token.endswith("n't") for token in tokens[subject + 1:subject + 4])


# Words that may open a depictive phrase after its comma: "*clearly* weary", "*both* hopeful and afraid", "*still*
# angry", "*seemingly* embarrassed" (how sure or how much; "as if" is read as "seemingly").
_DEPICTIVE_OPENERS = (INTENSIFIERS - {"a"}) | {"both", "still", "even", "now", "seemingly", "though", "although",
                                                 "albeit"}
# What may follow a depictive adjective: the end of its phrase or the adjective's complement ("weary *of* the
# argument", "nervous *about* the exam").
DEPICTIVE_ENDS = SENTENCE_END | OBJECT_PREPOSITIONS | {",", ";", "and", "or", "but"}
_DEPICTIVE_SUBJECT_REACH = 3  # the clause's subject among its first words: "*the* *young* *woman* sighs"


def _verb_with_object(lexicon: Lexicon, tokens: list[str], to: int) -> bool:
    """Whether an infinitive with its object starts at the "to" at ``to``: "*to share the news*", "to see him" — an
    adjective's complement ("clearly eager to share the news"), where "related to work" goes on with a noun."""
    if to + 2 >= len(tokens):
        return False
    verb, object_start = tokens[to + 1], tokens[to + 2]
    return verb not in lexicon.nouns and verb not in DETERMINERS \
        and (object_start in DETERMINERS or object_start in OBJECT_PRONOUNS)


def depictive(lexicon: Lexicon, tokens: list[str], index: int, end: int) -> bool:
    """Whether the adjective of feeling at ``index`` heads a verbless phrase after a comma that ends a clause about a
    person ("she sighs heavily, *clearly weary* of the argument", "he grins, *visibly nervous*", "she is torn, *both
    hopeful* and afraid", "he leaves, angry at her"): a depictive, which says what the clause's subject is as they
    act, like "she is weary". Without an adverb before it, a word that goes on into a list may be a noun ("she talks
    about her job, stress and family"), so it must end its phrase, take an adjective's complement or be joined to
    another feeling ("she is here, calm and composed")."""
    following = tokens[end] if end < len(tokens) else "."
    if end - index != 1 or (following not in DEPICTIVE_ENDS
                            and not (following == "to" and _verb_with_object(lexicon, tokens, end))):
        return False
    comma = index - 1
    while comma >= 0 and index - comma <= 3 and (tokens[comma] in _DEPICTIVE_OPENERS or (
            tokens[comma].endswith("ly") and tokens[comma] not in GENERIC)):
        comma -= 1
    # After "clearly", "visibly" an adjective is predicated of the subject whichever wheel files it ("he nods,
    # clearly amused"); otherwise only a feeling of the first wheel reads as one ("she is here, calm and composed"),
    # and never a noun or a participle that goes on as a verb ("he looks out, possibly contemplating the view").
    if tokens[index] not in lexicon.feelings and (
            not tokens[index - 1].endswith("ly") or tokens[index] in lexicon.nouns
            or tokens[index].endswith(NOUN_SUFFIXES) or tokens[index].endswith("ing")):
        return False
    if comma < 1 or tokens[comma] != "," or (comma == index - 1 and (
            tokens[index].endswith(NOUN_SUFFIXES) or not (
                following in SENTENCE_END or following in OBJECT_PREPOSITIONS
                or (following in ("and", "or") and end + 1 < len(tokens)
                    and lexicon.match_at(tokens, end + 1) is not None)))):
        return False  # "calm and composed" goes on with a feeling; "stress and family" does not
    start = comma
    while start > 0 and comma - start < MAX_CLAUSE_TOKENS // 4 and tokens[start - 1] not in SENTENCE_END \
            and tokens[start - 1] not in (";", ":", ","):
        start -= 1
    # The describer ("I'd say the man is ..., possibly anger") is no subject of a depictive about the character.
    return any(token in PEOPLE for token in tokens[start:start + _DEPICTIVE_SUBJECT_REACH])


# The marks that open a phrase set off after a person, and the one that closes each.
SETTING_OFF = {",": ",", "(": ")"}
_SET_OFF_REACH = 8  # "the woman*, clearly upset, angry and sad,* leaves"


def set_off(tokens: list[str], comma: int, index: int) -> bool:
    """Whether the adjective at ``index`` stands in a phrase set off by commas or brackets right after a person: "the
    woman, clearly upset, leaves", "he, nervous and tired, sits down", "the woman (clearly nervous) fidgets" (a
    depictive: what the person is as they act)."""
    return comma > 0 and (tokens[comma - 1] in PEOPLE or tokens[comma - 1] in NOMINATIVE) \
        and SETTING_OFF[tokens[comma]] in tokens[index + 1:index + 5] and all(
            (token.endswith("ly") or token in INTENSIFIERS) and token not in ("a", "likely")
            for token in tokens[comma + 1:index])


def after_set_off(tokens: list[str], index: int) -> bool:
    """Whether ``index`` follows the closing mark of a phrase set off after a person ("the woman, clearly upset,
    *leaves*", "the man (nervous) *sits* down"): the clause's verb comes next, no further state of the phrase."""
    closing = index - 1
    if closing < 2 or tokens[closing] not in (",", ")") or tokens[index + 1:index + 2] in ([","], ["and"], ["or"]):
        return False  # "the man, tired, *hungry*, and sad, sits": the phrase's list goes on
    for opening in range(closing - 1, max(closing - _SET_OFF_REACH, 0), -1):
        if tokens[opening] in SENTENCE_END:
            return False
        if SETTING_OFF.get(tokens[opening]) == tokens[closing] and (
                tokens[opening - 1] in PEOPLE or tokens[opening - 1] in NOMINATIVE):
            return True
    return False


def appositive(tokens: list[str], comma: int) -> bool:
    """Whether an indefinite noun phrase after the comma at ``comma`` is in apposition to a person named before it:
    "the man*, a* nervous wreck, paces", "she*, an* anxious mother, waits" (a statement of what the person is, like
    "is a"); "the state of the individual, a direct observation of ..." goes on past the phrase."""
    return comma > 0 and tokens[comma - 1] in PEOPLE and comma + 1 < len(tokens) and tokens[comma + 1] in ("a", "an") \
        and "," in tokens[comma + 3:comma + 6]  # closed by a comma: "the man, a nervous wreck, paces the room"


def depicted_passive(lexicon: Lexicon, tokens: list[str], index: int, end: int) -> bool:
    """Whether a participle led by an adverb after a comma takes "by" and its cause ("he laughs, *clearly amused by
    the joke*"): the depictive says the subject is amused, so the participle is a state whichever wheel files it, as
    "amused" alone there is; without the depictive ("revealed by the camera") it stays a verb."""
    return end < len(tokens) and tokens[end] == "by" and tokens[index].endswith("ed") and index > 1 \
        and tokens[index - 1].endswith("ly") and depictive(lexicon, tokens, index, end) \
        and tokens[end + 1:end + 2] != [] and (tokens[end + 1] in DETERMINERS or tokens[end + 1] in OBJECT_PRONOUNS)
