"""emer_eval — the exact, fast, offline implementation of the EMER emotion-wheel metrics.

>>> import emer_eval                                                           # doctest: +SKIP
>>> result = emer_eval.score("predictions.csv", "check-openset.csv", wheels="2025")
>>> print(result.signature, result.metrics["EW-L1"].f)

The public surface is re-exported here (plus the ``config`` module, which reads the library's environment
variables); every other module is an implementation detail and may change without notice.
"""

__version__ = "0.2.0"

from . import config  # noqa: E402
from .atomic import Content, ensure_dir, write_bytes_atomic  # noqa: E402
from .config import LLMConfig, cache_root  # noqa: E402
from .errors import EmerEvalError, ExtractionError, InputError, ResourceNotFoundError, printable  # noqa: E402
from .extract import LLMExtractor, OfflineExtractor  # noqa: E402
from .io import SUFFIXES, Predictions, load_ground_truth, load_predictions, parse_predictions  # noqa: E402
from .labels import parse_label_list  # noqa: E402
from .metrics.judge import Judge  # noqa: E402
from .resources import fetch as fetch_resource  # noqa: E402
from .resources import resolve as resolve_resource  # noqa: E402
from .resources import resource_file, sha256_file  # noqa: E402
from .scoring import Extractor, Result, default_extractor, reconcile, score, score_judged  # noqa: E402
from .signature import Signature  # noqa: E402
from .values import MetricValue  # noqa: E402
from .wheels import EW_METRICS, Wheels, load_wheels  # noqa: E402

__all__ = [
    "EW_METRICS", "SUFFIXES", "Content", "EmerEvalError", "ExtractionError", "Extractor", "InputError", "Judge",
    "LLMConfig", "LLMExtractor", "MetricValue", "OfflineExtractor",
    "Predictions", "ResourceNotFoundError", "Result", "Signature", "Wheels", "__version__", "cache_root", "config",
    "default_extractor", "ensure_dir", "fetch_resource", "load_ground_truth", "load_predictions", "load_wheels", "parse_label_list",
    "parse_predictions", "printable", "reconcile", "resolve_resource", "resource_file", "score", "score_judged", "sha256_file",
    "write_bytes_atomic",
]
