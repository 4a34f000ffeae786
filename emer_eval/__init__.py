"""emer_eval — the exact, fast, offline implementation of the EMER emotion-wheel metrics.

>>> import emer_eval                                                           # doctest: +SKIP
>>> result = emer_eval.score("predictions.csv", "check-openset.csv", wheels="2025")
>>> print(result.signature, result.metrics["EW-L1"].f)

The public surface is what ``__all__`` lists, re-exported here, plus two public modules: ``config`` (the library's
environment variables) and ``resources`` (the data registry: ``get``, ``resolve``, ``fetch``, ``verify``,
``missing_files`` …, see its ``__all__``). Every other module is an implementation detail and may change without
notice; the hub (``space/``) uses this surface only, which a test enforces.
"""

__version__ = "0.2.0"

from . import config, resources
from .atomic import Content, ensure_dir, write_bytes_atomic
from .config import LLMConfig, cache_root
from .errors import (
    EmerEvalError,
    EndpointError,
    ExtractionError,
    InputError,
    ResourceNotFoundError,
    examples,
    printable,
)
from .extract import LLMExtractor, OfflineExtractor
from .extract.chinese import ChineseTerm, chinese_terms, simplified_chinese
from .extract.offline import FIDELITY_NOTE as OFFLINE_FIDELITY_NOTE
from .extract.offline import SIGNATURE_TAG as OFFLINE_SIGNATURE_TAG
from .families import FamilyCounts, family_counts
from .io import SUFFIXES, Predictions, load_ground_truth, load_predictions, parse_predictions
from .labels import parse_label_list
from .metrics.ew import paired_bootstrap, sample_stats
from .metrics.judge import CONTROL_CLIPS as JUDGE_CONTROL_CLIPS
from .metrics.judge import PROMPT_VERSION as JUDGE_PROMPT_VERSION
from .metrics.judge import RETIRED_JUDGE, Judge, JudgeControl, JudgeScore, JudgeSummary
from .metrics.judge import RETIRED_NOTE as RETIRED_JUDGE_NOTE
from .metrics.judge import SCALE as JUDGE_SCALE
from .metrics.text import OVERLAP_METRICS, TextScores, overlap_scores, text_language
from .metrics.text import TOKENISATION as OVERLAP_TOKENISATION
from .ranks import LEVEL1 as LEVEL1_METRICS
from .ranks import primary_values, rank_intervals, resampleable
from .resources import fetch as fetch_resource
from .resources import resolve as resolve_resource
from .resources import resource_file, sha256_file
from .safe_text import neutralise as neutralise_formula
from .scoring import Extractor, Result, default_extractor, reconcile, score, score_judged
from .signature import Signature
from .stats import SampleStats, f_score, mean_bootstrap, paired_mean_test, resample_weights
from .values import G2Score, HitRate, MetricValue, RunSpread, WheelHit
from .wheels import EW_METRICS, WHEEL_RESOURCES, Wheels, load_wheels

__all__ = [
    # scoring a file and what it returns: a Result of typed values
    "Extractor", "LLMExtractor", "OfflineExtractor", "Result", "Signature", "default_extractor", "reconcile", "score",
    "score_judged", "OFFLINE_FIDELITY_NOTE", "OFFLINE_SIGNATURE_TAG",
    "G2Score", "HitRate", "JudgeControl", "JudgeScore", "JudgeSummary", "MetricValue", "RunSpread", "TextScores",
    "WheelHit",
    # reading files
    "SUFFIXES", "Predictions", "load_ground_truth", "load_predictions", "parse_label_list", "parse_predictions",
    # the emotion wheels and their resources
    "EW_METRICS", "LEVEL1_METRICS", "WHEEL_RESOURCES", "Wheels", "load_wheels", "fetch_resource", "resolve_resource",
    "resource_file", "resources", "sha256_file",
    # per-sample statistics: bootstrap, paired test, joint rank intervals, emotion families
    "FamilyCounts", "SampleStats", "f_score", "family_counts", "paired_bootstrap", "primary_values", "rank_intervals",
    "resample_weights", "resampleable", "sample_stats", "mean_bootstrap", "paired_mean_test",
    # explanations: the LLM judge, the text-overlap metrics, Chinese emotion words
    "JUDGE_CONTROL_CLIPS", "JUDGE_PROMPT_VERSION", "JUDGE_SCALE", "Judge", "OVERLAP_METRICS", "OVERLAP_TOKENISATION",
    "RETIRED_JUDGE", "RETIRED_JUDGE_NOTE", "overlap_scores", "text_language", "ChineseTerm", "chinese_terms",
    "simplified_chinese",
    # configuration, errors, safe text, atomic files
    "Content", "EmerEvalError", "EndpointError", "ExtractionError", "InputError", "LLMConfig", "ResourceNotFoundError",
    "__version__",
    "cache_root", "config", "ensure_dir", "examples", "neutralise_formula", "printable", "write_bytes_atomic",
]
