"""The demo's figures and panels: one colour per emotion family, real Hz, legible on a phone, final states."""

from __future__ import annotations

import colorsys
import json
import math
from pathlib import Path

import matplotlib.colors as mcolors
import pytest

from space.demo.fuse import Label
from space.demo.plots import colour, expressions_figure, families_figure, prosody_figure
from space.demo.types import EXPRESSIONS, AcousticClues, VisualClues

VISUAL = VisualClues(findings=(), times=[0.0, 0.5, 1.0], faces=[1, 1, 1],
                     expressions={name: [0.1, 0.2, 0.3] for name in EXPRESSIONS})
LABELS = (Label("angry", 0.8, "angry"), Label("furious", 0.4, "mad"), Label("happy", 0.6, "happy"),
          Label("joyful", 0.5, "joyful"), Label("sad", 0.3, "sad"))


def hue(hex_colour: str) -> float:
    return colorsys.rgb_to_hsv(*mcolors.to_rgb(hex_colour))[0] * 360


def test_angry_is_red_and_happy_is_warm() -> None:
    assert hue(colour("angry")) < 15 or hue(colour("angry")) > 345
    assert 15 <= hue(colour("happy")) <= 60
    assert colour("mad") == colour("angry") and colour("joyful") == colour("happy")  # one colour per kind
    assert len({colour(name) for name in ("angry", "happy", "sad", "fearful", "disgusted", "surprised")}) == 6


def test_the_same_family_has_the_same_colour_in_every_plot() -> None:
    lines = {line.get_label(): line.get_color() for line in expressions_figure(VISUAL).axes[0].get_lines()}
    bars = families_figure(LABELS).axes[0].patches
    names = [tick.get_text() for tick in families_figure(LABELS).axes[0].get_yticklabels()]
    by_label = {name.split(" (")[0]: mcolors.to_hex(bar.get_facecolor())
                for name, bar in zip(names, bars, strict=True)}
    assert lines["angry"] == by_label["angry"] == by_label["furious"] == colour("angry")
    assert lines["happy"] == by_label["happy"] == by_label["joyful"] == colour("happy")
    assert lines["sad"] == by_label["sad"]


@pytest.mark.parametrize("figure", [expressions_figure(VISUAL), families_figure(LABELS)])
def test_figures_are_legible_at_phone_width(figure) -> None:
    width = figure.get_size_inches()[0]
    scale = 390 / (width * figure.dpi)  # the page shrinks the image to 390 px
    texts = [text for axes in figure.axes for text in (axes.title, axes.xaxis.label, *axes.get_xticklabels())]
    smallest = min(text.get_fontsize() for text in texts if text.get_text())
    assert smallest * figure.dpi / 72 * scale >= 9  # at least 9 screen pixels


def test_pitch_axis_is_in_real_hz() -> None:
    acoustic = AcousticClues(findings=(), speech=[(0.0, 1.0)], pauses=[], pitch_times=[0.0, 0.02, 0.04, 0.06],
                             pitch_hz=[120.0, math.nan, 130.0, 125.0], energy_times=[0.0, 0.5],
                             energy_db=[-30.0, -28.0])
    axes = prosody_figure(acoustic).axes[0]
    low, high = axes.get_ylim()
    assert axes.get_ylabel() == "pitch (Hz)" and low <= 120 and high >= 130 and low > 50


def test_after_a_run_no_panel_is_waiting_and_the_result_file_waits_to_be_asked_for(
        demo_clips, face_models, monkeypatch) -> None:
    import gradio as gr

    from space.demo.pipeline import run
    from space.ui import demo_tab
    from space.ui.demo_tab import outputs, result_file

    written: list[Path] = []
    real = demo_tab.write_download
    monkeypatch.setattr(demo_tab, "write_download", lambda name, text: written.append(real(name, text)) or written[-1])
    snapshots = list(run(demo_clips.path("no_face.mp4")))
    shown = [outputs(snapshot, "") for snapshot in snapshots]
    first, last = shown[0], shown[-1]
    assert "waiting…" in first[5]
    panels = last[5:8]
    assert all("waiting" not in panel and "none yet" not in panel for panel in panels)
    assert "none found" in panels[0]  # no face: said, not left pending
    assert all(figure is not None for figure in (last[4], last[8], last[9]))
    assert [row[10] is None for row in shown] == [not snapshot.done for snapshot in snapshots]
    assert written == []                                       # a run writes no file
    with pytest.raises(gr.Error, match="Explain a clip first"):
        result_file(first[10])
    path = Path(result_file(last[10]))                         # asked for: exactly one file, the full result
    assert written == [path] and path.suffix == ".json"
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(json.dumps(snapshots[-1].to_full()))


def test_an_llm_reply_reads_as_its_characters_not_as_markup() -> None:
    """The explanation, the labels' notices and the clues hold model and endpoint text. HTML-escaping alone left
    markdown live: an image that loads from the replier's server as the page opens, a link dressed as a login."""
    from space.demo.pipeline import DemoResult
    from space.ui.demo_tab import outputs

    reply = "He is happy. ![](https://evil.example/pixel.png) [Log in again](https://evil.example/login) <b>x</b>"
    shown = outputs(DemoResult(explanation=reply, notices=(reply,), done=True), "")
    for text in (shown[0], shown[1]):                           # the status (notices) and the explanation
        assert "evil" in text and "](" not in text and "<b>" not in text


@pytest.mark.parametrize("refusal", ["no video", "too long"])
def test_a_refused_clip_reads_as_not_analysed_with_no_plot_nor_result(refusal) -> None:
    """A 10-minute clip (or none) was shown as "✅ done" with "none found" in every panel, "no face found" and
    "no audio" plots and a result to download: as if the clip had been looked at and showed nothing."""
    from space.demo.pipeline import DemoResult, run
    from space.ui.demo_tab import outputs

    final = (list(run(None))[-1] if refusal == "no video" else DemoResult(
        notices=("The clip is too long: it is 600.1 s long; the limit is 60 s. Please trim it.",),
        timings={"decode": 0.04}, done=True))
    shown = outputs(final, "")
    assert "❌ not analysed" in shown[0] and "done" not in shown[0] and refusal.split()[-1] in shown[0]
    assert all("not analysed" in panel and "none found" not in panel for panel in shown[5:8])
    assert [shown[4], shown[8], shown[9], shown[10]] == [None] * 4  # no empty plot, no result file
