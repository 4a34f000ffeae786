"""Round four: attacks on the running Space that earlier rounds' tests did not cover, each kept as a regression test.

The app is the reliability session's (launched exactly as ``app.py`` launches it); every attack is sent as a hostile
client would send it, by raw HTTP, not through the page.
"""

from __future__ import annotations

import secrets
from typing import Any

import httpx
import pytest
from harness import ADMIN, TRACK
from hub_helpers import DECLARED
from test_security import call, file_data, submit_data, upload, variant

from space import admission
from space.admin import moderate
from space.portal.submit import submit
from space.redaction import for_visitors

QUEUED_ENDPOINTS = ("explain", "submit_predictions", "leaderboard_json", "compare", "data_status")


def join(url: str, fn_index: int, data: list[Any]) -> httpx.Response:
    """Queue an event by its index, as the page does (this is how events hidden from the API are reached)."""
    body = {"data": data, "fn_index": fn_index, "session_hash": "redteam0001", "event_data": None}
    return httpx.post(url + "gradio_api/queue/join", json=body, timeout=30)


def fn_index(app, api_name: str) -> int:
    demo, _ = app
    return next(index for index, fn in demo.fns.items() if fn.api_name == api_name)


# --- the queue is the only way in ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", QUEUED_ENDPOINTS)
def test_no_endpoint_runs_outside_the_queue(app, name):
    """Off a Space Gradio's ``/run/<api_name>`` (and ``/api/<api_name>``) ran a queued event at once, past the
    waiting rooms and every concurrency limit: 12 parallel ``/run/explain`` calls all ran. Now the queue is the one
    way in."""
    for route in ("run", "api"):
        response = httpx.post(app[0].local_url + f"gradio_api/{route}/{name}", json={"data": [TRACK]}, timeout=30)
        assert response.status_code == 404, (route, name, response.text[:200])
        assert "join the queue" in response.text


def test_a_direct_submission_stores_nothing(app, base):
    demo, hub = app
    before = len(hub.store.records())
    fd = file_data(upload(demo.local_url, "direct.csv", variant(base, "direct")).json()[0], "direct.csv")
    response = httpx.post(demo.local_url + "gradio_api/run/submit_predictions",
                          json={"data": submit_data(fd, "Direct route model")}, timeout=60)
    assert response.status_code == 404
    assert len(hub.store.records()) == before


def test_the_queue_wrapper_insists_on_a_closed_api():
    import gradio as gr

    with gr.Blocks() as blocks:
        gr.Button().click(lambda: None)
    blocks.queue(api_open=True)
    with pytest.raises(ValueError, match="api_open=False"):
        admission.install(blocks, admission.Caps.default(), behind_proxy=False)


# --- files must be uploads -------------------------------------------------------------------------------------------

URLS = ("https://example.com/predictions.csv", "http://203.0.113.7:8080/x.mp4", "HTTPS://example.com/a.csv",
        "ftp://example.com/a.csv", "file:///etc/passwd", "data:text/csv;base64,aWQ=")


@pytest.mark.parametrize("url", URLS)
def test_a_url_given_as_a_file_is_refused_unfetched(app, url):
    """Gradio downloads a FileData whose path is an http(s) URL itself — no size limit, outside the upload route, so
    past ``max_file_size`` and the hourly upload cap — and the server fetches whatever public address a visitor
    names. Every file input (the public endpoints and the page's own demo event) now refuses any URL first."""
    demo, hub = app
    before = len(hub.store.records())
    fd = file_data(url, "predictions.csv")
    for name, data in (("submit_predictions", submit_data(fd, "URL model")),
                       ("explain", [fd, "", "auto", "offline"])):
        event, payload = call(demo.local_url, name, data)
        assert event == "http 400", (name, event, payload)
        assert "a URL given as a file is not fetched" in payload
    stream = join(demo.local_url, fn_index(app, "stream"), [{"video": fd, "subtitles": None}, "", "auto", "offline",
                                                            "", "", "", ""])
    assert stream.status_code == 400 and "not fetched" in stream.text
    assert len(hub.store.records()) == before


def test_remote_files_finds_urls_at_any_depth_and_nothing_else():
    fd = {"path": "https://example.com/a.mp4", "meta": {"_type": "gradio.FileData"}}
    deep: Any = fd
    for _ in range(5000):                  # deeper than Python's recursion limit: walked without recursion
        deep = [deep]
    assert admission.remote_files(deep) == ["https://example.com/a.mp4"]
    assert admission.remote_files([{"video": fd, "subtitles": None}, "https://example.com/x"]) == [fd["path"]]
    local = {"path": "/tmp/gradio/abc/a.mp4", "meta": {"_type": "gradio.FileData"}}
    assert admission.remote_files([local, "https://plain.text/is/not/a/file", {"path": "https://x", "meta": {}}]) == []


# --- admin without a login --------------------------------------------------------------------------------------------

def test_without_a_login_admin_actions_need_the_hubs_own_machine(launch_app):
    """Off a Space every visitor is the configured local user; with that user listed as an admin, anyone who could
    reach a self-hosted hub moderated it. Now the local user acts as an admin only for a request made on the hub's
    machine: peer and ``Host`` loopback (a reverse proxy forwards the public host name and the client's address)."""
    with launch_app("local-admin", EMER_HUB_LOCAL_USER=ADMIN, EMER_HUB_ADMINS=ADMIN,
                    EMER_HUB_PROVISION=0) as running:
        port = running.url.rstrip("/").rsplit(":", 1)[1]
        event, payload = call(running.url, "list_records", [])
        assert event == "complete", payload                                  # the operator, on the machine itself
        for headers in ({"Host": "hub.example.org"}, {"Host": f"hub.example.org:{port}"},
                        {"X-Forwarded-For": "203.0.113.5"}):
            for name, data in (("list_records", []), ("apply_action", ["any-id", "hide", "x"]),
                               ("rescore_everything", [])):
                event, payload = call(running.url, name, data, headers=headers)
                assert event == "error" and "works only in a browser on the hub's own machine" in str(payload), \
                    (headers, name, payload)


