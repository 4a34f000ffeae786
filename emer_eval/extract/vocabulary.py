"""The vocabulary of the offline extractor's rules: the tokens they read and the word classes of English they use.

Every rule of the offline extractor (:mod:`emer_eval.extract.offline`) asks of a word which grammatical role it may
play: a copula or a verb of showing ("is", "reveals"), a filler that may stand between a verb and its emotion ("very",
"a sense of"), a negation cue, a noun for a person, a piece of evidence or the setting. The classes live here once,
each with the comment that says why its words belong to it, so that the lexicon (:mod:`.lexicon`), the rewrite pass
(:mod:`.reshape`), the attribution pass (:mod:`.attribution`) and the ranking of whose state a statement is about
(:mod:`.subjects`) read the same lists. They are closed classes of general English chosen by grammatical role, not
from any official label. One function reads them here as well, :func:`negation_at` (the length of the negation cue at
a word), since both passes ask it.
"""

from __future__ import annotations

import re

from emer_eval.extract.evidence import CARRYING, HELD_BACK, PLAINLY
from emer_eval.extract.frames import POSSESSED_BY
from emer_eval.extract.restate import DEGREE_NOUNS, MEASURE_NOUNS, NEGATIVE_SUBJECTS

__all__ = ["ALONG", "ANSWER_KEYS", "APOSTROPHES", "ASIDE_REACH", "ATTITUDE_VERBS", "ATTRIBUTING", "AUXILIARIES",
           "BARE_LIST_WORDS", "BECOMING", "BEFORE_CONCEALING", "BEHAVIOUR", "CHANGE_PREPOSITIONS", "CHANGE_VERBS",
           "CLAUSE_PUNCTUATION", "CLAUSE_WORDS", "COMING", "CONCEALING", "CONCESSIVE", "CONTINUING", "CONTRASTING",
           "COORDINATORS", "COPULAS", "CORRELATIVES", "DEGREE", "DESCRIBED_PEOPLE", "DETERMINERS", "DIMENSIONS",
           "DIRECT", "DISJUNCTS", "DROPPED_BESIDE_SPECIFIC", "EVIDENCE", "EVIDENTIAL", "EXCEPTIONS", "EXPRESSION_NOUNS",
           "EXPRESSIVE_VERBS", "FALLING", "FEELING_VERBS", "FILLERS", "FIRST_PERSON", "FOCUS_LINKS", "FRAME_NOUNS",
           "FREQUENCY", "GENERIC", "GIVING", "GRADES", "HALF_HEARTED", "HEADS", "IMPERSONAL", "INCLUSION",
           "INTENSIFIERS", "INVERSION_CUES", "INVERTING", "IRREALIS", "IRREGULAR_PAST", "KNOWING", "LEANING",
           "LIGHTING", "LINKING_FILLERS", "LIST_LINKS", "LIT_UP", "MANNER", "MAX_CLAUSE_TOKENS", "MEDIA", "META",
           "META_NOUNS", "MODALS", "MOODS", "MOOD_DEGREES", "NAMED_OBJECT_WORDS", "NAMING_AS", "NEGATED_LIST_REACH",
           "NEGATED_NOUN_PHRASE", "NEGATION_FIRST_WORDS", "NEGATION_SCOPE", "NEGATIVE_PRONOUNS", "NOMINATIVE",
           "NON_FINITE", "NOUN_COORDINATION", "OBJECT_PREPOSITIONS", "OBJECT_PRONOUNS", "OBJECT_STARTS", "OF",
           "ONLOOKERS", "OWN", "PARENTHETICAL", "PARTICULAR", "PEOPLE", "PERCEIVERS", "PERCEIVING", "PERSON_NOUNS",
           "PHRASAL_SHOWING", "PITCHED", "PLACE_TIME_ADVERBS", "PLAIN_FORM_SUBJECTS", "PLURAL_PEOPLE", "POINTING",
           "POSSESSIVES", "PUT_ON", "QUOTE_TOKEN", "RAISING", "RANK", "RECORDING", "RELATIONS", "RELATIVES",
           "RESHAPE_STARTS", "RESTRICTING", "SCANT", "SCOPE_BREAKS", "SEEING_HEARING", "SEEN_AS", "SENTENCE_END",
           "SETTING", "SHOWING_PLACES", "SINGLE_PEOPLE", "SOUNDS", "STATE_COMPOUND", "SUMMED", "TOKEN", "UNDENIABLE",
           "UNSURPASSABLE", "VALENCE", "VERB_ADVERBS", "WHEEL_LABEL_OF", "WHERE_SHOWN_REACH", "negation_at"]

# Word tokens (keeping inner hyphens and apostrophes: "self-conscious", "don't") and the punctuation the rules use.
# Text is lower-cased and apostrophes straightened first; a quoted span is replaced by one placeholder token.
TOKEN = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*|[,;:()]|[.!?]+|\x00")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
QUOTE_TOKEN = "\x00"
SENTENCE_END = frozenset({".", "!", "?", "..", "...", "!!", "?!", "!?", "??"})
CLAUSE_PUNCTUATION = frozenset({",", ";", ":", "(", ")"})

# How far back a clause's subject is looked for, and how long a bare list of labels may be, in tokens. English
# subjects stand within a few words of their verb; the bound keeps the work per word constant, so a crafted
# description without punctuation (131,072 characters is the longest cell a file may hold) costs linear time.
MAX_CLAUSE_TOKENS = 60

