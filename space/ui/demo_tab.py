"""The Demo tab: a clip in, clues, an EMER-style explanation, labels and plots out — streamed stage by stage.

Also the programmatic ``/explain`` endpoint (one JSON object) and, optionally, the EMER scores of this one clip
against reference labels the visitor pastes.

Every text shown (explanation, clues, notices) goes through the board's markdown escaping
(:mod:`space.leaderboard.markup`), not ``html.escape`` alone: it quotes LLM replies, whose markdown would otherwise be
live — an image fetched from the replier's server as the page opens, a link dressed as a login.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import gradio as gr
import pandas as pd

from .. import about
from ..config import REPO
from ..demo.access import llm_endpoint
from ..demo.fuse import WORDS_ONLY_CAP
from ..demo.llm import BackendError, Endpoint
from ..demo.pipeline import BACKENDS, MAX_SUBTITLE_CHARS, DemoResult, explain, run
from ..disk import write_download
from ..hub import Hub
from ..identity import current_user, on_this_machine
from ..leaderboard.markup import escape, escape_block
from ..redaction import for_visitors
from .upload_limits import DEMO_VIDEO, demo_limit

EXAMPLES_DIR = REPO / "examples"
MAX_REFERENCE_CHARS = 300
"""Reference labels for one clip: a handful of words; longer text is refused before parsing."""
LANGUAGES = [("Automatic (detect from the audio)", "auto"), ("English", "en"), ("Chinese (Mandarin)", "zh")]
LABEL_COLUMNS = ["label", "confidence", "family", "sources", "evidence"]


def _bullets(phrases: list[str], empty: str) -> str:
    return "\n".join(f"- {escape(phrase, max_chars=None)}" for phrase in phrases) if phrases else f"_{empty}_"


def _status(result: DemoResult) -> str:
    timings = " · ".join(f"{name} {seconds:.2f} s" for name, seconds in result.timings.items())
    head = ("❌ not analysed" if result.refused else "✅ done" if result.done
            else f"⏳ {result.stage} finished, working…")
    notices = "".join(f"\n- ⚠️ {escape(notice, max_chars=None)}" for notice in result.all_notices())
    return f"**{head}** — backend: {escape(result.backend)}  \n{timings}{notices}"  # "llm:<the visitor's model>"


def _labels_frame(result: DemoResult) -> pd.DataFrame:
    from ..demo.render import label_rows

    return pd.DataFrame(label_rows(result.labels), columns=LABEL_COLUMNS)


def _panel(title: str, phrases: list[str], result: DemoResult, ran: bool) -> str:
    """A clue panel: its clues, "waiting…" before its stage ran, "none found" after (never "none yet" when done),
    "not analysed" when the clip was refused (an empty panel would claim the clip shows nothing)."""
    empty = "not analysed" if result.refused else "none found" if ran or result.done else "waiting…"
    return f"#### {title}\n" + _bullets(phrases, empty)


def _clip_scores(result: DemoResult, reference: str) -> str:
    """EW scores of this clip's labels against the visitor's reference labels (one sample)."""
    if not reference.strip() or not result.done:
        return ""
    if len(reference) > MAX_REFERENCE_CHARS:
        return (f"**Reference labels not scored:** {len(reference):,} characters; the limit is "
                f"{MAX_REFERENCE_CHARS} (a few labels separated by commas).")
    import emer_eval

    labels = [label.label for label in result.labels]
    scored = emer_eval.score({"clip": labels}, {"clip": reference}, bootstrap=0)
    l1, l2 = scored.metrics["EW-L1"], scored.metrics["EW-L2"]
    shown = escape(", ".join(emer_eval.parse_label_list(reference)), max_chars=None)
    return (f"**EMER scores of this clip** (reference: {shown})"
            f"  \nEW-L1 F {l1.f * 100:.1f} · P {l1.p * 100:.1f} · R {l1.r * 100:.1f}"
            f" · EW-L2 F {l2.f * 100:.1f} · M-avg {(scored.m_avg or 0.0) * 100:.1f}  \n`{scored.signature}`")


def result_file(full: dict[str, Any] | None) -> str:
    """Write the last finished run's full result (``DemoResult.to_full``) as JSON, now that the visitor asked for it,
    into the bounded downloads folder; a run itself writes nothing to disk."""
    if not full:
        raise gr.Error("Explain a clip first: the file holds the last finished run's result.")
    return str(write_download("emer-demo-result.json", json.dumps(full, ensure_ascii=False, indent=1, default=float)))


def _backend(hub: Hub, mode: str, form: dict[str, str], profile: gr.OAuthProfile | None,
             request: gr.Request | None) -> tuple[str, Endpoint | None, list[str]]:
    """(backend, authorised endpoint, notices): the llm backend only with an endpoint this request may use."""
    if mode != "llm":
        return mode or "offline", None, []
    address = request.client.host if request is not None and request.client is not None else None
    try:
        endpoint = llm_endpoint(hub.settings, base_url=form.get("base_url", ""), model=form.get("model", ""),
                                api_key=form.get("api_key", ""), user=current_user(profile, hub.settings)
                                if hub.settings.on_space else None, address=address,
                                local=on_this_machine(request, hub.settings))
    except BackendError as error:
        return "offline", None, [f"LLM backend unavailable — showing the offline result instead ({error})"]
    return "llm", endpoint, []


def outputs(result: DemoResult, reference: str) -> tuple[Any, ...]:
    """What every output component shows for one snapshot; after the last one no panel is left "waiting". The last
    value is the full result kept for :func:`result_file` (None until the run is done, and for a refused clip, which
    has no plot nor result: "no face found" would be untrue of a clip nobody looked at)."""
    from ..demo.plots import expressions_figure, families_figure, prosody_figure

    clues = result.clue_phrases()
    finished = result.done and not result.refused
    seen = finished or "visual" in result.timings
    heard = finished or "acoustic" in result.timings
    return (_status(result),
            f"### Explanation\n{escape_block(result.explanation, max_chars=None)}" if result.explanation else "",
            _labels_frame(result),
            _clip_scores(result, reference),
            families_figure(result.labels) if result.labels or finished else None,
            _panel("Visual clues", clues["visual"], result, "visual" in result.timings),
            _panel("Acoustic clues", clues["acoustic"], result, "acoustic" in result.timings),
            _panel("Lexical clues", clues["lexical"], result, "lexical" in result.timings),
            expressions_figure(result.visual) if seen else None,
            prosody_figure(result.acoustic) if heard else None,
            result.to_full() if finished else None)


def build(demo: gr.Blocks, hub: Hub) -> None:

    limit = demo_limit(hub.settings)
    gr.Markdown(f"Upload a short clip (≤ 60 s, ≤ {limit // 2**20} MB"
                f"{about.hourly_upload_note(hub.settings.hourly_upload_mb)}) or record one. The offline backend reads "
                "the face, the voice and the words on this server's CPU in a few seconds; the LLM backend asks any "
                "OpenAI-compatible multimodal model (and falls back to the offline result if it cannot). The answer "
                "is a demo's reading of one clip, not a score on the benchmark: a label's confidence (0–1) says how "
                f"strongly the clues support it (words alone give at most {WORDS_ONLY_CAP:g}), not a probability.")
    with gr.Row():
        with gr.Column(scale=2):
            video = gr.Video(sources=["upload", "webcam"], label=f"Clip (≤ 60 s, ≤ {limit // 2**20} MB)",
                             elem_id=DEMO_VIDEO)
            subtitle = gr.Textbox("", label=f"Subtitle (optional, at most {MAX_SUBTITLE_CHARS:,} characters: empty "
                                  f"means transcribe the audio)", lines=2, max_length=MAX_SUBTITLE_CHARS)
            with gr.Row():
                language = gr.Dropdown(LANGUAGES, value="auto", label="Language")
                backend = gr.Radio(list(BACKENDS), value="offline", label="Backend")
            with gr.Accordion("LLM endpoint (for the llm backend; not stored)", open=False):
                base_url = gr.Textbox("", label="Base URL", placeholder="https://api.openai.com/v1")
                model = gr.Textbox("", label="Model", placeholder="gpt-4o")
                api_key = gr.Textbox("", label="API key", type="password")
            reference = gr.Textbox("", label=f"Reference labels (optional, at most {MAX_REFERENCE_CHARS} characters), "
                                   f"e.g. happy, relieved", max_length=MAX_REFERENCE_CHARS)
            button = gr.Button("Explain", variant="primary", elem_id="demo-button")
            example = gr.Button("Try the example clip (generated: the astronaut, angry words)", size="sm")
        with gr.Column(scale=3):
            status = gr.Markdown(elem_id="demo-status")
            explanation = gr.Markdown(elem_id="demo-explanation")
            labels = gr.Dataframe(headers=LABEL_COLUMNS, interactive=False, label="Labels", wrap=True,
                                  elem_id="demo-labels")
            scores = gr.Markdown()
            families = gr.Plot(label="Labels on the emotion wheel")
    with gr.Row():
        visual = gr.Markdown(label="Visual clues", elem_id="demo-visual")
        acoustic = gr.Markdown(label="Acoustic clues", elem_id="demo-acoustic")
        lexical = gr.Markdown(label="Lexical clues", elem_id="demo-lexical")
    with gr.Row():
        faces = gr.Plot(label="Facial expression over time")
        voice = gr.Plot(label="Pitch and energy")
    with gr.Row():  # the file is written when asked for, never by a run
        get_file = gr.Button("Get the full structured result (JSON)", visible=False, elem_id="demo-get-result")
        download = gr.DownloadButton("Download the result (JSON)", visible=False, elem_id="demo-download-result")
    full = gr.State(None)
    api_result = gr.JSON(visible=False)

    def example_clip() -> str:
        """The project's own example, generated on first use (espeak-ng speech over a public-domain face)."""
        from ..demo.examples import make_clip

        path = EXAMPLES_DIR / "angry-astronaut.mp4"
        if not path.is_file():
            try:
                EXAMPLES_DIR.mkdir(exist_ok=True)
                make_clip(path)
            except Exception as error:  # espeak-ng missing, read-only disk … (an OSError quotes the server's path)
                raise gr.Error(f"cannot generate the example clip ({for_visitors(str(error))}); "
                               "see scripts/make_example_clip.py") from error
        return str(path)

    def stream(clip: str | None, text: str, lang: str, mode: str, url: str, name: str, key: str,
               ref: str, profile: gr.OAuthProfile | None = None,
               request: gr.Request | None = None) -> Iterator[tuple[Any, ...]]:
        chosen, endpoint, notices = _backend(hub, mode, {"base_url": url or "", "model": name or "",
                                                         "api_key": key or ""}, profile, request)
        for result in run(clip, subtitle=text or "", language=lang or "auto", backend=chosen, llm=endpoint,
                          notices=notices, max_bytes=limit):
            shown = outputs(result, ref or "")
            yield (*shown, gr.Button(visible=shown[-1] is not None), gr.DownloadButton(visible=False))

    def asked_for(last: dict[str, Any] | None) -> gr.DownloadButton:
        return gr.DownloadButton(value=result_file(last), visible=True)

    def explain_clip(video: str | None, subtitle: str = "", language: str = "auto", backend: str = "offline",
                     profile: gr.OAuthProfile | None = None, request: gr.Request | None = None) -> dict[str, Any]:
        """Clues, explanation and labels of one clip as JSON; language "auto" (default: detected from the audio),
        "en" or "zh"; backend "offline" (default) or "llm" (the server's endpoint: on a Space it needs a login and
        has a daily quota). An empty subtitle means: transcribe the audio. Adds ``language_detected`` and, per
        label, ``sources`` (face / voice / words) and ``evidence``."""
        chosen, endpoint, notices = _backend(hub, backend, {}, profile, request)
        return explain(video, subtitle=subtitle or "", language=language or "auto", backend=chosen, llm=endpoint,
                       notices=notices, max_bytes=limit).to_api()

    button.click(stream, [video, subtitle, language, backend, base_url, model, api_key, reference],
                 [status, explanation, labels, scores, families, visual, acoustic, lexical, faces, voice, full,
                  get_file, download], api_visibility="private", concurrency_limit=2, concurrency_id="demo")
    get_file.click(asked_for, full, download, api_visibility="private")
    example.click(example_clip, None, video, api_visibility="private")
    hidden = gr.Button(visible=False)
    hidden.click(explain_clip, [video, subtitle, language, backend], api_result, api_name="explain",
                 api_visibility="public", concurrency_limit=2, concurrency_id="demo")
