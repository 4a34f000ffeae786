"""emer_eval — the exact, fast, offline implementation of the EMER emotion-wheel metrics.

>>> import emer_eval                                                           # doctest: +SKIP
>>> result = emer_eval.score("predictions.csv", "check-openset.csv", wheels="2025")
>>> print(result.signature, result.metrics["EW-L1"])

The public surface is re-exported here; everything else is an implementation detail.
"""

__version__ = "0.1.0"

from .errors import EmerEvalError, ExtractionError, InputError, ResourceNotFoundError  # noqa: E402
from .io import Predictions, load_ground_truth, load_predictions, parse_predictions  # noqa: E402
from .labels import parse_label_list  # noqa: E402
from .scoring import Result, score  # noqa: E402
from .signature import Signature  # noqa: E402
from .wheels import EW_METRICS, Wheels, load_wheels  # noqa: E402

__all__ = [
    "EW_METRICS", "EmerEvalError", "ExtractionError", "InputError", "Predictions", "ResourceNotFoundError", "Result",
    "Signature", "Wheels", "load_ground_truth", "load_predictions", "load_wheels", "parse_label_list",
    "parse_predictions", "score", "__version__",
]