# Words naming the idea of emotion. They frame statements ("her emotional state is calm") but are never labels.
META = frozenset("""
    emotion emotions emotional emotionally feeling feelings mood moods sentiment sentiments state states affect
    affective emotive temper temperament mindset mentality attitude attitudes demeanor demeanour disposition mind
    spirits psyche
""".split())

# The nouns among them: a word right after one of these modifies it ("emotions related to"), it is not attributed.
META_NOUNS = frozenset({"emotion", "emotions", "feelings", "mood", "moods", "sentiment", "sentiments", "state",
                         "states", "attitude", "attitudes", "demeanor", "demeanour", "mind", "spirits"})

# "point to" shows an emotion only in its evidential sense ("the clues point to anger"): a person pointing to something
# makes a gesture.
POINTING = frozenset({"point", "points", "pointed", "pointing"})
# Verbs after which an adjective or noun is attributed to the subject: copulas, verbs of feeling, seeming, becoming,
# and of showing or stating an emotion.
ATTRIBUTING = frozenset("""
    is are was were be been being am feel feels felt feeling seem seems seemed seeming appear appears appeared
    appearing look looks looked looking sound sounds sounded sounding become becomes became becoming remain remains
    remained remaining get gets got gotten getting grow grows grew grown growing turn turns turned stay stays stayed
    express expresses expressed expressing show shows showed showing shown display displays displayed displaying exhibit
    exhibits exhibited exhibiting convey conveys conveyed conveying reveal reveals revealed revealing experience
    experiences experienced experiencing demonstrate demonstrates demonstrated demonstrating indicate indicates
    indicated indicating suggest suggests suggested suggesting imply implies implied implying reflect reflects
    reflected reflecting manifest manifests manifested manifesting portray portrays portrayed portraying radiate
    radiates radiated radiating exude exudes exuded exuding betray betrays betrayed betraying describe describes
    described describing identify identifies identified characterize characterizes characterized characterise
    characterises characterised include includes included including involve involves involved involving means
    meant hide hides hid hiding suppress suppresses suppressed suppressing conceal conceals concealed concealing mask
    masks masked masking signal signals signaled signalled signaling signalling
""".split()) | POINTING
# Verbs of showing: their subject may be the evidence itself, named by a pronoun ("this reflects his anxiety", "his
# voice is shaky, which indicates nervousness", "all of this points to sadness"), as by a noun ("the clues point to").
EVIDENTIAL = frozenset("""
    show shows showed shown showing reveal reveals revealed revealing indicate indicates indicated indicating suggest
    suggests suggested suggesting imply implies implied implying reflect reflects reflected reflecting betray betrays
    betrayed betraying convey conveys conveyed conveying demonstrate demonstrates demonstrated demonstrating signal
    signals signaled signalled signaling signalling
""".split()) | POINTING
# Verbs of recording, which show what they record when a recording is their subject: "the video captures his fear",
# "the footage depicts their joy" ("the news captured his attention" is another sense: caught it).
RECORDING = frozenset({"capture", "captures", "captured", "capturing", "depict", "depicts", "depicted", "depicting"})

# Prepositions that introduce an emotion only in a frame: "of" after a frame noun ("a sense of relief"), "in" and
# "with" directly before it ("in tears", "with excitement") or before an emotion-plus-mood phrase ("in a happy mood").
OF = "of"
DIRECT = frozenset({"in", "into", "with"})
FIRST_PERSON = frozenset({"i", "we"})

# Subjects that are not a person: "it is clear", "there is", "this is important" attribute nothing to anyone.
IMPERSONAL = frozenset({"it", "there", "this", "that", "which", "what"})

# Object-taking words after a form mark a verb, not a state: "is facing the camera", "is seen by", "enjoying it".
OBJECT_STARTS = frozenset("""
    the a an his her their its my your our this these those him them me us it someone something anyone anything by
""".split())

# Adjectives of degree or kind: before an emotion word they say how much or what sort ("intense emotions"), never
# which one; so do adjectives of emphasis ("a look of pure joy", "sheer terror", "utter despair"), of how plainly
# it shows ("his tone carries unmistakable bitterness", "she shows visible relief") and of how far it is held back
# ("her sarcasm reveals underlying resentment", "with barely concealed anger": held back, it is still hers).
DEGREE = frozenset("""
    intense strong deep mild slight overwhelming complex mixed heavy high low extreme great profound various different
    many multiple subtle certain complicated conflicting contrasting positive negative
    pure sheer utter total absolute genuine raw apparent undeniable discernible
""".split()) | PLAINLY | HELD_BACK
# Compounds that name the emotional state as "state" alone does: an adjective before one states it ("a calm state
# of mind", "a stable state of being"), as before "state"; it is no frame like "a strong sense of".
STATE_COMPOUND = re.compile(r"^(?:state|states|frame) of (?:mind|being)$")
# Degree words that are also adjectives of mood (dictionary senses "low: dejected", "heavy: sad, of the heart"), and
# the valence words, which name a state's sign.
MOOD_DEGREES = frozenset({"low", "heavy", "positive", "negative"})
# Adjectives of rank or time before a word naming emotion say which of several emotions leads or when, not which
# emotion it is ("a satisfied dominant emotion", "her overriding emotion", "his current state of mind"); unlike degree
# words they stand nowhere else in a statement ("she is the main focus" states no focus).
RANK = frozenset("""
    dominant predominant prevailing primary principal overriding main chief leading central secondary underlying
    current present initial final former later
""".split())