# --- memory per session -----------------------------------------------------------------------------------------------

def test_sessions_kept_in_memory_are_bounded(launch_app):
    """Every request with a new session id (each ``/call/<api_name>`` mints one) made Gradio keep a copy of the page's
    config for it — 0.3 MB, 0.75 MB after a board refresh — until 10,000 sessions: 1,000 calls of ``/data_status``
    grew the server by 323 MB. The hub keeps ``EMER_HUB_SESSIONS``, least recently used dropped first."""
    with launch_app("sessions", EMER_HUB_SESSIONS=20, EMER_HUB_PROVISION=0) as running:
        assert running.hub.settings.sessions == 20
        for _ in range(45):
            event, _payload = call(running.url, "data_status", [])
            assert event == "complete"
        assert len(running.demo.state_holder.session_data) <= 20


# --- what the board withholds stays withheld -------------------------------------------------------------------------

def test_a_head_to_head_never_reaches_a_hidden_or_held_record(app, base, gt_path, tmp_path):
    """``/compare`` looked entries up among every record of the track: with the id of a record a moderator had hidden,
    or of one held for review (the uploaded ground truth), anyone got its Δ, family scores and — on a public track —
    its labels on the clips it disagrees most on. Only rows the board shows can be compared."""
    demo, hub = app

    def stored(name: str, content: bytes) -> str:
        path = tmp_path / f"{name}.csv"
        path.write_bytes(content)
        outcome = submit(hub, user=f"owner-{name}", upload=path, filename=path.name, track_id=TRACK,
                         metadata={"model_name": f"{name} {secrets.token_hex(3)}", **DECLARED})
        assert outcome.status == "scored", outcome.errors
        return str(outcome.submission_id)

    shown, hidden = stored("Shown", variant(base, "shown")), stored("Hidden", variant(base, "hidden"))
    held = stored("Held", gt_path.read_bytes())
    assert hub.store.get(held).visibility == "held"
    moderate(hub, hidden, "hide", actor=ADMIN)
    for withheld in (hidden, held):
        for pair in ([shown, withheld], [withheld, shown]):
            event, payload = call(demo.local_url, "compare", [TRACK, *pair])
            assert event == "error", (pair, payload)
            assert "no entry" in str(payload) and "delta" not in str(payload)
    other = stored("Other", variant(base, "other"))
    event, payload = call(demo.local_url, "compare", [TRACK, shown, other])
    assert event == "complete" and "delta" in payload[0], payload


# --- Gradio features a hub does not use are off ----------------------------------------------------------------------

def test_the_screen_recording_route_is_closed(app):
    """``/process_recording`` ran ffmpeg on any uploaded file in the server process, outside the queue and with no time
    limit (here, without ffmpeg, it echoed the file back); the demo offers no screen recording, so the route is
    closed."""
    payload = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 4096
    for path in ("gradio_api/process_recording", "gradio_api/process_recording/"):
        response = httpx.post(app[0].local_url + path, files={"video": ("rec.mp4", payload, "video/mp4")}, timeout=30)
        assert response.status_code == 404 and payload not in response.content, path


def test_run_history_is_off(app):
    """Gradio's run history kept visitors' inputs and results in the browser, and its routes act on the Hub with a
    token (the host's own for a loopback visitor: ``/run-history/buckets`` answered "hub error" after trying it)."""
    url = app[0].local_url
    assert httpx.get(url + "config", timeout=10).json()["run_history"] is False
    for path in ("gradio_api/run-history/buckets", "gradio_api/runs"):
        assert httpx.get(url + path, timeout=10).status_code == 404, path


OPERATOR_MESSAGES = [  # (message, what must stay, what must go)
    ("resource 'x' not found; searched: /srv/emer/data, /root/.cache/emer_eval/resources. Point EMER_DATA",
     ["…/data", "…/resources", "Point EMER_DATA"], ["/srv/emer", "/root/.cache"]),
    ("ground truth unreadable: [Errno 13] Permission denied: '/data/private-track/gt.csv'",
     ["Permission denied", "…/gt.csv"], ["/data/private-track"]),
    ("cannot open C:\\Users\\operator\\emer\\gt.csv.", ["…/gt.csv."], ["Users", "operator"]),
    ("see ~/emer/secret-track/labels.csv", ["…/labels.csv"], ["secret-track"]),
    ("download https://bot:tok3n@mirror.example.org/a/b.csv?sig=tok3n failed",
     ["https://mirror.example.org/a/b.csv?…"], ["tok3n", "bot:"]),
    ("EW-L1 F/P/R and/or 3/4 of /compare", ["F/P/R", "and/or", "3/4", "/compare"], []),
]


@pytest.mark.parametrize(("message", "kept", "dropped"), OPERATOR_MESSAGES)
def test_operator_messages_shown_to_visitors_keep_what_failed_and_drop_where(message, kept, dropped):
    """Why a track is unavailable or a fetch failed is shown on every page and by /data_status: the server's folders
    and a mirror's credentials told any visitor how the server is laid out and how to reach its private data."""
    shown = for_visitors(message)
    assert all(part in shown for part in kept), shown
    assert not any(part in shown for part in dropped), shown
