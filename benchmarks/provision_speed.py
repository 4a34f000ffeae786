"""Data at start-up and replicas converging: how long a fresh hub takes to become useful, and what a pull costs.

    python benchmarks/provision_speed.py [--data DIR] [--runs 3] [--records 10000] [--write]

1. ``python app.py`` started with an empty cache and no ``EMER_DATA``, the upstream repositories served by a local
   HTTP server (``EMER_EVAL_RAW_URL``): process start → first page, → first scorable track, → all data present and the
   ten baselines on the board; then one submission through ``gradio_client``.
2. A replica pulling a results repo that holds ``--records`` records (the project's folder-backed fake of the HF API,
   so this is the replica's own cost — listing, comparing, copying — without the Hub's network latency): the
   catch-up from nothing, a pull when nothing changed, and a pull after another replica added one submission.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]  # the project's local upstream server and fake HF API

from benchmarks.results import write_section  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def empty_start(data: Path) -> dict[str, float]:
    """One fresh start of ``python app.py`` against the local upstream; seconds from process start to each stage."""
    from gradio_client import Client, handle_file
    from upstream import lay_out, serving

    from emer_eval import resources

    work = Path(tempfile.mkdtemp(prefix="emer-provision-"))
    lay_out(work / "upstream", data, resources.registry())  # every pinned file: the hub takes what it needs
    port = free_port()
    (work / "no-data").mkdir()  # an unset EMER_DATA would fall back to ../shared/emer-data
    env = {key: value for key, value in os.environ.items() if key not in ("HF_HUB_OFFLINE", "EMER_OFFLINE")}
    env.update({"EMER_DATA": str(work / "no-data"), "EMER_EVAL_CACHE": str(work / "cache"),
                "EMER_HUB_STORE_DIR": str(work / "store"), "GRADIO_SERVER_PORT": str(port),
                "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_ANALYTICS_ENABLED": "False"})
    times: dict[str, float] = {}
    with serving(work / "upstream") as template:
        env["EMER_EVAL_RAW_URL"] = template
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "app.py"], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
        marks = {"track ovmerd-labels available": "scorable", "OV-MER baselines on the board": "baselines_in"}

        def watch() -> None:  # the hub logs each track opening and the import: time them as the lines arrive
            assert process.stderr is not None
            for line in process.stderr:
                for needle, key in marks.items():
                    if needle in line:
                        times.setdefault(key, time.perf_counter() - start)

        threading.Thread(target=watch, daemon=True).start()
        try:
            url = f"http://127.0.0.1:{port}/"
            while "page" not in times:
                try:
                    with urllib.request.urlopen(url, timeout=2) as response:
                        if response.status == 200:
                            times["page"] = time.perf_counter() - start
                except OSError:
                    time.sleep(0.05)
                if time.perf_counter() - start > 120:
                    raise RuntimeError("no page within 120 s")
            client = Client(url, analytics_enabled=False, verbose=False)
            while "ready" not in times:
                status = client.predict(api_name="/data_status")
                if status["state"] == "ready":
                    times["ready"], times["files"] = time.perf_counter() - start, status["done"]
                elif status["state"] in ("offline", "incomplete") or time.perf_counter() - start > 300:
                    raise RuntimeError(f"provisioning did not finish: {status}")
                time.sleep(0.2)
            rows = client.predict(track="ovmerd-labels", api_name="/leaderboard_json")
            times["baselines"] = sum(1 for row in rows if row["source"] == "baseline")
            sample = data / "ovmer-baseline-outputs-ovmerd" / "Otter" / "output-reason-7b-subtitle-eng-openset.npz"
            began = time.perf_counter()
            result = client.predict(file=handle_file(str(sample)), track="ovmerd-labels", model_name="bench",
                                    training_data=["none"], zero_shot="yes", api_name="/submit_predictions")
            if result["status"] != "scored":
                raise RuntimeError(f"submission not scored: {result['errors']}")
            times["submit"] = time.perf_counter() - began
        finally:
            process.terminate()
            process.wait(timeout=30)
            shutil.rmtree(work, ignore_errors=True)
    return times


def pull_costs(records: int) -> dict[str, object]:
    """A reader replica pulling a remote of ``records`` records: catch-up, idle pull, pull of one new submission."""
    from huggingface_hub import CommitOperationAdd
    from store.fake_hub import REPO_ID, FolderHub

    from space.store import RemoteMirror, Store

    work = Path(tempfile.mkdtemp(prefix="emer-pull-"))
    remote = work / "remote"
    api = FolderHub(remote)
    writer = Store(work / "writer")

    def add(i: int) -> str:
        record = writer.add(track="ovmerd-labels", user=f"user{i % 97}", status="scored",
                            metadata={"model_name": f"model {i}"}, scores={"EW-L1": {"f": 0.5, "p": 0.5, "r": 0.5}},
                            signature="emer-eval:bench", emer_eval_version="0.1.0")
        return f"records/ovmerd-labels/{record.id}.json"

    def push(paths: list[str]) -> None:
        api.create_commit(REPO_ID, [CommitOperationAdd(path_in_repo=path, path_or_fileobj=str(writer.root / path))
                                    for path in paths], commit_message="bench", repo_type="dataset")

    try:
        made = time.perf_counter()
        paths = [add(i) for i in range(records)]
        for batch in range(0, records, 1000):
            push(paths[batch:batch + 1000])
        made = time.perf_counter() - made

        reader = Store(work / "reader", mirror=RemoteMirror(FolderHub(remote), REPO_ID))
        mirror = reader.mirror
        assert isinstance(mirror, RemoteMirror)
        began, batches = time.perf_counter(), 0
        while True:
            report = mirror.pull()
            batches += 1
            if not report.more:
                break
        catch_up = time.perf_counter() - began
        began = time.perf_counter()
        counted = len(reader.records())
        index_load = time.perf_counter() - began
        if counted != records:
            raise RuntimeError(f"the reader sees {counted} of {records} records")

        idle = []
        for _ in range(21):
            began = time.perf_counter()
            report = mirror.pull()
            idle.append(time.perf_counter() - began)
            assert report.unchanged
        one_new, refresh = [], []
        for i in range(5):
            push([add(records + i)])
            began = time.perf_counter()
            report = mirror.pull()
            one_new.append(time.perf_counter() - began)
            assert report.copied == 1, report
            began = time.perf_counter()
            reader.count("user0")
            refresh.append(time.perf_counter() - began)
        listing = []
        for _ in range(5):  # the fake's share: walking its folder stands in for the Hub's (paginated) listing
            began = time.perf_counter()
            list(api.list_repo_tree(REPO_ID, recursive=True, repo_type="dataset"))
            listing.append(time.perf_counter() - began)
        reader.close()
        return {"listing_ms": statistics.median(listing) * 1000,
                "records": records, "made": made, "catch_up": catch_up, "batches": batches,
                "index_load": index_load, "idle_ms": statistics.median(idle) * 1000,
                "one_new_ms": statistics.median(one_new) * 1000, "refresh_ms": statistics.median(refresh) * 1000}
    finally:
        writer.close()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("EMER_DATA", REPO.parent / "shared" /
                                                                       "emer-data").split(os.pathsep)[0]))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--write", action="store_true", help="write the section of benchmarks/RESULTS.md")
    args = parser.parse_args()

    starts = [empty_start(args.data) for _ in range(args.runs)]
    for run in starts:
        print("empty start:", {key: round(value, 2) for key, value in run.items()})
    pulls = pull_costs(args.records)
    print("pull:", pulls)

    def median(key: str) -> str:
        values = [run[key] for run in starts]
        return f"{statistics.median(values):.1f} s (runs: {', '.join(f'{v:.1f}' for v in values)})"

    share = float(pulls["one_new_ms"]) / 30_000 * 100  # type: ignore[arg-type]
    load = os.getloadavg()[0]
    n = f"{pulls['records']:,}"
    rows = [
        (f"empty cache, no `EMER_DATA`: process start → first page (median of {args.runs})", median("page")),
        ("process start → first scorable track (`ovmerd-labels`: wheels + ground truth, 8 files)", median("scorable")),
        (f"process start → {int(starts[0]['baselines'])} OV-MER baselines re-scored on the board",
         median("baselines_in")),
        (f"process start → all {int(starts[0]['files'])} files present (status `ready`)", median("ready")),
        ("then one submission scored through `gradio_client`", median("submit")),
        (f"replica catch-up: pull {n} records from nothing ({pulls['batches']} pulls of ≤ 2,000 files)",
         f"{pulls['catch_up']:.1f} s, then {pulls['index_load']:.2f} s to load them into the store's index"),
        ("pull when nothing changed (median of 21)", f"{pulls['idle_ms']:.2f} ms (one head-commit call)"),
        (f"pull after another replica added one submission, {n} records in the repo (median of 5)",
         f"{pulls['one_new_ms']:.0f} ms, of which {pulls['listing_ms']:.0f} ms is the fake Hub listing {n} paths; "
         f"+ {pulls['refresh_ms']:.0f} ms to index it"),
    ]
    table = "\n".join(f"| {what} | {result} |" for what, result in rows)
    body = f"""
| measurement | result |
|---|---|
{table}

The upstream is a local HTTP server laid out like GitHub's raw host (`EMER_EVAL_RAW_URL`), so the fetch times are the
hub's own work (download, sha256, staging) without internet latency; on a Space each file adds one HTTPS
round trip. The pull figures use the project's folder-backed fake of the HF API: on the real Hub an idle pull is one
small API call (`repo_info`), and a pull after a change adds the repo listing (paginated) and one download per new
file. With the default interval of 30 s, a replica whose every interval brings a change spends about {share:.1f} %
of one core on pulling ({pulls['one_new_ms']:.0f} ms / 30 s; most of it the listing, which on the Hub is network
time rather than CPU), and an idle one next to nothing. The catch-up only happens when the start-up restore could not
run; 2,000 files per pull keep each pull bounded. Most of the start-up time is the app's imports: the first
scorable track comes before the first page. Load average when the runs ended: {load:.1f} on {os.cpu_count()} cores
(other jobs share them).
"""
    if args.write:
        write_section("Data at start-up and replica pulls", body)
    print(body)


if __name__ == "__main__":
    main()
