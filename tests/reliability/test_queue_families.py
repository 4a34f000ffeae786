"""A flood of slow demo requests must not refuse the board or submissions (one queue cap used to be shared by all).

The demo is made slow on purpose (its analysis waits on an event the test releases), and the flood comes from several
loopback addresses (127.0.0.2…), like several visitors; the board and a submission come from 127.0.0.1 meanwhile.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from space import admission

FLOOD = 70                    # more than the old queue-wide max_size of 64
ADDRESSES = [f"127.0.0.{n}" for n in range(2, 8)]


def join(url: str, api_name: str, data: list, source: str = "127.0.0.1") -> httpx.Response:
    transport = httpx.HTTPTransport(local_address=source)
    with httpx.Client(transport=transport, timeout=30) as client:
        return client.post(url + f"gradio_api/call/{api_name}", json={"data": data})


def result(url: str, api_name: str, event_id: str) -> str:
    return httpx.get(url + f"gradio_api/call/{api_name}/{event_id}", timeout=120).text


@pytest.fixture
def slow_demo(monkeypatch):
    from space.demo.pipeline import DemoResult
    from space.ui import demo_tab

    release = threading.Event()

    def stuck(*args, **kwargs):
        release.wait(60)
        return DemoResult(done=True)

    monkeypatch.setattr(demo_tab, "explain", stuck)
    yield release
    release.set()


def test_a_demo_flood_leaves_the_board_and_submissions_serving(slow_demo, base, launch_app):
    with launch_app("demo-flood", EMER_HUB_PROVISION=0) as running:
        url = running.url
        with ThreadPoolExecutor(8) as pool:
            floods = list(pool.map(lambda n: join(url, "explain", [None, "", "en", "offline"],
                                                  ADDRESSES[n % len(ADDRESSES)]), range(FLOOD)))
        refused = [r for r in floods if r.status_code == 503]
        admitted = [r for r in floods if r.status_code == 200]
        caps = admission.Caps.default()
        assert len(refused) >= FLOOD - caps.waiting[admission.DEMO] - 2      # 2 running + the waiting room
        assert any("demo queue is full" in r.text for r in refused)

        board = join(url, "leaderboard_json", ["ovmerd-labels"])
        assert board.status_code == 200, board.text
        assert "event: complete" in result(url, "leaderboard_json", board.json()["event_id"])

        upload = httpx.post(url + "gradio_api/upload", files={"files": ("p.csv", base.raw)}, timeout=60).json()[0]
        fd = {"path": upload, "meta": {"_type": "gradio.FileData"}, "orig_name": "p.csv"}
        scored = join(url, "submit_predictions", [fd, "ovmerd-labels", "Flood-proof model", "", "", [], "", "unknown",
                                                  ["none"], "yes", ""])
        assert scored.status_code == 200, scored.text
        assert '"status": "scored"' in result(url, "submit_predictions", scored.json()["event_id"])
        slow_demo.set()
        assert all("event: complete" in result(url, "explain", r.json()["event_id"]) for r in admitted)


def test_one_client_cannot_fill_the_boards_waiting_room(launch_app, monkeypatch):
    """68 slow board requests from one address used to fill the board's whole waiting room (64): everyone else got
    "The board queue is full". One client now waits with at most 16; another is still admitted."""
    from space.leaderboard.board import Board

    release, rows_json = threading.Event(), Board.rows_json

    def slow_for_the_flood(self, track_id):
        if track_id == "ovmerd-explanations":
            release.wait(60)
        return rows_json(self, track_id)

    monkeypatch.setattr(Board, "rows_json", slow_for_the_flood)
    caps = admission.Caps.default()
    with launch_app("board-flood", EMER_HUB_PROVISION=0) as running:
        url = running.url
        try:
            with ThreadPoolExecutor(8) as pool:
                floods = list(pool.map(lambda n: join(url, "leaderboard_json", ["ovmerd-explanations"],
                                                      "127.0.0.9"), range(40)))
            refused = [r for r in floods if r.status_code == 503]
            assert len(refused) >= 40 - caps.per_client[admission.BOARD] - 4   # 4 running + its share of the room
            assert all("board requests waiting" in r.text for r in refused)
            other = join(url, "leaderboard_json", ["ovmerd-labels"])
            assert other.status_code == 200, other.text
        finally:
            release.set()
        assert "event: complete" in result(url, "leaderboard_json", other.json()["event_id"])


def fake_queue(waiting: dict[str, list[str]]) -> SimpleNamespace:
    def event(family: str, address: str) -> SimpleNamespace:
        return SimpleNamespace(concurrency_id=family, request=SimpleNamespace(headers={}, client=SimpleNamespace(
            host=address)))

    queues = {name: SimpleNamespace(queue=[event(name, address) for address in addresses])
              for name, addresses in waiting.items()}
    return SimpleNamespace(event_queue_per_concurrency_id=queues)


def request_from(address: str, forwarded: str = "") -> SimpleNamespace:
    return SimpleNamespace(headers={"x-forwarded-for": forwarded} if forwarded else {},
                           client=SimpleNamespace(host=address))


def test_each_family_and_each_client_has_its_own_cap():
    caps = admission.Caps({"demo": 3, "scoring": 2, "board": 5}, per_client={"demo": 2, "board": 3})
    assert admission.refusal(fake_queue({"17": ["a", "a"]}), SimpleNamespace(concurrency_id="42"),
                             request_from("a"), caps, False) is None       # under the board's per-client cap
    board = fake_queue({"17": ["a", "a"], "18": ["a", "b"]})               # board events have ids of their own
    assert "3 board requests waiting" in admission.refusal(board, SimpleNamespace(concurrency_id="42"),
                                                           request_from("a"), caps, False)
    assert admission.refusal(board, SimpleNamespace(concurrency_id="42"), request_from("b"), caps, False) is None
    assert admission.refusal(fake_queue({"scoring": ["a"]}), SimpleNamespace(concurrency_id="scoring"),
                             request_from("a"), caps, False) is None       # no per-client cap named: none
    full = fake_queue({"demo": ["a", "b", "c"], "17": ["a"]})
    assert "demo queue is full" in admission.refusal(full, SimpleNamespace(concurrency_id="demo"),
                                                     request_from("z"), caps, False)
    assert admission.refusal(full, SimpleNamespace(concurrency_id="42"), request_from("z"), caps, False) is None
    mine = fake_queue({"demo": ["a", "a"]})
    assert "2 demo requests waiting" in admission.refusal(mine, SimpleNamespace(concurrency_id="demo"),
                                                          request_from("a"), caps, False)
    assert admission.refusal(mine, SimpleNamespace(concurrency_id="demo"), request_from("b"), caps, False) is None


def test_behind_the_space_proxy_the_address_is_the_one_the_proxy_appended():
    spoofed = request_from("10.0.0.1", forwarded="1.1.1.1, 203.0.113.9")
    assert admission.client_address(spoofed, behind_proxy=True) == "203.0.113.9"
    assert admission.client_address(spoofed, behind_proxy=False) == "10.0.0.1"


def test_the_queue_wrapper_refuses_to_start_on_an_unverified_gradio(tmp_path):
    """The waiting rooms wrap a private Gradio method: a different release or changed internals stop the start-up
    with a message instead of leaving the caps silently off."""
    import gradio as gr

    with gr.Blocks() as blocks:
        gr.Button().click(lambda: None, concurrency_id=admission.DEMO)
    blocks.queue()
    admission.check_gradio(blocks)                                        # the pinned release passes
    assert admission.VERIFIED_GRADIO == gr.__version__
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"sdk_version: {admission.VERIFIED_GRADIO}\n" in readme         # the Space runs the verified release
    with pytest.raises(admission.GradioChanged, match="Gradio 6.32.0 is installed, the waiting rooms were verified"):
        admission.check_gradio(blocks, version="6.32.0")

    async def push(body, request):                                       # a changed signature
        return True, "", "success"

    blocks._queue.push = push
    with pytest.raises(admission.GradioChanged, match=r"Queue.push\(body, request, username\) is gone or changed"):
        admission.install(blocks, admission.Caps.default(), behind_proxy=False)
