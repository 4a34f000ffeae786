"""Who gets into the queue: a waiting-room cap per event family and per client, so one family cannot starve another.

Gradio has one queue-wide ``max_size``: 66 slow demo requests used to fill it and refuse the board and submissions
for everyone. Here every event belongs to a family — ``demo`` (clip analysis), ``scoring`` (submissions) or ``board``
(everything else: leaderboard, search, detail, exports, status) — and each family has its own cap on waiting
requests, plus a cap per client address within each family. Running requests are bounded separately by each event's
``concurrency_limit`` (the demo's 2 and scoring's 4 are set where the events are wired).

Why a wrapper around Gradio's internals: Gradio 6 (checked on 6.31's source and documentation) bounds *running*
requests per event (``concurrency_limit``, shared through ``concurrency_id``) but has a single queue-wide
``max_size`` for *waiting* ones, and no supported hook before an event is queued — an event's ``validator=`` runs
after that global cap is checked and answers with a validation error, not "queue full". So :func:`install` wraps the
app's ``Queue.push`` (the method the ``/queue/join`` route awaits); a refusal is answered like Gradio's own "queue
full" (HTTP 503) with a message that names the family, so the page shows why and an API client can retry later.

Because this leans on private internals, :func:`check_gradio` runs first and stops the start-up with a clear error
when the installed Gradio is not the verified release (:data:`VERIFIED_GRADIO`, the README's ``sdk_version``) or
the internals the wrapper reads have changed shape — rather than the caps silently not applying.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import gradio as gr

DEMO, SCORING, BOARD = "demo", "scoring", "board"
VERIFIED_GRADIO = "6.31.0"
"""The Gradio release :func:`install` was verified against (the Space's ``sdk_version`` pins the same)."""


class GradioChanged(RuntimeError):
    """The installed Gradio is not the one the waiting rooms were verified on."""


@dataclass(frozen=True)
class Caps:
    """Waiting requests allowed per family, and per client address within a family."""

    waiting: Mapping[str, int]
    per_client: Mapping[str, int]
    """Waiting requests of one client address per family (a family not named has no per-client cap). Without one,
    a single client filled a family's whole waiting room: 68 board refreshes from one address refused the board to
    everyone. The board's is the largest: one page load fires several board events. Submissions have none: each
    is refused within a second once its owner's daily quota is used, and a lab may send its runs at once."""

    @classmethod
    def default(cls) -> Caps:
        return cls({DEMO: 8, SCORING: 32, BOARD: 64}, per_client={DEMO: 4, BOARD: 16})

    @property
    def total(self) -> int:
        return sum(self.waiting.values())


def family(concurrency_id: str | None) -> str:
    """The family of an event, from the ``concurrency_id`` it was wired with (the board is everything else)."""
    return concurrency_id if concurrency_id in (DEMO, SCORING) else BOARD


def client_address(request: Any, behind_proxy: bool) -> str:
    """The client's address. Behind a Space's proxy the address the proxy appended last to ``X-Forwarded-For`` (a
    client can prepend anything, not append after the proxy); elsewhere the socket's peer."""
    if behind_proxy:
        forwarded = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    client = getattr(request, "client", None)
    return client.host if client is not None else "unknown"


def refusal(queue: Any, fn: Any, request: Any, caps: Caps, behind_proxy: bool) -> str | None:
    """Why the event ``fn`` from ``request`` may not wait in ``queue`` now, or None."""
    wanted = family(fn.concurrency_id)
    waiting = [event for event_queue in queue.event_queue_per_concurrency_id.values()
               for event in event_queue.queue if family(event.concurrency_id) == wanted]
    cap = caps.waiting[wanted]
    if len(waiting) >= cap:
        return (f"The {wanted} queue is full ({cap} requests waiting); please try again in a minute. "
                f"Other parts of the hub are not affected.")
    limit = caps.per_client.get(wanted)
    if limit is None:
        return None
    address = client_address(request, behind_proxy)
    mine = sum(1 for event in waiting if client_address(event.request, behind_proxy) == address)
    if mine >= limit:
        return (f"You already have {mine} {wanted} requests waiting; wait for them to finish "
                f"(at most {limit} per client).")
    return None


_URL = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.-]*:")
"""A path that names a scheme (``https:``, ``file:``, ``data:`` …) rather than a file on this server."""
REMOTE_FILE = ("Files must be uploaded to this server (the page does it; gradio_client's handle_file does it for a "
               "local path): a URL given as a file is not fetched. Download it and send the file itself.")