# Verbs of knowing and telling: what follows them is the describer's judgement ("determine with certainty").
KNOWING = frozenset("""
    determine determined determining tell say know identify identified predict predicted infer inferred pinpoint
    conclude concluded judge assess recognize recognise ascertain establish deduce discern gauge interpret confirm
""".split())

# Nouns whose "of" introduces an emotion ("a sense of relief", and the ones that depict it: "the picture of calm",
# "his face tells a story of grief"); a candidate right before one of them is a modifier.
FRAME_NOUNS = frozenset("""
    sense state states feeling feelings emotion emotions mood moods mix mixture combination blend level levels degree
    hint hints touch sign signs trace traces air look expression expressions display kind sort type form amount lot
    moment moments bit full tinge note shade source range variety array spectrum
    wave waves surge rush pang pangs twinge flicker flash burst glimmer spark undertone undertones overtone overtones
    picture portrait image story
""".split())

# Nouns of expressive acts whose "of" names the emotion they show: "tears of joy", "a sigh of relief".
EXPRESSION_NOUNS = frozenset({"tears", "cries", "cry", "sigh", "sighs", "smile", "smiles", "shout", "shouts", "scream",
                               "screams", "gasp", "gasps", "laugh", "laughs", "laughter", "groan", "groans", "squeal",
                               "squeals", "shriek", "shrieks", "sob", "sobs"})

# Words that may stand between an attributing word and the emotion without breaking the statement.
FILLERS = frozenset("""
    a an the his her their its my your our some any this
    very quite so too rather somewhat bit little lot more most less least still also even both either just really truly
    fairly pretty particularly especially deeply highly extremely slightly mildly clearly obviously visibly generally
    overall mostly mainly largely probably possibly perhaps maybe likely apparently seemingly evidently somehow
    may might could can would should must will to be been being like as such
    deep great high slight mild certain general kind sort type one
    and or not only never neither nor no longer now again already later
""".split()) | FRAME_NOUNS | META | DEGREE

# Nouns that make a statement about one piece of evidence rather than about the character.
EVIDENCE = frozenset("""
    voice voices tone tones intonation pitch speech speaking face faces facial expression expressions eye eyes
    eyebrows brow brows mouth lips smile smiles smiling gaze body posture gesture gestures movement movements
    language audio video clip scene image images frame frames subtitle subtitles caption captions text words word
    sentence sentences line lines utterance dialogue conversation music background sound sounds laughter laugh
    content phrase remark question statement description clue clues cue cues information analysis context
""".split())

# The clues that show a manner: an emotion word right before one ("an angry tone", "a sad expression", "a nervous
# edge") is what the clue shows, a statement about that piece of evidence. Expressive acts are such clues too: "a
# nervous laugh", "an angry glare", "a bitter laugh" show the emotion named, not the one the act shows by default.
MANNER = frozenset({"tone", "tones", "voice", "intonation", "expression", "expressions", "smile", "look", "looks",
                     "manner", "demeanor", "demeanour", "gaze", "face", "grin", "grins", "glare", "glares", "frown",
                     "frowns", "smirk", "smirks", "scowl", "scowls", "chuckle", "chuckles", "giggle", "giggles",
                     "sneer", "sneers", "stare", "stares", "glance", "glances",
                     # and the qualities heard or seen in one: "a nervous edge to her voice", "an angry undertone"
                     "edge", "undertone", "undertones", "tinge", "note", "notes", "ring", "quality", "air"}) \
    | EXPRESSION_NOUNS

# Nouns for people: the subject of a statement about the character, never an emotion themselves.
PEOPLE = frozenset("""
    person persons people character characters man men woman women boy boys girl girls speaker speakers individual
    individuals protagonist someone guy lady gentleman child children kid kids he she they him them himself herself
    subject interviewee narrator presenter
""".split())

# Nouns for the people around the character: after a possessive ("her friend", "his mother") or "other" they name
# someone else, whose emotions are not the character's.
RELATIONS = frozenset("""
    friend friends mother father mom mum dad parent parents son sons daughter daughters brother brothers sister sisters
    wife husband partner partners boyfriend girlfriend colleague colleagues coworker coworkers boss child children kid
    kids family relative relatives companion companions neighbour neighbor neighbours neighbors teacher student students
    interlocutor opponent friend's mother's father's
""".split()) | PEOPLE
POSSESSIVES = frozenset({"her", "his", "their", "my", "your", "our"})
OWN = frozenset({"my", "our"})  # the describer's: "My reading: anxious" heads an answer
# Nouns for a person that an adjective may describe as what they are like: "she is a lovely person".
PERSON_NOUNS = frozenset({"person", "man", "woman", "guy", "lady", "gentleman", "girl", "boy", "individual",
                           "character", "kid", "child", "soul", "fellow", "people", "men", "women"})
# ... and the people around someone, who may be described the same way: "she is a loved and trusted friend".
DESCRIBED_PEOPLE = PERSON_NOUNS | (RELATIONS - PEOPLE)
# ... of whom one may be said to be something with "'s" for "is": "the man's angry" (not "people's", "the boys'").
SINGLE_PEOPLE = frozenset(noun for noun in DESCRIBED_PEOPLE | PEOPLE if not noun.endswith(("s", "'s"))) - {
    "people", "men", "women", "children"}
