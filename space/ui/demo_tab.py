"""The Demo tab (placeholder until the clip-to-explanation pipeline lands)."""

import gradio as gr

from .. import about


def build() -> None:
    gr.Markdown(about.DEMO_PLACEHOLDER)
