"""The Submit tab: the form, the programmatic ``/submit_predictions`` endpoint and the rendered result.

The click handler returns the outcome as one JSON object (what API clients receive); a second, private step renders
that object for people. Identity comes from the injected OAuth profile, never from an input.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from emer_eval import EW_METRICS, OFFLINE_FIDELITY_NOTE, OFFLINE_SIGNATURE_TAG, RETIRED_JUDGE_NOTE

from .. import about
from ..admission import client_address
from ..disk import write_download
from ..hub import Hub
from ..identity import current_user
from ..judging import no_judge_message
from ..leaderboard.markup import escape
from ..portal.declarations import TRAINING_DATA
from ..portal.submit import quota_of, submit
from ..portal.templates import template_text
from ..portal.validate import MODALITIES
from ..redaction import for_visitors
from ..tracks import LANGUAGES, TrackUnavailable, ground_truth
from .upload_limits import SUBMIT_FILE


def _track_info(hub: Hub, track_id: str) -> str:
    track = hub.tracks.get(track_id)
    if track is None:
        return ""
    if track.judged:
        judge = hub.judge()
        text = (f"**{html.escape(track.title)}** — {html.escape(track.description)}  \n"
                f"Input: *explanations in {' or '.join(LANGUAGES[lang] for lang in track.references)}* · primary "
                f"metric: *{track.primary}* (1-10) · test set: *{track.test_set}* — "
                f"{html.escape(track.test_set_reason)}  \n"
                + (f"Judge: `{html.escape(judge.model)}` with the paper's prompts. {html.escape(RETIRED_JUDGE_NOTE)}"
                   if judge else f"⚠️ {html.escape(no_judge_message(track))}"))
    else:
        text = (f"**{html.escape(track.title)}** — {html.escape(track.description)}  \n"
                f"Input: *{track.input}* · primary metric: *{track.primary}* · wheels: *{track.wheels}* · "
                f"test set: *{track.test_set}* — {html.escape(track.test_set_reason)}")
    if track.input == "explanations" and not track.judged:
        config = hub.settings.llm
        text += ("  \nLabels are extracted with the official LLM prompt (" + html.escape(config.describe()) + ")."
                 if config else
                 "  \nNo LLM endpoint is configured: labels are extracted by the offline extractor, marked "
                 f"`extract:{OFFLINE_SIGNATURE_TAG}` (non-official: {OFFLINE_FIDELITY_NOTE}; listed apart from the "
                 "ranked rows). English descriptions only: Chinese ones are refused, and a file mostly in another "
                 "language, or mostly giving no labels, is scored with a warning.")
    if track_id in hub.unavailable:
        text += f"\n\n⚠️ **This track is unavailable on this server:** {html.escape(hub.unavailable[track_id])}"
    return text


def _text(value: Any) -> str:
    """A message, warning or OOV word as literal markdown text.

    Messages quote the uploader's ids, column names and labels: ``html.escape`` alone would still let
    ``[x](https://evil)`` become a link or ``**`` restyle the result, so the leaderboard's markdown escaping is used.
    """
    return escape(value, max_chars=2000)


def _quota_line(quota: Mapping[str, Any]) -> str:
    return (f"Quota today: {quota['remaining_scored']} of {quota['scored_limit']} scored submissions and "
            f"{quota['remaining_attempts']} of {quota['attempts_limit']} uploads left (UTC day).")


SIGNATURE_NOTE = ("**The signature** names everything the score depends on (scorer version, emotion wheels or "
                  "judge and prompts, label parsing and extraction, clips, bootstrap): compare scores only when "
                  "their signatures match.")


def entry_note(hub: Hub, track_id: str, outcome: Mapping[str, Any]) -> str:
    """What a submitter asks after the number: where the scored entry now is (ranked, listed apart as non-official,
    or held for review), what its signature is for and, on a public test set, that the labels were public — for
    people only, so the API object stays as it was. Empty for a rejected upload."""
    track = hub.tracks.get(track_id)
    record = hub.store.get(outcome.get("submission_id") or "")
    if outcome.get("status") != "scored" or track is None or record is None:
        return ""
    board = f"on the **Leaderboard** tab, track *{html.escape(track.title)}*"
    if not record.visible:
        place = "not on the board yet: it is held for an admin's review (the reason is below)"
    elif track.is_official(outcome["signature"]):
        place = f"{board}, ranked with the rows that follow the track's protocol ({track.official_text()})"
    else:
        place = (f"{board}, listed after the ranked rows as non-official: its signature does not follow the "
                 f"track's protocol ({track.official_text()})")
    lines = [f"**Your entry** is {place}.", SIGNATURE_NOTE]
    if not track.private:
        lines.append(f"**Public test set:** {html.escape(track.test_set_reason)}")
    return "\n\n".join(lines)


def _render_judged(outcome: dict[str, Any], where: str = "") -> tuple[str, Any, Any]:
    """A judge-track result: each judge metric's mean on the 1-10 scale, unscored replies, the judge, the notes (the
    judge's control is no metric: it speaks through the hold reason among the warnings)."""
    scores = {name: entry for name, entry in outcome["scores"].items() if name != "control"}
    lines = [f"### ✅ Scored — submission `{outcome['submission_id']}`"]
    lines.append(" · ".join(f"**{name}** {entry['mean']:.2f} / 10" for name, entry in scores.items()))
    lines += [f"ℹ️ {_text(note)}" for note in outcome.get("notes", [])]
    lines.append(f"Signature: `{html.escape(outcome['signature'])}`")
    lines += [where] if where else []
    lines += [f"- ⚠️ {_text(warning)}" for warning in outcome.get("warnings", [])]
    if outcome.get("quota"):
        lines.append(_quota_line(outcome["quota"]))
    table = gr.Dataframe(value=pd.DataFrame([
        {"metric": name, "mean (1-10)": round(entry["mean"], 2), "samples": entry["n"],
         "unscored replies": entry["unscored"], "judge": entry["judge"]} for name, entry in scores.items()]),
        visible=True)
    per_sample = outcome.get("per_sample")
    samples = (gr.Dataframe(value=pd.DataFrame(per_sample), visible=True) if per_sample
               else gr.Dataframe(visible=False))
    return "\n\n".join(lines), table, samples


def render_outcome(outcome: dict[str, Any] | None, where: str = "") -> tuple[str, Any, Any]:
    """Markdown summary, per-metric table and (public tracks only) per-sample table of an outcome, for people;
    ``where`` is the :func:`entry_note` shown after the signature."""
    if not outcome:
        return "", gr.Dataframe(visible=False), gr.Dataframe(visible=False)
    lines = []
    if outcome["status"] == "scored" and "EW-L1" not in outcome["scores"]:
        return _render_judged(outcome, where)
    if outcome["status"] == "scored":
        scores = outcome["scores"]
        ew1 = scores["EW-L1"]
        low, high = ew1.get("ci95", (float("nan"), float("nan")))
        lines.append(f"### ✅ Scored — submission `{outcome['submission_id']}`")
        lines.append(f"**EW-L1** F **{ew1['f'] * 100:.2f}** (95 % CI {low * 100:.2f}–{high * 100:.2f}) · "
                     f"P {ew1['p'] * 100:.2f} · R {ew1['r'] * 100:.2f}  \n"
                     f"**EW-L2** F {scores['EW-L2']['f'] * 100:.2f} · **M1** F {scores['M1']['f'] * 100:.2f} · "
                     f"**M2** F {scores['M2']['f'] * 100:.2f} · **M-avg** {scores['M-avg'] * 100:.2f}")
        oov = outcome.get("oov") or {}
        if oov:
            dropped = ", ".join(f"{escape(word, max_chars=60)} ×{n}" for word, n in oov.get("top_dropped", []))
            lines.append(f"**Out of vocabulary:** {oov['dropped']} of {oov['labels']} predicted labels "
                         f"({oov['fraction'] * 100:.1f} %) were dropped by the official protocol"
                         + (f" — most frequent: {dropped}" if dropped else "") + ".")
        lines.append(f"Signature: `{html.escape(outcome['signature'])}`")
        lines += [where] if where else []
    else:
        lines.append("### ❌ Not scored")
        lines += [f"- {_text(error)}" for error in outcome["errors"]]
    lines += [f"- ⚠️ {_text(warning)}" for warning in outcome.get("warnings", [])]
    quota = outcome.get("quota")
    if quota:
        lines.append(_quota_line(quota))
    table = gr.Dataframe(visible=False)
    if outcome["status"] == "scored":
        scores = outcome["scores"]
        table = gr.Dataframe(value=pd.DataFrame([
            {"metric": name, "F": round(scores[name]["f"] * 100, 2), "P": round(scores[name]["p"] * 100, 2),
             "R": round(scores[name]["r"] * 100, 2), "samples": scores[name]["n"]} for name in EW_METRICS]),
            visible=True)
    per_sample = outcome.get("per_sample")
    samples = (gr.Dataframe(value=pd.DataFrame(per_sample).round(4), visible=True) if per_sample
               else gr.Dataframe(visible=False))
    return "\n\n".join(lines), table, samples


def build(demo: gr.Blocks, hub: Hub, *, on_scored: Callable[[str], None] | None = None,
          board_wiring: Any = None) -> None:
    """Lay out the Submit tab inside the current Blocks context and wire its events.

    ``on_scored(track)`` runs after a submission is stored (the board recomputes its ranks then, not on a page view);
    ``board_wiring`` (the Leaderboard tab's refresh) is chained after every submission so the new row is on the board
    without a reload.
    """
    settings = hub.settings
    gr.Markdown(about.SUBMIT_HELP.format(max_mb=settings.max_upload_mb,
                                         hourly=about.hourly_upload_note(settings.hourly_upload_mb),
                                         quota=settings.daily_quota,
                                         attempts=settings.daily_attempts), elem_id="submit-help")
    whoami = gr.Markdown()
    choices = [(track.title, track.id) for track in hub.tracks.values()]
    first = choices[0][1] if choices else None
    with gr.Row():
        with gr.Column(scale=3):
            track = gr.Dropdown(choices, value=first, label="Track", elem_id="submit-track")
            info = gr.Markdown(_track_info(hub, first) if first else "", elem_id="track-info")
        with gr.Column(scale=1, min_width=160):  # written when asked for; a DownloadButton downloads only a file it has
            template_button = gr.Button("Get a template", elem_id="template-button")
            template = gr.DownloadButton("Download", visible=False, elem_id="template-download")
    upload = gr.File(label="Predictions file", file_types=[".csv", ".json", ".jsonl", ".npz"], type="filepath",
                     elem_id=SUBMIT_FILE)
    with gr.Row():
        model_name = gr.Textbox(label="Model name", max_lines=1, max_length=100, elem_id="submit-model")
        organisation = gr.Textbox("", label="Organisation", max_lines=1, max_length=100)
        link = gr.Textbox("", label="Paper or code link (https only)", max_lines=1, placeholder="https://…")
    with gr.Row():
        modalities = gr.CheckboxGroup(list(MODALITIES), label="Modalities used")
        open_weights = gr.Radio(["open", "closed", "unknown"], value="unknown", label="Weights")
    description = gr.Textbox("", label="Short description", lines=2, max_length=1000)
    with gr.Group():
        gr.Markdown("**Declarations (required).** The OV-MERD labels are public and MER2025 distributes OV-MERD as "
                    "training data: say what the model was trained on. Entries trained on the test clips are marked "
                    "on the board.")
        with gr.Row():
            training_data = gr.CheckboxGroup(list(TRAINING_DATA), label="Training data used", elem_id="submit-training")
            zero_shot = gr.Radio(["yes", "no"], value=None, label="Zero-shot on this task?", elem_id="submit-zero-shot")
        training_notes = gr.Textbox("", label="Other training data / notes", max_lines=2, max_length=300,
                                    elem_id="submit-training-notes")
    button = gr.Button("Submit", variant="primary", elem_id="submit-button")
    summary = gr.Markdown(elem_id="submit-result")
    wheel_table = gr.Dataframe(label="Per-metric scores (×100)", interactive=False, visible=False)
    samples = gr.Dataframe(label="Per-sample results (public tracks only)", interactive=False, visible=False,
                           latex_delimiters=[], elem_id="submit-per-sample")
    with gr.Accordion("Raw result (JSON, as API clients receive it)", open=False):
        raw = gr.JSON(elem_id="submit-json")

    def describe_user(profile: gr.OAuthProfile | None, request: gr.Request | None = None) -> str:
        user = current_user(profile, hub.settings)
        if user is None:
            return "🔒 Log in with Hugging Face to submit."
        from datetime import datetime, timezone

        client = client_address(request, hub.settings.on_space) if request is not None else None
        quota = quota_of(hub, user, datetime.now(timezone.utc), client)  # per address without a login
        return (f"Submitting as **{escape(user)}** · today: {quota.remaining_scored}/{quota.scored_limit} "
                f"scored submissions and {quota.remaining_attempts}/{quota.attempts_limit} uploads left (UTC).")

    def make_template(track_id: str) -> gr.DownloadButton:
        selected = hub.tracks.get(track_id)
        if selected is None:
            return gr.DownloadButton(visible=False)
        try:
            names = ground_truth(selected, settings)
        except TrackUnavailable as error:
            raise gr.Error(f"template unavailable: {for_visitors(str(error))}") from None
        path = write_download(f"{selected.id}-template.csv", template_text(selected, names))
        return gr.DownloadButton(f"Download {path.name}", value=str(path), visible=True)

    def submit_predictions(file: str | None, track: str, model_name: str, organisation: str = "", link: str = "",
                           modalities: list[str] | None = None, description: str = "", open_weights: str = "unknown",
                           training_data: list[str] | None = None, zero_shot: str | None = None,
                           training_notes: str = "", profile: gr.OAuthProfile | None = None,
                           request: gr.Request | None = None,
                           progress: gr.Progress = gr.Progress()) -> dict[str, Any]:
        """Score a predictions file on a track and store it; returns status, submission_id, scores, signature,
        warnings and errors. Required declarations: training_data (any of OV-MERD, MER2025 Track 2 train,
        MER-Caption(+), other, none) and zero_shot ("yes" / "no"); training_notes names "other" data. The submitter
        is the logged-in user (server-side), never a parameter."""
        path = Path(file) if file else None
        outcome = submit(hub, user=current_user(profile, hub.settings), upload=path,
                         filename=path.name if path else "", track_id=track,
                         metadata={"model_name": model_name, "organisation": organisation, "link": link,
                                   "modalities": modalities or [], "description": description,
                                   "open_weights": open_weights, "training_data": training_data,
                                   "zero_shot": zero_shot, "training_notes": training_notes},
                         progress=lambda fraction, message: progress(fraction, desc=message),
                         client=client_address(request, hub.settings.on_space) if request is not None else None)
        if outcome.status == "scored" and on_scored is not None:
            on_scored(track)
        return outcome.to_dict()

    track.change(lambda t: (_track_info(hub, t), gr.DownloadButton(visible=False)), track, [info, template],
                 api_visibility="private")  # a template made for the previous track is not offered for this one
    template_button.click(make_template, track, template, api_visibility="private")
    submitted = button.click(
        submit_predictions, [upload, track, model_name, organisation, link, modalities, description, open_weights,
                             training_data, zero_shot, training_notes], raw,
        api_name="submit_predictions", api_visibility="public", concurrency_limit=4, concurrency_id="scoring")
    submitted.then(lambda outcome, track_id: render_outcome(outcome, entry_note(hub, track_id, outcome or {})),
                   [raw, track], [summary, wheel_table, samples], api_visibility="private").then(
        describe_user, None, whoami, api_visibility="private")
    if board_wiring is not None:
        submitted.then(board_wiring.refresh, board_wiring.inputs, board_wiring.outputs, api_visibility="private")
    demo.load(describe_user, None, whoami, api_visibility="private")