# Groups that are never the character described.
ONLOOKERS = frozenset({"audience", "crowd", "onlookers", "bystanders", "spectators", "listeners", "others",
                        "interviewer", "host", "viewers"})
RELATIVES = frozenset({"who", "whom", "whose"})

# Nouns for the setting: "the environment is unclear", "the room is bright" attribute nothing to the character.
SETTING = frozenset("""
    environment room setting surroundings atmosphere lighting light weather place location area space background scene
    situation event topic theme painting picture object objects decor furniture wall walls table window movie movies
    film films song songs book books story stories plot game games news programme program series
""".split())

# The recordings a description talks about: "in the audio" says where an emotion shows.
MEDIA = frozenset({"audio", "video", "clip", "recording", "footage", "scene", "image", "images", "frame", "frames",
                    "picture", "subtitle", "subtitles", "text", "voice", "speech"})

# Nouns that can head the subject of a statement.
HEADS = PEOPLE | EVIDENCE | SETTING

# A clause ends at punctuation and at these words; the subject of a statement is looked for inside its clause.
CLAUSE_WORDS = frozenset("""
    that which who whom because since while whereas although though but so when if whether whose
""".split())

# Negation cues: the emotion after one of these (within its scope) is not emitted. Two-word cues are joined by a space.
_NEGATION_CUES = frozenset({"not", "no", "never", "without", "neither", "nor", "cannot", "hardly", "nothing", "none",
                            "nobody", "noone", "lack", "lacks", "lacking", "absence", "absent", "whether", "free",
                            "rather than", "instead of", "other than", "no longer", "far from", "devoid of", "unlike",
                            "barely", "scarcely", "seldom", "rarely", "anything but", "lack of", "unlikely",
                            "less than", "nowhere", "absence of"})
# Quantifiers that negate a frame noun after them: "little sign of fear", "few hints of joy".
_SCARCITY = frozenset({"little", "few"})
NEGATION_FIRST_WORDS = frozenset(cue.split()[0] for cue in _NEGATION_CUES) | _SCARCITY
_NOT_NEGATING = frozenset({("not", "only"), ("not", "just"), ("no", "doubt"), ("not", "but"),
                           # "she can't help but smile", "he cannot help feeling anxious": she does, despite herself
                           ("can't", "help"), ("cannot", "help"), ("couldn't", "help")})
SCOPE_BREAKS = frozenset({",", ";", ":", "(", ")", "but", "however", "although", "though", "yet", "while",
                           "whereas", "instead", "rather"}) | SENTENCE_END
# After a negated list, a comma and one of these start what is asserted instead: "neither happy nor sad, just tired".
RESTRICTING = (["just"], ["only"], ["merely"], ["simply"], ["but"], ["rather"], ["instead"])
NEGATION_SCOPE = 6
NEGATED_LIST_REACH = 3  # tokens a negated list stays negated after each of its items: ", or anger"
# Words inside a negated noun phrase that do not use up the negation's reach: "no clear *signs of any* emotion".
NEGATED_NOUN_PHRASE = frozenset({"of", "any", "clear", "visible", "obvious", "apparent", "specific", "particular"})

# Valence words: kept when they are all a description says; beside specific emotions "negative" is dropped, as the
# LLM does on the tuning models (it keeps "positive" there about as often as not).
VALENCE = frozenset({"positive", "negative"})
DROPPED_BESIDE_SPECIFIC = frozenset({"negative"})

# Verbs of perceiving: their object is the character's emotion, whoever perceives it ("I sense her fear").
PERCEIVING = frozenset("""
    sense senses sensed sensing perceive perceives perceived perceiving notice notices noticed noticing detect detects
    detected detecting
""".split())
# Verbs of plain seeing and hearing: they perceive an emotion as "sense" does only where a phrase says where it shows
# ("you can hear the anger in her answer"), and only with the describer or anyone as perceiver: "she heard surprising
# news", "she sees the fear in his eyes" (someone else's) state nothing of hers.
SEEING_HEARING = frozenset({"see", "sees", "saw", "hear", "hears", "heard", "spot", "spots", "spotted"})
PERCEIVERS = frozenset({"i", "we", "you", "one"})
# Words before "as" that make it introduce what someone is taken to be: "comes across as", "seen as".
COMING = frozenset({"come", "comes", "came", "coming"})  # "comes off as" too
SEEN_AS = frozenset({"across", "seen", "perceived", "viewed", "regarded", "described", "interpreted",
                      "read", "reads", "summarised", "summarized", "characterised", "characterized", "categorised",
                      "categorized", "classified", "labelled", "labeled", "identified"}) | COMING
# The same verbs in their active forms, whose object stands before "as": "I would characterize *his mood* as gloomy",
# "one could describe *the man* as anxious".
NAMING_AS = SEEN_AS | frozenset(f"{stem}{ending}" for stem in (
    "describe", "characterize", "characterise", "summarize", "summarise", "categorize", "categorise", "interpret",
    "label", "view", "regard", "perceive", "see", "read") for ending in ("", "s")) | {"classify", "classifies",
                                                                                       "identify", "identifies"}
