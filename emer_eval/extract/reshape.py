"""The rewrite pass: shapes of English said in the plain order that the statement and negation rules read.

Before any emotion is attributed, the describer's tokens are rewritten once, left to right (:func:`reshaped`):
comparisons become "Y rather than X" ("not so much angry as hurt"), and so do corrections ("sad, or rather,
disappointed"); clefts and pseudo-clefts ("it is fear that drives her", "what this shows is anger"), inversions ("not
only is she sad"), litotes ("not unhappy"), "could not be happier", extraposed feelings ("it is a relief that"), "as
if", "(much) to her relief", alternation ("angry one moment, tearful the next"), two-word verbs of showing ("hint
at"), idioms, degree phrases, graded answers, genitives and frames (the shapes of :mod:`.frames`, :mod:`.restate`,
:mod:`.evidence`, :mod:`.idioms` and :mod:`.answers`) are said plainly; sentences that state what is generally true
are left out. Restating a shape once, rather than teaching every rule about it, keeps the attribution pass
(:mod:`.attribution`) about one plain grammar. Each shape starts at a word of a closed set (``RESHAPE_STARTS``), so
the pass costs little on the words that start none.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from emer_eval.extract.answers import field_key, inline_marker
from emer_eval.extract.evidence import CARRYING, carried
from emer_eval.extract.frames import (
    POSSESSED_BY,
    contracted_is,
    genitive,
    own_feeling,
    possessed_by,
    stated_frame,
    that_of,
)
from emer_eval.extract.idioms import IDIOM_ENDS, IDIOM_STARTS, idiom_at
from emer_eval.extract.lexicon import Lexicon, comparative, degree_before
from emer_eval.extract.restate import (
    DEGREE_NOUNS,
    MEASURE_NOUNS,
    NEGATIVE_SUBJECTS,
    degree_phrase,
    denied_showing,
    ever_so,
    measure_note,
    rating,
)
from emer_eval.extract.subjects import other_person
from emer_eval.extract.vocabulary import (
    ANSWER_KEYS,
    ATTRIBUTING,
    AUXILIARIES,
    BEFORE_CONCEALING,
    CLAUSE_PUNCTUATION,
    CLAUSE_WORDS,
    CONCEALING,
    COORDINATORS,
    COPULAS,
    DEGREE,
    DETERMINERS,
    DISJUNCTS,
    EVIDENTIAL,
    FILLERS,
    FOCUS_LINKS,
    FRAME_NOUNS,
    FREQUENCY,
    GIVING,
    GRADES,
    HEADS,
    INCLUSION,
    INVERSION_CUES,
    INVERTING,
    IRREGULAR_PAST,
    LEANING,
    LINKING_FILLERS,
    MAX_CLAUSE_TOKENS,
    MEDIA,
    META,
    MODALS,
    NEGATION_FIRST_WORDS,
    NEGATIVE_PRONOUNS,
    NOMINATIVE,
    NON_FINITE,
    PARTICULAR,
    PEOPLE,
    PERCEIVING,
    PERSON_NOUNS,
    PHRASAL_SHOWING,
    POINTING,
    POSSESSIVES,
    QUOTE_TOKEN,
    RECORDING,
    RELATIVES,
    RESHAPE_STARTS,
    SCANT,
    SENTENCE_END,
    SHOWING_PLACES,
    SINGLE_PEOPLE,
    UNDENIABLE,
    UNSURPASSABLE,
    negation_at,
)

__all__ = ["reshaped"]


def reshaped(lexicon: Lexicon, tokens: list[str]) -> list[str]:
    """The tokens with comparisons said in their plain order and generic sentences left out, in one linear pass.

    English weighs two emotions against each other in several shapes; each is restated as "Y rather than X", which the
    negation rules read: "not so much angry as disappointed" and "less angry than disappointed" state disappointment
    (in "more sad than angry" the second is already the one denied). "sad, if not depressed" means "sad, perhaps even
    depressed", so it reads as "sad, and even depressed". "less" before an emotion says how much, it is no label.
    """
    # An idiom of feeling may be here only if one of its last words is: then its first words ("on", "in") are looked at.
    starts = lexicon.reshape_starts if IDIOM_ENDS.isdisjoint(tokens) else lexicon.idiom_reshape_starts
    # A negated contraction ends in "n't", so only words holding an apostrophe need the closer look.
    out = _rewritten(tokens, [position for position, token in enumerate(tokens) if token in starts or "'" in token],
                     partial(_reshaped_at, lexicon))  # a partial, not a lambda: no extra Python call per position
    if "it" in out or "what" in out:
        out = _unclefted(lexicon, out)
    return _without_generic_sentences(out) if FREQUENCY.intersection(out) else out


def _rewritten(tokens: list[str], positions: list[int],
               rewrite: Callable[[list[str], int, list[str]], tuple[list[str], int] | None]) -> list[str]:
    """The tokens with each shape ``rewrite`` finds at one of ``positions`` replaced, in one linear pass.

    ``positions`` (ascending) are where a shape may start; the words between them are copied a slice at a time,
    since most words start none. ``rewrite`` gets the position and the tokens written so far (which it may change:
    "X, or rather Y" takes X back) and gives the replacement and the index after the shape, or None.
    """
    out: list[str] = []
    index = 0
    for position in positions:
        if position < index:
            continue  # inside a shape already rewritten
        out.extend(tokens[index:position])
        rewritten = rewrite(tokens, position, out)
        if rewritten is None:
            out.append(tokens[position])
            index = position + 1
        else:
            out.extend(rewritten[0])
            index = rewritten[1]
    out.extend(tokens[index:])
    return out


def _reshaped_at(lexicon: Lexicon, tokens: list[str], index: int, out: list[str]) -> tuple[list[str], int] | None:
    """For a shape ``reshaped`` restates starting at ``index`` (``out``: the tokens before it, restated): the tokens
    said instead and the index after the shape; None for any other word."""
    token, count = tokens[index], len(tokens)
    # "that", "or" and "to" start a shape more often than any other word, and each starts only one: it is tried first,
    # and the tests of the other shapes are skipped.
    if token in ("that", "those"):
        if index > 0 and tokens[index - 1] in COPULAS:
            return that_of(tokens, index, lexicon.starts_form, PERSON_NOUNS)  # "is that of someone deeply ashamed"
        return None
    if token == "or":
        if tokens[index + 1:index + 2] == ["rather"] and out:
            return _self_correction(lexicon, tokens, index, out)
        return None
    if token == "to":
        if tokens[index + 1:index + 2] in (["her"], ["his"], ["their"]) and (
                not out or out[-1] in SENTENCE_END or out[-1] == ";" or (out[-1] == "much" and (
                    len(out) == 1 or out[-2] in SENTENCE_END or out[-2] == ";"))):
            return _stirred(lexicon, tokens, index, out)
        return None
    if token.endswith("'s") and index + 1 < count:
        return contracted_is(tokens, index, out, lexicon, SINGLE_PEOPLE) \
            or genitive(tokens, index, out, lexicon.nouns, other_person)  # "the man's anger" → "their anger"
    if token in RECORDING and index + 2 < count and tokens[index + 1] in POSSESSIVES \
            and tokens[index + 2] in lexicon.nouns and not MEDIA.isdisjoint(out[-3:]):
        return ["shows"], index + 1  # "the video captures his fear": a recording shows what it records
    if token in CARRYING:
        return carried(tokens, index, out, SHOWING_PLACES, lexicon.nouns)  # "his tone carries bitterness": shows it
    if token == "own":
        return own_feeling(tokens, index, out, POSSESSIVES, lexicon.nouns)  # "his own fear" → "his fear"
    if token in POSSESSED_BY and (framed := possessed_by(tokens, index, lexicon.nouns)) is not None:
        return framed  # "overcome by grief" → "with grief"
    if (token == "there" or token in PERCEIVING) and (
            framed := stated_frame(tokens, index, lexicon.starts_form, FRAME_NOUNS, lexicon.nouns)) is not None:
        return framed  # "there is an undercurrent of anxiety", "there is fear in his voice" → "... a sense of ..."
    if token == "at" and tokens[index + 1:index + 2] == ["times"]:
        return (["sometimes"], index + 2)  # "at times": an adverb of frequency, which may open a list item
    if token in IDIOM_STARTS and (idiom := idiom_at(tokens, index)) is not None:
        return idiom  # "she is on edge" → "she is nervous"
    if token not in RESHAPE_STARTS and not token.endswith("n't"):
        # Every other shape starts with a word of RESHAPE_STARTS or a negated contraction: any other word ("in",
        # "on", a form) may only say how much, and the tests below are skipped.
        return _degree_word(lexicon, tokens, index)
    if token == "one":
        return _alternation(lexicon, tokens, index, out) if tokens[index + 1:index + 2] != [] \
            and tokens[index + 1] in _MOMENTS else None
    if token == "if" and (named := _conditional_naming(tokens, index)) is not None:
        return named
    if token == "as":
        return _counterfactual(tokens, index) or _hedged_as_if(lexicon, tokens, index, out) \
            if tokens[index + 1:index + 2] in (["if"], ["though"]) else None
    if token == "it":
        return _extraposed(lexicon, tokens, index) if tokens[index + 1:index + 2] in (["is"], ["was"]) else None
    if token == "not" and tokens[index + 1:index + 2] == ["without"]:
        return (["with"], index + 2)  # "not without fear": with some fear (litotes)
    if token == "not" and index + 1 < count and tokens[index + 1].startswith("un") \
            and tokens[index + 1][2:] in lexicon.feelings:
        return (["somewhat", tokens[index + 1][2:]], index + 2)  # "not unhappy": somewhat happy (litotes)
    if token == "not" or token.endswith("n't"):
        # "not so much angry as hurt"; the verb of a contraction stays ("he isn't so much angry as hurt" → "he is hurt
        # rather than angry"), and so does a copula between ("he doesn't seem so much angry as confused")
        copula = tokens[index + 1:index + 2] != [] and tokens[index + 1] in COPULAS
        if tokens[index + 1 + copula:index + 3 + copula] == ["so", "much"] \
                and (swapped := _swap_comparison(lexicon, tokens, index + 3 + copula, "as")) is not None:
            verbs = ([token[:-3]] if token != "not" else []) + tokens[index + 1:index + 1 + copula]
            return [*verbs, *swapped[0]], swapped[1]
    if token in ("less", "least") and index + 1 < count and tokens[index + 1] != "than" \
            and lexicon.match_at(tokens, index + 1) is not None:
        return _swap_comparison(lexicon, tokens, index + 1, "than") or ([], index + 1)  # "less" is a degree
    if token == "if" and index > 0 and tokens[index - 1] == "," and tokens[index + 1:index + 2] == ["not"] \
            and (emotion := _past_degree_adverbs(lexicon, tokens, index + 2)) < count:
        return (["and", "even"], emotion)  # "sad, if not (downright) depressed": perhaps even depressed
    if token in GIVING and tokens[index + 1:index + 3] == ["way", "to"]:
        return ([GIVING[token], "to"], index + 3)  # "her anger gives way to sorrow": a change of state
    if token == "nothing" and tokens[index + 1:index + 2] == ["but"]:
        return (["only"], index + 2)  # "he feels nothing but contempt": only contempt
    if token in PHRASAL_SHOWING and index + 1 < count:
        return _phrasal_showing(lexicon, tokens, index)
    if token == "there" and tokens[index + 1:index + 3] in (["is", "no"], ["was", "no"]) \
            and index + 3 < count and tokens[index + 3] in UNDENIABLE:
        return (["shows"], index + 4)  # "there is no denying her joy": it shows, whoever says it
    if token in INVERSION_CUES and index + 2 < count and tokens[index + 1 + (token == "not")] in INVERTING:
        return _uninverted(lexicon, tokens, index)
    if token in UNSURPASSABLE and index + 2 < count:
        return _unsurpassable(lexicon, tokens, index) or (
            _unconcealed(tokens, index) if token != "could" and token != "can" else None)  # "cannot hide"
    if (degree := _degree_word(lexicon, tokens, index)) is not None:
        return degree
    if token in DEGREE_NOUNS and out:
        return degree_phrase(tokens, index, out, lexicon.starts_form, META)  # "a bit nervous": "somewhat"
    if token == "ever" and index + 1 < count:
        return ever_so(tokens, index)
    if token == "(" and (swapped := measure_note(tokens, index, lexicon.starts_form, GRADES)) is not None:
        return swapped  # "fear (high confidence)": the answer's grade, no emotion
    if token in MEASURE_NOUNS and (swapped := rating(tokens, index, out, GRADES)) is not None:
        return swapped  # "Emotion: fear, high confidence": the answer's grade, no emotion
    if token in NEGATIVE_SUBJECTS and (swapped := denied_showing(tokens, index, out, EVIDENTIAL)) is not None:
        return swapped  # "nothing in the clip suggests that ...": said as "nothing suggests that ..."
    if token == ")" and (listed := inline_marker(tokens, index, out, lexicon.starts_form)) is not None:
        return listed  # "Key emotions: 1) anxiety 2) sadness": "anxiety, sadness"
    if token == "(" and tokens[index + 2:index + 3] == [")"] and (
            tokens[index + 1] in FILLERS or tokens[index + 1] in DISJUNCTS
            or tokens[index + 1] in lexicon.adverbs):
        return ([tokens[index + 1]], index + 3)  # "she is (clearly) upset": an aside in brackets
    if token in NEGATION_FIRST_WORDS or token.endswith("n't"):
        return _unconcealed(tokens, index)
    return None


# Adverbs of degree that are no "-ly" words: "if not *outright* angry", "if not *downright* hostile".
_BARE_DEGREE_ADVERBS = frozenset({"outright", "downright", "quite", "even", "truly", "altogether"})


def _past_degree_adverbs(lexicon: Lexicon, tokens: list[str], start: int) -> int:
    """The index of the form at ``start`` or after one or two adverbs of degree there ("*utterly* depressed",
    "*outright* angry"); ``len(tokens)`` when no form follows."""
    for at in range(start, min(start + 3, len(tokens))):
        if lexicon.match_at(tokens, at) is not None:
            return at
        if not (tokens[at].endswith("ly") or tokens[at] in _BARE_DEGREE_ADVERBS):
            break
    return len(tokens)


def _degree_word(lexicon: Lexicon, tokens: list[str], index: int) -> tuple[list[str], int] | None:
    """For a form naming no feeling that says how much before a comparative at ``index`` ("far happier", "far more
    nervous"): "very", a degree word, and the index after it; None otherwise."""
    token = tokens[index]
    if token in lexicon.by_first and token not in lexicon.feelings and index + 1 < len(tokens) \
            and degree_before(token) and comparative(lexicon, tokens, index + 1):
        return (["very"], index + 1)
    return None


_ALTERNATION_WORDS = 4  # "angry one moment, *deeply* tearful the next"
# Nouns of a moment that alternation names: "angry one moment, tearful the next", "happy one minute and sad the next".
_MOMENTS = frozenset({"moment", "minute", "second", "instant", "day"})
# What may follow "it" (or "I") after a conditional that names an emotion: "it would be loneliness", "I'd say anger".
_NAMING = frozenset({"be", "say", "pick", "choose", "name"})


def _alternation(lexicon: Lexicon, tokens: list[str], index: int, out: list[str]) -> tuple[list[str], int] | None:
    """For "X one moment, Y the next" with "one" at ``index`` and X an emotion ending ``out`` ("angry one moment,
    tearful the next", "happy one minute and sad the next"): the person alternates between the two, said
    "alternates between X and Y" (``out`` loses X), which names both as a change does."""
    previous = lexicon.match_at(out, len(out) - 1) if out else None
    link = index + 2
    if previous is None or previous[1] != 1 or tokens[link:link + 1] not in ([","], ["and"], ["but"]):
        return None
    for end in range(link + 2, min(link + 2 + _ALTERNATION_WORDS, len(tokens) - 1)):
        if tokens[end:end + 2] == ["the", "next"]:
            emotion = out.pop()
            return ["alternates", "between", emotion, "and", *tokens[link + 1:end]], end + 2
        if tokens[end] in SENTENCE_END or tokens[end] in CLAUSE_PUNCTUATION:
            return None
    return None


def _conditional_naming(tokens: list[str], index: int) -> tuple[list[str], int] | None:
    """For a conditional that names the emotion it asks for, opening its sentence, with "if" at ``index`` ("if I had
    to name one emotion, it would be loneliness", "if I had to pick one feeling, I'd say anger"): the tokens "her
    emotion is" and the index of what is named. A conditional about anything else ("if she were angry, she would
    shout") is left alone."""
    if index and tokens[index - 1] not in SENTENCE_END:
        return None
    comma = next((position for position in range(index + 1, min(index + 12, len(tokens)))
                  if tokens[position] == "," or tokens[position] in SENTENCE_END), -1)
    if comma < 0 or tokens[comma] != "," or META.isdisjoint(tokens[index + 1:comma]):
        return None
    verb = comma + 2
    while verb < len(tokens) and verb - comma <= 4 and tokens[verb] not in _NAMING:
        if tokens[verb] not in ("would", "probably", "likely", "most"):
            return None
        verb += 1
    if verb >= len(tokens) or tokens[verb] not in _NAMING or tokens[comma + 1] not in ("it", "that", "i"):
        return None
    return ["her", "emotion", "is"], verb + 1


def _phrasal_showing(lexicon: Lexicon, tokens: list[str], index: int) -> tuple[list[str], int] | None:
    """For a two-word verb of showing at ``index`` ("his gestures *hint at* frustration", "her silence *speaks to* her
    sadness", "the evidence *points towards* anxiety"): the one-word verb of showing it means and the index after
    it. "speak to" shows only when its object is an emotion that ends the phrase ("speaks to her sadness", not "speaks
    to her mother" nor "speaks to her angry son"), and is then read as "points to", which a person cannot do as a
    statement ("she points to"); None for any other use."""
    token, following = tokens[index], tokens[index + 1]
    verb = PHRASAL_SHOWING[token]
    if verb.startswith("suggest"):
        return ([verb], index + 2) if following == "at" else None
    if verb.startswith("point") and (token in POINTING or token in LEANING):
        # an adverb may stand between: "the mood leans heavily toward anxiety"
        adverb = following.endswith("ly") and following not in FILLERS and index + 2 < len(tokens)
        towards = tokens[index + 1 + adverb]
        return ([verb, "to"], index + 2 + adverb) if towards in ("toward", "towards") else None
    if following != "to":
        return None
    position = index + 2
    while position < len(tokens) and position - index < 5 and tokens[position] in FILLERS \
            and tokens[position] not in LINKING_FILLERS:
        position += 1
    match = lexicon.match_at(tokens, position) if position < len(tokens) else None
    if match is None:
        return None
    after = tokens[position + match[1]] if position + match[1] < len(tokens) else "."
    if not (after in SENTENCE_END or after in CLAUSE_PUNCTUATION or after in COORDINATORS or after in CLAUSE_WORDS):
        return None
    return [verb, "to"], index + 2


def _uninverted(lexicon: Lexicon, tokens: list[str], index: int) -> tuple[list[str], int] | None:
    """For a clause inverted after "not only" or "never" at ``index`` ("not only *is she* sad, she is also angry",
    "never *has she* been so happy"): the tokens in plain order and the index after the subject. "Not only" adds
    what follows to what is said next; "never ... so" (or "more", "this", "-er") says the state has never been this
    strong, so it holds now ("seldom" and "rarely" alike). "Never has she been angry" denies it and is left alone;
    an inversion after no such word is a question ("is she sad?"), which asserts nothing and is left alone too."""
    verb = index + 1 + (tokens[index] == "not")
    if (tokens[index] == "not") != (tokens[index + 1] == "only"):
        return None
    subject = verb + 1
    if subject >= len(tokens):
        return None
    end = subject + 1 if tokens[subject] in NOMINATIVE and tokens[subject] not in RELATIVES else (
        subject + 2 if tokens[subject] in DETERMINERS and tokens[subject + 1:subject + 2] != []
        and tokens[subject + 1] in PEOPLE else -1)
    if end < 0:
        return None
    if tokens[index] == "not":
        return ["not", "only", *tokens[subject:end], tokens[verb]], end
    degree = any(token in ("so", "more", "this", "as") or (token.endswith("er") and lexicon.match_at(tokens, position))
                 for position, token in enumerate(tokens[end:end + 3], start=end))
    return ([*tokens[subject:end], tokens[verb]], end) if degree else None


def _unsurpassable(lexicon: Lexicon, tokens: list[str], index: int) -> tuple[list[str], int] | None:
    """For "could not be <more X | X-er>" at ``index`` ("she could not be happier", "he couldn't be more nervous"):
    the state cannot be greater, so it holds, said "be X"; the tokens and the index of the comparison. "Could not be
    less interested" denies it and is left alone, as is "could not be happy". "She could be happier" says the state
    falls short, said "could be not happier" so that nothing is asserted ("could be less nervous" is left alone)."""
    if tokens[index] == "could" and tokens[index + 1] == "be" and tokens[index + 2] != "less" \
            and comparative(lexicon, tokens, index + 2):
        return ["could", "be", "not"], index + 2  # "she could be happier": she is not as happy as she might be
    be = index + 1 + (tokens[index] in ("could", "can"))
    be += tokens[be:be + 1] == ["possibly"]
    if tokens[index] in ("could", "can") and tokens[index + 1] != "not" or tokens[be:be + 1] != ["be"] \
            or be + 1 >= len(tokens):
        return None
    following = tokens[be + 1]
    if following == "more" or (following.endswith("er") and lexicon.match_at(tokens, be + 1) is not None):
        return ["be"], be + 1 + (following == "more")
    return None


def _extraposed(lexicon: Lexicon, tokens: list[str], index: int) -> tuple[list[str], int] | None:
    """For "it is a <emotion noun> that / to / when ..." at ``index`` ("it is a relief that the exam is over", "it was
    a joy to see her"): an extraposed clause that names the feeling the event gives, said "a sense of relief", and the
    index after the noun. Only a noun the wheels list as a first-wheel emotion in its own right counts (``nouns``:
    "relief", "joy", "disappointment"); the evaluative "it is a shame / a pity that" names none there ("shame" is
    filed under "shamed", "pity" names no first-wheel sector) and states nothing, as English means it. With an
    experiencer ("it is a surprise *to her* that he came back", "it was a shock to him") the feeling is that person's,
    and so does a noun whose participle is a first-wheel feeling in its own right (``felt_nouns``: "surprise" →
    "surprised", "shock" → "shocked"; not "a help to her": the wheels file "helped" under "helpless"); "to me" is the
    describer's."""
    noun = index + 3 + (tokens[index + 2:index + 3] == ["such"])
    if noun + 1 >= len(tokens) or tokens[noun - 1] not in ("a", "an"):
        return None
    word, after = tokens[noun], noun + 1
    if tokens[after:after + 1] == ["to"] and tokens[after + 1:after + 2] in (["her"], ["him"], ["them"]):
        after += 2  # the experiencer
        if word not in lexicon.nouns and word not in lexicon.felt_nouns:
            return None
    elif word not in lexicon.nouns:
        return None
    if after >= len(tokens) or tokens[after] not in ("that", "to", "when"):
        return None
    return ["a", "sense", "of", word], after


# Verbs of acting before "as if" / "as though": what follows is put on ("he acts as if he were calm").
_ACTING = frozenset(f"{stem}{ending}" for stem in ("act", "behave", "pretend") for ending in ("", "s", "ed", "ing"))


def _hedged_as_if(lexicon: Lexicon, tokens: list[str], index: int, out: list[str]) -> tuple[list[str], int] | None:
    """For "as if" / "as though" at ``index`` before an emotion with no clause of its own ("he grins, as if
    embarrassed", "she laughs as though relieved"): "seemingly", a hedged statement that the subject feels it (set off
    by a comma, as a depictive), which the statement rules read; the emotion outranks the behaviour. After a verb of
    acting the state is put on ("he acts as if calm") and nothing is said."""
    after = index + 2
    if after >= len(tokens) or lexicon.match_at(tokens, after) is None or (out and out[-1] in _ACTING):
        return None
    return (["seemingly"] if not out or out[-1] == "," or out[-1] in ATTRIBUTING else [",", "seemingly"]), after


def _counterfactual(tokens: list[str], index: int) -> tuple[list[str], int] | None:
    """For "as if" / "as though" at ``index`` followed by a subject and a copula that is counterfactual — the
    subjunctive "were" after a singular subject ("as if he were calm") or any copula after a verb of acting ("he acts
    as if he is calm"): the clause said with "not" after the copula, since the state is supposed, not shown. "She
    looks as if she is happy" is evidence of the state and is left alone."""
    subject = index + 2
    end = subject + 1 if subject < len(tokens) and tokens[subject] in NOMINATIVE else (
        subject + 2 if tokens[subject:subject + 1] in (["the"], ["this"]) and subject + 1 < len(tokens)
        and tokens[subject + 1] in PEOPLE else -1)
    if end < 0 or end >= len(tokens) or tokens[end] not in COPULAS:
        return None
    singular = tokens[subject] not in ("they", "we", "you") and not tokens[end - 1].endswith("s")
    acting = index > 0 and tokens[index - 1] in _ACTING
    if not (acting or (tokens[end] == "were" and singular)):
        return None
    return [*tokens[index:end + 1], "not"], end + 1


def _stirred(lexicon: Lexicon, tokens: list[str], index: int, out: list[str]) -> tuple[list[str], int] | None:
    """For "(Much) to her <emotion>, ..." opening a sentence at ``index`` ("To her relief, the test went well", "much
    to his dismay, it rains"): the emotion the event stirs in the possessor, said as its own sentence "she feels
    relief ." (a leading "much" in ``out`` dropped) so that what follows the comma is no list of it. The clause after
    the comma is the event that stirred the emotion ("much to his dismay, the store is closed"), not a statement of
    anyone's state, so it is left out unless the possessor is its subject ("to her relief, she is calm again")."""
    match = lexicon.match_at(tokens, index + 2) if index + 2 < len(tokens) else None
    after = index + 3 + match[1] if match is not None else 0
    if match is None or tokens[after - 1:after] != [","]:
        return None
    if out and out[-1] == "much":
        out.pop()
    subject = {"her": "she", "his": "he", "their": "they"}[tokens[index + 1]]
    if tokens[after:after + 1] != [subject]:
        event = after
        while event < len(tokens) and event - after < MAX_CLAUSE_TOKENS and tokens[event] not in SENTENCE_END:
            event += 1
        after = event if event < len(tokens) and tokens[event] in SENTENCE_END else after
    return [subject, "feels", *tokens[index + 2:index + 2 + match[1]], "."], after


def _self_correction(lexicon: Lexicon, tokens: list[str], index: int, out: list[str]) -> tuple[list[str], int] | None:
    """For "X, or rather(,) Y" with "or" at ``index`` and X, Y emotions ("sad, or rather, disappointed"): the speaker
    corrects X to Y, said "Y rather than X" for the negation rules; ``out`` (the tokens before) loses X. None for any
    other "or rather"."""
    last = len(out) - 1 - (out[-1] == ",")
    previous = lexicon.match_at(out, last) if last >= 0 else None
    if previous is None or previous[1] != 1:
        return None
    position = index + 2 + (tokens[index + 2:index + 3] == [","])
    match = lexicon.match_at(tokens, position) if position < len(tokens) else None
    if match is None:
        return None
    corrected = out[last]
    del out[last:]
    return [*tokens[position:position + match[1]], "rather", "than", corrected], position + match[1]


def _unconcealed(tokens: list[str], index: int) -> tuple[list[str], int] | None:
    """For a negated verb of concealing at ``index`` whose object is the subject's own ("cannot hide her joy", "can't
    conceal his anger", "does not even try to hide her disappointment", "could not suppress a smile"): the
    token "shows" and the index after the verb; for "barely" / "hardly" / "scarcely" before its participle ("barely
    concealed anger"), "visible", a word of how plainly the emotion shows. Not hiding an emotion shows it; None for
    any other negation."""
    if not negation_at(tokens, index):
        return None
    if tokens[index] in SCANT and tokens[index + 1:index + 2] != [] and tokens[index + 1] in CONCEALING \
            and tokens[index + 1].endswith(("ed", "en")):
        return ["visible"], index + 2  # "with barely concealed anger", "his hardly hidden joy": it shows
    verb = index + 1
    while verb < len(tokens) and verb - index <= 4 and tokens[verb] in BEFORE_CONCEALING:
        verb += 1
    if verb + 1 < len(tokens) and tokens[verb] in CONCEALING and (tokens[verb + 1] in POSSESSIVES
                                                                   or tokens[verb + 1] in ("a", "an")):
        return ["shows"], verb + 1
    return None


def _unclefted(lexicon: Lexicon, tokens: list[str]) -> list[str]:
    """The tokens with cleft sentences said in their plain order: "it is anger that she shows" → "she shows anger".

    A cleft puts the emotion first for emphasis and leaves the verb that attributes it in the relative clause after
    "that"; said plainly, the statement and negation rules read it as any other ("it is anger, not fear, that she
    shows", and after the comparison rules "it is not so much fear as anger that she shows" → anger). A cleft whose
    relative clause has no subject of its own makes the emotion that subject ("it is fear that drives her", "it is her
    anger that stands out"), said as the pseudo-cleft "what drives her is fear", which states the emotion. A
    pseudo-cleft whose clause holds a subject and a verb of feeling or showing is said plainly too ("what this shows
    is anger" → "this shows anger").
    """
    return _rewritten(tokens, [position for position, token in enumerate(tokens) if token == "it" or token == "what"],
                      lambda tokens, index, out: _cleft_at(lexicon, tokens, index) if tokens[index] == "it"
                      else _pseudo_cleft_at(lexicon, tokens, index))


def _cleft_at(lexicon: Lexicon, tokens: list[str], index: int) -> tuple[list[str], int] | None:
    """For "it is X that <subject> <verb>" starting at ``index`` (X naming an emotion, the verb one that attributes
    it: "it was sadness that the man felt"): the tokens "<subject> <verb> X" and the index after the clause. None
    for any other shape: "it is a shame that she left", "it is clear that she is sad". A relative clause without a
    subject ("it is fear that drives her") gives "what drives her is fear", a pseudo-cleft that states the emotion."""
    opening = tokens[index - 1] if index else "."
    if not (opening in SENTENCE_END or opening in CLAUSE_PUNCTUATION or opening in CLAUSE_WORDS) or \
            tokens[index + 1:index + 2] not in (["is"], ["was"]):
        return None
    relative = next((position for position in range(index + 2, min(index + 14, len(tokens)))
                     if tokens[position] in ("that", "which") or tokens[position] in SENTENCE_END), len(tokens))
    if relative >= len(tokens) or tokens[relative] in SENTENCE_END:
        return None
    focus = tokens[index + 2:relative]
    end = relative + 1
    while end < len(tokens) and not (tokens[end] in SENTENCE_END or tokens[end] in CLAUSE_PUNCTUATION
                                     or tokens[end] in CLAUSE_WORDS):
        end += 1
        if end - relative > 6:
            return None  # a long relative clause says more than who shows the emotion
    rest = tokens[relative + 1:end]
    while focus and focus[-1] == ",":
        focus = focus[:-1]
    if rest and _finite_verb(lexicon, tokens, relative + 1) and _emotion_phrase(lexicon, focus):
        return ["what", *rest, tokens[index + 1], *focus], end  # the emotion is the subject: "fear drives her"
    if not (rest and (rest[0] in PARTICULAR or rest[0] in PEOPLE) and not ATTRIBUTING.isdisjoint(rest)
            and any(token in lexicon.nouns for token in focus)
            and all(lexicon.match_at(tokens, position) is None for position in range(relative + 1, end))):
        return None
    return [*rest, *focus], end


def _emotion_phrase(lexicon: Lexicon, focus: list[str]) -> bool:
    """Whether ``focus`` is a noun phrase of emotion nouns ("fear", "her anger", "not fear", "anger, not fear"), not
    an adjective or a clause ("important to note", "a shame")."""
    return any(token in lexicon.nouns for token in focus) and all(
        token in lexicon.nouns or token in DETERMINERS or token in DEGREE or token in COORDINATORS
        or token in FRAME_NOUNS or token in FOCUS_LINKS for token in focus)


def _finite_verb(lexicon: Lexicon, tokens: list[str], index: int) -> bool:
    """Whether the word at ``index``, opening a relative clause, is its finite verb rather than its subject ("that
    *drives* her", "that *stands* out", "that *is* evident", "that *made* her cry"; not "that *she* shows", "that
    *the* man felt", "that *emotions* are complex")."""
    token = tokens[index]
    if token in PARTICULAR or token in PEOPLE or token in DETERMINERS or token in NEGATIVE_PRONOUNS \
            or token in META or token in HEADS or token in lexicon.nouns:
        return False
    return (token in ATTRIBUTING and token not in NON_FINITE) or token in MODALS or token in AUXILIARIES \
        or token in IRREGULAR_PAST or (token.endswith(("s", "ed")) and not token.endswith(("ss", "ness", "ous")))


def _pseudo_cleft_at(lexicon: Lexicon, tokens: list[str], index: int) -> tuple[list[str], int] | None:
    """For "what <subject> <verb> is X" starting at ``index``, the verb one of feeling or showing ("what this shows is
    anger", "what her face reveals is fear"): the tokens "<subject> <verb>" and the index of X, so that the statement
    reads "this shows anger". None for any other shape ("what stands out is her anger" needs no change)."""
    opening = tokens[index - 1] if index else "."
    if not (opening in SENTENCE_END or opening in CLAUSE_PUNCTUATION or opening in CLAUSE_WORDS):
        return None
    copula = index + 1
    while copula < len(tokens) and copula - index <= 6 and tokens[copula] not in ("is", "was"):
        token = tokens[copula]
        if token in SENTENCE_END or token in CLAUSE_PUNCTUATION or token in CLAUSE_WORDS \
                or lexicon.match_at(tokens, copula) is not None:
            return None
        copula += 1
    clause = tokens[index + 1:copula]
    if copula >= len(tokens) or copula - index > 6 or not clause or not (clause[0] in PARTICULAR
                                                                          or clause[0] in PEOPLE) \
            or not any(token in ATTRIBUTING and token not in COPULAS for token in clause[1:]):
        return None
    return clause, copula + 1


def _new_subject_after(tokens: list[str], index: int) -> bool:
    """Whether a clause about someone in particular starts after the comma or semicolon at ``index`` (", and she",
    "; the man"), rather than a list going on (", satisfaction or pleasure")."""
    if tokens[index] not in (",", ";"):
        return False
    following = tokens[index + 1:index + 3]
    if following and following[0] in ("and", "but", "yet", "so", "while", "whereas", "although", "though"):
        following = following[1:]
    return bool(following) and following[0] in PARTICULAR


def _swap_comparison(lexicon: Lexicon, tokens: list[str], start: int, pivot: str) -> tuple[list[str], int] | None:
    """For "X <pivot> Y" starting at ``start`` (each a short phrase inside the clause, Y naming an emotion): the tokens
    "Y rather than X" and the index after Y; None when the text does not have that shape."""
    first = _phrase_end(tokens, start)
    if first >= len(tokens) or tokens[first] != pivot or first == start:
        return None
    second = _phrase_end(tokens, first + 1)
    if not any(lexicon.match_at(tokens, position) is not None for position in range(first + 1, second)):
        return None
    return [*tokens[first + 1:second], "rather", "than", *tokens[start:first]], second


def _phrase_end(tokens: list[str], start: int) -> int:
    """The index after a phrase of at most six tokens starting at ``start``: it ends at punctuation, a clause word,
    "as" or "than"."""
    end = start
    while end < len(tokens) and end - start < 6 and tokens[end] not in ("as", "than") and not (
            tokens[end] in CLAUSE_PUNCTUATION or tokens[end] in SENTENCE_END or tokens[end] in CLAUSE_WORDS):
        end += 1
    return end


def _without_generic_sentences(tokens: list[str]) -> list[str]:
    """The tokens without the clauses that state what is generally true: an adverb of frequency after a subject that
    is no one in particular ("a smile is usually a sign of happiness, joy or relief", "crying often indicates
    sadness"); the clause ends at a sentence end or where a particular subject follows a comma ("..., and she is
    laughing" is about her). "She often smiles" and "the man usually seems calm" are about the character and stay, and
    so does a generic clause that the next one applies to the character ("people often feel nervous when they speak,
    and she is one of them", "... . She is no exception")."""
    kept: list[str] = []
    start = 0
    ends = [end for end, token in enumerate(tokens) if token in SENTENCE_END
            or ((token == "," or token == ";") and _new_subject_after(tokens, end))]  # the test a comma needs first
    for end in [*ends, len(tokens)]:
        clause = tokens[start:end + 1]
        opens_sentence = start == 0 or tokens[start - 1] in SENTENCE_END
        frequency = next((position for position, token in enumerate(clause[:8]) if token in FREQUENCY), 0)
        generic = opens_sentence and frequency > 0 and not any(token in PARTICULAR or token == QUOTE_TOKEN
                                                               for token in clause[:frequency]) \
            and not _applied_to_someone(tokens[end + 1:end + 9]) and not _in_a_field(clause, frequency)
        kept.extend(clause[-1:] if generic else clause)
        start = end + 1
    return kept


def _in_a_field(clause: list[str], frequency: int) -> bool:
    """Whether the adverb of frequency at ``frequency`` stands in the value of an answer's field ("Mood: gloomy,
    *often* nervous", "Emotion: calm, sometimes irritable"): a verbless list of the character's states, one item said to
    hold often, not a statement of what is generally true ("Emotion: a smile usually means joy" is one: the adverb
    must open a list item)."""
    return clause[frequency - 1] == "," and any(token == ":" and position > 0
                                                and clause[field_key(clause, position)] in ANSWER_KEYS
                                                for position, token in enumerate(clause[:frequency]))


def _applied_to_someone(clause: list[str]) -> bool:
    """Whether ``clause`` (the words after a generic clause) says it holds of someone in particular, by a short
    elliptical clause of inclusion: "and she is one of them", "she is no exception", "he does too", "the man is as
    well". A clause saying more than that ("she is laughing") is a statement of its own."""
    if clause[:1] in (["and"], ["but"]):
        clause = clause[1:]
    end = next((position for position, token in enumerate(clause) if token in SENTENCE_END or token == ","),
               len(clause))
    clause = clause[:end]
    if not clause or clause[0] not in PARTICULAR or len(clause) > 6:
        return False
    words = " " + " ".join(clause)
    return any(words.endswith(f" {marker}") for marker in INCLUSION)