def remote_files(data: Any) -> list[str]:
    """The URLs an API call gives where a file is expected (a ``gradio.FileData`` whose path names a scheme).

    Why refuse them: Gradio downloads such a URL itself, with no size limit and outside the upload route, so it
    would bypass ``max_file_size`` and the hourly upload cap (:mod:`space.uploads`), and make the server fetch any
    public address a visitor names. Walked without recursion: the body is capped at 2 MB but may nest deeply.
    """
    found: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            meta = item.get("meta")
            path = item.get("path")
            if isinstance(meta, dict) and meta.get("_type") == "gradio.FileData" and isinstance(path, str) \
                    and _URL.match(path):
                found.append(path)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def check_gradio(blocks: gr.Blocks, version: str = gr.__version__) -> None:
    """Raise :class:`GradioChanged` unless Gradio is the verified release with the internals :func:`install` uses."""
    from gradio.queueing import Event, EventQueue

    problems = []
    if version != VERIFIED_GRADIO:
        problems.append(f"Gradio {version} is installed, the waiting rooms were verified on {VERIFIED_GRADIO}")
    push = getattr(getattr(blocks, "_queue", None), "push", None)
    if push is None or list(inspect.signature(push).parameters) != ["body", "request", "username"]:
        problems.append("Queue.push(body, request, username) is gone or changed")
    if not isinstance(getattr(getattr(blocks, "_queue", None), "event_queue_per_concurrency_id", None), dict):
        problems.append("Queue.event_queue_per_concurrency_id is gone")
    if not {"fn", "request"} <= set(inspect.signature(Event).parameters):
        problems.append("queueing.Event no longer keeps the request and function")
    if not isinstance(getattr(EventQueue("probe", 1), "queue", None), list):
        problems.append("queueing.EventQueue.queue is gone")
    if not hasattr(blocks, "state_holder") or not hasattr(blocks, "fns"):
        problems.append("Blocks.state_holder or Blocks.fns is gone")
    if problems:
        raise GradioChanged("space/admission.py cannot cap the waiting rooms: " + "; ".join(problems)
                            + ". Check its Queue.push wrapper against this Gradio, then update VERIFIED_GRADIO "
                              "(and the README's sdk_version).")


def install(blocks: gr.Blocks, caps: Caps, *, behind_proxy: bool) -> None:
    """Make ``blocks``' queue (already created by ``blocks.queue()``) refuse what :func:`refusal` refuses and calls
    that name files by URL (:func:`remote_files`, HTTP 400), after :func:`check_gradio`.

    The queue must be the only way in: ``blocks.queue(api_open=False)``, or Gradio's ``/run/<api_name>`` route runs
    a queued event at once, past every waiting room and concurrency limit.
    """
    check_gradio(blocks)
    if blocks.api_open:
        raise ValueError("the queue must be created with api_open=False: /run/<api_name> would bypass it")
    queue = blocks._queue
    push = queue.push

    @functools.wraps(push)
    async def admitted(body: Any, request: Any, username: str | None) -> tuple[bool, Any, str]:
        if remote_files(body.data):
            return False, REMOTE_FILE, "error"
        if body.fn_index is not None:
            fns = (blocks.state_holder[body.session_hash].blocks_config.fns if body.session_hash
                   else blocks.fns)
            fn = fns.get(body.fn_index) if hasattr(fns, "get") else None
            why = refusal(queue, fn, request, caps, behind_proxy) if fn is not None else None
            if why:
                return False, why, "queue_full"
        return await push(body=body, request=request, username=username)

    queue.push = admitted  # type: ignore[method-assign,assignment]  # the one hook before an event is queued
