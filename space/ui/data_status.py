"""The line at the top of every page that says what the background provisioning is doing ("fetching ground truth…
2 of 5 files"), polled every two seconds while data is arriving, and the ``/data_status`` API for operators."""

from __future__ import annotations

from typing import Any

import gradio as gr

from ..hub import Hub

POLL_SECONDS = 2.0


def build(demo: gr.Blocks, hub: Hub) -> None:
    """Lay out the status line inside the current Blocks context and keep it current until provisioning settles."""
    status = hub.data_status
    line = gr.Markdown(status.markdown(), elem_id="data-status")
    timer = gr.Timer(POLL_SECONDS, active=not status.settled)

    def poll() -> tuple[str, gr.Timer]:
        return status.markdown(), gr.Timer(active=not status.settled)

    def data_status() -> dict[str, Any]:
        """The provisioning state (checking, fetching, ready, offline, incomplete), progress, problems, and the
        tracks that cannot take submissions yet with the reason."""
        return {**status.snapshot(), "unavailable_tracks": dict(hub.unavailable)}

    timer.tick(poll, None, [line, timer], api_visibility="private", queue=False)  # cheap: no queue slot per tick
    demo.load(poll, None, [line, timer], api_visibility="private")
    gr.api(data_status, api_name="data_status")