NAMED_OBJECT_WORDS = 3  # "his overall mood", "the young man"
# Verbs whose particle stands before "as": "can be summed up as", "is best summed up as".
SUMMED = frozenset({"sum", "sums", "summed", "summing"})
OBJECT_PRONOUNS = frozenset({"her", "him", "them", "herself", "himself", "themselves", "me", "us"})
COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being", "seems", "seem", "appears", "appear", "looks",
                      "look", "feels", "feel", "gets", "get", "got", "becomes", "become", "became"})

# The field names of a structured answer ("Emotion: anger", "Labels: sad, lonely", "Final answer: fear").
ANSWER_KEYS = META | frozenset({"label", "labels", "answer", "answers", "result", "results", "prediction",
                                  "predictions", "verdict", "category", "categories", "class", "output", "tag", "tags",
                                  "conclusion", "summary", "emotion-label", "emotion-labels", "overall"})

# Words besides emotions and list links that a bare list of labels may hold ("1. happy", "(sad)", "a sense of fear").
BARE_LIST_WORDS = frozenset({"a", "an", "of", "sense", "feeling", "(", ")", ";"})

# Verbs of speaking, looking, reacting and gesturing, inflected: the acts whose manner ("speaks angrily", "nervously
# laughs", "shrugs indifferently", "paces nervously") shows an emotion.
EXPRESSIVE_VERBS = frozenset(f"{stem}{ending}" for stem in """
    speak talk answer repl respond ask shout yell scream whisper mutter murmur sigh laugh smil cri weep sob look stare
    glanc gaz nod react say exclaim complain protest argu shak trembl stammer stutter grumbl groan chuckl giggl grin
    frown sneer snap glar hiss plead beg cheer greet wav clap thank
    shrug gestur fidget pac flinch winc blush
""".split() for ending in ("", "e", "s", "es", "ed", "ies", "ied", "y", "ing", "d")) | frozenset(
    {"said", "spoke", "told", "tells", "tell", "wept", "shook", "smiles", "smile"})

# Adverbs of frequency make a statement generic ("a smile is usually associated with joy"), not about the character;
# adverbs of time date a participle ("the previously observed state").
GENERIC = frozenset({"usually", "typically", "commonly", "normally", "frequently", "traditionally", "often",
                      "sometimes", "generally", "culturally", "socially", "previously", "recently", "formerly",
                      "initially", "originally"})

# Words that open a noun phrase: an emotion noun after them can head a subject ("her anger is clear"), as can one
# after a possessive ("the man's anger").
DETERMINERS = frozenset({"the", "a", "an", "her", "his", "their", "its", "my", "your", "our", "this", "that", "some",
                          "no", "any", "such"})
# Words that join the emotion nouns of one subject: "anger and fear", "anger as well as fear", "not only anger but
# also fear", "neither anger nor fear".
NOUN_COORDINATION = frozenset({"and", "or", "as", "well", "but", "also", "nor"})
# The first word of a correlative pair before the first noun of a subject: "both ... and", "either ... or" (a hedge
# that keeps both), "neither ... nor" (which the negation rules deny); "not only ... but also" is looked at apart.
CORRELATIVES = frozenset({"both", "either", "neither"})
# Words before "with" that join two emotion nouns: "anger along with fear", "joy mixed with relief".
ALONG = frozenset({"along", "together", "mixed", "combined", "coupled", "tinged", "mingled", "blended"})
MODALS = frozenset({"may", "might", "could", "can", "must", "will", "would", "should", "also", "still"})
# Forms of the attributing verbs that cannot be a clause's finite verb ("anger *including* ...").
NON_FINITE = frozenset(word for word in ATTRIBUTING if word.endswith("ing")) | {"be", "been"}
# Fillers that link to a new phrase rather than modify the predicate: "her anger turns *to* sadness".
LINKING_FILLERS = frozenset({"to", "and", "or", "as", "like", "such", "with", "into", "both", "either", "one"})

# Verbs of change, oscillation and range: "her mood shifts from calm to angry", "he went from happy to sad", "her mood
# swings between happy and sad", "she is torn between hope and fear", "her emotions range from joy to sorrow" state
# both emotions. The official prompt asks for the character's emotional state in the clip, and the clip shows both the
# state it starts in and the one it ends in, or both it moves between (OV-MER labels are the set of emotions shown),
# so both are read, as any statement is.
CHANGE_VERBS = frozenset("""
    shift shifts shifted shifting change changes changed changing go goes went gone going move moves moved moving
    switch switches switched switching swing swings swung swinging transition transitions transitioned transitioning
    evolve evolves evolved evolving turn turns turned turning oscillate oscillates oscillated oscillating fluctuate
    fluctuates fluctuated fluctuating alternate alternates alternated alternating waver wavers wavered wavering
    vacillate vacillates vacillated vacillating range ranges ranged ranging vary varies varied varying torn caught
    forth
""".split())  # "forth": "goes back and forth between anger and guilt"
CHANGE_PREPOSITIONS = frozenset({"from", "to", "into", "between"})
# "give way to" is a change of state too, read as "turn to": "his sadness gives way to relief".
GIVING = {"give": "turn", "gives": "turns", "gave": "turned", "given": "turned", "giving": "turning"}
# Verbs of leaning before "toward(s)", read as "point to": a state that leans, tends or veers toward an emotion states
# it, hedged ("his emotional state leans toward sadness", "her reactions tend towards frustration"); a person leaning
# toward the table makes a gesture, as one pointing does.
LEANING = {f"{stem}{ending}": f"point{ending}" for stem in ("lean", "tend", "veer")
            for ending in ("", "s", "ed", "ing")}
