"""Stand-ins for demo stages, imported by the worker processes (they get the tests' ``sys.path``)."""

from __future__ import annotations

import os
from typing import Any


def spin(*inputs: Any, **options: Any) -> None:
    """Burn CPU forever, as a stage on a hostile input would."""
    while True:
        pass


def crash(*inputs: Any, **options: Any) -> None:
    """Die mid-stage, as a native crash or the kernel's OOM killer would."""
    os.abort()
