"""Request bodies in front of Gradio: a cap on the bytes each client uploads per hour (demo clips and submission
files alike), no partial file left behind by an aborted upload, a small cap on every other request body, and
Gradio's file-processing routes that the hub does not use closed.

Why: uploads need no login (the demo is open to everyone) and each is kept on disk until Gradio's cache cleanup runs;
40 files of 19 MB went up in under five seconds. The per-file limit (``max_file_size``) bounds one upload, this
bounds a client's volume: the logged-in user on a Space, otherwise the client's address (without a login every
visitor of a self-hosted hub is the same user, so the address is what tells them apart).

Gradio offers no hook before its upload routes read a body, so this is an ASGI middleware in front of them (passed
to ``launch(app_kwargs=...)``). An upload must state its size (``Content-Length``, as browsers and gradio_client
do); its size is reserved from the client's allowance before a byte is read, and what was really received is
charged at the end, so parallel uploads cannot overrun the cap and an aborted one costs only what it sent.

An upload the client aborts used to leave its partial temp file in Gradio's upload folder for good: Gradio's parser
removes its files on a *parse* error but not when the client disconnects. The middleware turns the disconnect into
that parse error, so Gradio's own clean-up removes the partial file.

Every other POST body (API calls, ``/queue/join``) is JSON of a few kilobytes — files go through the upload routes —
yet Gradio read any size into memory: a 100 MB subtitle sent to ``/call/explain`` grew the server by 454 MB. Such
bodies must state their size and stay under :data:`MAX_BODY_BYTES`.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from gradio.route_utils import MultiPartException
from starlette.requests import Request
from starlette.responses import PlainTextResponse

from .admission import client_address

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_ROUTES = ("/upload", "/component_server")
"""Gradio routes (under ``/gradio_api``) that take files in a request body."""
CLOSED_ROUTES = ("/gradio_api/process_recording", "/gradio_api/process_recording/")
"""Gradio routes no component of the hub uses, answered 404. ``/process_recording`` (the screen-recording source of
``gr.Video``, which the demo does not offer) runs ffmpeg on any uploaded file inside the server, outside the queue,
with no time limit — a crafted 20 MB clip keeps a core busy for minutes per request."""
MAX_FILES_PER_UPLOAD = 2
"""Files in one upload request: each of the hub's inputs takes one file, which the page and gradio_client send one per
request. Gradio took 1,000 per request."""
MIN_CHARGE = 64 * 2**10
"""What an upload costs at least against the hourly allowance, however small: each file is a folder and a file on
disk (8 KB of blocks) and an entry in Gradio's memory, so 150-byte uploads must not come a million an hour (200 MB
an hour is then at most 3,200 uploads)."""
WINDOW = 3600.0
MAX_BODY_BYTES = 2 * 2**20
"""The largest request body outside the upload routes: the hub's biggest input (a 2,000-character subtitle, a model
description) is a few kilobytes of JSON."""


def _megabytes(size: float) -> str:
    return f"{size / 2**20:.1f} MB"


class Ledger:
    """Bytes uploaded per client over the last :data:`WINDOW` seconds (a sliding window)."""

    def __init__(self, limit: int, window: float = WINDOW, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._entries: dict[str, deque[list[float]]] = {}
        self._lock = threading.Lock()
        self._swept = clock()

    def used(self, client: str) -> int:
        with self._lock:
            return int(sum(size for _, size in self._current(client)))

    def reserve(self, client: str, size: int) -> tuple[list[float] | None, int]:
        """Reserve ``size`` bytes for ``client``: (the reservation, or None when it would pass the cap; bytes used)."""
        with self._lock:
            entries = self._current(client)
            used = int(sum(amount for _, amount in entries))
            if used + size > self.limit:
                return None, used
            entry = [self.clock(), float(size)]
            entries.append(entry)
            return entry, used

    def settle(self, entry: list[float], received: int) -> None:
        """Charge what was really received for a reservation (less when the upload was aborted)."""
        with self._lock:
            entry[1] = float(min(entry[1], received))

    def retry_in(self, client: str) -> float:
        """Seconds until the oldest upload of ``client`` leaves the window."""
        with self._lock:
            entries = self._current(client)
            return max(0.0, entries[0][0] + self.window - self.clock()) if entries else 0.0

    def _current(self, client: str) -> deque[list[float]]:
        now = self.clock()
        if now - self._swept > 60:  # forget clients idle for a whole window: the table stays small
            self._swept = now
            for name in [name for name, entries in self._entries.items()
                         if not entries or entries[-1][0] <= now - self.window]:
                del self._entries[name]
        entries = self._entries.setdefault(client, deque())
        while entries and entries[0][0] <= now - self.window:
            entries.popleft()
        return entries


class PartCounter:
    """Counts the parts of a multipart body as it streams past, without parsing it: each part opens with
    ``--<boundary>``, and the body ends with ``--<boundary>--``."""

    def __init__(self, boundary: bytes) -> None:
        self.marker = b"--" + boundary
        self.seen = 0
        self._tail = b""

    @classmethod
    def of(cls, content_type: str) -> PartCounter | None:
        """A counter for a ``multipart/form-data`` body with a boundary, else None (Gradio refuses the body)."""
        kind, _, params = content_type.partition(";")
        if kind.strip().lower() != "multipart/form-data":
            return None
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.lower() == "boundary" and value.strip('"'):
                return cls(value.strip('"').encode("latin-1", "replace"))
        return None

    def feed(self, chunk: bytes) -> int:
        """Delimiters seen so far: the parts opened, plus one once the closing delimiter has passed."""
        data = self._tail + chunk  # the tail is shorter than a delimiter: one split across chunks is found once
        self.seen += data.count(self.marker)
        self._tail = data[-(len(self.marker) - 1):]
        return self.seen


class UploadGuard:
    """ASGI middleware on Gradio's upload routes: refuse an upload (HTTP 429, with a message saying why and until
    when) that would take its client past ``limit`` bytes in the last hour; make an aborted upload leave no file."""

    def __init__(self, app: ASGIApp, *, limit: int | None, behind_proxy: bool) -> None:
        self.app = app
        self.ledger = Ledger(limit) if limit else None
        self.behind_proxy = behind_proxy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].endswith(CLOSED_ROUTES):
            await PlainTextResponse("Not used by this hub.", status_code=404)(scope, receive, send)
            return
        if scope["type"] != "http" or scope.get("method") not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        if not scope["path"].endswith(UPLOAD_ROUTES):
            refused = self.oversized(Request(scope))
            await (refused or self.app)(scope, receive, send)
            return
        entry = None
        if self.ledger is not None:
            request = Request(scope)
            declared = request.headers.get("content-length", "")
            if not declared.isdigit():
                await PlainTextResponse("Uploads must state their size (Content-Length).", status_code=411)(
                    scope, receive, send)
                return
            client, who = self.identity(scope, request)
            charged = max(int(declared), MIN_CHARGE)
            entry, used = self.ledger.reserve(client, charged)
            if entry is None:
                await PlainTextResponse(self.refusal(self.ledger, client, who, used, charged),
                                        status_code=429)(scope, receive, send)
                return
        received, complete = 0, False
        parts = PartCounter.of(Request(scope).headers.get("content-type", ""))

        async def counted() -> Message:
            nonlocal received, complete
            message = await receive()
            if message["type"] == "http.disconnect" and not complete:
                raise MultiPartException("The upload was aborted before its end.")  # Gradio removes its files
            body = message.get("body", b"")
            received += len(body)
            complete = not message.get("more_body", False)
            if parts is not None and parts.feed(body) > MAX_FILES_PER_UPLOAD + 1:  # Gradio removes its files
                raise MultiPartException(f"An upload request carries at most {MAX_FILES_PER_UPLOAD} files; send "
                                         f"one file per request.")
            return message

        try:
            await self.app(scope, counted, send)
        finally:
            if self.ledger is not None and entry is not None:
                self.ledger.settle(entry, max(received, MIN_CHARGE))

    @staticmethod
    def oversized(request: Request) -> PlainTextResponse | None:
        """The refusal of a non-upload body that is too big or hides its size, or None."""
        declared = request.headers.get("content-length")
        if declared is None:
            chunked = "chunked" in request.headers.get("transfer-encoding", "").lower()
            return PlainTextResponse("Request bodies must state their size (Content-Length).",
                                     status_code=411) if chunked else None
        if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
            return PlainTextResponse(f"Request body too large ({declared} bytes): API calls take at most "
                                     f"{_megabytes(MAX_BODY_BYTES)}; files go through the upload route.",
                                     status_code=413)
        return None

    def identity(self, scope: Scope, request: Request) -> tuple[str, str]:
        """(key, how to name it to the user): the logged-in Hugging Face user, otherwise the client's address."""
        session = scope.get("session") or {}
        user = ((session.get("oauth_info") or {}).get("userinfo") or {}).get("preferred_username")
        if user:
            return f"user:{user}", "your account"
        return f"address:{client_address(request, self.behind_proxy)}", "your address"

    @staticmethod
    def refusal(ledger: Ledger, client: str, who: str, used: int, size: int) -> str:
        minutes = max(1, round(ledger.retry_in(client) / 60))
        return (f"Upload refused: {who} has uploaded {_megabytes(used)} in the last hour and this file is "
                f"{_megabytes(size)}; the limit is {_megabytes(ledger.limit)} per hour. "
                f"Try again in about {minutes} min.")
