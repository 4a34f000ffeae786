"""How faithfully the offline extractor stands in for the official LLM extraction (spec §5), measured honestly.

The OV-MER authors released, for 10 baseline models and 3 description settings, both the free-text descriptions each
model wrote for the 332 OV-MERD samples and the labels the official LLM (Qwen2.5-7B) extracted from them. Scoring both
label sets against the OV-MERD ground truth gives, per model, the official EW-L1 F and the EW-L1 F the hub would report
without an LLM.

Protocol (fixed here, before measuring):

* **Split by model.** The rules are developed on the descriptions of :data:`TUNING_MODELS` (every other model in
  alphabetical order, all three settings); :data:`HELD_OUT_MODELS` are the ones to quote. No word list is chosen from
  the official labels of any set: rules come from the emotion wheels, general English and the Chinese lexicon.
* **Rewordings.** ``benchmarks/rewording.py`` builds seeded, meaning-preserving variants of every description (other
  cue phrases, conclusion first, synonyms of "infer" and "emotional state", hedges, all at once); the offline labels of
  a reworded description are compared with the official labels of the original.
* **Targets** on the held-out models, every variant: Spearman ρ ≥ 0.9 over the 15 held-out (model, setting) rows,
  mean |Δ| EW-L1 ≤ 2 points, max |Δ| ≤ 5 points, and mean |Δ| ≤ 2 on the ``subtitle`` setting. ρ within one setting
  (5 models) is reported too, with its own verdict: there a single swap of two neighbours gives 0.9, and models whose
  official scores lie within a point of each other swap on differences far below the |Δ| targets.
* **Agreement** per description: the share of descriptions whose labels map to the same level-1 sectors of the five
  wheels (what EW-L1 compares) on both sides; model-level |Δ| can hide a missed label cancelling an extra one.

What was looked at, when (honest record):

* Round 1 (offline-v2 as first merged): the held-out summary was computed several times during development, and once
  it exposed a rule that broke general English ("fearful in the audio" read as "taking part in"); that rule was
  narrowed to what English grammar says.
* Round 2 (2026-11-27, 22:15–23:15 UTC): rules developed on the tuning models only, with
  ``benchmarks/extractor_errors.py`` (per-description disagreements by context) and the tuning rows of this script;
  the quoted-Chinese reader was checked on the EMER-V1 subtitles, which are not evaluated here. The round-1 report
  (in this file's git history) had shown which held-out rows were off (the Qwen-Audio ``subtitle`` set, quoted Chinese
  subtitles); no held-out description or label was read in round 2. The held-out tables were first computed at
  22:38 UTC, after the last rule change; no rule changed after that. Later runs (the script twice more, to fix how
  the speed line is measured, and the README's figures without the Qwen-Audio ``subtitle`` row) gave identical
  labels: the code changes after 22:38 (a faster form lookup and token checks) were checked to leave every label of
  all 30 sets and their rewordings unchanged.
* Round 3 (2026-11-27, 23:01–23:12 UTC): on the tuning models only, ``benchmarks/extractor_candidates.py`` measured
  reading a quote's emotion where a description gives no labels, and keeping only a verdict stated once; neither
  lowered |Δ| on both quote-bearing settings, so neither was adopted. Dropping "such as" examples was tried the same
  way (``nosubtitle-addsub`` mean |Δ| 0.92 → 0.69, ``subtitle`` 0.85 → 1.38, ``nosubtitle`` 0.77 → 1.14) and not
  adopted. The one rule change of the round: quoted Chinese in traditional characters is converted to simplified
  before the lexicon. The held-out tables were then computed once, at 23:12 UTC: every number identical to round 2,
  and no rule that changes a label of the 30 sets changed after that (23:18: at most 1,000 characters of Chinese
  speech are read per description, checked to leave every label of the 30 sets and their rewordings unchanged). At
  23:19 one more candidate was measured on the tuning models only and not adopted: dropping the second of two
  alternatives ("anxious or worried"): mean |Δ| 0.85 → 1.45, agreement 49.8 → 43.0 %; the LLM keeps alternatives.
* Round 4 (2026-11-28, 03:25–03:56 UTC): generality on wordings no rule had been written from. An independent
  stress set of general-English wordings was written first, with its expected labels decided by reading
  (``tests/emer_eval/test_extract_wordings.py``: nominal and passive statements, manner adverbs, comparatives, field /
  markdown / list / JSON answers, many negation forms, quoted and unquoted speech, other people's emotions, emotion
  words used otherwise, other languages); its failures were fixed with grammar rules (recorded round by round in
  ``docs/offline-extractor.md``), each checked on the tuning models only (per-description label diffs against
  the round-3 labels, and ``--tuning-only``). Rules that first over-reached there were narrowed by grammar, not by
  word lists from labels: manner adverbs only with verbs of speaking, looking or reacting and only when their
  adjective lies on the first wheel ("effectively conveys" is not a feeling); an emotion noun heads a subject only
  at the start of its clause ("the woman on the *left* is"); adverbs of frequency make a statement generic ("is
  usually associated with"). Cost on the tuning models (round 3 → round 4): mean |Δ| 0.85 → 0.86, agreement 49.8 →
  49.9 %. Ranking other people's emotions below the character's cost about 0.02 points of mean |Δ| there (the LLM
  sometimes names them); it was kept because the official prompt asks for the main character's emotional state and
  the stress set's reading of English requires it. Set-level warnings now also flag text in other scripts
  (Japanese, Korean, Cyrillic ...), and Japanese is no longer taken for Chinese. No bare-utterance / quote rule was
  adopted for the Qwen-Audio ``subtitle`` case (round 3's measurement on the tuning models stands). No held-out
  description or label was read. The held-out tables were computed once, at 03:56 UTC, after the last rule change
  (``--write``): pooled ρ 0.925, mean |Δ| 2.44, max 11.21, ``subtitle`` mean 3.75 on the original descriptions
  (round 3: 0.925, 2.46, 11.37, 3.78); the targets are still not met, for the same Qwen-Audio ``subtitle`` row. At
  04:00 the same labels were scored once more to give README its figures without that row (no rule change). At
  04:01 the script was run again (``--write``) after a speed-only change (contractions read with one pattern, a
  mention's subject looked up only when it is attributed), checked first to leave every label of the 30 sets and all
  their rewordings unchanged (one hash over all of them): every table identical, only the speed line differs (1.87
  → 1.32 s CPU for 3,320 descriptions; round 3: 1.00 s). At 04:10 a clause's subject and a bare list were bounded
  to 60 tokens (a crafted 131,072-character description without punctuation took 34 s, now 0.15 s), checked the
  same way to leave every label unchanged.
* Round 4b (2026-11-28, 04:35–04:42 UTC): wordings round 4 had left wrong, fixed with general rules and added to the
  stress set with expectations decided by reading, each with variants of its own: changes of state ("shifts from
  calm to angry", "went from happy to sad": both states read, since the official prompt asks for the emotional state
  the clip shows and the clip shows both), comparisons ("not so much angry as disappointed", "less angry than
  disappointed" → the asserted one; "less" before an emotion is a degree, not a label; "less than happy" denies),
  "sad, if not depressed" (both), verbs of feeling with a person as subject ("she loves him", "he fears that ..."; a
  closed set of English experiencer verbs, not the format map's inflections, which made "opens", "engages" labels),
  generic clauses (an adverb of frequency after a subject that is no one in particular: "a smile is usually a sign
  of happiness") dropped before the statement and behaviour rules, "tells her: ..." read as speech; descriptions
  mixing Chinese into English outside quotes get a set-level warning. Measured on the tuning models only
  (``--tuning-only`` and per-description label diffs against main's labels, 04:38–04:40): 37 of 4,980 descriptions
  change, mostly generic clauses no longer read; mean |Δ| 0.86 → 0.86, max 1.86 → 1.81, agreement 49.9 → 49.9 %.
  The tuning set holds one change of state ("emotions change from happiness and excitement to sadness and fear";
  the official LLM kept the final state only) — too few to decide by data, so the decision above rests on the
  prompt. No held-out description or label was read. The held-out tables were computed once, at 04:42 UTC, after
  the last rule change (``--write``): pooled ρ 0.925, mean |Δ| 2.45, max 11.21, ``subtitle`` mean 3.76 (round 4:
  0.925, 2.44, 11.21, 3.75); speed 1.61 s CPU for 3,320 descriptions (round 4: 1.32 s). The same labels were then
  scored once more without the Qwen-Audio ``subtitle`` row for README (mean |Δ| 1.82 original, 1.91 all rewordings;
  max 4.30 / 4.35). The targets are still not met, for the same row.
* Round 5 (2026-11-28, 12:00–12:10 UTC): wordings round 4b had left wrong, fixed with general rules and added to the
  stress set with expectations decided by reading, each with variants of its own, and more of the same families
  written afresh (not from the evaluation data): clefts read in their plain order ("it is not so much fear as anger
  that she shows" → anger; "it is anger, not fear, that she shows"); verbs of feeling after a raising verb ("she
  seems to enjoy", "he appears to love", "they tend to worry") and in the plain form after a plural or
  non-third-person subject ("they love it"), not in a relative clause describing a thing ("a hobby they enjoy");
  negative pronouns as object or subject ("she fears nothing", "afraid of no one", "nobody is angry"); oscillation
  and range ("swings between happy and sad", "torn between", "range from joy to sorrow", "back and forth between")
  name both states; after a change verb an emotion word between a determiner and a noun describes a thing ("her
  hands move from a relaxed position"); a generic clause counts when a short clause applies it to someone ("...,
  and she is one of them", "She is no exception"), else it stays dropped. Not fixed: a cleft whose relative clause
  has no subject of its own ("it is her anger that stands out", "it is fear that drives her"), and unquoted speech
  before "she says". Measured on the tuning models only (``--tuning-only`` and per-description label diffs against
  round 4b's labels, 12:03–12:07): 7 of 4,980 descriptions change (a relaxed hand position no longer read, "seems to
  enjoy" read in four, "range from ... to" in two); mean |Δ| 0.86 → 0.83, max 1.81 → 1.82, agreement 49.9 → 49.9 %.
  One candidate over-reached there and was narrowed by grammar before adoption: the relative-clause test first
  caught "indicates that the woman regrets", so it looks only at a pronoun subject after "<determiner> <noun>". No
  held-out description or label was read, and no held-out table was computed during development. The held-out
  tables were computed once, at 12:09 UTC, after the last rule change (``--write``): pooled ρ 0.925, mean |Δ| 2.42,
  max 11.21, ``subtitle`` mean 3.73 on the original descriptions (round 4b: 0.925, 2.45, 11.21, 3.76); all
  rewordings at once ρ 0.929, 2.52 / 11.47 / 3.85 (round 4b: 2.54 / 11.47 / 3.88); speed 1.53 s CPU for 3,320
  descriptions (round 4b: 1.61 s). The same labels were then scored once more without the Qwen-Audio ``subtitle``
  row for README (mean |Δ| 1.80 original, 1.88 all rewordings; max 4.30 / 4.35). The targets are still not met,
  for the same row; no rule was chosen on held-out data to change that. At 12:14 a code-only simplification (the
  test for "she is one of them") was checked first to leave every label of the 30 sets and all their rewordings
  unchanged (one hash over all of them).
* Round 6 (2026-11-28, 12:44–13:00 UTC): general-English wordings the lead wrote by hand (not from the evaluation
  data) that round 5 read wrongly, fixed with general rules and added to the stress set with expectations decided
  by reading, each with variants of its own, and more of the same families probed afresh: an adverb of degree or
  certainty is never a label ("is clearly worried" gave "clearly"; every "-ly" form the format map derives from
  another form is read as a filler unless it is the manner of speaking, looking or reacting), and a manner adverb
  may follow a degree word or another manner ("speaks very calmly", "calmly and confidently", "calmly to him": all
  gave nothing); a verb of showing may have a pronoun for the evidence as subject ("..., which indicates
  nervousness", "this reflects his anxiety", "all of this points to sadness"; "point to" and "signals" are verbs of
  showing, not when a person points); a second predicate with its subject left out shares the first one's ("she was
  sad at first but is now happy"; "now", "again", "already", "later" are fillers); "gives way to" is a change; a
  negated verb of concealing states the emotion ("cannot hide her joy", "can barely contain", "makes no effort to
  hide", "could not suppress a smile"); "comes off as", "strikes me as" read like "comes across as"; a recording
  after "in the" ("the individual in the video is") says where the subject is seen and no longer makes the
  statement one about a clue (found on the tuning models: with "currently" no longer a label, "the individual in
  the video is currently feeling happy" ranked below "positive emotions"). Not fixed: "she is upset by the news"
  (a participle before "by" is read as a passive verb), "his gestures hint at frustration", "her silence speaks to
  her sadness", "what this shows is anger". Measured on the tuning models only (``--tuning-only`` and
  per-description label diffs against round 5's labels, 12:47–12:59): 571 of 4,980 original descriptions change
  (most from the locative rule, which lets statements about "the person in the video" count as the character's, and
  from adverbs such as "actively", "strongly", "currently" no longer read); mean |Δ| 0.83 → 0.83, max 1.82 → 1.74,
  ρ 0.989 → 0.993, agreement 49.9 → 50.3 % (all rewordings at once: mean 0.82 → 0.83, agreement 49.6 → 50.0 %). No
  held-out description or label was read, and no held-out table was computed during development. The held-out
  tables were computed once, at 12:59 UTC, after the last rule change (``--write``): pooled ρ 0.932, mean |Δ| 2.20,
  max 11.37, ``subtitle`` mean 3.39 on the original descriptions (round 5: 0.925, 2.42, 11.21, 3.73); all
  rewordings at once ρ 0.929, 2.29 / 11.63 / 3.53 (round 5: 0.929, 2.52 / 11.47 / 3.85); speed 2.02 s CPU for
  3,320 descriptions (round 5: 1.53 s; another engineer's tests shared the 2 cores). The same labels were then
  scored once more without the Qwen-Audio ``subtitle`` row for README (mean |Δ| 1.54 original, 1.62 all
  rewordings; max 4.41 / 4.47; round 5: 1.80 / 1.88, 4.30 / 4.35). The targets are still not met, for the same row
  (Qwen-Audio ``subtitle``, official 34.35, offline 22.97, mostly quoted Chinese subtitles); no rule was chosen on
  held-out data to change that.
* Round 7 (2026-11-29, 01:57–02:32 UTC): general-English wordings that round 6 read wrongly, fixed with general rules
  and added to the stress set with expectations decided by reading, each with variants of its own, and more of the
  same families written afresh (not from the evaluation data): a cleft whose relative clause has no subject of its own
  is said as a pseudo-cleft ("it is fear that drives her" → "what drives her is fear"; only with a focus of emotion
  nouns, so "it is important to note that ..." is untouched), and a pseudo-cleft with a subject and a verb of showing
  is said plainly ("what this shows is anger"); the sentence before ", she says (angrily)" and a span in single quotes
  are the character's speech; a first-wheel participle before "by" and a determiner or pronoun states a feeling with
  its cause ("upset by the news"; not "her mood may be influenced by"); "hint at", "point toward(s)", "speak to
  <emotion>" are verbs of showing and "there is no denying X" shows X; "a lovely person" after a copula or in an
  appositive is a trait; appositives and adjectives set off by commas after a person, fronted verbless clauses
  ("Visibly relieved, she sits down"), "can't help", "nothing but", "tears of joy", adjectives of emphasis ("pure
  joy") and a face lighting up are read as English reads them. Not fixed: "her face falls", "none too pleased", "a
  bundle of nerves", "Nervously, he looks around", inversion ("not only is she sad"); "she is a happy person" is now
  read as a trait, which the official LLM may not do. Measured on the tuning models only (``--tuning-only`` at 01:57,
  02:01, 02:14, 02:17, 02:22 and 02:27, and per-description label diffs against round 6's labels, 01:58–02:26): 77 of
  4,980 original descriptions change (59 "overwhelmed / frustrated / upset by the ...", 9 traits, 7 "in deep thought"
  / "with genuine interest", 1 "points towards", 1 "with absolute certainty" no longer a label); mean |Δ| 0.83 → 0.82,
  max 1.74 → 1.72, ρ 0.993 → 0.993, agreement 50.3 → 50.3 % (all rewordings at once: mean 0.83 → 0.82, max 1.74 →
  1.69). Two candidates over-reached there and were narrowed by grammar before adoption: the subject-less cleft first
  caught "it is important to note that emotions are complex" (the focus must be emotion nouns), and the appositive
  first caught "the individual, a direct observation of ..." (the appositive must be closed by a comma). No held-out
  description or label was read, and no held-out table was computed during development. The held-out tables were
  computed once, at 02:31 UTC, after the last rule change (``--write``): pooled ρ 0.932, mean |Δ| 2.17, max 11.38,
  ``subtitle`` mean 3.31 on the original descriptions (round 6: 0.932, 2.20, 11.37, 3.39); all rewordings at once ρ
  0.929, 2.26 / 11.64 / 3.44 (round 6: 0.929, 2.29 / 11.63 / 3.53); speed 2.87 s CPU for 3,320 descriptions (round 6:
  2.02 s on another machine, an AMD EPYC; this one, an Intel Xeon, is slower — main's board build took 0.9–1.2 s here
  against 0.55 s there — and round 7 itself cost about 9 % on the tuning descriptions, 1.56 → 1.70 s, best of several
  runs). The same labels were then scored once more without the Qwen-Audio ``subtitle`` row for README (02:32: mean
  |Δ| 1.51 original, 1.59 all rewordings; max 4.41 / 4.47; round 6: 1.54 / 1.62, 4.41 / 4.47). The targets are still
  not met, for the same row (official 34.35, offline 22.97).
* Round 8 (2026-11-29, 02:44–03:21 UTC): wordings round 7 had left wrong and new general-English families, written
  afresh (not from the evaluation data) with expectations decided by reading (91 new stress-set cases): a first-wheel
  feeling before "person", "man" ... is a state ("she is a happy person" → happy) unless an adjective beside it names
  no feeling, ends in "-able" or is the participle of a verb of attitude ("a respected gentleman", the feeling is
  other people's); "her face falls", "his heart sinks" → disappointed when nothing else names an emotion; a fronted
  manner adverb before a personal subject is the subject's manner ("Nervously, he looks around"), a disjunct is not
  ("Sadly, he left"); inversions after "not only" and "never / seldom / rarely ... so"; "could not be happier"; "X, or
  rather, Y" keeps Y; "neither ... nor, just Y" states Y; a one-word aside in brackets is read in place; "(much) to
  her relief, ..." states relief; pretence, wish, attempt or duty before "to be / feel / stay" ("pretends to be
  happy", "tries to stay calm") and behaviour put on ("fakes a smile") assert nothing; "albeit" continues a statement;
  "far" before a comparative is a degree. The disjuncts, verbs of attitude and verbs of pretence are closed classes of
  English grammar, not words taken from labels. Not fixed: "it is a relief that the exam is over" (no grammatical
  difference found from "it is a shame that she left"), "she is a happy person, but today she is sad" (both read), "he
  acts as if he were calm", idioms without a wheel form ("a bundle of nerves", "on edge", "in high spirits"), "none
  too pleased". Measured on the tuning models only (``--tuning-only`` at 02:44, 03:05 and 03:19, and per-description
  label diffs against round 7's labels): 8 of 4,980 original descriptions change, all by the pretence rule ("trying to
  remain calm", "pretending to be emotionless"); mean |Δ| 0.82 → 0.82, max 1.72 → 1.72, ρ 0.993 → 0.993, agreement
  50.3 → 50.3 % (all rewordings at once: mean 0.82 → 0.83, max 1.69). One candidate over-reached there and was
  narrowed by grammar before adoption: the comparative rule first caught "strong anger" and "feels more" (34
  descriptions). No held-out description or label was read, and no held-out table was computed during development. The
  held-out tables were computed once, at 03:21 UTC, after the last rule change (``--write``): pooled ρ 0.932, mean |Δ|
  2.19, max 11.38, ``subtitle`` mean 3.38 on the original descriptions (round 7: 0.932, 2.17, 11.38, 3.31); all
  rewordings at once ρ 0.929, 2.28 / 11.64 / 3.51 (round 7: 0.929, 2.26 / 11.64 / 3.44). Round 8 is kept although
  these moved the wrong way by a few hundredths: choosing rules by their held-out numbers is what the split forbids.
  Speed 3.13 s CPU for 3,320 descriptions, above the 3 s target; the machine was noisy then: round 7's code, timed
  alternately with round 8's right after (03:22–03:23), took 3.31–4.06 s, round 8's 3.75–4.79 s, and 2.87 s an hour
  earlier; the round-8 helper measured 1.69 → 1.77 s (minimum of 9 alternating runs, tuning descriptions), about 5 %.
  The same labels were then scored once more without the Qwen-Audio ``subtitle`` row for README (03:21: mean |Δ| 1.54
  original, 1.62 all rewordings; max 4.41 / 4.47; round 7: 1.51 / 1.59, 4.41 / 4.47). The targets are still not met,
  for the same row (official 34.35, offline 22.97).
* Round 9 (2026-11-29, 05:13–06:39 UTC): three changes developed side by side on the tuning models and merged one
  after another. (a) The hot paths of the extractor rewritten for speed with labels unchanged (one hash over the
  labels of all sets and rewordings, equal after each step; that hash prints no number): the restating passes visit
  only the words that may start a shape, and a form's grammar is looked at only when the form is attributed. (b) Round 9
  proper: new wordings of other models (summarising cues, verbs of inference, names of the state and of the person,
  layouts) substituted into the tuning descriptions by a throwaway script, and the labels that changed read and fixed
  by grammar ("one gets the impression", "this emotional state is anxious", "the dominant emotion", "emotional tone",
  "state of being", "Emotions:" as a field, "interviewee", "subject"); a closed table of 32 English idioms of
  feeling (``emer_eval/extract/idioms.py``, dictionary senses mapped to wheel forms, read with their wheel word's
  grammar); "it is a relief that ..." (a first-wheel noun in its own right), a trait set against the clip's time, "as
  if he were calm", the event after "much to his dismay,", "strong anger", "could be happier", "used to be",
  litotes, emotion nouns as agents ("fear grips her"), participles of attitude before a relative. On the tuning
  descriptions the new inference verbs changed 199 of 1,847 label lists before and 0 after, the new names of the
  state 400 of 3,130 before and 46 after; a fast metamorphic test (313 templates of the project's own, labels from
  their own emotion words) and a slow one (cues and inference verbs on every tuning description, exact) hold this.
  (c) Round 9b: wordings the lead wrote by hand (not from the evaluation data) and variants of each family: degree
  phrases ("a bit nervous" had given "bit", a form of "biting"), graded answers ("fear (high confidence)"), "My
  reading:" as a heading, negative subjects of a verb of showing ("nothing in the clip suggests that she is afraid"),
  an emotion before an expressive act ("a nervous laugh") and acts put on ("her smile is forced"), coordinated
  emotion subjects ("both relief and exhaustion are evident"); inserting "a bit", "a tad", "a touch" or "a wee bit"
  before a stated feeling changed 124–176 of 600 tuning label lists before and 0 after. Measured on the tuning models
  only (``--tuning-only`` at 05:13, 06:05–06:13 and 06:36–06:37, and per-description diffs): 17 (9b) and 107 (9) of
  4,980 original descriptions change, mostly "in a good mood" → happy, adjectives before "state of mind" gained,
  degree words and "bit", "current", "present" dropped; mean |Δ| 0.82 → 0.81, max 1.72 → 1.72, ρ 0.993 → 0.993,
  agreement 50.3 → 50.5 % (all rewordings at once: ρ 0.982 → 0.989, mean 0.83 → 0.83, max 1.69 → 1.70). No held-out
  description or label was read, and no held-out table was computed during development. The held-out tables were
  computed once, at 06:39 UTC, after the last rule change (``--write``): pooled ρ 0.929, mean |Δ| 2.13, max 11.38,
  ``subtitle`` mean 3.36 on the original descriptions (round 8: 0.932, 2.19, 11.38, 3.38); all rewordings at once
  ρ 0.929, 2.19 / 11.38 / 3.39 (round 8: 0.929, 2.28 / 11.64 / 3.51). Speed 2.57 s CPU for 3,320 descriptions
  (round 8: 3.13 s on a noisier machine; the speed-up alone, timed alternately with round 8's code on the same texts
  at 05:49–05:53, took the minimum from 2.9–3.1 s to 2.1–2.3 s). The same labels were then scored once more without
  the Qwen-Audio ``subtitle`` row for README (06:41: mean |Δ| 1.47 original, 1.54 all rewordings; max 4.39 / 4.40).
  The targets are still not met, for the same row (official 34.35, offline 22.97).
* Round 10 (2026-11-29, 08:36–09:39 UTC): wordings the lead wrote by hand (not from the evaluation data; 26 of 50
  probe sentences read wrongly before, 1 after), the "still wrong" list of round 9, and variants of each family, fixed
  with general rules; the stress set gained 121 cases with expectations decided by reading. Families: correlative
  emotion subjects ("not only anger but also fear is evident"; "either ... or" keeps both); an emotion acting on
  someone whose verb is a wheel form ("sadness overwhelms him", "anger, not fear, drives him"); extraposition with an
  experiencer ("it is a surprise to her that ..."); a negative subject holding a clause ("nothing about the way she
  talks to her colleagues ... suggests"); an infinitive's verb is no label ("eager to help Maria"); adjectives of
  dimension and half-hearted acts ("a weak laugh"); ratings as fields or list items ("Emotion: fear, high
  confidence", "Label: sad | Confidence: 0.82"); bold field names ending in a colon; dash and arrow separators;
  summing-up headings ("In short:"); "summarised / characterised as", "reads as"; asides after a copula ("is, in a
  word, exhausted"); conditional naming ("if I had to name one emotion, it would be loneliness"); "one of quiet
  contentment"; "isn't so much angry as hurt"; "tries to sound cheerful"; "angry one moment, tearful the next".
  Measured on the tuning models only (``--tuning-only`` at 08:36, 09:20 and 09:27, and per-description diffs at
  08:52–09:24): 17 of 4,980 original descriptions change (8 infinitives no longer labels, 9 emotions after a frame
  such as "a hint of sadness in their tone" now read); mean |Δ| 0.81 → 0.82, max 1.72 → 1.72, ρ 0.993 → 0.993,
  agreement 50.5 → 50.6 % (all rewordings at once: mean 0.83 → 0.84, max 1.70). Two candidates over-reached there and
  were narrowed by grammar before adoption: the infinitive rule first caught "related to sadness / stress", the "in"
  exception "expertise in this field". The metamorphic checks are unchanged (313 templates, 0 wrong; 2,814 reworded
  tuning descriptions, 0 changed). No held-out description or label was read, and no held-out table was computed
  during development. The held-out tables were computed once, at 09:39 UTC, after the last rule change
  (``--write``): pooled ρ 0.929, mean |Δ| 2.14, max 11.38, ``subtitle`` mean 3.36 on the original descriptions
  (round 9: 0.929, 2.13, 11.38, 3.36); all rewordings at once ρ 0.929, 2.20 / 11.38 / 3.40 (round 9: 0.929, 2.19 /
  11.38 / 3.39). Speed 2.86 s CPU for 3,320 descriptions (round 9: 2.57 s); the new rules' own functions take about
  0.03 s of it in a profile, and alternating runs with round 9's code on a loaded machine right after (09:43–09:48,
  load 1.2–1.5) spread over 2.8–4.4 s for either. The same labels were then scored once more without the Qwen-Audio
  ``subtitle`` row for README (09:42: mean |Δ| 1.48 original, 1.55 all rewordings; max 4.39 / 4.40). The targets are
  still not met, for the same row (official 34.35, offline 22.97).
* Round 10b (2026-11-29, 09:53–10:08 UTC): a second probe the lead wrote by hand after round 10's tables (30
  sentences, 7 read wrongly, 5 of them for want of a general rule) and variants of each family: a genitive noun phrase
  as a possessive determiner ("the clip conveys the speaker's exasperation" had given nothing; "her friend's anger"
  stays someone else's), participles of being possessed as frames before "with" / "by" and an emotion ("overcome with
  grief" → grief; "overwhelmed with work" keeps "overwhelmed"), "a/an <noun> of <emotion>" after "there is" or a verb
  of perceiving for any noun but one of absence, denial or risk ("an undercurrent of anxiety"; ``frames.py``), list
  items opening with an adverb of frequency ("mostly calm, occasionally irritated"), four idioms of feeling ("at
  peace", "on pins and needles", "in seventh heaven", "in a funk"). Measured on the tuning models only (09:53 and
  10:02 UTC, and per-description diffs): 15 of 4,980 original descriptions change (3 only in order; "at peace" →
  peaceful, genitives now read); mean |Δ| 0.82 → 0.83, max 1.72 → 1.72, ρ 0.993, agreement 50.6 → 50.7 % (``subtitle``
  0.59 → 0.62; all rewordings at once 0.84 → 0.84, max 1.70 → 1.69); metamorphic checks unchanged. The lead's probe
  was written after round 10's held-out tables, without reading any held-out description; its sentences come from
  general English, and choosing or dropping a rule by held-out numbers is still what the split forbids. The held-out
  tables were computed once more, at 10:07 UTC, after this last rule change (``--write``): pooled ρ 0.929, mean |Δ|
  2.15, max 11.38, ``subtitle`` mean 3.30 on the original descriptions (round 10: 0.929, 2.14, 11.38, 3.36); all
  rewordings at once ρ 0.936, 2.21 / 11.38 / 3.34 (round 10: 0.929, 2.20 / 11.38 / 3.40). Speed 2.79 s CPU for 3,320
  descriptions (load average 2.1; the helper's alternating min-of-5 on the tuning descriptions: 1.84 → 1.80 s). Without
  the Qwen-Audio ``subtitle`` row (10:08): mean |Δ| 1.50 original, 1.56 all rewordings; max 4.53 / 4.55 (round 10:
  4.39 / 4.40; ``FIDELITY_NOTE`` now says 4.6). The targets are still not met, for the same row (official 34.35,
  offline 22.97).
* Round 11 (2026-11-29, 11:50–12:23 UTC, tuning measurements by a helper): a third probe the lead wrote by hand from
  general English (49 sentences, 16 read wrongly; 0 after) and variants of each family (57 stress cases). Adverbs of
  place and time are never labels ("the emotion expressed here" gave "here"); an emotion noun that is also a verb is
  the infinitive's verb after an adjective of feeling ("afraid to love again" gave "love"); "as if" + an emotion is a
  hedged statement that outranks behaviour ("he grins, as if embarrassed" gave "happy"); "has grown / gotten" are
  copulas of change; lean / tend / veer toward(s) read like "points to"; a depictive adjective phrase after a comma
  describes the clause's subject ("she sighs heavily, clearly weary of the argument", "torn, both hopeful and
  afraid"), the describer being none; "that of someone deeply ashamed"; emotions that coexist or linger "in her";
  a noun filed only under its own -y / -ful adjective ("guilt", "hope", "peace") heads a subject; inline markers
  "1)" and "a)" separate answer items (``answers.py``); a frequency adverb in a field's value ("Mood: gloomy, often
  nervous") makes no generic sentence; "the man's angry" (a contracted "is"), "his own disappointment", "the video
  captures his fear", "a hint of irritation in her reply", "by the end of the clip he …", "I would characterize his
  mood as gloomy". Measured on the tuning models only (11:50 and 12:23 UTC, and per-description diffs): 4 of 4,980
  original descriptions change (3 gain a stated emotion; one now reads "the man's emotional state at the beginning of
  the video is uncertain" as a verdict); mean |Δ| 0.83 → 0.83, max 1.72 → 1.72, ρ 0.993, agreement 50.7 → 50.6 %
  (``nosubtitle-addsub`` 0.94 → 0.92, ``subtitle`` 0.62 → 0.63); all rewordings at once 0.84 → 0.84, max 1.69 →
  1.69; metamorphic checks unchanged (0 of 2,814). No held-out description or label was read. A speed-up landed
  first that gives byte-identical labels on 30,905 tuning, reworded, stress-set and probe texts (a bare label list
  ruled out by the word before the emotion, quotes tokenised only when read, sets built once; about 5 % less CPU).
  The held-out tables were computed once, at 13:16 UTC, after the last rule change (``--write``): pooled ρ 0.929,
  mean |Δ| 2.13, max 11.38, ``subtitle`` mean 3.31 on the original descriptions (round 10b: 0.929, 2.15, 11.38,
  3.30); all rewordings at once ρ 0.936, 2.19 / 11.38 / 3.35 (round 10b: 0.936, 2.21 / 11.38 / 3.34). Without the
  Qwen-Audio ``subtitle`` row: mean |Δ| 1.47 original, 1.54 all rewordings; max 4.53 / 4.55. The targets are still
  not met, for the same row (official 34.35, offline 22.97). Speed: the written run measured 3.79 s CPU (median of 3,
  load average 1.0), over the 3 s target, on a host that had become slower since the morning: timed in alternation
  right after (4 runs each, two rounds), the session's starting code took 3.22 / 3.25 s (min; it measured 2.79 s at
  10:08), the speed-up 3.07 / 3.02 s and round 11 3.15 / 2.83 s, with single runs from 2.8 to 4.0 s for every tree.
  Round 11 costs nothing measurable; the 3 s target is at the edge of this shared host's noise. On reading the
  round's diff the lead found the contracted "is" refusing the adjectives in "-less" ("the man's restless", read for
  a noun by its "-ss"); that narrow fix changes none of the 4,980 tuning descriptions, and the tables written again
  after it (13:22 UTC) are the same, with 3.12 s CPU for the 3,320 descriptions while a CI run shared the cores.
  A fourth probe the lead wrote by hand after the round (25 sentences, 8 read wrongly) found the plainest
  existential unread: "there is fear in his voice", "there is sadness in her eyes" gave nothing. An emotion noun
  right after "there is" (or after a quantifier or a word of how plainly it shows) is now stated as "a sense of" it
  is; "there is no / little joy" still denies, and "a/an" + noun is left to the frame rule ("there is a sharpness in
  her voice" had gained "sharpness" on a tuning description, so the article is not taken). None of the 4,980 tuning
  descriptions change; the tables written again at 13:36 UTC are the same (speed 4.07 s CPU then, with the CI run's
  browser tests on the same cores; written once more at 13:42 with the cores idle, for the speed line only: 3.15 s).
  A last narrow rule from the same probe (an emotion noun heads its subject past "in his voice" / "on her face":
  "the anxiety in his voice is palpable") changes none of the 4,980 tuning descriptions; the tables computed again at
  14:07 UTC were the same, and RESULTS keeps the 13:42 idle run (that computation shared the cores with tests).
* Round 12 (2026-11-29, 15:14–16:29 UTC, tuning measurements by a helper): the fourth probe (25 sentences, 6 read
  wrongly on main → 1: its "polite" is no wheel form) and variants of each family (about 150 stress cases). An emotion
  noun whose predicate denies that it shows is not stated ("her anxiety is not obvious", "hardly visible", "nowhere to
  be seen"; "not hidden", "no secret" still state it; ``evidence.py``); "nowhere" and "absence of" negate; "in" and a
  feature of the character (eyes, smile, posture, body language, words, "the way she speaks") say where an emotion
  shows, before its verb or after it ("the fear in his eyes is obvious", "with fear in his eyes", "she looks at him,
  fear in her eyes"; not "engaged in the conversation", "in the face of", "reflected in her face"); "disappointed in
  him"; second predicates after "yet / but / though" and an adverb ("remains polite yet visibly irritated");
  qualified field names ("Emotional state (final): anxious"); carry / hold / bear / drip with after a feature ("his
  tone carries unmistakable bitterness"); the describer hearing an emotion where it shows; a gesture's manner ("shrugs
  indifferently"); idioms of temper, tears and "beside oneself with". Measured on the tuning models only (15:15
  before, 15:44 and 15:54 UTC after, with per-description diffs): 24 of 4,980 original descriptions change, each read
  and judged right ("close to tears" gives sad, not "close"; "the absence of any visible signs of agitation" no longer
  gives agitation); mean |Δ| 0.83 → 0.84, max 1.72 → 1.72, ρ 0.993, agreement 50.6 → 50.7 % (``subtitle`` 0.63 →
  0.66, max 1.19 → 1.33 from Chat-UniVi, whose per-description agreement rose 35.8 → 36.1 %); all rewordings at once
  0.84 → 0.85; metamorphic checks unchanged (0 of 2,814). Before the round the lead wrote a fifth probe by hand and
  kept it from the round's helper, as a measure of how the rules generalise (40 sentences, 8 read wrongly on main):
  the lead's own three narrow rules from it (how plainly an emotion shows inside a "with" frame, adverb-led
  depictives of any wheel, a quality heard in a clue: "a nervous edge to her laughter") change none of the 4,980
  tuning descriptions and leave 5 wrong; the helper's rules fix none of those 5 (two of them debatable expectations;
  listed in ``docs/offline-extractor.md``). A speed pass landed first with byte-identical labels on 32,714
  tuning, reworded, stress and probe texts (``_reshaped_at`` tries its commonest start words first and skips the
  shapes a word cannot start); its gain, a few per cent, is below this host's noise. No held-out description or
  label was read. The held-out tables were computed once, at 16:29 UTC, after the last rule change: pooled ρ 0.929,
  mean |Δ| 2.13, max 11.38, ``subtitle`` mean 3.31 on the original descriptions (round 11: the same four);
  ``nosubtitle-addsub`` 2.09 → 2.08; all rewordings at once ρ 0.936, 2.18 / 11.38 / 3.34 (round 11: 2.19 / 11.38 /
  3.35). Without the Qwen-Audio ``subtitle`` row: mean |Δ| 1.47 original, 1.52 all rewordings; max 4.52 / 4.54.
  The targets are still not met, for the same row (official 34.35, offline 22.97). That run's speed line read 4.04 s
  CPU (median of 3) at load 0.0–0.6, while the same code timed 2.37–2.46 s (min of 4) in alternation with round 11's
  2.33–2.38 s right after: single runs on this host range from 2.3 to 4.0 s. The speed line now reports the fastest
  of five runs beside their median (``timeit``'s reading: the slower runs measure the host); written again at 16:32
  UTC for that line, with identical tables: 2.44 s CPU, median 2.47 s. After those tables the lead wrote a sixth
  probe (25 sentences, 4 read wrongly) and fixed three of its families by narrow rules (claims report the
  character's word, "if not" past an adverb of degree, adjectives of an emotion held back as degree words); none of
  the 4,980 tuning descriptions change, and the held-out tables computed again at 16:36 UTC are identical. That
  run's speed line read 3.58 s CPU (fastest of 5), with the host at its noisiest: in alternation right after, the
  code before those rules and after took 3.63 / 2.61, 2.98 / 2.74 and 4.04 / 3.95 s (min of 4 each), single runs
  2.6–4.5 s for both. Written once more at 16:41 UTC for the speed line (tables identical): 2.70 s CPU, median
  3.09 s. Two last narrow rules from that probe's misses ("with barely concealed anger", "there is hidden anger in
  his voice") change none of the 4,980 tuning descriptions; the tables computed again at 17:07 UTC are identical,
  with 2.35 s CPU (median 2.61 s), the run RESULTS keeps.
* Round 13 (2026-11-29, 18:05–18:45 UTC, by the lead; ``docs/offline-extractor.md``): first a split of the 3,097-line
  ``offline.py`` into modules named for what they do (vocabulary, normalise, lexicon, reshape, attribution, verbless,
  subjects), with identical labels on 33,056 tuning, reworded, stress and probe texts and the same number of function
  calls. Then rules from round 12's not-fixed list and from probes the lead wrote during the round: an infinitive's
  verb ending its phrase after an adjective of feeling ("eager to go.") and a next action after "then" are no labels;
  a list ends at "the … of" and at the verb after a phrase set off after a person, and goes on past "at first"; two
  adjectives joined before a clue, "-ing" qualities of a clue, phrases set off in brackets, "-ly" adjectives filed
  under themselves, negated copula contractions, a behaviour's emotion the describer denies, four idioms. Measured on
  the tuning models only (18:08 before, 18:44 after, per-description diffs read): 22 of 4,980 original descriptions
  change (dropped: "the importance of", "the content of", "the loss of their phone"; read: "in a low mood", "a
  surprised or shocked expression", "a focused and engaged expression"); mean |Δ| 0.835 → 0.852 (one VideoChat2
  description, "this concern and expectation may bring her stress", moves it by 0.01), max 1.72, ρ 0.993 and
  agreement 50.70 % unchanged, ``subtitle`` 0.657 → 0.669. Three candidates were measured and left out: reading a
  clue's manner as the character's (mean 0.83 → 0.86, 292 descriptions), a progressive verb of feeling with an object
  as the feeling (made "enjoying" a label in 134), the body's parts as clues (lost real emotions in 16). A probe
  written before the round and kept from its rules (30 sentences) is read wrongly twice before and after; one written
  after the last rule and used for none (25 sentences) three times before and after. Function calls over 3,320
  descriptions +0.9 %. No held-out description or label was read. The held-out tables were computed once, at 18:45
  UTC, after the last rule change: pooled ρ 0.929, mean |Δ| 2.12, max 11.27, ``subtitle`` mean 3.24 on the original
  descriptions (round 12: 0.929, 2.13, 11.38, 3.31); all rewordings at once ρ 0.936, 2.16 / 11.27 / 3.27 (round 12:
  2.18 / 11.38 / 3.34). Without the Qwen-Audio ``subtitle`` row: mean |Δ| 1.46 original, 1.51 all rewordings; max
  4.52 / 4.54. The targets are still not met, for the same row (official 34.35, offline 23.08). That run's speed
  line read 3.31 s CPU (fastest of 5, median 3.87 s) at load average 4.2, with a helper's browser tests sharing the
  two cores; written again at 19:15 UTC for that line, with identical tables, at load average 1.1: 2.66 s CPU
  (median 3.60 s), the run RESULTS keeps. In alternation right before, round 12's code took 3.41 and 3.57 s and this
  round's 2.60 and 3.95 s (min of 4 each): the host's noise exceeds any difference. By a deterministic count, round 13
  makes 3.8 % more calls over the 3,320 descriptions (5.33 → 5.53 million, builtins included; the split alone none).
* Round 14 (2026-11-29, 19:19–19:40 UTC, tuning measurements by a helper, from round 13's not-fixed list and the
  lead's probes 5–13): an adverb after an expressive act's object is its manner ("greets his friend warmly"); a
  depictive participle led by an adverb takes "by" and its cause ("he laughs, clearly amused by the joke": amused,
  not the laugh's happy); a hyphenated adjective before an emotion noun ending its phrase ("pent-up frustration");
  an emotion noun that is a bare verb ending an infinitive after an adjective of feeling ("afraid to love.");
  "as well as" / "along with" with a plural verb; comparisons set off as asides ("fear, more than anything else,
  defines his expression"); nouns that depict a state frame an emotion with "of" ("a story of grief"). Tuning: 2 of
  4,980 original descriptions change (one reads a stated "deep-seated resentment", one adds "personal" from
  "work-related stress or personal issues"); mean |Δ| 0.852 → 0.856, max 1.72, ρ 0.993 and agreement 50.70 → 50.68 %,
  ``subtitle`` 0.669 → 0.682; calls +0.06 %. A probe written by the lead at the start of the round and kept from it
  (30 sentences) is read wrongly 6 times before and 5 after. No held-out description or label was read. The
  held-out tables were computed once, at 19:42 UTC, after the last rule change: pooled ρ 0.929, mean |Δ| 2.12, max
  11.27, ``subtitle`` mean 3.25 on the original descriptions (round 13: 0.929, 2.12, 11.27, 3.24); all rewordings at
  once ρ 0.936, 2.16 / 11.27 / 3.28 (round 13: 2.16 / 11.27 / 3.27). Without the Qwen-Audio ``subtitle`` row: mean
  |Δ| 1.46 original, 1.51 all rewordings; max 4.52 / 4.54. The targets are still not met, for the same row (official
  34.35, offline 23.08). Speed line: 2.61 s CPU, fastest of 5 (median 3.17 s), at load average 1.2. After those
  tables the lead added one rule from that probe's misses: a participle another wheel files as a feeling is a
  psychological passive before "by" and its cause ("she is amused by the joke" gave nothing; verbs of showing and
  perceiving keep their agent); 4 of 4,980 tuning descriptions gain a stated "burdened by" / "wronged by", tuning
  mean |Δ| 0.856 unchanged; the probe is then read wrongly 4 times. The held-out tables computed again at 19:45 UTC:
  pooled ρ 0.925, mean |Δ| 2.11, max 11.27, ``subtitle`` 3.25 on the original descriptions; all rewordings at once ρ
  0.932, 2.16 / 11.27 / 3.28; without the Qwen-Audio ``subtitle`` row 1.46 / 1.51, max 4.52 / 4.54 (ρ moves as two
  held-out models whose official scores lie within a point of each other swap); speed line 2.85 s CPU (median
  3.08 s), the run RESULTS keeps.

Run ``python benchmarks/extractor_fidelity.py [--data DIR] [--write]``; ``--write`` replaces this benchmark's section
of ``benchmarks/RESULTS.md`` and leaves the rest of the file alone. Exit status 0 when the held-out targets are met.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: make the repository importable

from benchmarks.results import machine, write_section
from benchmarks.rewording import VARIANTS as REWORDINGS
from benchmarks.rewording import reword_set
from emer_eval.extract.offline import OfflineExtractor
from emer_eval.io import load_ground_truth, load_predictions
from emer_eval.metrics.ew import sample_stats, summarise
from emer_eval.wheels import EW_METRICS, Wheels, load_wheels

#: The 10 baseline models whose descriptions and official extractions the OV-MER authors released.
MODELS: tuple[str, ...] = ("Chat-UniVi", "LLaMA-VID", "Otter", "Qwen-Audio", "SALMONN", "Video-ChatGPT", "Video-LLaVA",
                           "VideoChat", "VideoChat2", "mPLUG-Owl")
#: The fixed split: the rules were developed on these (every other model, alphabetically) …
TUNING_MODELS: tuple[str, ...] = MODELS[0::2]
#: … and never looked at on these, whose numbers are the ones quoted.
HELD_OUT_MODELS: tuple[str, ...] = MODELS[1::2]
#: The three released description settings.
SETTINGS: tuple[str, ...] = ("nosubtitle-addsub", "subtitle", "nosubtitle")
#: "original" plus the meaning-preserving rewordings.
VARIANTS: tuple[str, ...] = ("original", *REWORDINGS)

TARGET_SPEARMAN = 0.9
TARGET_MEAN_ABS_DIFF = 0.02
TARGET_MAX_ABS_DIFF = 0.05
#: Descriptions per timing run (10 models × 332 samples) and the time they must take on 2 cores.
SPEED_TEXTS = 3320
TARGET_SECONDS = 3.0

_LEVEL1 = tuple(index for index, metric in enumerate(EW_METRICS) if metric.endswith("-L1"))
OUTPUTS = "ovmer-baseline-outputs-ovmerd"
GROUND_TRUTH = ("mertools-mer2024-ov-store", "check-openset.csv")
SECTION_TITLE = "Offline extractor fidelity"


@dataclass(frozen=True)
class Row:
    """One model's EW-L1 F (fractions) in one setting and variant: official LLM labels vs offline labels."""

    model: str
    setting: str
    variant: str
    official: float
    offline: float
    agreement: float  # share of descriptions whose labels map to the same level-1 sectors on both sides

    @property
    def abs_diff(self) -> float:
        return abs(self.offline - self.official)