# Two-word verbs of showing, by their first word, and the one-word verb each means: "hint at" is "suggest", "point
# toward(s)" is "point to", and "speak to" (when its object is an emotion: "her silence speaks to her sadness") is
# "point to", which keeps a person who speaks to someone from stating anything.
PHRASAL_SHOWING = {"hint": "suggest", "hints": "suggests", "hinted": "suggested", "hinting": "suggesting",
                    "speak": "point", "speaks": "points", "spoke": "pointed", "spoken": "pointed",
                    "speaking": "pointing", **{word: "point" for word in ("point", "points", "pointed", "pointing")},
                    **LEANING}
# "there is no denying her joy", "there is no mistaking his anger": the emotion is plain to see.
UNDENIABLE = frozenset({"denying", "mistaking", "hiding", "disguising", "concealing"})
# Concessive words that may open a verbless clause: "though nervous, he speaks clearly".
CONCESSIVE = frozenset({"though", "although", "while", "albeit", "yet", "still"})
# One-word parentheticals between a subject and its verb: "his anger, though, is obvious".
PARENTHETICAL = frozenset({"though", "however", "too", "also", "indeed", "clearly", "obviously", "then", "now"})
# Words opening a contrast or a comparison set off by commas between a subject and its verb: "relief, rather than
# joy, is evident", "fear, more than anything else, defines his expression", "anger, above all, drives him".
CONTRASTING = frozenset({"not", "rather", "instead", "more", "above"})
ASIDE_REACH = 5  # tokens such a contrast may hold: ", not her overwhelming joy,"
# Words that may join the emotion nouns in a cleft's focus: "it is relief, rather than joy, that", "it is not fear
# but anger that", "it is a sense of relief that".
FOCUS_LINKS = frozenset({"not", "only", "but", "rather", "than", "instead", "of", "also", ","})
# Irregular past tenses that may open a relative clause as its verb: "it was his frustration that *came* through".
IRREGULAR_PAST = frozenset("""
    came went made took gave kept brought drove held ran rose shone stood grew broke overcame overtook swept struck
    crept sprang spread set led began
""".split())
# Verbs of concealing an emotion: negated, they state it ("she cannot hide her joy"), and the words that may stand
# between the negation and the verb ("can't even try to hide", "does not bother to conceal").
CONCEALING = frozenset("""
    hide hides hid hidden hiding conceal conceals concealed concealing mask masks masked masking disguise disguises
    disguised disguising suppress suppresses suppressed suppressing contain contains contained containing repress
    represses repressed repressing
""".split())
# Negations of degree: "barely concealed", "hardly hidden" say the concealing failed, so the emotion shows.
SCANT = frozenset({"barely", "hardly", "scarcely"})
BEFORE_CONCEALING = frozenset({"even", "try", "tries", "tried", "trying", "to", "bother", "bothers", "bothered",
                                "effort", "attempt",
                                "really", "quite", "fully", "completely", "entirely", "be", "able", "seem", "seems",
                                "seemed"})

# Disjuncts: adverbs that comment on a whole clause ("Sadly, he left": it is sad that he left) or on how the speaker
# says it, not on how its subject acts; fronted before a comma they are never the subject's manner. A closed class of
# English grammar (evaluative and style disjuncts), not chosen from any labels.
DISJUNCTS = frozenset("""
    sadly happily unhappily luckily unluckily fortunately unfortunately hopefully thankfully regrettably mercifully
    tragically ironically curiously oddly strangely surprisingly unsurprisingly interestingly amusingly understandably
    naturally predictably remarkably amazingly astonishingly shockingly disturbingly alarmingly worryingly annoyingly
    frustratingly importantly significantly crucially essentially honestly frankly seriously certainly clearly
    obviously evidently apparently admittedly undoubtedly ideally wisely foolishly rightly wrongly sensibly
""".split())
# Words after which a clause is inverted and, with "so" or a comparison, asserts: "not only is she", "never has he
# been so happy", "seldom has she looked happier".
INVERSION_CUES = frozenset({"not", "never", "seldom", "rarely"})
# "could not be happier", "couldn't be more nervous": a state that cannot be greater.
UNSURPASSABLE = frozenset({"could", "can", "couldn't", "can't", "cannot"})
# Verbs before "to be", "to feel", "to look" whose complement is not asserted: pretence, claims, wishes, attempts,
# duty ("he claims to be happy" is his word, not the describer's).
IRREALIS = frozenset(f"{stem}{ending}" for stem in ("pretend", "want", "wish", "attempt", "need", "fail", "claim",
                                                     "profess", "purport")
                      for ending in ("", "s", "ed", "ing")) | frozenset({
    "try", "tries", "tried", "trying", "hope", "hopes", "hoped", "hoping", "supposed", "meant", "expected", "professes",
    "used"})  # "she used to be happy": a past habit, not the clip's state
