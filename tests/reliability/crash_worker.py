"""The process that test_crash.py kills with SIGKILL: it writes to a shared store until it is killed.

Run as a script (``python crash_worker.py MODE --store DIR ...``), never imported by the tests. It prints ``ready`` once
it is about to write, then one ``ack <record id>`` line per submission the portal acknowledged (the outcome said
"scored") and ``event <record id> <event id>`` per event written — each printed only after the call returned, so
every printed id must survive the kill.

Modes:
    submit   a Hub on the store (with the remote copy when ``--remote`` is given) submitting label files one after
             another through ``space.portal.submit.submit``: the kill lands in validation, scoring or storing.
    burst    ``--threads`` threads writing files, records and events straight into one Store at once: the kill lands
             inside the writes (the temp file, the fsync, the rename, the pending marker).
"""

from __future__ import annotations

import argparse
import csv
import glob
import io
import itertools
import os
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from hub_helpers import DECLARED  # noqa: E402

from emer_eval import Predictions, parse_predictions  # noqa: E402

_print_lock = threading.Lock()


def say(*words: object) -> None:
    """One line in one write (atomic on a pipe below PIPE_BUF bytes), so a kill never leaves half an ``ack``."""
    with _print_lock:
        sys.stdout.write(" ".join(map(str, words)) + "\n")
        sys.stdout.flush()


def sources(data_dir: Path) -> list[Predictions]:
    paths = sorted(glob.glob(str(data_dir / "ovmer-baseline-outputs-ovmerd" / "*" / "*-openset.npz")))
    paths.append(str(data_dir / "mertools-mer2024-ov-store" / "predict-openset.csv"))
    return [parse_predictions(Path(path).read_bytes(), Path(path).suffix, path) for path in paths]


def label_csv(predictions: Predictions, drop: set[int]) -> bytes:
    """A valid label file: ``predictions`` without the samples at the indices in ``drop``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["name", "openset"])
    for index, name in enumerate(predictions.names):
        if index not in drop:
            writer.writerow([name, str(list(predictions.labels[name]))])
    return buffer.getvalue().encode("utf-8")


def run_submit(args: argparse.Namespace) -> None:
    from space.config import Settings
    from space.hub import Hub
    from space.portal.submit import submit

    env = {"EMER_DATA": os.environ["EMER_DATA"], "EMER_HUB_STORE_DIR": args.store,
           "EMER_HUB_LOCAL_USER": "crash", "EMER_HUB_DAILY_QUOTA": "100000", "EMER_HUB_DAILY_ATTEMPTS": "100000",
           "EMER_HUB_BOOTSTRAP": "50"}
    hf_api = None
    if args.remote:
        from store.fake_hub import REPO_ID, FolderHub

        env["EMER_HUB_RESULTS_REPO"] = REPO_ID
        hf_api = FolderHub(Path(args.remote))
    hub = Hub.start(Settings.from_env(env), hf_api=hf_api)
    parsed = sources(Path(os.environ["EMER_DATA"].split(os.pathsep)[0]))
    scratch = Path(args.scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    say("ready")
    for i in itertools.count():
        # run r, submission i: a source and two dropped samples no other (run, i) pair drops → distinct bytes
        upload = scratch / f"run{args.run:03d}-{i:04d}.csv"
        upload.write_bytes(label_csv(parsed[(args.run + i) % len(parsed)], {args.run % 100, 100 + i}))
        outcome = submit(hub, user=f"crash-user-{i % 3}", upload=upload, filename=upload.name,
                         track_id="ovmerd-labels", metadata={"model_name": f"crash {args.run}/{i}",
                                                              "modalities": ["audio"], **DECLARED})
        if outcome.status == "scored":
            say("ack", outcome.submission_id)
        else:
            say("rejected", *outcome.errors)


def run_burst(args: argparse.Namespace) -> None:
    from space.store import RemoteMirror, Store

    mirror = None
    if args.remote:
        from store.fake_hub import REPO_ID, FolderHub

        mirror = RemoteMirror(FolderHub(Path(args.remote)), REPO_ID, timeout=5.0, backoff=(0.05,))
    store = Store(args.store, mirror=mirror)
    start = threading.Barrier(args.threads + 1)

    def writer(thread: int) -> None:
        start.wait()
        for i in itertools.count():
            content = f"name,openset\nrun{args.run}-thread{thread}-{i},\"['happy']\"\n".encode() * (1 + i % 50)
            ref = store.put_file(content, f"burst-{thread}-{i}.csv")
            sub = store.add(track="ovmerd-labels", user=f"burst-{thread}", status="scored",
                            metadata={"model_name": f"burst {args.run}/{thread}/{i}"}, file=ref,
                            scores={"EW-L1": {"f": 0.5, "p": 0.5, "r": 0.5}}, signature="crash-test",
                            emer_eval_version="0.0.0")
            say("ack", sub.id)
            if i % 3 == 0:
                folded = store.moderate(sub.id, "flag", actor="crash-test", reason=f"check {i}")
                say("event", sub.id, len(folded.moderation))

    threads = [threading.Thread(target=writer, args=(n,), daemon=True) for n in range(args.threads)]
    for thread in threads:
        thread.start()
    say("ready")
    start.wait()
    for thread in threads:
        thread.join()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("submit", "burst"))
    parser.add_argument("--store", required=True)
    parser.add_argument("--remote")
    parser.add_argument("--scratch", default="")
    parser.add_argument("--run", type=int, default=0)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    (run_submit if args.mode == "submit" else run_burst)(args)


if __name__ == "__main__":
    main()
