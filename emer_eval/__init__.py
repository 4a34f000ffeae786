"""emer_eval — the exact, fast, offline implementation of the EMER emotion-wheel metrics.

>>> import emer_eval                                                           # doctest: +SKIP
>>> result = emer_eval.score("predictions.csv", "check-openset.csv", wheels="2025")
>>> print(result.signature, result.metrics["EW-L1"].f)

The public surface is re-exported here (plus the ``config`` module, which reads the library's environment
variables); every other module is an implementation detail and may change without notice.
"""

__version__ = "0.2.0"

from . import config
from .atomic import Content, ensure_dir, write_bytes_atomic
from .config import LLMConfig, cache_root
from .errors import EmerEvalError, ExtractionError, InputError, ResourceNotFoundError, printable
from .extract import LLMExtractor, OfflineExtractor
from .io import SUFFIXES, Predictions, load_ground_truth, load_predictions, parse_predictions
from .labels import parse_label_list
from .metrics.judge import Judge
from .resources import fetch as fetch_resource
from .resources import resolve as resolve_resource
from .resources import resource_file, sha256_file
from .scoring import Extractor, Result, default_extractor, reconcile, score, score_judged
from .signature import Signature
from .values import MetricValue
from .wheels import EW_METRICS, Wheels, load_wheels

__all__ = [
    "EW_METRICS", "SUFFIXES", "Content", "EmerEvalError", "ExtractionError", "Extractor", "InputError", "Judge",
    "LLMConfig", "LLMExtractor", "MetricValue", "OfflineExtractor", "Predictions", "ResourceNotFoundError", "Result",
    "Signature", "Wheels", "__version__", "cache_root", "config", "default_extractor", "ensure_dir", "fetch_resource",
    "load_ground_truth", "load_predictions", "load_wheels", "parse_label_list", "parse_predictions", "printable",
    "reconcile", "resolve_resource", "resource_file", "score", "score_judged", "sha256_file", "write_bytes_atomic",
]
