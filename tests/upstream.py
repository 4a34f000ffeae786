"""A local HTTP server laid out like the upstream repositories (``<repository>/<commit>/<path>``), serving the real
files from EMER_DATA; tests point ``EMER_EVAL_RAW_URL`` at it, so every fetch stays on the loopback interface."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from emer_eval import resources


def lay_out(root: Path, data_dir: Path, names: Iterable[str]) -> None:
    """Copy every fetchable file of the resources ``names`` from ``data_dir`` to where upstream keeps it."""
    for name in names:
        resource = resources.get(name)
        for file in resource.files:
            if file.upstream is None:
                continue
            target = upstream_path(root, name, file.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes((data_dir / name / file.path).read_bytes())


def upstream_path(root: Path, name: str, path: str) -> Path:
    """Where the server keeps file ``path`` of resource ``name`` (to tamper with it, or delete it)."""
    resource = resources.get(name)
    upstream = resource.file(path).upstream
    assert upstream is not None, f"{name}/{path} is not fetchable"
    return root / resource.repository / resource.commit / upstream


class Upstream:
    """What the server saw (``requests``: the paths asked for) and a ``gate``: while it is clear, every request
    waits, so a test can look at the hub in the middle of fetching."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.gate = threading.Event()
        self.gate.set()


@contextmanager
def serving(root: Path, upstream: Upstream | None = None) -> Iterator[str]:
    """Serve ``root`` on a free loopback port; yields the ``EMER_EVAL_RAW_URL`` template that reaches it."""
    seen = upstream or Upstream()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.requests.append(self.path)
            seen.gate.wait(60)
            super().do_GET()

        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Handler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True, name="upstream").start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/{{repository}}/{{commit}}/{{path}}"
    finally:
        server.shutdown()
        server.server_close()
