"""Request bodies to the running app: each client's upload volume is capped per hour, an aborted upload leaves no
file, and every other body (API calls) is capped at a few megabytes before it is read.

The app is launched like app.py launches it, with a 1 MB hourly cap and its own Gradio upload folder; each test
uploads from its own loopback address (127.0.0.N), as separate visitors would.
"""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from space.uploads import MAX_BODY_BYTES, MAX_FILES_PER_UPLOAD, MIN_CHARGE, Ledger, PartCounter, UploadGuard

KB = 1024


@pytest.fixture(scope="module")
def capped(tmp_path_factory, launch_app):
    """(url, Gradio's upload folder) of an app with a 1 MB per-client hourly upload cap."""
    uploads = tmp_path_factory.mktemp("uploads-app") / "gradio-uploads"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GRADIO_TEMP_DIR", str(uploads))
        with launch_app("uploads-app", EMER_HUB_PROVISION=0, EMER_HUB_HOURLY_UPLOAD_MB=1) as running:
            yield running.url, uploads


def upload(url: str, size: int, source: str) -> httpx.Response:
    transport = httpx.HTTPTransport(local_address=source)
    with httpx.Client(transport=transport, timeout=30) as client:
        return client.post(url + "gradio_api/upload", files={"files": ("clip.mp4", b"\0" * size, "video/mp4")})


def partials(uploads: Path) -> list[Path]:
    """Files directly in Gradio's upload folder: uploads in progress (finished ones move into a sub-folder)."""
    return [path for path in uploads.iterdir() if path.is_file()] if uploads.is_dir() else []


def test_a_clients_upload_volume_is_capped_per_hour(capped):
    url, _ = capped
    assert upload(url, 600 * KB, "127.0.0.11").status_code == 200
    refused = upload(url, 600 * KB, "127.0.0.11")
    assert refused.status_code == 429
    assert "Upload refused: your address has uploaded 0.6 MB in the last hour" in refused.text
    assert "the limit is 1.0 MB per hour" in refused.text
    assert upload(url, 300 * KB, "127.0.0.11").status_code == 200          # what is left of the allowance
    assert upload(url, 600 * KB, "127.0.0.12").status_code == 200          # another client has its own


def test_an_upload_of_many_tiny_files_is_refused_and_leaves_none(capped):
    """Gradio took 1,000 files per upload request: 5 requests of 1,000 one-byte files (0.75 MB in all) left 5,000
    files in 5,000 folders (8 KB of disk blocks each) and 5,000 entries in Gradio's memory, so the byte cap allowed a
    million files an hour. An upload carries at most two files."""
    url, uploads = capped
    before = sorted(uploads.rglob("*")) if uploads.is_dir() else []
    transport = httpx.HTTPTransport(local_address="127.0.0.20")
    with httpx.Client(transport=transport, timeout=30) as client:
        files = [("files", (f"x{n}.csv", f"{n}".encode())) for n in range(1000)]
        refused = client.post(url + "gradio_api/upload", files=files)
        assert refused.status_code == 400 and f"at most {MAX_FILES_PER_UPLOAD} files" in refused.text
        assert (sorted(uploads.rglob("*")) if uploads.is_dir() else []) == before
        one = client.post(url + "gradio_api/upload", files=[("files", ("p.csv", b"name,openset\n"))])
        assert one.status_code == 200 and len(one.json()) == 1


def test_tiny_uploads_are_charged_a_minimum(capped):
    """Each upload costs at least MIN_CHARGE of the hourly allowance (1 MB here): a flood of one-byte uploads stops
    after 16 instead of a million."""
    url, _ = capped
    accepted = 0
    for _ in range(40):
        response = upload(url, 1, "127.0.0.21")
        if response.status_code != 200:
            assert response.status_code == 429 and "Upload refused" in response.text
            break
        accepted += 1
    assert accepted == 2**20 // MIN_CHARGE


def test_the_part_counter_finds_delimiters_split_across_chunks():
    body = b"--XyZ\r\nA\r\n--XyZ\r\nB\r\n--XyZ--\r\n"
    for size in (1, 2, 3, 7, len(body)):
        counter = PartCounter.of('multipart/form-data; boundary="XyZ"')
        assert counter is not None
        for start in range(0, len(body), size):
            seen = counter.feed(body[start:start + size])
        assert seen == 3
    assert PartCounter.of("application/json") is None and PartCounter.of("multipart/form-data") is None