@dataclass(frozen=True)
class Summary:
    """Spearman ρ and mean / max |Δ| over a group of rows."""

    spearman: float
    mean_abs_diff: float
    max_abs_diff: float
    agreement: float
    rows: int

    @classmethod
    def of(cls, rows: Sequence[Row]) -> Summary:
        official = [row.official for row in rows]
        offline = [row.offline for row in rows]
        diffs = [row.abs_diff for row in rows]
        return cls(float(spearmanr(official, offline).statistic), float(np.mean(diffs)), float(np.max(diffs)),
                   float(np.mean([row.agreement for row in rows])), len(rows))

    def meets_level_targets(self) -> bool:
        """The |Δ| targets (mean ≤ 2, max ≤ 5 points)."""
        return self.mean_abs_diff <= TARGET_MEAN_ABS_DIFF and self.max_abs_diff <= TARGET_MAX_ABS_DIFF


def default_data_dir() -> Path:
    """The first ``EMER_DATA`` entry, else the repository's sibling ``../shared/emer-data``."""
    entries = [entry for entry in os.environ.get("EMER_DATA", "").split(os.pathsep) if entry]
    if entries:
        return Path(entries[0]).expanduser()
    return Path(__file__).resolve().parents[2] / "shared" / "emer-data"


def report_main(argv: Sequence[str] | None, doc: str | None, section: str, report: Callable[[Bench], str]) -> int:
    """The command line of an extractor analysis: ``--data`` and ``--write``; prints ``report(bench)`` and, with
    ``--write``, puts it in RESULTS.md under ``section``."""
    parser = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="EMER data directory (default: $EMER_DATA)")
    parser.add_argument("--write", action="store_true", help="replace this benchmark's section in RESULTS.md")
    args = parser.parse_args(argv)
    text = report(Bench(args.data if args.data is not None else default_data_dir()))
    print(text)
    if args.write:
        write_section(section, text)
    return 0


