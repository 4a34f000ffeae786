"""Server-side commands: ``python -m space provision|import-baselines|rescore|held|moderate|resolve|problems``.

They act on the store configured by ``EMER_HUB_*`` (and mirror to the results repo when one is configured).
``provision`` is the set-up step: it fetches every benchmark file the hub needs and imports the baselines, in the
foreground, exactly as a starting hub does in the background.
"""

from __future__ import annotations

import argparse
import sys

from .admin import (
    IDENTICAL_DECISIONS,
    AdminError,
    held_lines,
    import_baselines,
    moderate,
    rescore_all,
    resolve_identical,
)
from .hub import Hub
from .provision import BASELINE_SETTING, BASELINE_TRACK, Provisioner


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m space", description="EMER Hub admin commands")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("provision", help="fetch the missing benchmark data and import the baselines (set-up)")
    baselines = commands.add_parser("import-baselines", help="score published outputs as baseline entries")
    baselines.add_argument("folder", help="e.g. ../shared/emer-data/ovmer-baseline-outputs-ovmerd")
    baselines.add_argument("--track", default=BASELINE_TRACK)
    baselines.add_argument("--setting", default=BASELINE_SETTING)
    rescore = commands.add_parser("rescore", help="re-score every record with the current scorer")
    rescore.add_argument("--actor", required=True, help="admin user name recorded with the events")
    commands.add_parser("held", help="list the entries held for an admin, with the reason (and the judge's control)")
    mod = commands.add_parser("moderate", help="hide, flag or restore a submission")
    mod.add_argument("record_id")
    mod.add_argument("action", choices=("hide", "flag", "restore"))
    mod.add_argument("--actor", required=True)
    mod.add_argument("--reason", default="")
    resolve = commands.add_parser("resolve", help="settle an entry marked 'identical to' another owner's entry")
    resolve.add_argument("record_id")
    resolve.add_argument("decision", choices=IDENTICAL_DECISIONS)
    resolve.add_argument("--actor", required=True, help="an admin of EMER_HUB_ADMINS")
    resolve.add_argument("--reason", required=True)
    commands.add_parser("problems", help="list store files that could not be read")
    args = parser.parse_args(argv)

    hub = Hub.start()
    try:
        if args.command == "provision":
            from .demo import models

            complete = Provisioner(hub, fetch_models=models.fetch).run()
            status = hub.data_status.snapshot()
            print(f"benchmark data: {status['state']}" + (f"; {status['baselines']}" if status["baselines"] else ""))
            for problem in status["problems"]:
                print(f"  {problem}")
            return 0 if complete else 1
        if args.command == "import-baselines":
            report = import_baselines(hub, args.folder, track_id=args.track, setting=args.setting)
            print(f"imported {len(report.imported)}, skipped {len(report.skipped)} already present")
        elif args.command == "rescore":
            summary = rescore_all(hub, args.actor)
            print(f"rescored {len(summary.rescored)}, unchanged {len(summary.unchanged)}, "
                  f"missing file {len(summary.missing_file)}, failed {len(summary.failed)}, "
                  f"newly held {len(summary.held)}")
            for record_id, reason in summary.failed:
                print(f"  failed {record_id}: {reason}")
            for record_id, reason in summary.held:
                print(f"  held {record_id}: {reason}")
        elif args.command == "held":
            print("\n".join(held_lines(hub)) or "no entry is held")
        elif args.command == "moderate":
            submission = moderate(hub, args.record_id, args.action, actor=args.actor, reason=args.reason)
            print(f"{submission.id}: {submission.visibility}")
        elif args.command == "resolve":
            submission = resolve_identical(hub, args.record_id, args.decision, actor=args.actor, reason=args.reason)
            print(f"{submission.id}: {submission.visibility}"
                  + (" (identical mark cleared)" if submission.identical_review else ""))
        else:
            for path, reason in hub.store.problems:
                print(f"{path}: {reason}")
    except AdminError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        hub.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