def test_the_cap_is_stated_where_visitors_upload(capped):
    url, _ = capped
    page = json.dumps(httpx.get(url + "config", timeout=30).json())
    assert page.count("at most 1 MB of uploads per hour per visitor (login, else address)") >= 2   # demo and submit


def test_an_upload_that_hides_its_size_is_refused(capped):
    url, _ = capped

    def chunks():
        yield b"--x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.mp4\"\r\n\r\n"
        yield b"\0" * KB
        yield b"\r\n--x--\r\n"

    transport = httpx.HTTPTransport(local_address="127.0.0.13")
    with httpx.Client(transport=transport, timeout=30) as client:
        response = client.post(url + "gradio_api/upload", content=chunks(),
                                headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert response.status_code == 411 and "must state their size" in response.text


def test_an_aborted_upload_leaves_no_partial_file(capped):
    url, uploads = capped
    parts = urlsplit(url)
    head = b"--x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"clip.mp4\"\r\n\r\n"
    declared = len(head) + 800 * KB + len(b"\r\n--x--\r\n")
    before = set(partials(uploads))
    connection = socket.create_connection((parts.hostname, parts.port), source_address=("127.0.0.14", 0))
    try:
        connection.sendall(b"POST /gradio_api/upload HTTP/1.1\r\nHost: x\r\n"
                           b"Content-Type: multipart/form-data; boundary=x\r\n"
                           b"Content-Length: " + str(declared).encode() + b"\r\n\r\n" + head + b"\0" * (300 * KB))
        deadline = time.monotonic() + 20
        while not (set(partials(uploads)) - before) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert set(partials(uploads)) - before, "the partial upload never reached the disk"
    finally:
        connection.close()                                                  # abort mid-body
    deadline = time.monotonic() + 20
    while set(partials(uploads)) - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not set(partials(uploads)) - before
    assert upload(url, 600 * KB, "127.0.0.14").status_code == 200          # only the bytes sent were charged


def test_an_api_call_with_a_huge_body_is_refused_before_it_is_read(capped):
    """A 100 MB subtitle sent as JSON used to be read whole (+454 MB of server memory)."""
    url, _ = capped
    call = url + "gradio_api/call/explain"
    huge = httpx.post(call, json={"data": [None, "x" * (MAX_BODY_BYTES + 1), "en", "offline"]}, timeout=60)
    assert huge.status_code == 413 and "API calls take at most 2.0 MB" in huge.text
    hidden = httpx.post(call, content=iter([b'{"data": [null, "', b"x" * KB, b'", "en", "offline"]}']),
                        headers={"Content-Type": "application/json"}, timeout=30)
    assert hidden.status_code == 411 and "must state their size" in hidden.text
    assert httpx.post(call, json={"data": [None, "I am fine", "en", "offline"]}, timeout=30).status_code == 200


def test_the_window_slides_and_an_abort_is_charged_what_it_sent():
    now = [0.0]
    ledger = Ledger(1000, window=3600, clock=lambda: now[0])
    entry, used = ledger.reserve("address:a", 800)
    assert entry is not None and used == 0
    assert ledger.reserve("address:a", 300) == (None, 800)
    ledger.settle(entry, 100)                                              # aborted after 100 bytes
    assert ledger.used("address:a") == 100
    now[0] = 3599.0
    assert ledger.reserve("address:a", 950)[0] is None
    now[0] = 3601.0                                                        # the first upload left the window
    assert ledger.reserve("address:a", 950)[0] is not None


def test_the_logged_in_user_is_the_identity_else_the_address():
    guard = UploadGuard(lambda scope, receive, send: None, limit=1000, behind_proxy=True)  # type: ignore[arg-type,return-value]
    from starlette.requests import Request

    scope = {"type": "http", "method": "POST", "path": "/gradio_api/upload", "client": ("10.0.0.9", 1),
             "headers": [(b"x-forwarded-for", b"6.6.6.6, 203.0.113.7")]}
    assert guard.identity(scope, Request(scope)) == ("address:203.0.113.7", "your address")
    scope["session"] = {"oauth_info": {"userinfo": {"preferred_username": "alice"}}}
    assert guard.identity(scope, Request(scope)) == ("user:alice", "your account")