def load_model_outputs(data_dir: Path, model: str, setting: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """One model's descriptions (sample id → English text) and the official LLM's labels for them."""
    stem = data_dir / OUTPUTS / model / f"output-reason-7b-{setting}-eng"
    descriptions = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))["name2reason"]
    official = load_predictions(stem.with_name(stem.name + "-openset.npz")).labels
    if official is None:
        raise ValueError(f"{stem.name}-openset.npz holds no label lists")
    return descriptions, official


def sectors(wheels: Wheels, labels: Sequence[str]) -> frozenset[tuple[int, str]]:
    """The (metric, level-1 sector) pairs a label list maps to: what EW-L1 compares."""
    return frozenset((index, target) for label in labels for index in _LEVEL1
                     if (target := wheels.targets(label)[index]) is not None)


def agreement(wheels: Wheels, official: Mapping[str, Sequence[str]], offline: Mapping[str, Sequence[str]]) -> float:
    """The share of descriptions whose two label lists map to the same level-1 sectors."""
    names = list(offline)
    same = sum(sectors(wheels, official.get(name, ())) == sectors(wheels, offline[name]) for name in names)
    return same / max(len(names), 1)


def ew_l1_f(wheels: Wheels, predictions: Mapping[str, Sequence[str]],
            ground_truth: Mapping[str, Sequence[str]]) -> float:
    """The official EW-L1 F (fraction) of one label set."""
    return summarise(sample_stats(wheels, predictions, ground_truth))["EW-L1"].f


