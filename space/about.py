"""The hub's texts: the About tab, the submission help and the citations (kept apart from layout code)."""

from emer_eval import OFFLINE_FIDELITY_NOTE, OFFLINE_SIGNATURE_TAG

TITLE = "EMER Hub"

INTRO = """\
**Explainable Multimodal Emotion Recognition** asks a model to watch a short clip, listen and read the words, explain
which visual, acoustic and lexical clues reveal the person's emotional state, and name the emotions in an **open
vocabulary** ("relieved, self-deprecating, happy"). Submit your model's outputs, get them scored with the official
emotion-wheel metrics against the benchmark's ground truth, and compare with the numbers reported in the papers.
"""

FILE_FORMATS = (  # (track input, accepted files); braces doubled for SUBMIT_HELP.format
    ("labels", "CSV `name,openset` with a label list per sample, e.g. `sample_00000000,\"['happy', 'relieved']\"`; "
               "JSON `{{\"sample_00000000\": [\"happy\", \"relieved\"]}}`; "
               "JSONL records `{{\"name\": …, \"openset\": …}}`; "
               "MER2025 Codabench `.npz` with `filenames` and `fileitems` (plain string arrays)"),
    ("explanations", "CSV `name,reason` with one English description per sample; JSON `{{\"name2reason\": {{…}}}}` "
                     "or `{{sample: description}}`; JSONL `{{\"name\": …, \"reason\": …}}`"),
    ("EMER-V1 explanations (judge)", "the same formats (the authors' `names,chi_reasons` CSV too), one Chinese or one "
                                     "English explanation per clip: the language is read from the text"),
)

SUBMIT_HELP = """\
**File formats** (≤ {max_mb} MB{hourly}; UTF-8, with or without BOM, or UTF-16):

| track input | accepted files |
|---|---|
""" + "".join(f"| {track_input} | {accepted} |\n" for track_input, accepted in FILE_FORMATS) + """
A sample with no prediction scores as an empty prediction (0), unknown ids are ignored with a warning (a file whose ids
are mostly not the track's and that predicts fewer than half of its clips is refused: it was made for another test
set), duplicate ids are refused. Excel: save the sheet as CSV (UTF-8). Download the template of a track below to
start from a valid file. Quotas: {quota} scored submissions and {attempts} uploads per user and UTC day; an identical
file is refused.
"""

