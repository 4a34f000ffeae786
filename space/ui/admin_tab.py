"""The Admin tab: moderation, re-scoring, baseline import and store problems — refused for non-admins.

The tab is visible to everyone but every handler checks the server-side identity against ``EMER_HUB_ADMINS``; a
crafted API call gains nothing (the events are also private to the API).
"""

from __future__ import annotations

import html

import gradio as gr
import pandas as pd

from emer_eval import resources

from ..admin import (
    IDENTICAL_DECISIONS,
    AdminError,
    admin_row,
    import_baseline_files,
    moderate,
    rescore_all,
    resolve_identical,
)
from ..hub import Hub
from ..identity import admin_user
from ..provision import BASELINE_RESOURCE, baseline_paths


def build(hub: Hub) -> None:
    settings = hub.settings
    gr.Markdown("Moderation and maintenance for the admins configured in `EMER_HUB_ADMINS`. Every action is stored "
                "as an append-only event with your user name.")
    refresh = gr.Button("Load submissions", elem_id="admin-load")
    table = gr.Dataframe(interactive=False, elem_id="admin-table")
    with gr.Row():
        record_id = gr.Textbox(label="Submission id", max_lines=1)
        action = gr.Radio(["hide", "flag", "restore"], value="hide", label="Action")
        reason = gr.Textbox(label="Reason (required to flag; shown publicly)", max_lines=1)
    apply = gr.Button("Apply")
    gr.Markdown("**Identical entries** (the *identical to* column): keep both and clear the public mark (the reason "
                "is shown on the board), hide the copy, or hide the original and credit the later entry.")
    with gr.Row():
        decision = gr.Radio(list(IDENTICAL_DECISIONS), value="keep", label="Decision")
        resolve_reason = gr.Textbox(label="Reason (required; logged)", max_lines=1)
    resolve = gr.Button("Resolve identical entry")
    with gr.Row():
        rescore = gr.Button("Re-score everything with the current scorer")
        baselines = gr.Button("Import OV-MER baselines from the data folder")
    status = gr.Markdown(elem_id="admin-status")

    def require_admin(profile: gr.OAuthProfile | None, request: gr.Request | None) -> str:
        user = admin_user(profile, request, settings)
        if not hub.is_admin(user):
            raise gr.Error("admins only: log in with an account listed in EMER_HUB_ADMINS" if settings.on_space else
                           "admins only: without a Hugging Face login the Admin tab works only in a browser on the "
                           "hub's own machine (http://127.0.0.1:…), for the local user if it is listed in "
                           "EMER_HUB_ADMINS; from elsewhere use `python -m space moderate …`")
        return user  # type: ignore[return-value]

    def list_records(profile: gr.OAuthProfile | None,
                     request: gr.Request | None = None) -> tuple[pd.DataFrame, str]:
        require_admin(profile, request)
        rows = [admin_row(hub, sub) for sub in hub.store.records()]
        problems = hub.store.problems
        note = f"{len(rows)} records." + (f" {len(problems)} unreadable store file(s): " + ", ".join(
            html.escape(path) for path, _ in problems) if problems else "")
        return pd.DataFrame(rows), note

    def apply_action(record: str, kind: str, why: str, profile: gr.OAuthProfile | None,
                     request: gr.Request | None = None) -> str:
        user = require_admin(profile, request)
        try:
            submission = moderate(hub, record.strip(), kind, actor=user, reason=why)
        except AdminError as error:
            raise gr.Error(str(error)) from None
        return f"`{html.escape(submission.id)}` is now **{submission.visibility}**."

    def resolve_action(record: str, chosen: str, why: str, profile: gr.OAuthProfile | None,
                     request: gr.Request | None = None) -> str:
        user = require_admin(profile, request)
        try:
            submission = resolve_identical(hub, record.strip(), chosen, actor=user, reason=why)
        except AdminError as error:
            raise gr.Error(str(error)) from None
        return (f"`{html.escape(submission.id)}` is **{submission.visibility}**"
                + (", its identical mark cleared." if submission.identical_review else "."))

    def rescore_everything(profile: gr.OAuthProfile | None, request: gr.Request | None = None) -> str:
        user = require_admin(profile, request)
        summary = rescore_all(hub, user)
        return (f"Re-scored {len(summary.rescored)}, unchanged {len(summary.unchanged)}, file missing "
                f"{len(summary.missing_file)}, failed {len(summary.failed)}, newly held for review "
                f"{len(summary.held)}.")

    def import_ovmer(profile: gr.OAuthProfile | None, request: gr.Request | None = None) -> str:
        require_admin(profile, request)
        names = baseline_paths()
        absent = set(resources.missing_files(BASELINE_RESOURCE, names, settings.data_dirs or None))
        if len(absent) == len(names):
            raise gr.Error(f"no baseline output is present yet ({BASELINE_RESOURCE}); the hub fetches them at "
                           "start-up unless it is offline")
        paths = [resources.resource_file(BASELINE_RESOURCE, name, settings.data_dirs or None) for name in names
                 if name not in absent]
        report = import_baseline_files(hub, paths)
        return f"Imported {len(report.imported)} baselines; {len(report.skipped)} were already present."

    refresh.click(list_records, None, [table, status], api_visibility="private")
    apply.click(apply_action, [record_id, action, reason], status, api_visibility="private")
    resolve.click(resolve_action, [record_id, decision, resolve_reason], status, api_visibility="private")
    rescore.click(rescore_everything, None, status, api_visibility="private")
    baselines.click(import_ovmer, None, status, api_visibility="private")