class Bench:
    """The data, wheels and extractor of one run, with every (model, setting) loaded once."""

    def __init__(self, data_dir: str | os.PathLike[str]) -> None:
        self.data_dir = Path(data_dir)
        self.wheels = load_wheels("2025", (str(self.data_dir),))
        self.ground_truth = load_ground_truth(self.data_dir.joinpath(*GROUND_TRUTH))
        self.extractor = OfflineExtractor(self.wheels)
        self._outputs: dict[tuple[str, str], tuple[dict[str, str], dict[str, list[str]]]] = {}
        self._official: dict[tuple[str, str], float] = {}

    def outputs(self, model: str, setting: str) -> tuple[dict[str, str], dict[str, list[str]]]:
        key = (model, setting)
        if key not in self._outputs:
            self._outputs[key] = load_model_outputs(self.data_dir, model, setting)
        return self._outputs[key]

    def descriptions(self, model: str, setting: str, variant: str = "original") -> dict[str, str]:
        """The descriptions of one model and setting, reworded by ``variant`` unless it is "original"."""
        texts = self.outputs(model, setting)[0]
        return dict(texts) if variant == "original" else reword_set(texts, variant)

    def row(self, model: str, setting: str, variant: str = "original") -> Row:
        key = (model, setting)
        if key not in self._official:
            self._official[key] = ew_l1_f(self.wheels, self.outputs(model, setting)[1], self.ground_truth)
        official = self.outputs(model, setting)[1]
        offline = self.extractor.extract_many(self.descriptions(model, setting, variant))[0]
        return Row(model, setting, variant, self._official[key], ew_l1_f(self.wheels, offline, self.ground_truth),
                   agreement(self.wheels, official, offline))

    def rows(self, models: Sequence[str], variant: str = "original") -> list[Row]:
        return [self.row(model, setting, variant) for setting in SETTINGS for model in models]

    def seconds_per_run(self, repeats: int = 5) -> tuple[int, float, float, float, float]:
        """Median wall time, fastest and median CPU time to extract the 3,320 ``nosubtitle-addsub`` descriptions
        (the longest setting), after a warm-up whose time is returned too (the wheels' lexicon, and jieba with the
        Chinese lexicon).

        CPU time is reported beside wall time because the 2 cores are shared: wall time grows with other load. On
        this shared host single runs of the same code range from 2.3 to 4.0 s CPU, so the fastest of five is what
        the code costs (``timeit``'s advice: the others measure the host's interference) and the median is shown
        beside it.
        """
        texts = {f"{model}/{name}": text for model in MODELS
                 for name, text in self.outputs(model, "nosubtitle-addsub")[0].items()}
        start = time.perf_counter()
        self.extractor.extract('The subtitle says "我真的很生气". The warm-up loads the lexicons.')
        warm_up = time.perf_counter() - start
        wall, cpu = [], []
        for _ in range(repeats):
            start, start_cpu = time.perf_counter(), time.process_time()
            self.extractor.extract_many(texts)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        return len(texts), float(np.median(wall)), min(cpu), float(np.median(cpu)), warm_up


