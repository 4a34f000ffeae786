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


class Awkward(Exception):
    """An exception pickle cannot rebuild (its constructor needs two arguments)."""

    def __init__(self, first: str, second: str) -> None:
        super().__init__(f"{first} {second}")


def awkward(*inputs: Any, **options: Any) -> None:
    """Fail with an exception the parent could not unpickle as it is."""
    raise Awkward("odd", "failure")


def model_missing(*inputs: Any, **options: Any) -> None:
    """Fail as a stage whose model file is not in the cache does: the message names the server's cache folder."""
    from space.demo.models import ModelError

    raise ModelError("face_landmarker.task is not in the model cache /srv/secret-mount/models; run `python -m "
                     "space.demo.models fetch` once at set-up")