# "pretends to feel", "tries to stay calm", and the verbs of seeming: "tries to sound cheerful", "wants to look calm".
BECOMING = frozenset({"feel", "remain", "stay", "get", "become", "act", "sound", "seem", "appear", "look"})
# Auxiliaries and copulas that go before their subject in an inverted clause ("not only is she", "never has he").
INVERTING = frozenset({"is", "was", "are", "were", "has", "had", "have", "does", "did", "do"})
# Subjects that make an emotion form right after them a finite verb of feeling: "she loves him", "he hates this",
# "the woman fears that ...". "I" and "we" are the describer outside quoted speech.
NOMINATIVE = frozenset({"he", "she", "they", "who", "i", "we", "you"})
# Verbs whose subject feels the emotion they name (English "experiencer-subject" psych verbs): "she loves him", "he
# fears that". Other forms the format map holds as inflections ("opens", "engages", "cares about the exam") are
# not feelings when used as verbs.
FEELING_VERBS = frozenset("""
    love adore hate detest loathe despise fear dread worry fret enjoy relish resent regret envy admire pity mourn
    grieve rejoice
""".split())
# Verbs of an attitude towards someone, felt by their subject: their participle before a person ("a respected
# gentleman", "a loved one", "a feared man") says what others feel about that person, not what the person feels.
ATTITUDE_VERBS = frozenset("""
    love adore hate detest loathe despise fear dread resent envy admire pity respect trust value cherish appreciate
    esteem revere idolize idolise
""".split())
# Auxiliaries between such a subject and its verb, after which the verb takes its base form ("she does enjoy", "he
# will hate"), and adverbs that may stand there too ("she really loves").
AUXILIARIES = frozenset({"do", "does", "did", "will", "would", "can", "could", "may", "might", "must", "should"})
# Raising verbs: their subject is the subject of the infinitive after "to", which takes its base form ("she seems to
# enjoy", "he appears to love", "they tend to worry").
RAISING = frozenset("""
    seem seems seemed appear appears appeared tend tends tended happen happens happened start starts started begin
    begins began continue continues continued come comes came
""".split())
# Subjects whose verb takes its plain form in the present ("they love it", "we hate this"); "you" and "I" too.
PLAIN_FORM_SUBJECTS = frozenset({"they", "we", "you", "i"})
PLURAL_PEOPLE = frozenset({"people", "men", "women", "children", "kids", "boys", "girls", "persons", "characters",
                            "speakers", "individuals", "guys", "ladies"})
# Pronouns that deny an object or a subject: "she fears nothing", "he is afraid of no one", "nobody is angry" state
# no feeling. "nothing but spiders", "no one except him" name an exception that is feared after all.
NEGATIVE_PRONOUNS = frozenset({"nothing", "nobody", "none", "noone", "neither"})
EXCEPTIONS = frozenset({"but", "except", "besides", "apart", "save", "other", "than"})
# Prepositions that take the object of an emotion adjective: "afraid of", "angry at", "worried about".
OBJECT_PREPOSITIONS = frozenset({"of", "about", "at", "by", "with", "for", "toward", "towards"})
# Words of degree that may stand before an adverb of manner: "speaks *very* calmly", "laughs *a little* nervously".
INTENSIFIERS = frozenset({"very", "quite", "so", "too", "rather", "somewhat", "fairly", "pretty", "a", "bit", "little",
                           "more", "most", "less", "really", "truly"})
# The words a bracketed note grading an answer may hold besides numbers: "(high)", "(very strong)" (valence words
# are labels the LLM keeps: "(positive)").
GRADES = (DEGREE | INTENSIFIERS) - VALENCE
VERB_ADVERBS = frozenset({"really", "truly", "also", "still", "clearly", "obviously", "deeply", "genuinely",
                           "certainly", "visibly", "secretly", "openly"})

# Adverbs of frequency: a sentence whose subject is no one in particular ("a smile is usually a sign of happiness",
# "smiling generally indicates joy") states what is generally true, not what the character feels.
FREQUENCY = frozenset({"usually", "typically", "commonly", "normally", "frequently", "traditionally", "often",
                        "generally", "always", "mostly"})
# Words that make a subject particular: a determiner or pronoun pointing at the clip's people and things ("people
# often smile" is generic, "the man often smiles" is not).
PARTICULAR = frozenset("""
    the this that these those her his their its my our your he she they i we you it him them
""".split())

# How a short clause says that a general statement holds of someone in particular: "she is one of them", "he does
# too", "she is no exception".
INCLUSION = ("one of them", "no exception", "too", "as well", "also", "likewise", "among them")

# Coordination: the word after one of these shares the statement of the word before it, emotion word or not.
COORDINATORS = frozenset({"or", "and", ","})

# List continuation: after an attributed emotion these keep the statement open ("happy, relaxed and content").
# An adverb of frequency or degree may open a list item ("mostly calm, occasionally irritated", "at times sad").
LIST_LINKS = frozenset({",", ";", "(", ")", "and", "or", "as", "well", "also", "even", "then", "to", "but", "yet",
                         "slightly", "albeit", "occasionally", "sometimes", "often", "frequently", "periodically",
                         "intermittently", "briefly", "momentarily", "partly", "increasingly"})
# ... and the words of a first moment, after which a list goes on with the next: "surprised at first, then happy"
# ("at" only before "first": "in agreement at certain points" ends the list).
CONTINUING = LIST_LINKS | FILLERS | {"first", "initially"}

# Expressive behaviour that English reads as one emotion. The LLM names that emotion when a description states none
# ("she starts crying, showing intense emotions" → sad), so these are the last source of labels.
BEHAVIOUR = {
    **dict.fromkeys(("cry", "cries", "cried", "crying", "tears", "tearful", "sob", "sobs", "sobbing", "weep", "weeps",
                     "weeping", "wept"), "sad"),
    **dict.fromkeys(("smile", "smiles", "smiled", "smiling", "grin", "grins", "grinning", "laugh", "laughs", "laughed",
                     "laughing", "laughter", "giggle", "giggles", "giggling"), "happy"),
    **dict.fromkeys(("shout", "shouts", "shouted", "shouting", "yell", "yells", "yelled", "yelling"), "angry"),
}

