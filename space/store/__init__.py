"""The durable submission store: immutable records, append-only events, content-addressed files, a remote copy.

Start-up on a Space (restore before serving, so quota counts and the leaderboard include earlier runs)::

    mirror = RemoteMirror(HfApi(), "org/emer-hub-submissions", token=os.environ["HF_TOKEN"])
    store = Store("submissions", mirror=mirror)    # re-queues pushes an earlier run left pending
    report = mirror.restore()                      # copies in what the local disk lacks; never raises
"""

from .local import METADATA_DEFAULTS, RescoreSummary, Scorer, Store
from .record import LISTED, SchemaError, Submission, score_fields
from .remote import RemoteMirror, RestoreReport

__all__ = ["LISTED", "METADATA_DEFAULTS", "RemoteMirror", "RescoreSummary", "RestoreReport", "SchemaError", "Scorer",
           "Store", "Submission", "score_fields"]