ABOUT = """\
## The task

EMER (Lian et al.) describes a clip in three parts — *In the video, …* (visual clues), *In the audio, …* (acoustic
clues), *In the text, …* (lexical clues and the reasoning) — and concludes with the person's emotional state.
OV-MER turned the conclusion into **open-vocabulary labels**; AffectGPT and the MER2025/MER2026 challenges score them
with **emotion-wheel (EW) metrics**. The hub's tracks use **OV-MERD** (= EMER-Fine, 332 clips).

## The metrics (exactly as the authors' code computes them)

Each label is mapped through the emotion wheels: its word form (**M1**), a synonym (**M2**), and the inner (level 1)
and middle (level 2) ring of five emotion wheels (**W1-L1 … W5-L2**). For each mapping, per sample, precision is
|gt ∩ pred| / |pred| and recall |gt ∩ pred| / |gt|; both are averaged over samples and F is computed from the averages.
**EW-L1** — the main number — is the mean [F, P, R] over the five wheels at level 1; **EW-L2** the same at level 2;
**M-avg** the mean of the 12 F values (OV-MER paper). Each track names its ranking metric (`primary`; EW-L1 F on
the OV-MERD tracks).

## Reading the board

- **Ranks come with a range.** With 332 clips the 95 % CI of EW-L1 F is about ±3.8 points, wider than most gaps
  between neighbours. The hub resamples the clips 1,000 times, scores every entry with per-sample results on each
  resample together and ranks them; "Rank 95 %" is where an entry lands in 95 % of those rankings, and 🥇 marks every
  entry that can be first. Paper rows keep their published number on every resample and have no range of their own.
- **Reference rows (🧪) show what the metric rewards.** Computed by the hub from the ground truth, never ranked: the
  empty prediction (the floor), the six basic emotions for every clip, and the k most frequent ground-truth labels for
  every clip with k chosen to maximise the primary score. Predicting the same few frequent labels everywhere beats
  several published models, because the set-level metric rewards long label lists (high recall, low precision):
  compare `P`, `R` and `Mean labels`, not only F.
- **One row per model.** A baseline re-scored by the hub from its released output carries the paper's number and the
  difference beside it; models only known from a paper are marked "reported, not re-scored".
- **Only official signatures are ranked together.** Rows scored another way (e.g. the offline extractor, other wheel
  resources, non-official LLM sampling) are listed apart with a "non-official" badge.
- **The test set is public.** The OV-MERD labels are in the authors' public MERTools repository and MER2025 trains on
  OV-MERD, so nothing here is hidden: every entry declares its training data and zero-shot status; entries that
  trained on the test clips are marked ⚠️, and "zero-shot only" filters the board. A private track (aggregates only)
  is a mechanism the hub supports, not a claim about these files.
- **Identical predictions** from another owner are accepted and marked "≡ identical to …"; the same owner cannot
  submit the same predictions twice, whatever the file format. An admin reviews each mark: keeping both clears it
  (the detail view then says "kept after review" with the admin's reason), or one of the two is hidden.
- **k extraction runs count as their mean.** When the hub extracts labels from descriptions several times (as the
  papers do), the score is the mean over the runs, and so are the rank range (each resample averages the runs), the
  family breakdown and the head-to-head. A re-score by an admin replaces the labels behind all of them.

Caveats you should know:
- **Out-of-vocabulary labels are dropped.** A label that is not a known surface form of the wheels (e.g. *neutral*,
  misspellings, phrases) is silently ignored by the official protocol. Every result shows how many of your labels
  were dropped and which.
- **Label extraction is stochastic.** For descriptions, the official protocol asks an LLM (Qwen2.5-7B-Instruct) to
  list the emotions; papers report the mean of several runs. When this hub has no LLM endpoint it uses a deterministic
  offline extractor instead — such scores are marked `extract:{SIGNATURE_TAG}` in their signature and are **not**
  official: {FIDELITY_NOTE}. It reads English descriptions only (a Chinese subtitle quoted in one is read with a
  Chinese emotion lexicon): Chinese descriptions are refused there and need the LLM extraction, which translates them
  first as the EMER authors do; a file mostly in another language, or whose descriptions mostly give no labels, is
  scored with a warning on the result and on its leaderboard entry.
- **Resources versions differ.** Published numbers use the 2025 wheel resources; MER2026 fixed 18 rows
  (`ew:2026`). Compare numbers only when their signatures match.
- Reported numbers are copied from the papers (means over several extraction runs) and differ from re-scoring the
  released label files by up to about 1.7 points (Qwen-Audio +1.69, VideoChat2 +1.08 EW-L1 F); the board shows
  both in one row (`Paper`, `Δ paper`).

## The EMER-V1 track: the paper's own benchmark, judged by an LLM

EMER (Lian et al.) scores free-text explanations of its 100 EMER-V1 clips with an LLM judge and two 1–10 scores:
**clue overlap** (how far the emotion-related clues of the explanation overlap the ground-truth description) and
**label overlap** (the judge first summarises the most likely emotional state of each description, then rates the
overlap of the two summaries). The hub sends the authors' prompts byte-for-byte (AffectGPT `evaluation.py`),
temperature 0, takes the first number of each reply and averages over the clips; a reply with no score in 1–10 counts
as 1 and is reported. Chinese explanations (as in the paper) are judged against the Chinese ground truth, English ones
against the English ground truth, and each language is ranked among itself (`lang:zh` / `lang:en` in the signature:
the board's groups "official lang:zh" and "official lang:en", each numbered from 1).

**The paper's judge, gpt-3.5-turbo-16k-0613, is retired.** Its numbers cannot be reproduced: they are shown as
reported, unranked. Judge scores are comparable only between rows with the same judge model and prompt version
(`judge:<model>|prompts:<version>` in the signature); the hub's official rows are those of its configured judge, and
the paper's six baselines are re-judged by it and shown beside the paper's numbers. Without a configured judge the
track refuses uploads and shows only the paper's rows.

## Submitting

Log in with Hugging Face (on the Space), pick a track, upload a file, describe your model. Scoring takes a second;
the record (your file's hash, scores, signature, scorer version) is stored immutably and mirrored to a dataset repo.
Programmatic access: see the README (`/submit_predictions`, `/leaderboard_json` through `gradio_client`).

## Citation

```bibtex
@article{lian2023explainable,
  title   = {Explainable Multimodal Emotion Recognition},
  author  = {Lian, Zheng and others},
  journal = {arXiv preprint arXiv:2306.15401},
  year    = {2023}
}
@article{lian2024open,
  title   = {Open-vocabulary Multimodal Emotion Recognition: Dataset, Metric, and Benchmark},
  author  = {Lian, Zheng and others},
  journal = {arXiv preprint arXiv:2410.01495},
  year    = {2024}
}
@article{lian2025affectgpt,
  title   = {AffectGPT: A New Dataset, Model, and Benchmark for Emotion Understanding with Multimodal Large
             Language Models},
  author  = {Lian, Zheng and others},
  journal = {arXiv preprint arXiv:2501.16566},
  year    = {2025}
}
```

Data: the ground truth and published outputs belong to their authors (research, non-commercial use).
""".replace("{SIGNATURE_TAG}", OFFLINE_SIGNATURE_TAG).replace("{FIDELITY_NOTE}", OFFLINE_FIDELITY_NOTE)

TEXT_ANALYSIS = """\
## Does text overlap track emotion understanding? (EMER-V1)

The EMER paper argues that text-overlap metrics are a poor proxy for its emotion-focused scores: an explanation can
share many characters with the reference and still miss the emotion. Below, BLEU-1…4, ROUGE-L and CIDEr-D of the
six released baselines' Chinese explanations against the ground truth (one token per Han character), correlated across
the six models with the LLM-judged clue and label overlap — the paper's numbers and, when this hub has a judge, its
own re-judged rows. These text metrics are diagnostics: not official, never ranked.
"""


def hourly_upload_note(hourly_mb: int) -> str:
    """The per-client upload volume cap as the forms state it (empty when there is none)."""
    return f", at most {hourly_mb} MB of uploads per hour per visitor (login, else address)" if hourly_mb else ""