def summaries(rows: Sequence[Row]) -> dict[str, Summary]:
    """Per setting (over its models) and over all rows together ("all settings")."""
    by_setting = {setting: Summary.of([row for row in rows if row.setting == setting]) for setting in SETTINGS}
    return {**by_setting, "all settings": Summary.of(rows)}


def held_out_met(tables: Mapping[str, Mapping[str, Summary]]) -> bool:
    """The issue's targets on every held-out variant: pooled ρ, mean and max |Δ| over the 15 rows, subtitle mean."""
    return all(table["all settings"].spearman >= TARGET_SPEARMAN and table["all settings"].meets_level_targets()
               and table["subtitle"].mean_abs_diff <= TARGET_MEAN_ABS_DIFF for table in tables.values())


def per_setting_met(tables: Mapping[str, Mapping[str, Summary]]) -> bool:
    """The stricter reading: ρ ≥ 0.9 and the |Δ| targets within every setting of every variant."""
    return all(summary.spearman >= TARGET_SPEARMAN and summary.meets_level_targets()
               for table in tables.values() for summary in table.values())


def _pts(value: float) -> str:
    return f"{100 * value:.2f}"


def render(in_sample: Mapping[str, Summary], held_out: Mapping[str, Mapping[str, Summary]],
           held_rows: Sequence[Row], speed: tuple[int, float, float, float, float], extractor: str) -> str:
    """The markdown report: split, in-sample and held-out summaries per variant, held-out per-model rows, speed."""
    texts, seconds, fastest_cpu, median_cpu, warm_up = speed
    lines = [
        f"Extractor `{extractor}` (non-official) vs the official LLM labels (Qwen2.5-7B, released by the OV-MER "
        f"authors), 2025 wheels, ground truth `check-openset.csv`, EW-L1 F in points (×100).",
        "",
        f"Split by model (fixed in the script): rules developed on **{', '.join(TUNING_MODELS)}**; held out: "
        f"**{', '.join(HELD_OUT_MODELS)}**, all three settings. Rewordings: `benchmarks/rewording.py`, seed fixed. "
        f"No word list comes from official labels. What was looked at when is recorded in the script's docstring: "
        f"in this round the held-out tables were computed only after the last rule change.",
        "",
        "| models | variant | setting | Spearman ρ | mean \\|Δ\\| | max \\|Δ\\| | descriptions agreeing |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for scope, variant, table in (("in-sample (tuning)", "original", in_sample),
                                  *(("held-out", name, table) for name, table in held_out.items())):
        for setting, summary in table.items():
            lines.append(f"| {scope} | {variant} | {setting} | {summary.spearman:.3f} | "
                         f"{_pts(summary.mean_abs_diff)} | {_pts(summary.max_abs_diff)} | "
                         f"{100 * summary.agreement:.1f} % |")
    lines += [
        "",
        f"Targets on the held-out rows, every variant — ρ ≥ {TARGET_SPEARMAN} over the 15 (model, setting) rows, "
        f"mean |Δ| ≤ {100 * TARGET_MEAN_ABS_DIFF:.0f}, max |Δ| ≤ {100 * TARGET_MAX_ABS_DIFF:.0f}, `subtitle` mean "
        f"|Δ| ≤ {100 * TARGET_MEAN_ABS_DIFF:.0f}: **{'met' if held_out_met(held_out) else 'NOT met'}**. Within "
        f"each setting (5 models each): **{'met' if per_setting_met(held_out) else 'NOT met'}**.",
        "",
        "Held-out models, original descriptions:",
        "",
        "| model | setting | official | offline | \\|Δ\\| | descriptions agreeing |",
        "|---|---|---:|---:|---:|---:|",
    ]
    lines += [f"| {row.model} | {row.setting} | {_pts(row.official)} | {_pts(row.offline)} | {_pts(row.abs_diff)} | "
              f"{100 * row.agreement:.1f} % |" for row in held_rows]
    lines += ["", f"Offline extraction of {texts:,} descriptions (`nosubtitle-addsub`, all 10 models): "
                  f"{fastest_cpu:.2f} s CPU, the fastest of 5 runs (median {median_cpu:.2f} s CPU, {seconds:.2f} s "
                  f"wall; target < {TARGET_SECONDS:.0f} s on 2 cores; one core used, the others' spread is the shared "
                  f"host's interference, and wall time includes waiting for the cores other jobs shared: load average "
                  f"{os.getloadavg()[0]:.1f} at the end of the run), after a one-off warm-up of {warm_up:.2f} s in "
                  f"this process (the wheels' lexicon, jieba's dictionary and the Chinese lexicon)."]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="EMER data directory (default: $EMER_DATA, else ../shared/emer-data next to the repo)")
    parser.add_argument("--tuning-only", action="store_true",
                        help="report the tuning models only (every variant), for development: no held-out number")
    parser.add_argument("--write", action="store_true", help="replace this benchmark's section in RESULTS.md")
    args = parser.parse_args(argv)
    bench = Bench(args.data if args.data is not None else default_data_dir())
    if args.tuning_only:
        for variant in VARIANTS:
            for setting, summary in summaries(bench.rows(TUNING_MODELS, variant)).items():
                print(f"{variant:17} {setting:18} ρ {summary.spearman:.3f}  mean |Δ| {_pts(summary.mean_abs_diff)}  "
                      f"max |Δ| {_pts(summary.max_abs_diff)}  agreeing {100 * summary.agreement:.1f} %")
        return 0
    speed = bench.seconds_per_run()  # first, so that its warm-up is the process's first use of the lexicons
    in_sample = summaries(bench.rows(TUNING_MODELS))
    held_rows = bench.rows(HELD_OUT_MODELS)
    held_out = {"original": summaries(held_rows)}
    held_out.update({variant: summaries(bench.rows(HELD_OUT_MODELS, variant)) for variant in REWORDINGS})
    report = render(in_sample, held_out, held_rows, speed, bench.extractor.name)
    print(f"{machine()}\n\n{report}")
    if args.write:
        write_section(SECTION_TITLE, report)
    return 0 if held_out_met(held_out) else 1


if __name__ == "__main__":
    sys.exit(main())