# Stems of the words that say behaviour is put on: "fakes a smile", "a forced laugh", "feigned tears".
PUT_ON = ("fake", "forc", "feign")
# Adjectives that say an expressive act lacks conviction: "a weak laugh", "a feeble smile", "a wan smile", "a
# half-hearted laugh" show no clear joy (a "faint" or "slight" smile is a small one, and still one).
HALF_HEARTED = frozenset({"weak", "feeble", "wan", "half-hearted", "halfhearted", "hollow", "thin"})
# Adjectives of dimension (size, loudness, length, strength) before an act or a clue of manner: how it is, not which
# feeling it shows ("a weak laugh", "a soft voice", "a loud sigh", "a short laugh", "a long stare").
DIMENSIONS = HALF_HEARTED | frozenset({"faint", "soft", "loud", "quiet", "short", "brief", "long", "small", "big",
                                         "little", "slow", "quick", "fast"})
# A face or eyes that light up show sudden joy ("her face lights up"); a person lighting up a cigarette does not.
MOODS = frozenset({"mood", "moods"})
PITCHED = frozenset({"low"})  # of the mood degrees, the one a sound has as its pitch or loudness
SOUNDS = frozenset({"voice", "voices", "tone", "tones", "intonation", "note", "notes"})
LIGHTING = frozenset({"light", "lights", "lit", "lighted"})
LIT_UP = frozenset({"face", "faces", "eyes", "expression", "features"})
# A face that falls or a heart that sinks shows disappointment, as a face that lights up shows joy (idioms of the
# body; eyes that drop only look down).
FALLING = {verb: frozenset({"face", "faces"}) if verb[0] in "fd" else frozenset({"heart", "hearts"})
            for verb in ("falls", "fell", "fallen", "drops", "dropped", "sinks", "sank", "sunk")}

# The Chinese lexicon's emotions (the NRC set) as the wheel words that name the same sectors: what the official LLM,
# reading a quoted Chinese subtitle, would name. "trust" (DUTIR's 好: liking and praise) is left out where it is
# praise of something rather than the speaker's feeling; see ``ChineseTerm.speaker_emotion``.
WHEEL_LABEL_OF = {"joy": "happy", "trust": "trusting", "anger": "angry", "sadness": "sad", "fear": "fearful",
                   "disgust": "disgusted", "surprise": "surprised"}

# Adverbs of place and time (a closed class of English) say where or when something is shown, never what is felt:
# "the emotion expressed *here* is contempt".
PLACE_TIME_ADVERBS = frozenset("""
    here there now then today tonight yesterday tomorrow everywhere somewhere nowhere anywhere elsewhere
""".split())

# The words that can start a shape ``reshaped`` restates (besides forms of degree and negated contractions).
RESHAPE_STARTS = frozenset({"not", "less", "least", "if", "nothing", "there", "to", "or", "(", "as", "it", "one",
                             "at", "that", "those", ")", "own"}) | RECORDING \
    | frozenset(GIVING) | frozenset(PHRASAL_SHOWING) | INVERSION_CUES | UNSURPASSABLE | NEGATION_FIRST_WORDS \
    | DEGREE_NOUNS | NEGATIVE_SUBJECTS | MEASURE_NOUNS | POSSESSED_BY | PERCEIVING | CARRYING | {"ever"}

WHERE_SHOWN_REACH = 3  # "in *his* *trembling* *voice*"
# Speech acts, which show an emotion as a voice does: "a hint of irritation in her reply".
_SPEECH_ACTS = frozenset({"reply", "replies", "response", "responses", "answer", "answers", "comment", "comments",
                          "retort", "remarks"})
# Evidence that is a topic or an analysis, not a feature of the character where an emotion shows: "engaged in the
# conversation", "interested in the music" take part in it.
_TOPICS = frozenset({"conversation", "dialogue", "music", "background", "content", "information", "analysis",
                     "context", "description", "clue", "clues", "cue", "cues", "question"})
# Where an emotion shows: a feature of the character (voice, eyes, face, posture, gestures, body language, words,
# laugh), a manner or expressive act, a speech act, "the way she ...", or the recording.
SHOWING_PLACES = (EVIDENCE - _TOPICS) | MANNER | _SPEECH_ACTS | MEDIA | {"way"}


def negation_at(tokens: list[str], index: int) -> int:
    """Length in tokens of the negation cue starting at ``index`` (0 when there is none)."""
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    if f"{token} {following}" in _NEGATION_CUES:
        return 2
    if token in _SCARCITY:  # "little sign of fear", "few traces of joy" (but "a little sad", "a few tears")
        return int(following in FRAME_NOUNS and (index == 0 or tokens[index - 1] not in ("a", "very", "quite")))
    if token not in _NEGATION_CUES and not token.endswith("n't"):
        return 0
    # "not just" and "isn't just", "not only" and "wasn't only" assert what follows
    spelled = "not" if token.endswith("n't") and token not in ("can't", "couldn't") else token
    return 0 if (token, following) in _NOT_NEGATING or (spelled, following) in _NOT_NEGATING else 1
