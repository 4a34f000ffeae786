"""The attribution pass: which emotion forms a description states of someone, and which it denies.

A form is a label only where English grammar attributes it (:func:`mentions_in`): after a copula or a verb of feeling,
seeming or showing, in a frame ("a sense of", "with"), heading a subject ("her anger is obvious"), as the manner of
an act ("speaks angrily"), fronted, depictive or set off by commas, as the value of an answer's field or in a bare
list, or going on in a list of such statements. A modifier ("a strong sense of"), a verb with an object, a trait ("a
lovely person"), what is said of an emotion ("her anger is *clear*") and a form in a negation's scope ("not angry",
"no sign of fear") are not. What each statement is about comes from :mod:`.subjects`; expressive behaviour ("she is
crying" → sad), the last source of labels, is read here too, with the same negation, and never where the describer
denies the emotion it shows (:func:`negated_forms`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from emer_eval.extract.answers import answer_heading, bare_label_list, field_key, opens_a_clause, own_heading
from emer_eval.extract.evidence import PERCEPTIBLE, unseen
from emer_eval.extract.frames import NOUN_SUFFIXES
from emer_eval.extract.lexicon import Lexicon
from emer_eval.extract.subjects import (
    ABOUT_CHARACTER,
    ABOUT_EVIDENCE,
    ABOUT_STATE,
    Mention,
    clause_head,
    followed_by_meta,
    personal_subject,
    statement_about,
)
from emer_eval.extract.verbless import (
    DEPICTIVE_ENDS,
    SETTING_OFF,
    after_set_off,
    appositive,
    depicted_passive,
    depictive,
    fronted,
    set_off,
)
from emer_eval.extract.vocabulary import (
    ALONG,
    ANSWER_KEYS,
    ASIDE_REACH,
    ATTITUDE_VERBS,
    ATTRIBUTING,
    AUXILIARIES,
    BECOMING,
    BEHAVIOUR,
    CHANGE_PREPOSITIONS,
    CHANGE_VERBS,
    CLAUSE_PUNCTUATION,
    CLAUSE_WORDS,
    COMING,
    CONTINUING,
    CONTRASTING,
    COORDINATORS,
    COPULAS,
    CORRELATIVES,
    DEGREE,
    DESCRIBED_PEOPLE,
    DETERMINERS,
    DIMENSIONS,
    DIRECT,
    DISJUNCTS,
    EVIDENCE,
    EXCEPTIONS,
    EXPRESSION_NOUNS,
    EXPRESSIVE_VERBS,
    FALLING,
    FEELING_VERBS,
    FILLERS,
    FIRST_PERSON,
    FRAME_NOUNS,
    GENERIC,
    HALF_HEARTED,
    HEADS,
    INTENSIFIERS,
    IRREALIS,
    KNOWING,
    LIGHTING,
    LINKING_FILLERS,
    LIST_LINKS,
    LIT_UP,
    MANNER,
    MEDIA,
    META,
    META_NOUNS,
    MODALS,
    MOOD_DEGREES,
    MOODS,
    NAMED_OBJECT_WORDS,
    NAMING_AS,
    NEGATED_LIST_REACH,
    NEGATED_NOUN_PHRASE,
    NEGATION_FIRST_WORDS,
    NEGATION_SCOPE,
    NEGATIVE_PRONOUNS,
    NOMINATIVE,
    NON_FINITE,
    NOUN_COORDINATION,
    OBJECT_PREPOSITIONS,
    OBJECT_PRONOUNS,
    OBJECT_STARTS,
    OF,
    PARENTHETICAL,
    PEOPLE,
    PERCEIVERS,
    PERCEIVING,
    PITCHED,
    PLAIN_FORM_SUBJECTS,
    PLURAL_PEOPLE,
    POSSESSIVES,
    PUT_ON,
    RAISING,
    RANK,
    RELATIVES,
    RESTRICTING,
    SCOPE_BREAKS,
    SEEING_HEARING,
    SEEN_AS,
    SENTENCE_END,
    SHOWING_PLACES,
    SOUNDS,
    STATE_COMPOUND,
    SUMMED,
    VALENCE,
    VERB_ADVERBS,
    WHERE_SHOWN_REACH,
    negation_at,
)

__all__ = ["behaviour", "mentions_in", "negated_forms"]


def mentions_in(lexicon: Lexicon, tokens: list[str], speech: bool = False) -> list[Mention]:
    """Every attributed, non-negated emotion in ``tokens``, left to right.

    In quoted speech (``speech``) a quote that is nothing but emotion words — a describer quoting labels — counts too.
    """
    found: list[Mention] = []
    negated_for = 0  # how many more tokens the current negation covers
    negated_list = False  # a negated emotion was just seen, so a list continuing it is negated too
    statement_open = False  # an attributed emotion was just seen, so a list may continue it
    previous: tuple[int, int] = (-10, ABOUT_CHARACTER)  # where the last attributed form ended, and its subject
    index = 0
    count = len(tokens)
    starts, mention_starts = lexicon.by_first, lexicon.mention_starts
    # The words that may start a form or a negation (a negated contraction holds an apostrophe). Between two of them,
    # once no negation, list or statement is open, the words change nothing: the loop jumps over them.
    looked_at = [position for position, token in enumerate(tokens) if token in mention_starts or "'" in token]
    emotion_verb = -10  # the verb of the last statement whose subject is an emotion ("her anger *is* clear")
    while index < count:
        token = tokens[index]
        # A form before the one-word cue test: "not good enough", "don't care" are forms; a two-word cue comes first
        # ("far from calm": "far" is a form too). Most tokens start no form.
        two_word_cue = token in NEGATION_FIRST_WORDS and negation_at(tokens, index) == 2
        match = lexicon.match_at(tokens, index) if token in starts and not two_word_cue else None
        if match is not None:
            form, length = match
            end = index + length
            if _predicate_of(tokens, emotion_verb, index):
                index = end  # what is said of an emotion, not of the character: "her anger is *clear*"
                continue
            # In speech "I hate you", "we love it" state the speaker's emotion: a verb with an object, yet a state.
            spoken_verb = (speech and index > 0 and tokens[index - 1] in FIRST_PERSON) or (
                length == 1 and _feeling_verb(tokens, index, speech))
            adverb = length == 1 and _manner_adverb(lexicon, tokens, index, speech)
            if not adverb and length == 1 and tokens[index] in lexicon.derived_adverbs:
                # Any other adverb says how much or how sure ("is clearly worried", "feels terribly sad", "is
                # certainly happy"): it modifies what follows and is never the state, so it is read as a filler.
                index = end
                continue
            # "an excited tone", "a sad expression": the emotion a clue shows, as the character's manner (an adverb
            # makes the word after it a verb: "angrily shouts", "nervously looks").
            manner = not speech and not adverb and end < len(tokens) and tokens[end] in MANNER \
                and not _dimension(tokens[index], tokens[end])
            subject_verb = _emotion_subject(lexicon, tokens, index, end)
            if subject_verb >= 0:
                emotion_verb = subject_verb
            if adverb:
                form = lexicon.adverbs[tokens[index]]  # "speaks angrily" states that she is angry
            # A list goes on ("happy, relaxed"), unless "to" makes the form an infinitive's verb ("eager to help").
            listing = statement_open and not _infinitive(lexicon, tokens, index, end) \
                and not _no_next_state(lexicon, tokens, index, end)
            attributed = (listing or manner or adverb or spoken_verb or subject_verb >= 0
                          or _attributed(tokens, index, speech) or bare_label_list(lexicon, tokens, index)
                          or fronted(lexicon, tokens, index, end) or depictive(lexicon, tokens, index, end)
                          or _described_in_frame(lexicon, tokens, index, speech))
            if not attributed and not speech and not adverb and _coordinated_manner(tokens, index, end) \
                    and not _dimension(tokens[index], tokens[end + 2]):
                attributed = manner = True  # "a *calm* and steady voice": the clue shows it
            # Whether the form is a modifier matters only to an attributed one (an adverb is none: "form" is its
            # adjective now): its grammar is looked at only then.
            modifier = attributed and not spoken_verb and not adverb and (
                (_modifier_or_verb(form, tokens, index, end) and not _psych_passive(lexicon, tokens, index, end)
                 and not (tokens[end:end + 1] == ["by"] and depicted_passive(lexicon, tokens, index, end)))
                or _verb_before_emotion(lexicon, tokens, index, end)
                or _trait(lexicon, tokens, index, end) or (manner and _put_on(tokens, end))  # "a forced smile"
                or _put_on_act(tokens, index) or (form in DEGREE and _degree_of_noun(lexicon, form, tokens, end)))
            if attributed:
                # A list shares its head's subject: "her state is positive, friendly, and happy".
                listed = index - previous[0] <= 3 and all(
                    between in LIST_LINKS or between in FILLERS for between in tokens[previous[0]:index])
                about = ABOUT_EVIDENCE if manner else previous[1] if listed else statement_about(tokens, index)
                # What is said of the emotional state's strength or presence ("her emotions are very intense", "this
                # emotion may be present") is no emotion of its own; "low" and "heavy" also name a mood ("her mood is
                # low": dejected), so they stay.
                measure = about == ABOUT_STATE and (form in RANK or (form in DEGREE and form not in MOOD_DEGREES))
                # "her anxiety is not obvious": the predicate denies that the emotion shows.
                unshown = subject_verb >= 0 and unseen(tokens, subject_verb)
                if not modifier and not measure and not unshown and negated_for <= 0 \
                        and not _denied_by_object(tokens, end):
                    found.append(Mention(form, about))
                previous = (end, about)
            statement_open = attributed and not manner  # the clue's noun ends the phrase: "a sad tone, ..."
            # A negated form keeps the negation over the list it heads: "not anger or frustration", "no signs of
            # happiness, sadness, or anger".
            negated_list = negated_for > 0 and attributed and not modifier
            negated_for = NEGATED_LIST_REACH if negated_list else negated_for - length
            # the clue after a manner is never a label: "a nervous *edge*", "a sad *air*"
            index = end + (manner and tokens[end] in MANNER)
            continue
        cue = negation_at(tokens, index) if token in NEGATION_FIRST_WORDS or "'" in token else 0
        if cue:
            negated_for = NEGATION_SCOPE + cue - 1
            index += cue
            statement_open = statement_open and token == "nor"  # "neither happy nor sad": the list goes on
            # A new negation has its own scope: the end of a negated list before it does not end it ("not entirely
            # happy but also not entirely unhappy").
            negated_list = negated_list and token == "nor"
            continue
        if negated_for > 0 and token in (",", "such") and _such_as(tokens, index + (token == ",")):
            negated_for = NEGATED_LIST_REACH + 2  # the examples of a negated noun are negated: "no sign of emotions
            # such as anger", "no clear indication of any specific emotion, such as happiness"
        elif token in SCOPE_BREAKS and not (token == "," and negated_list
                                             and tokens[index + 1:index + 2] not in RESTRICTING):
            negated_for = 0  # a comma ends a negation, except inside a negated list ("not anger, fear or sadness")
        elif token not in NEGATED_NOUN_PHRASE:
            negated_for -= 1
        if token not in CONTINUING and not (token == "at" and tokens[index + 1:index + 2] == ["first"]):
            statement_open = False
            if negated_list:
                negated_list, negated_for = False, 0  # the negated list ended: "not happy, she is sad"
        index += 1
        if negated_for <= 0 and not statement_open and not negated_list:
            # Only the sign of negated_for counts, and no word outside looked_at can make it positive.
            following = bisect_left(looked_at, index)
            index = looked_at[following] if following < len(looked_at) else count
    return found


def _degree_of_noun(lexicon: Lexicon, form: str, tokens: list[str], end: int) -> bool:
    """Whether the degree word ending before ``tokens[end]`` says how strong the emotion noun after it is ("expresses
    *strong* anger", "shows *deep* sadness"): the noun is the emotion, the degree word no label of its own."""
    return form in DEGREE and form not in VALENCE and end < len(tokens) and tokens[end] in lexicon.nouns


def _feeling_verb(tokens: list[str], index: int, speech: bool) -> bool:
    """Whether the emotion word at ``index`` is the finite verb of a person's feeling: "she loves him", "he hates
    this", "the woman fears that ...", "she does enjoy it", "they love it", "she seems to enjoy it" (a verb with an
    object, yet a statement of the emotion). The verb must be a verb of feeling (``FEELING_VERBS``), not any word
    the format map happens to hold ("he went", "she opens"). "her fears", "his worries" are nouns after a possessive;
    "I love this clip" is the describer, outside speech."""
    word = tokens[index]
    inflected = (word[:-1], word[:-2], word[:-3] + "y") if word.endswith(("s", "d")) else ()  # the stems it may have
    if word not in FEELING_VERBS and FEELING_VERBS.isdisjoint(inflected):
        return False  # most emotion words are no verb of feeling in any form: no need to find the subject
    back = index - 1
    base = False  # an auxiliary or a raising verb's "to" stands between subject and verb: the verb is in base form
    while back >= 0 and index - back <= 5:
        token = tokens[back]
        if token == "to" and back > 0 and tokens[back - 1] in RAISING:
            back -= 2  # "seems to", "appears to": the raising verb's subject is the feeler
        elif token in AUXILIARIES or token in VERB_ADVERBS:
            back -= 1
        else:
            break
        base = base or token == "to" or token in AUXILIARIES
    if back < 0:
        return False
    subject = tokens[back]
    # Without an auxiliary the verb agrees with its subject: inflected ("loves", "feared", "worries") after "she" or
    # "the man", plain after "they", "we" or "the children" ("they love it"); "are you happy" holds no verb.
    plain = base or subject in PLAIN_FORM_SUBJECTS or subject in PLURAL_PEOPLE
    if FEELING_VERBS.isdisjoint(((word,) if plain else ()) + inflected):
        return False
    if _describes_a_noun(tokens, back, index):
        return False
    if subject in NOMINATIVE:
        return speech or subject not in FIRST_PERSON
    return subject in PEOPLE and subject not in OBJECT_PRONOUNS and back > 0 and tokens[back - 1] in DETERMINERS


def _describes_a_noun(tokens: list[str], subject: int, verb: int) -> bool:
    """Whether the verb at ``verb`` is in a relative clause whose object is the noun before its subject: "a hobby
    they enjoy", "the food she loves most" describe the thing (what they would enjoy), not how the character feels
    in the clip. The verb then has no object of its own ("she loves *it*" is a statement)."""
    following = tokens[verb + 1] if verb + 1 < len(tokens) else "."
    return subject >= 2 and tokens[subject] in NOMINATIVE and tokens[subject - 2] in DETERMINERS \
        and tokens[subject - 1] not in HEADS and tokens[subject - 1] not in DETERMINERS \
        and following not in OBJECT_STARTS and following not in ("that", "about", "to", "for")


def _denied_by_object(tokens: list[str], end: int) -> bool:
    """Whether the emotion ending before ``tokens[end]`` has a negative pronoun for its object: "she fears nothing",
    "he is afraid of no one", "angry with nobody" state no feeling; "afraid of nothing but spiders" states one."""
    position = end + (end < len(tokens) and tokens[end] in OBJECT_PREPOSITIONS)
    pronoun = tokens[position] if position < len(tokens) else ""
    if pronoun == "no" and tokens[position + 1:position + 2] == ["one"]:
        position += 1
    elif pronoun not in NEGATIVE_PRONOUNS:
        return False
    return position + 1 >= len(tokens) or tokens[position + 1] not in EXCEPTIONS


def _emotion_subject(lexicon: Lexicon, tokens: list[str], index: int, end: int) -> int:
    """The index of the verb when the emotion noun at ``index`` heads a statement's subject ("her frustration is
    obvious", "anger and fear are evident", "joy radiates from her"), else -1: the emotion is what is stated."""
    if end - index != 1 or tokens[index] not in lexicon.nouns:
        return -1
    start = index  # the noun phrase must open its clause: not "the woman on the *left* is"
    while start > 0 and index - start < 4 and (tokens[start - 1] in DETERMINERS or tokens[start - 1] in DEGREE
                                              or tokens[start - 1].endswith("'s") or tokens[start - 1] in CORRELATIVES
                                              or tokens[start - 1] == "only"
                                              or tokens[start - 1:start + 1] == ["not", "only"]):
        start -= 1  # "both relief and exhaustion are evident", "not only anger but also fear is", "either fear or"
    opening = tokens[start - 1] if start else "."
    if not (opening in SENTENCE_END or opening in CLAUSE_PUNCTUATION or opening in CLAUSE_WORDS):
        return -1
    verb = end
    # An "-ed" form right after the noun is its verb, not another noun: "sadness overwhelmed him".
    while verb < len(tokens) and verb - end < 8 and ((tokens[verb] in lexicon.nouns and not (
            tokens[verb].endswith("ed") and tokens[verb - 1] in lexicon.nouns)) or tokens[verb] in MODALS
                                                     or tokens[verb].endswith("ly")
                                                     or _joins_emotion_nouns(lexicon, tokens, verb)):
        verb += 1
    verb = _past_where_shown(tokens, verb)
    if tokens[verb:verb + 1] == [","]:
        verb = _after_aside(tokens, verb)
    if verb < len(tokens) and ((tokens[verb] in ATTRIBUTING and (
            tokens[verb] not in NON_FINITE or (tokens[verb] == "be" and tokens[verb - 1] in MODALS)))
            or _acting_on_someone(lexicon, tokens, verb, not _PLURAL_JOINS.isdisjoint(tokens[end:verb]))):
        return verb  # "anger is evident", "fear can be heard in his voice", "fear grips her"
    return -1


# Words joining two emotion nouns into a subject that takes a plural verb: "anxiety *and* sadness come", and in
# common use "anxiety *as* well as sadness come", "joy along *with* relief shine".
_PLURAL_JOINS = frozenset({"and", "as", "with"})


def _past_where_shown(tokens: list[str], at: int) -> int:
    """The index after a phrase saying where an emotion shows, starting at ``at`` ("the anxiety *in his voice* is
    palpable", "the joy *on her face* is clear", "the fear *in his eyes* is obvious", "with fear *in her eyes*", "a
    look of fear *in her eyes*"): "in" or "on" and, within a few words, a feature of the character, a manner, a
    speech act, "the way" or the recording; ``at`` itself when no such phrase starts there. The one test for both
    places such a phrase stands: between an emotion noun and its verb, and after an emotion where "in" would
    otherwise read as taking part in something ("engaged in the conversation")."""
    if tokens[at:at + 1] not in (["in"], ["on"]):
        return at
    for place in range(at + 1, min(at + 1 + WHERE_SHOWN_REACH, len(tokens))):
        if tokens[place] in SHOWING_PLACES:
            # "in the face of", "in the eyes of the law": a preposition of its own, or someone else's features
            if tokens[place - 1] == "the" and tokens[place + 1:place + 2] == [OF]:
                return at
            end = place + 1
            while end < len(tokens) and end - place < WHERE_SHOWN_REACH and tokens[end] in SHOWING_PLACES:
                end += 1  # a compound: "in her *body language*", "in his *facial expressions*"
            if tokens[end - 1] == "way" and end + 1 < len(tokens) and tokens[end] in NOMINATIVE:
                end += 2  # "in the way *she speaks*"
            return end
    return at


def _before_where_shown(tokens: list[str], last: int, index: int) -> int:
    """The index of the emotion noun before a phrase saying where it shows that ends at ``last``, when the noun at
    ``index`` after a coordinator has such a phrase too ("with *sadness* in his voice and fear in his eyes": the
    second item is attributed as the first is); ``last`` itself otherwise."""
    if tokens[last] not in SHOWING_PLACES or _past_where_shown(tokens, index + 1) == index + 1:
        return last
    for preposition in range(last - 1, max(last - 1 - WHERE_SHOWN_REACH, 0), -1):
        if tokens[preposition] in ("in", "on") and _past_where_shown(tokens, preposition) == last + 1:
            return preposition - 1
    return last


def _describer_before(tokens: list[str], verb: int) -> bool:
    """Whether the perceiver of the verb of seeing or hearing at ``verb`` is the describer or anyone: "I see", "you can
    hear", "one can clearly see" (modals and adverbs may stand between)."""
    back = verb - 1
    while back >= 0 and verb - back <= 3 and (tokens[back] in MODALS or tokens[back].endswith("ly")):
        back -= 1
    return back >= 0 and tokens[back] in PERCEIVERS


def _absolute_where_shown(tokens: list[str], index: int) -> bool:
    """Whether the emotion noun at ``index`` (after a comma) and a phrase saying where it shows make up a phrase of
    their own that ends its clause ("she looks at him, *fear in her eyes*."): an absolute phrase, which says how the
    clause's subject is."""
    end = _past_where_shown(tokens, index + 1)
    following = tokens[end] if end < len(tokens) else "."
    return end > index + 1 and (following in SENTENCE_END or following in CLAUSE_PUNCTUATION)


def _after_aside(tokens: list[str], comma: int) -> int:
    """The index after an aside set off by commas between a subject and its verb, starting at ``comma``: a one-word
    parenthetical ("his anger, though, is obvious") or a contrast ("relief, rather than joy, is evident", "her relief,
    not her joy, is obvious": the negation rules deny what it contrasts); ``comma`` itself when there is none."""
    word = tokens[comma + 1] if comma + 1 < len(tokens) else ""
    if word in PARENTHETICAL and tokens[comma + 2:comma + 3] == [","]:
        return comma + 3
    if word in CONTRASTING:
        for end in range(comma + 2, min(comma + 2 + ASIDE_REACH, len(tokens))):
            if tokens[end] == ",":
                return end + 1
    return comma


def _joins_emotion_nouns(lexicon: Lexicon, tokens: list[str], index: int) -> bool:
    """Whether the word at ``index`` joins the emotion nouns of one subject: "relief and exhaustion", "anger as well
    as her fear", "sadness along with anger", "joy mixed with relief", "anger, fear, and sadness" (a comma only before
    another emotion noun or "and", "or": not "his anger, though, is").
    """
    token = tokens[index]
    if token == ",":
        return index + 1 < len(tokens) and (tokens[index + 1] in lexicon.nouns or tokens[index + 1] in ("and", "or"))
    if token in ALONG:
        return tokens[index + 1:index + 2] == ["with"]  # "sadness along with anger", "joy mixed with relief"
    if token == "with":
        return tokens[index - 1] in ALONG
    return token in NOUN_COORDINATION or (token in POSSESSIVES and tokens[index - 1] in NOUN_COORDINATION)


# Words after a verb whose subject is an emotion that say it acts on someone: "fear grips *her*", "anger boils *over*",
# "relief washes *over* him", "a flicker of fear crosses *her* face".
_ACTED_ON = OBJECT_PRONOUNS | POSSESSIVES | frozenset({"over", "through", "up", "across", "into", "out"})

# Verbs of being present whose place, after "in", may be a person or their face, voice or eyes: "joy and sadness
# *coexist* in her", "anger *lingers* in his voice" (the verbs of showing and "remain" are attributing verbs already).
_BEING_PRESENT = frozenset(f"{stem}{ending}" for stem in ("coexist", "linger", "persist", "mingle", "surface", "simmer",
                                                         "dwell", "lurk") for ending in ("", "s", "ed", "d"))


def _in_someone(tokens: list[str], index: int) -> bool:
    """Whether the words at ``index`` name a person or a clue of theirs as a place: "her", "him", "the man", "her
    voice", "his eyes" (not "in the room")."""
    word = tokens[index] if index < len(tokens) else "."
    following = tokens[index + 1] if index + 1 < len(tokens) else "."
    return word in OBJECT_PRONOUNS or (
        (word in POSSESSIVES or word == "the") and (following in PEOPLE or following in EVIDENCE))


def _acting_on_someone(lexicon: Lexicon, tokens: list[str], verb: int, plural: bool = False) -> bool:
    """Whether the word at ``verb``, after an emotion noun opening its clause, is a finite verb by which the emotion
    acts on a person or comes over them ("fear *grips* her", "anger *boils* over", "sadness *overwhelms* him",
    "excitement overwhelmed the children"): the
    emotion is the subject's state, as in "her fear is clear". The verb may be a wheel form itself ("overwhelms",
    "overwhelmed", "drives"): in that place it is the verb, and the object after it makes it no label; a form in "-s"
    that is an emotion noun is no verb ("anger, fears ..."). After two nouns joined by "and" (``plural``) the verb
    takes its plain form ("her anxiety and sadness *come* through", "anxiety as well as sadness *come* through")."""
    token = tokens[verb]
    if token in _BEING_PRESENT:
        return tokens[verb + 1:verb + 2] == ["in"] and _in_someone(tokens, verb + 2)
    acted_on = tokens[verb + 1:verb + 2] != [] and (tokens[verb + 1] in _ACTED_ON or (
        tokens[verb + 1] == "the" and tokens[verb + 2:verb + 3] != [] and tokens[verb + 2] in PEOPLE))
    return acted_on and (token.endswith("ed") or (token.endswith("s") and token not in lexicon.nouns) or (
        plural and token.isalpha() and token not in lexicon.by_first and token not in FILLERS)) \
        and not token.endswith(("ss", "ness", "ous"))


def _predicate_of(tokens: list[str], verb: int, index: int) -> bool:
    """Whether the form at ``index`` is the predicate of the statement whose subject is an emotion (``verb`` is its
    verb): "her anger is *clear*", "fear is *present*" say how the emotion shows, not what the character feels."""
    return 0 <= verb < index <= verb + 4 and all(
        token in FILLERS and token not in LINKING_FILLERS for token in tokens[verb + 1:index])


def _manner_adverb(lexicon: Lexicon, tokens: list[str], index: int, speech: bool, depth: int = 0) -> bool:
    """Whether the adverb at ``index`` says how someone acts ("she speaks angrily", "he answers nervously"): not a
    degree adverb before a word it modifies ("terribly sad", "surprisingly calm") nor a comment on the whole
    sentence ("Sadly, ...", "Interestingly, ...")."""
    if tokens[index] not in lexicon.adverbs:
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else "."
    back = index - 1  # the word the adverb follows, past the degree words before it: "speaks *very* calmly"
    while back >= 0 and index - back <= 3 and (tokens[back] in INTENSIFIERS or tokens[back].endswith("ly")):
        back -= 1
    before = tokens[back] if back >= 0 else "."
    if following == "," and (before in SENTENCE_END or before in CLAUSE_PUNCTUATION):
        # Fronted before the clause it belongs to: the manner of that clause's subject when it is a person
        # ("Nervously, he looks around", "Angrily, the woman slams the door"); a disjunct comments on the event
        # ("Sadly, he left", "Hopefully, she recovers", "Happily, nobody was hurt").
        subject = tokens[index + 2] if index + 2 < len(tokens) else "."
        personal = (subject in NOMINATIVE and (speech or subject not in FIRST_PERSON) and subject not in RELATIVES
                    and subject not in ("who", "you")) or (
            subject in DETERMINERS and index + 3 < len(tokens) and tokens[index + 3] in PEOPLE)
        return personal and tokens[index] not in DISJUNCTS
    if following in lexicon.by_first or (following in FILLERS and following not in LINKING_FILLERS
                                         and following not in OBJECT_STARTS):
        return False  # a degree before what it modifies, not a preposition or a list going on: "calmly to him"
    if not speech and any(token in FIRST_PERSON for token in tokens[max(index - 3, 0):index]):
        return False  # the describer's manner: "I can confidently say"
    # The manner of speaking, looking or reacting shows the speaker's emotion; an adverb of any other act says how
    # well or how fast it was done ("effectively conveys", "quickly walks"), whatever the wheels file it under. One
    # coordinated with such a manner is a manner too: "she speaks calmly and confidently".
    return before in EXPRESSIVE_VERBS or following in EXPRESSIVE_VERBS or (
        (following in SENTENCE_END or following in CLAUSE_PUNCTUATION or following in COORDINATORS)
        and _after_object(tokens, back)) or (
        before in COORDINATORS and back >= 1 and depth < 4
        and _manner_adverb(lexicon, tokens, back - 1, speech, depth + 1))


# How many words an expressive act's object may take before an adverb of its manner: "greets *his old friend* warmly".
_OBJECT_REACH = 4
# Words opening an act's object besides determiners, pronouns and prepositions: "greets *everyone* warmly", "speaks
# *to* them calmly".
_WHOLE_GROUP = frozenset({"to", "everyone", "everybody"})


def _after_object(tokens: list[str], last: int) -> bool:
    """Whether the words ending at ``last`` are the object of an expressive act, directly or after a preposition
    ("greets *his friend* warmly", "answers *him* calmly", "looks *at her* angrily"): the adverb after them is still
    the act's manner. The object opens with a determiner, a pronoun or a preposition of its own."""
    for verb in range(last - 1, max(last - 1 - _OBJECT_REACH, -1), -1):
        if tokens[verb] in EXPRESSIVE_VERBS:
            opening = tokens[verb + 1]
            return opening in OBJECT_STARTS or opening in OBJECT_PREPOSITIONS or opening in _WHOLE_GROUP
        if not tokens[verb].isalpha() and not tokens[verb].endswith("'s"):
            return False  # the clause ended; a genitive is part of the object ("answers *the reporter's question*")
    return False


def _psych_passive(lexicon: Lexicon, tokens: list[str], index: int, end: int) -> bool:
    """Whether the participle at ``index`` is followed by "by" and the cause of the feeling: "she is upset *by the
    news*", "annoyed by the noise", "hurt by his words", "worried by the silence" — a passive whose subject feels
    what the participle names, so a state. When "by" introduces an emotion without a determiner ("overwhelmed by
    sadness", "driven by fear") that emotion is the state, and the participle only its verb. Only a participle
    naming a feeling on the first wheel is one ("upset", "annoyed"; not "seen by the camera", "driven by
    ambition"). A participle another wheel files as a feeling ("amused", "bored", "devastated") is one too, unless it is
    a verb of showing or perceiving, whose "by" names what shows or who perceives ("revealed by her tone", "noticed by
    the others")."""
    word = tokens[index]
    if end >= len(tokens) or tokens[end] != "by" or end - index != 1 or word.endswith("ing") or not (
            word in lexicon.feelings or (word in lexicon.participles and word not in ATTRIBUTING
                                         and word not in PERCEIVING)):
        return False
    # The cause is named with a determiner ("by the news", "by his words", "by his anger": someone else's emotion).
    # The feeler is the subject, not an emotional state: "her mood may be influenced by the conversation" says what
    # shapes the mood, not what she feels.
    cause = tokens[end + 1] if end + 1 < len(tokens) else "."
    return (cause in DETERMINERS or cause in OBJECT_PRONOUNS or cause == "it") \
        and statement_about(tokens, index) != ABOUT_STATE


def _trait(lexicon: Lexicon, tokens: list[str], index: int, end: int) -> bool:
    """Whether the adjective at ``index`` modifies a noun for a person after a copula and "a": "she is a lovely
    person", "he is a kind and gentle man" say what someone is like, not the state they are in. Adjectives that all
    name a feeling on the first wheel ("a happy person", "a nervous and anxious man") still say which state the
    person is in, as an emotion reader takes them; beside one that names none ("a successful and confident man"), one
    of capacity ("a respectable gentleman": "-able", what others can do to him) or the participle of a verb of
    attitude, whose feeling is someone else's ("a respected gentleman", "a feared man": others respect, fear him),
    they describe the person."""
    if end >= len(tokens) or not (tokens[end] in DESCRIBED_PEOPLE or tokens[end] in COORDINATORS):
        return False
    back = index - 1
    while back >= 0 and index - back <= 5 and tokens[back] not in ("a", "an") and (
            tokens[back] in FILLERS or tokens[back] in COORDINATORS or tokens[back] in lexicon.by_first):
        back -= 1
    if back < 1 or tokens[back] not in ("a", "an"):
        return False
    before = back - 1 - (tokens[back - 1] in ("such", "quite", "rather") and back > 1)
    if tokens[before] not in COPULAS and not (tokens[before] == "," and appositive(tokens, before)):
        return False
    position = end
    while position < len(tokens) and position - end < 4:
        match = lexicon.match_at(tokens, position)
        if match is None and tokens[position] not in COORDINATORS:
            break
        position += match[1] if match is not None else 1
    if position >= len(tokens) or tokens[position] not in DESCRIBED_PEOPLE:
        return False
    if _contrasted_with_now(tokens, position + 1):
        return True  # "she is a happy person, but today she is sad": the trait, set against the clip's state
    described = [token for token in tokens[back + 1:position] if token not in COORDINATORS and token not in FILLERS]
    return not all(token in lexicon.feelings and not token.endswith(("able", "ible")) and not (
        token.endswith("ed") and not ATTITUDE_VERBS.isdisjoint((token[:-1], token[:-2], token[:-3] + "y")))
        for token in described)


# Words that point at the time of the clip: a clause they open after "but" states the present state, against a trait.
_NOW = frozenset({"today", "now", "currently", "tonight", "here", "presently"})


def _contrasted_with_now(tokens: list[str], index: int) -> bool:
    """Whether ", but" (or "yet") at ``index`` opens a clause set in the clip's time ("..., but today she is sad",
    "..., but right now he is angry", "..., but at the moment"): what came before is what the person is like."""
    if tokens[index:index + 1] == [","]:
        index += 1
    if tokens[index:index + 1] not in (["but"], ["yet"]):
        return False
    following = tokens[index + 1:index + 5]
    return any(token in _NOW for token in following) or " ".join(following).startswith(("at the moment", "in this"))


def _such_as(tokens: list[str], index: int) -> bool:
    return index + 1 < len(tokens) and tokens[index] == "such" and tokens[index + 1] == "as"


# What "in" after a form takes part in ("engaged in a conversation", "lost in thought"); and what may follow an
# "-ing" form that is the state, not a verb with an object ("she is smiling.", "amusing and"). Built once here: the
# rule below is asked about every attributed form.
_TAKING_PART_IN = OBJECT_STARTS | {"thought", "deep", "conversation"}
_AFTER_ING_STATE = frozenset({"", *CLAUSE_PUNCTUATION, *SENTENCE_END, "and", "or", "but"})


def _modifier_or_verb(form: str, tokens: list[str], index: int, end: int) -> bool:
    """Whether the form at ``index`` (ending before ``tokens[end]``) is not a state but a modifier, a frame or a verb
    with an object.

    "a strong sense of", "a sense of" (the frame itself), "intense emotions", "is facing the camera", "is seen by",
    "is going to": in each the word is grammatically not the emotion the statement attributes.
    """
    following = tokens[end] if end < len(tokens) else ""
    after = tokens[end + 1] if end + 1 < len(tokens) else ""
    if following in FRAME_NOUNS and after == OF and not STATE_COMPOUND.search(" ".join(tokens[end:end + 3])):
        return True  # "a strong sense of", not "a calm state of mind": that compound names the state
    if form in FRAME_NOUNS and following == OF:
        return True
    if (form in DEGREE and form not in VALENCE) or form in RANK:
        # "intense emotions", "strong negative emotions", "a strong or overwhelming feeling", "the dominant emotion":
        # degree or rank, not which one.
        head = next((token for token in tokens[end:end + 4] if token not in DEGREE and token not in COORDINATORS
                     and token not in RANK), "")
        if head in META or head in FRAME_NOUNS:
            return not (form in MOOD_DEGREES and head in MOODS)  # but "in a *low* mood" names the mood
    if form.endswith("ed") and following == "to" and after in OBJECT_STARTS and tokens[end + 2:end + 3] != ["point"]:
        return True  # a relation, not a feeling: "related to the", "connected to their" (not "frustrated to the point")
    if following in OBJECT_STARTS or (following.endswith("ing") and following not in META and following not in RANK):
        return True
    if following == "in" and after in _TAKING_PART_IN:
        # Taking part in something ("engaged in a conversation", "lost in thought", "an expert in the field"), unless
        # the phrase only says where the emotion shows ("fearful in the audio", "with fear in his eyes", "a look of
        # fear in her eyes", "a sense of unease in the way she fidgets"), or its object is a person the feeling is
        # about ("disappointed in him"). A participle of showing or seeing there is a passive verb ("her emotions are
        # reflected in her face", "can be seen in his eyes"), no state.
        if (tokens[end + 2] if end + 2 < len(tokens) else "") in MEDIA:
            return False
        shown = _past_where_shown(tokens, end) > end and form not in ATTRIBUTING and form not in PERCEPTIBLE
        return not shown and not _feeling_about_someone(tokens, end + 1)
    # An "-ing" word between a determiner and a clue is the clue's quality: "in a *mocking* tone", "a *pleading* look".
    return form.endswith("ing") and following not in _AFTER_ING_STATE and not (
        following in MANNER and index > 0 and tokens[index - 1] in DETERMINERS)


# Object pronouns after "in" that a feeling is about: "disappointed in him", "interested in her", "proud in
# themselves" ("in her" only when no noun follows: "in her eyes" is a place).
_IN_SOMEONE = frozenset({"him", "them", "me", "us", "himself", "herself", "themselves", "myself", "ourselves"})


def _feeling_about_someone(tokens: list[str], index: int) -> bool:
    """Whether the word after "in" at ``index - 1`` is a person the feeling is about ("disappointed *in him*", "lost
    faith in herself"), which no one takes part in."""
    word = tokens[index] if index < len(tokens) else ""
    following = tokens[index + 1] if index + 1 < len(tokens) else "."
    return word in _IN_SOMEONE or (word == "her" and (following in SENTENCE_END or following in CLAUSE_PUNCTUATION
                                                      or following in COORDINATORS or following in CLAUSE_WORDS))


def _scoped(tokens: list[str]) -> Iterator[tuple[int, str, bool]]:
    """Each token that is neither a negation cue nor a scope break, with whether a negation covers it: the plain scope
    (a cue reaches ``NEGATION_SCOPE`` tokens, a scope break ends it) that the fallbacks below read by."""
    negated_for = 0
    for index, token in enumerate(tokens):
        cue = negation_at(tokens, index) if token in NEGATION_FIRST_WORDS or "'" in token else 0
        if cue:
            negated_for = NEGATION_SCOPE + cue
        elif token in SCOPE_BREAKS:
            negated_for = 0
        else:
            yield index, token, negated_for > 0
        negated_for -= 1


def negated_forms(lexicon: Lexicon, tokens: list[str]) -> set[str]:
    """The forms the describer denies ("she smiles, but she is clearly *not happy*"): the emotion a behaviour shows by
    default is not read where the text denies it."""
    return {match[0] for index, token, negated in _scoped(tokens)
            if negated and token in lexicon.by_first and (match := lexicon.match_at(tokens, index))}


def behaviour(tokens: list[str]) -> list[Mention]:
    """The emotions of the non-negated expressive behaviour in ``tokens`` ("she is crying" → sad)."""
    found: list[Mention] = []
    for index, token, negated in _scoped(tokens):
        if negated:
            continue
        if token in BEHAVIOUR and not _put_on(tokens, index):
            found.append(Mention(BEHAVIOUR[token], ABOUT_CHARACTER))
        elif token in FALLING and index > 0 and tokens[index - 1] in FALLING[token]:
            found.append(Mention("disappointed", ABOUT_CHARACTER))  # "her face falls", "his heart sank"
        elif token in LIGHTING and 0 < index < len(tokens) - 1 and tokens[index + 1] == "up" \
                and tokens[index - 1] in LIT_UP:
            found.append(Mention("happy", ABOUT_CHARACTER))  # "her face lights up", "his eyes lit up"
    return found


def _described_in_frame(lexicon: Lexicon, tokens: list[str], index: int, speech: bool) -> bool:
    """Whether the emotion noun at ``index`` heads a frame's "of" phrase after an adjective of its own ("one of *quiet*
    contentment", "a sense of *growing* frustration", "a look of *sheer* surprise"): the adjective describes the
    emotion, and the phrase is attributed as "a sense of frustration" is."""
    if index < 2 or tokens[index - 2] != OF or tokens[index] not in lexicon.nouns:
        return False
    adjective = tokens[index - 1]
    return adjective.isalpha() and adjective not in CLAUSE_WORDS and adjective not in lexicon.by_first \
        and _attributed(tokens, index - 1, speech)


def _verb_before_emotion(lexicon: Lexicon, tokens: list[str], index: int, end: int) -> bool:
    """Whether the form at ``index`` is a verb of showing or including whose object is the emotion after it ("the
    emotions on display *include* nervousness", "her words *reveal* fear"): the wheels list "include" (inclusion),
    but as the verb of a statement it names none. The emotion after it is what is stated."""
    return tokens[index] in ATTRIBUTING and end < len(tokens) and lexicon.match_at(tokens, end) is not None


_ADJECTIVE_LINKS = frozenset({"and", "but", "yet", "or", ","})


def _coordinated_manner(tokens: list[str], index: int, end: int) -> bool:
    """Whether the form at ``index`` is the first of two adjectives joined before a clue, after its determiner: "a
    *calm* and steady voice", "her *calm* but firm tone", "a *warm*, gentle smile" show the emotion as "a calm voice"
    does (a second form there is read on its own). The determiner keeps a clause out: "she is happy and then smiles"
    says she is happy."""
    return end + 2 < len(tokens) and tokens[end] in _ADJECTIVE_LINKS and index > 0 \
        and tokens[index - 1] in DETERMINERS and tokens[end + 1] not in DETERMINERS \
        and tokens[end + 1] not in MANNER and tokens[end + 2] in MANNER


def _dimension(word: str, clue: str) -> bool:
    """Whether an adjective before an expressive act or a clue of manner (``clue``) says how big, loud, long or strong
    it is ("a *weak* laugh", "a *soft* voice", "a *short* sigh", "a *strong* tone") rather than which feeling it shows
    (" a nervous laugh"): such a word describes the act, even where the wheels list it as a feeling ("weak", "soft").
    Degree words that also name a mood ("low", "heavy") and valence words stay feelings, except that a voice or a
    tone is low in pitch or loudness ("speaks in a *low* voice"), as it is high or deep."""
    return word in DIMENSIONS or (word in DEGREE and (word not in MOOD_DEGREES or (
        word in PITCHED and clue in SOUNDS)))


def _infinitive(lexicon: Lexicon, tokens: list[str], index: int, end: int) -> bool:
    """Whether the form at ``index`` is the verb of an infinitive after the word before it ("eager to *help* Maria",
    "happy to *see* him", "hoping to *receive* support", "a desire to *move* on"): after "to" it takes an object, a
    particle or an adverb, where a noun ends its phrase or a list ("related to *stress* or anxiety", "related to
    *betrayal*, anger"); an emotion noun ("related to *sadness* and") and the end of a change named from its start
    ("from calm to angry") are no verbs. After an adjective of feeling the verb may end its phrase too ("eager to
    *go*.", "happy to *help*, she ...": the format map files such verbs under "gone", "helpless"). An adjective's
    complement says what the feeling is about; its verb is none, an emotion noun that is a bare verb too ("afraid
    to *love*.") included, where after any other word ("related to *fear*.") it stays a noun."""
    following = tokens[end] if end < len(tokens) else "."
    word = tokens[index]
    noun = word in lexicon.nouns or word in lexicon.felt_nouns
    ends = following in LIST_LINKS or following in SENTENCE_END or following in CLAUSE_PUNCTUATION
    return tokens[index - 1] == "to" and (
        ((not noun or _verb_use(word, following)) and not ends)
        or ((not noun or (ends and _bare_verb(word))) and index >= 2 and tokens[index - 2] in lexicon.feelings)) \
        and "from" not in tokens[max(index - 6, 0):index - 1]


def _bare_verb(noun: str) -> bool:
    """Whether the emotion ``noun`` may also be a verb's plain form ("afraid to *love*.", "scared to *hope*"): not
    one with an abstract ending or a plural ("sadness", "tears")."""
    return not noun.endswith((*NOUN_SUFFIXES, "s"))


def _no_next_state(lexicon: Lexicon, tokens: list[str], index: int, end: int) -> bool:
    """Whether the form at ``index``, where a list of states could go on, starts something else, judged by the word
    before it: after "then" the finite verb of a next action ("she is calm, then *leaves*", "then *goes* home": a
    third-person "-s" form of another form, where "then happy" goes on); after "the" a noun with its own complement
    that opens a new clause ("she sounds happy and *the content* of the speech is positive"); after a phrase set off
    after a person, the clause's verb (:func:`~emer_eval.extract.verbless.after_set_off`)."""
    previous = tokens[index - 1] if index else ""
    if previous == "then":
        word = tokens[index]
        return word.endswith("s") and not word.endswith("ss") and any(
            stem in lexicon.by_first for stem in (word[:-1], word[:-2], word[:-3] + "y"))
    if previous == "the":
        return tokens[end:end + 1] == [OF]
    return (previous == "," or previous == ")") and after_set_off(tokens, index)


# Adverbs and particles that follow a verb, never a noun ending its phrase: "afraid to love *again*", "to give *up*".
_AFTER_A_VERB = frozenset({"again", "anymore", "ever", "back", "up", "out", "away", "off"})


def _verb_use(word: str, following: str) -> bool:
    """Whether an emotion noun that is also a bare verb ("love", "fear", "worry", "care") is used as the verb, judged
    by the word after it: an object ("afraid to love *him*") or an adverb or particle ("afraid to love *again*"), not
    a preposition or a list ("related to fear *of*", "related to love and"). A noun with an abstract ending
    ("sadness", "frustration") is never a verb."""
    return not word.endswith(NOUN_SUFFIXES) and (
        following in OBJECT_STARTS or following in _AFTER_A_VERB or following.endswith("ly"))


def _put_on(tokens: list[str], index: int) -> bool:
    """Whether the behaviour at ``index`` is put on rather than shown: "she fakes a smile", "a forced laugh", "he
    feigns tears", "her smile is forced"."""
    back = index - 1 - (index > 0 and tokens[index - 1] in ("a", "an"))
    if back >= 0 and (tokens[back].startswith(PUT_ON) or tokens[back] in HALF_HEARTED):
        return True  # "a forced laugh", "a weak smile"
    after = tokens[index + 1:index + 3]  # "her smile is forced"
    return len(after) == 2 and after[0] in COPULAS and after[1].startswith(PUT_ON)


def _put_on_act(tokens: list[str], index: int) -> bool:
    """Whether the participle at ``index`` says that an expressive act is put on, as its predicate: "her smile is
    forced", "his laugh seems fake" show nothing, like "a forced smile" (a person who "feels forced" is another
    matter: a person heads that subject)."""
    return (tokens[index].startswith(PUT_ON) and index > 0 and tokens[index - 1] in COPULAS
            and clause_head(tokens, index - 1) in MANNER)


def _attributed(tokens: list[str], index: int, speech: bool, depth: int = 0) -> bool:
    """Whether the form at ``index`` completes an emotional-state statement: an attributing word before it, with only
    fillers in between, inside the same clause. In the describer's text "I" and "we" are the describer ("I am
    uncertain about her state"); in quoted speech they are the character ("I hate", "I am so angry")."""
    for back in range(index - 1, max(index - 9, -1), -1):
        token = tokens[back]
        if token in ATTRIBUTING:
            if _style_disjunct(tokens, back, index):
                return False  # "to be honest, she is tired": how the describer speaks
            # "she pretends to be happy", "he wants to feel calm", "she is supposed to look happy": not asserted.
            return personal_subject(tokens, back, speech) and not (
                back > 1 and tokens[back - 1] == "to" and tokens[back - 2] in IRREALIS
                and (token in COPULAS or token in BECOMING))
        if token in PERCEIVING:
            return True  # what the describer perceives in the character: "one can sense her nervousness"
        if token in SEEING_HEARING and _describer_before(tokens, back) \
                and _past_where_shown(tokens, index + 1) > index + 1:
            return True  # "you can hear the anger in her answer", "I see fear in his eyes" (not "she heard the news")
        if token in CHANGE_PREPOSITIONS and back > 0 and tokens[back - 1] in CHANGE_VERBS:
            # "her mood shifts from calm", "he went to sad" — not "her hands move from a relaxed position".
            return not _modifies_a_noun(tokens, back, index) and personal_subject(tokens, back - 1, speech)
        if token == "as" and back > 0 and tokens[back - 1] == "such":
            return True  # "emotions such as anger"
        if token == "as" and back > 0 and (tokens[back - 1] in SEEN_AS or tokens[back - 1] in OBJECT_PRONOUNS or (
                tokens[back - 1] == "off" and back > 1 and tokens[back - 2] in COMING) or (
                tokens[back - 1] == "up" and back > 1 and tokens[back - 2] in SUMMED)):
            # "she comes across as anxious", "I would describe her as anxious", "he came off as rude", "she strikes
            # me as nervous"
            return True
        if token == "as" and _named_object_before(tokens, back):
            return True  # "I would characterize his mood as gloomy"
        if (token == "," and appositive(tokens, back)) or (token in SETTING_OFF and set_off(tokens, back, index)):
            return True  # "the man, a nervous wreck, paces", "the woman, clearly upset, leaves": what the person is
        if token == "," and back + 1 == index and _absolute_where_shown(tokens, index):
            return True  # "she looks at him, fear in her eyes": where the emotion shows, said of the clause's subject
        if token == "," and (opening := _aside_after_copula(tokens, back)) > 0 and depth < 4:
            return _attributed(tokens, opening, speech, depth + 1)  # "is, in a word, exhausted": "is exhausted"
        if token in COORDINATORS and back == index - 1 and back > 0 and depth < 4 \
                and (token != "," or not after_set_off(tokens, index)):
            # "a state of contemplation or sadness"; "with sadness in his voice and fear in his eyes"
            return _attributed(tokens, _before_where_shown(tokens, back - 1, index), speech, depth + 1)
        if token in _SECOND_PREDICATE and depth < 4:
            return _second_predicate(tokens, back, index) and _attributed(
                tokens, back - 1 - (tokens[back - 1] == ","), speech, depth + 1)
        if token in META_NOUNS and back + 1 == index:
            return False  # the emotion noun heads the phrase: "emotions related to", "feelings toward"
        if token == OF:
            # "a sense of relief", "one of disgust", and the act an emotion shows itself in: "tears of joy", "a sigh
            # of relief", "shouts of anger" name the emotion, whatever the act alone would show
            return back > 0 and (tokens[back - 1] in FRAME_NOUNS or tokens[back - 1] in EXPRESSION_NOUNS
                                 or tokens[back - 1] == "one")
        if token in FIRST_PERSON:
            return speech and back + 1 == index
        if token in DIRECT:
            if token == "with" and _knowing_verb_before(tokens, back):
                return False  # how sure the describer is: "determine her emotional state with certainty"
            if any(word in GENERIC for word in tokens[max(back - 3, 0):back]):
                return False  # a generic statement: "a smile is usually associated with a positive state"
            # "in tears", "with excitement", "in sheer terror", "with great joy" (only words of degree between)
            return all(word in DEGREE for word in tokens[back + 1:index]) or followed_by_meta(tokens, index)
        if token == ":":
            # A field of an answer ("Emotion: anger", "**Final answer:** sad") or a statement going on after a colon
            # ("the emotions are: happy").
            key_at = field_key(tokens, back)
            key = tokens[key_at] if key_at >= 0 else ""
            if key in ANSWER_KEYS or own_heading(tokens, back) or answer_heading(tokens, back) or (
                    key.endswith("ed") and key_at > 0 and tokens[key_at - 1] in ANSWER_KEYS):
                # "Emotion:", "My reading:", "Emotions detected:" — not a sentence given as the value ("Final
                # verdict: the expert predicts that ...")
                return not opens_a_clause(tokens, index)
            if key in ATTRIBUTING:
                return personal_subject(tokens, back - 1, speech)
            return False
        if token == "by" and back + 1 == index and back > 0 and (
                tokens[back - 1] in ATTRIBUTING or (tokens[back - 1].endswith(("ed", "en")) and back > 1
                                                     and tokens[back - 2] in COPULAS)):
            # A passive verb of showing or feeling: "characterised by anger", "is overwhelmed by sadness".
            return personal_subject(tokens, back - 1, speech)
        if token not in FILLERS and token != "(" and not (back + 1 == index and (
                (token.endswith("ly") and token not in GENERIC) or ("-" in token and _ends_phrase(tokens, index)))):
            # An adverb right before the emotion says how much ("grows increasingly frustrated"), a compound
            # adjective how long or how deep it is held ("suggests *pent-up* frustration", "long-held resentment"),
            # where the emotion ends the noun phrase ("post-traumatic stress *disorder*" names an illness).
            return False
    return False


def _ends_phrase(tokens: list[str], index: int) -> bool:
    """Whether the one-word noun at ``index`` ends its noun phrase: punctuation, a coordinator or a preposition
    follows, not a second noun it would modify."""
    following = tokens[index + 1] if index + 1 < len(tokens) else "."
    return not following.isalpha() or following in COORDINATORS or following in OBJECT_PREPOSITIONS \
        or following in ("in", "that")


_ASIDE_WORDS = 4  # "is, in a word, exhausted", "is, to be honest, tired"
# Words of contrast or concession that join a second predicate to the first one's verb: "polite yet irritated".
_SECOND_PREDICATE = frozenset({"yet", "but", "though", "although", "while", "albeit"})


def _second_predicate(tokens: list[str], link: int, index: int) -> bool:
    """Whether the form at ``index`` is a second predicate joined by the word of contrast at ``link`` to a one-word
    predicate before it ("remains polite *yet* visibly irritated", "calm, *though* visibly nervous"), which need not
    be a form: only adverbs between the link and the form (a determiner starts a clause of its own: "while *the* low
    pitch"), no "-ing" form ("restless while driving" is a clause of time), and, after a determiner, only where the
    form ends its phrase ("a teacher but clearly nervous."; "a simple yet effective demonstration" describes a
    noun)."""
    before = link - 1 - (link > 0 and tokens[link - 1] == ",")
    following = tokens[index + 1] if index + 1 < len(tokens) else "."
    return before > 0 and tokens[before] not in CLAUSE_PUNCTUATION and tokens[before] not in SENTENCE_END \
        and (tokens[before - 1] not in DETERMINERS or following in DEPICTIVE_ENDS) \
        and not tokens[index].endswith("ing") and DETERMINERS.isdisjoint(tokens[link + 1:index])


def _named_object_before(tokens: list[str], as_index: int) -> bool:
    """Whether "as" at ``as_index`` follows a verb of naming or seeing and its object, the character or their state
    ("I would characterize *his mood* as", "one might describe *the man* as", "I see *the woman* as"): what follows
    "as" is what they are said to be, like "described as"."""
    for back in range(as_index - 1, max(as_index - 2 - NAMED_OBJECT_WORDS, -1), -1):
        token = tokens[back]
        if token in NAMING_AS:
            return back < as_index - 1
        if not (token in POSSESSIVES or token in DETERMINERS or token in META or token in PEOPLE
                or token == "overall"):
            return False
    return False


def _style_disjunct(tokens: list[str], verb: int, index: int) -> bool:
    """Whether "to be" at ``verb`` and the word at ``index`` make a disjunct set off by commas or opening its sentence
    ("*to be honest*, she is tired", "he is, *to be frank*, bored"): the describer's manner of saying, no state."""
    return tokens[verb] == "be" and verb >= 1 and tokens[verb - 1] == "to" \
        and (verb == 1 or tokens[verb - 2] == "," or tokens[verb - 2] in SENTENCE_END) \
        and tokens[index + 1:index + 2] == [","] and index == verb + 1


def _aside_after_copula(tokens: list[str], comma: int) -> int:
    """The index of the comma opening an aside that the comma at ``comma`` closes, when the aside stands right after
    a copula ("the speaker is*, in a word,* exhausted", "she is, I think, sad", "he was, without doubt, furious"):
    the predicate after it belongs to the copula. -1 when there is none (at most four words between the commas)."""
    for opening in range(comma - 2, max(comma - 2 - _ASIDE_WORDS, 0), -1):
        token = tokens[opening]
        if token == ",":
            return opening if tokens[opening - 1] in COPULAS else -1
        if token in SENTENCE_END or token in CLAUSE_PUNCTUATION:
            return -1
    return -1


def _modifies_a_noun(tokens: list[str], preposition: int, index: int) -> bool:
    """Whether the emotion word at ``index``, after a determiner following ``preposition``, modifies the noun after it
    ("from a relaxed *position*", "to the calm *sea*"): it describes a thing, not the state someone changes to. A word
    that ends its phrase ("from a calm to an angry mood" aside, "to a deep sadness") is the state itself."""
    if not any(token in DETERMINERS for token in tokens[preposition + 1:index]):
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else "."
    return not (following in SENTENCE_END or following in CLAUSE_PUNCTUATION or following in COORDINATORS
                or following in CHANGE_PREPOSITIONS or following in META or following in OBJECT_PREPOSITIONS)


def _knowing_verb_before(tokens: list[str], index: int) -> bool:
    """Whether a verb of knowing or telling ("determine", "say", "identify") governs the clause before ``index``."""
    for back in range(index - 1, max(index - 14, -1), -1):
        token = tokens[back]
        if token in KNOWING:
            return True
        if token in CLAUSE_PUNCTUATION or token in SENTENCE_END or token in CLAUSE_WORDS:
            return False
    return False
