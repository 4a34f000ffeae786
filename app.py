"""EMER Hub — the Hugging Face Space entry point: build the app and, when run as a script, launch it.

    python app.py            # honours GRADIO_SERVER_NAME / GRADIO_SERVER_PORT and the EMER_HUB_* settings
"""

import logging

from space.hub import Hub
from space.ui import CSS, build_app


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    hub = Hub.start()
    demo = build_app(hub)
    demo.queue(default_concurrency_limit=4, max_size=64)
    demo.launch(css=CSS, max_file_size=f"{hub.settings.max_upload_mb}mb", show_error=False)


if __name__ == "__main__":
    main()
