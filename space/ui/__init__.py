"""The Gradio layer: one module per tab, each only laying out widgets and wiring them to the functions of ``space``."""

from __future__ import annotations

import logging

import gradio as gr

from .. import about
from ..hub import Hub
from ..leaderboard.board import Board
from ..leaderboard.publish import BoardPublisher
from . import about_tab, admin_tab, data_status, demo_tab, leaderboard_tab, submit_tab, upload_limits

CSS = """
#leaderboard-table { font-size: 0.9rem; }
#leaderboard-table th, #leaderboard-table th * { word-break: keep-all !important; overflow-wrap: normal !important; }
#submit-help th, #submit-help td:first-child { word-break: keep-all !important; overflow-wrap: normal !important; }
.block:has(> .matplotlib) > label[data-testid="block-label"].float { position: static; }  /* above a plot, not on it */
@media (max-width: 640px) {
  .gradio-container { padding: 4px !important; }
  #leaderboard-table { font-size: 0.8rem; }
}
""" + upload_limits.CSS


def make_board(hub: Hub) -> Board:
    """The hub's board; with a results repo, every change of a track's rows is also published there."""
    publisher = None
    mirror = hub.store.mirror
    if hub.settings.results_repo and mirror is not None and hasattr(mirror, "api"):
        publisher = BoardPublisher(mirror.api, hub.settings.results_repo, hub.settings.hf_token)
    return Board(hub, publisher=publisher)


CACHE_CLEANUP = (3600, 3600)
"""(how often, how old) in seconds — Gradio's ``delete_cache``: uploads and outputs do not accumulate on disk."""


def build_app(hub: Hub, board: Board | None = None) -> gr.Blocks:
    """The whole app as a Blocks object (not launched), so tests and app.py share it. The board is the first tab."""
    board = board or make_board(hub)
    # Gradio's cache cleanup: every hour, files it copied (uploads, outputs) older than an hour are deleted
    with gr.Blocks(title=about.TITLE, analytics_enabled=False, delete_cache=CACHE_CLEANUP) as demo:
        with gr.Row():
            gr.Markdown(f"# 🎭 {about.TITLE}\n{about.INTRO}")
            if hub.settings.login:
                gr.LoginButton()
            elif hub.settings.on_space:  # SPACE_ID without a Space: say why nobody can log in, do not crash
                logging.getLogger("emer_hub").warning(
                    "SPACE_ID is set but this is not a Hugging Face Space (SYSTEM is not 'spaces') and no token is "
                    "set: no login button, so submissions and the server's LLM endpoint are refused")
        data_status.build(demo, hub)
        with gr.Tabs():
            with gr.Tab("Leaderboard", id="leaderboard") as board_tab:
                wiring = leaderboard_tab.build(demo, board, board_tab)
            with gr.Tab("Submit", id="submit"):
                submit_tab.build(demo, hub, on_scored=lambda track: board.refresh(track), board_wiring=wiring)
            with gr.Tab("Demo", id="demo"):
                demo_tab.build(demo, hub)
            with gr.Tab("About", id="about"):
                about_tab.build(demo, hub)
            with gr.Tab("Admin", id="admin"):
                admin_tab.build(hub)
    return demo
