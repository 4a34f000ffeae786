"""Who gets into the queue: a waiting-room cap per event family and per client, so one family cannot starve another.

Gradio has one queue-wide ``max_size``: 66 slow demo requests used to fill it and refuse the board and submissions
for everyone. Here every event belongs to a family — ``demo`` (clip analysis), ``scoring`` (submissions) or ``board``
(everything else: leaderboard, search, detail, exports, status) — and each family has its own cap on waiting
requests, plus (for the demo) a cap per client address. Running requests are bounded separately by each event's
``concurrency_limit`` (the demo's 2 and scoring's 4 are set where the events are wired).

Gradio exposes no hook before an event is queued, so :func:`install` wraps the app's ``Queue.push`` (the method the
``/queue/join`` route awaits); a refusal is answered like Gradio's own "queue full" (HTTP 503) with a message that
names the family, so the page shows why and an API client can retry later.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import gradio as gr

DEMO, SCORING, BOARD = "demo", "scoring", "board"


@dataclass(frozen=True)
class Caps:
    """Waiting requests allowed per family, and per client address within a family."""

    waiting: Mapping[str, int]
    per_client: int
    per_client_families: frozenset[str] = frozenset({DEMO})
    """Where the per-client cap applies: the demo, whose identity is shared without a login and whose requests are
    the costly ones. Submissions have per-user quotas and locks; one page load fires several board events."""

    @classmethod
    def default(cls) -> Caps:
        return cls({DEMO: 8, SCORING: 32, BOARD: 64}, per_client=4)

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
    if wanted not in caps.per_client_families:
        return None
    address = client_address(request, behind_proxy)
    mine = sum(1 for event in waiting if client_address(event.request, behind_proxy) == address)
    if mine >= caps.per_client:
        return (f"You already have {mine} {wanted} requests waiting; wait for them to finish "
                f"(at most {caps.per_client} per client).")
    return None


def install(blocks: gr.Blocks, caps: Caps, *, behind_proxy: bool) -> None:
    """Make ``blocks``' queue (already created by ``blocks.queue()``) refuse what :func:`refusal` refuses."""
    queue = blocks._queue
    push = queue.push

    @functools.wraps(push)
    async def admitted(body: Any, request: Any, username: str | None) -> tuple[bool, Any, str]:
        if body.fn_index is not None:
            fns = (blocks.state_holder[body.session_hash].blocks_config.fns if body.session_hash
                   else blocks.fns)
            fn = fns.get(body.fn_index) if hasattr(fns, "get") else None
            why = refusal(queue, fn, request, caps, behind_proxy) if fn is not None else None
            if why:
                return False, why, "queue_full"
        return await push(body=body, request=request, username=username)

    queue.push = admitted  # type: ignore[method-assign,assignment]  # the one hook before an event is queued
