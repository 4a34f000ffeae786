"""The Gradio layer: one module per tab, each only laying out widgets and wiring them to the functions of ``space``."""

from __future__ import annotations

import gradio as gr

from .. import about
from ..hub import Hub
from . import about_tab, admin_tab, data_status, demo_tab, leaderboard_tab, submit_tab

CSS = """
#leaderboard-table { font-size: 0.9rem; }
#leaderboard-table th, #leaderboard-table th * { word-break: keep-all !important; overflow-wrap: normal !important; }
@media (max-width: 640px) { .gradio-container { padding: 4px !important; } }
"""


def build_app(hub: Hub) -> gr.Blocks:
    """The whole app as a Blocks object (not launched), so tests and app.py share it."""
    with gr.Blocks(title=about.TITLE, analytics_enabled=False) as demo:
        with gr.Row():
            gr.Markdown(f"# 🎭 {about.TITLE}\n{about.INTRO}")
            if hub.settings.on_space:
                gr.LoginButton()
        data_status.build(demo, hub)
        with gr.Tabs():
            with gr.Tab("Demo", id="demo"):
                demo_tab.build(demo, hub)
            with gr.Tab("Submit", id="submit"):
                submit_tab.build(demo, hub)
            with gr.Tab("Leaderboard", id="leaderboard"):
                leaderboard_tab.build(demo, hub)
            with gr.Tab("About", id="about"):
                about_tab.build(demo, hub)
            with gr.Tab("Admin", id="admin"):
                admin_tab.build(hub)
    return demo
