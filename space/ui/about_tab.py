"""The About tab: the task, the metrics and their caveats, the submission format, the citations."""

import gradio as gr

from .. import about


def build() -> None:
    gr.Markdown(about.ABOUT, elem_id="about-text")
