"""Security properties of the running hub, attacked the way a client can attack it (gradio_client and raw HTTP).

(a) the submitter is whoever the server identifies, never a parameter; (b) admin actions refuse non-admins, however
they are called; (c) the hidden ground truth never leaves the server; (d) every user string is escaped in the table,
the detail view and the exports, and only https links are accepted; (e) uploads are never executed or unpickled,
the size limit and the file types are enforced by the server.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import http.client
import io
import json
import os
import secrets
import shutil
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import pytest
from harness import ADMIN, LIMITS, TRACK
from hostile import pickle_npz
from hub_helpers import DECLARED

from space.admin import AdminError, moderate
from space.hub import Hub
from space.leaderboard.board import Board
from space.leaderboard.detail import detail_markdown
from space.leaderboard.export import to_csv_text, to_json_text
from space.leaderboard.table import display_frame, entry_by_id
from space.portal.submit import submit
from space.portal.templates import template_text
from space.tracks import ground_truth

ADMIN_EVENTS = ("list_records", "apply_action", "rescore_everything", "import_ovmer")


# --- helpers -------------------------------------------------------------------------------------------------------

def variant(base, tag: str) -> bytes:
    """A valid predictions file with unique predictions (same score as the clean one: the extra label of its first
    sample is out of vocabulary), so no two tests collide as duplicates."""
    return base.with_extra_label(f"{tag}-{secrets.token_hex(4)}", every=len(base.rows)).encode()


def upload(url: str, name: str, content: bytes) -> httpx.Response:
    return httpx.post(url + "gradio_api/upload", files={"files": (name, content)}, timeout=60)


def file_data(path: str, name: str) -> dict[str, Any]:
    return {"path": path, "meta": {"_type": "gradio.FileData"}, "orig_name": name}


def call(url: str, name: str, data: list[Any], *, headers: dict[str, str] | None = None,
         extra: dict[str, Any] | None = None) -> tuple[str, Any]:
    """POST /gradio_api/call/<name> then read its event stream: (last event, its decoded data)."""
    response = httpx.post(url + f"gradio_api/call/{name}", json={"data": data, **(extra or {})},
                             headers=headers or {}, timeout=30)
    if response.status_code != 200:
        return f"http {response.status_code}", response.text
    event_id = response.json()["event_id"]
    stream = httpx.get(url + f"gradio_api/call/{name}/{event_id}", headers=headers or {}, timeout=120).text
    event, payload = "", None
    for line in stream.splitlines():
        if line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: "):
            payload = json.loads(line[6:])
    return event, payload


def submit_data(fd: dict[str, Any], model: str = "Security model") -> list[Any]:
    return [fd, TRACK, model, "", "", [], "", "unknown", ["none"], "yes", ""]


def raw_status(url: str, path: str) -> int:
    """GET exactly ``path`` (no client-side normalisation of ``..`` or percent-escapes)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


def users(hub: Hub) -> dict[str, str]:
    return {record.metadata["model_name"]: record.user for record in hub.store.records()}


# --- (a) identity --------------------------------------------------------------------------------------------------

def test_no_api_parameter_names_the_submitter(client):
    parameters = client.view_api(return_format="dict")["named_endpoints"]["/submit_predictions"]["parameters"]
    assert {p["parameter_name"] for p in parameters} == {"file", "track", "model_name", "organisation", "link",
                                                          "modalities", "description", "open_weights",
                                                          "training_data", "zero_shot", "training_notes"}
    for keyword in ("user", "profile", "username", "request"):
        with pytest.raises(TypeError):
            client.predict(file=None, track=TRACK, model_name="x", api_name="/submit_predictions", **{keyword: "m"})


def test_crafted_calls_never_change_the_stored_user(app, base):
    demo, hub = app
    url = demo.local_url
    profile = {"username": "mallory", "preferred_username": "mallory", "name": "Mallory", "profile": ""}
    forged_session = base64.b64encode(json.dumps({"oauth_info": {"userinfo": profile}}).encode()).decode()
    attempts = {
        "extra data elements": (submit_data, ["mallory", profile], {}, {}),
        "profile-like body fields": (submit_data, [], {}, {"profile": profile, "user": "mallory",
                                                           "request": {"username": "mallory"}}),
        "identity headers and a forged session cookie": (
            submit_data, [], {"X-Forwarded-User": "mallory", "Authorization": "Bearer hf_mallory",
                              "Cookie": f"session={forged_session}"}, {}),
    }
    for label, (build, extra_data, headers, extra_body) in attempts.items():
        name = f"identity: {label}"
        fd = file_data(upload(url, "p.csv", variant(base, label[:5])).json()[0], "p.csv")
        event, payload = call(url, "submit_predictions", [*build(fd, name), *extra_data], headers=headers,
                              extra=extra_body)
        assert event == "complete" and payload[0]["status"] == "scored", (label, payload)
        assert users(hub)[name] == "tester", label                      # the configured local identity, always


@pytest.fixture(scope="module")
def space_app(launch_app):
    """The app in Space mode (login required), with Gradio's mocked HF login signing in as ``alice``.

    Off a Space, Gradio's login routes are mocked with the machine's HF account (a network call); that one private
    function is replaced so the real session middleware, cookies and profile injection are exercised offline.
    """
    pytest.importorskip("itsdangerous", reason="Gradio's login needs gradio[oauth] (itsdangerous)")
    import gradio.oauth

    userinfo = {"sub": "1", "name": "Alice", "preferred_username": "alice", "profile": "https://huggingface.co/alice",
                "picture": "", "website": ""}
    with contextlib.ExitStack() as stack:
        with pytest.MonkeyPatch.context() as patch:  # only the launch needs the mocked login
            patch.setattr(gradio.oauth, "_get_mocked_oauth_info", lambda: {
                "access_token": "mock", "token_type": "bearer", "expires_in": 3600, "id_token": "x",
                "scope": "openid profile", "expires_at": 0, "userinfo": userinfo})
            running = stack.enter_context(launch_app("space-app", SPACE_ID="org/emer-hub", SYSTEM="spaces", **LIMITS))
            assert running.hub.settings.on_space
        yield running


@pytest.mark.filterwarnings("ignore:Gradio does not support OAuth features")
def test_on_a_space_identity_is_the_login_and_only_the_login(space_app, base):
    demo, hub = space_app
    url = demo.local_url
    fd = file_data(upload(url, "p.csv", variant(base, "space")).json()[0], "p.csv")
    forged = base64.b64encode(json.dumps({"oauth_info": {"userinfo": {"preferred_username": "mallory"}}}).encode())
    for headers in ({}, {"Cookie": f"session={forged.decode()}"}, {"X-Forwarded-User": "mallory"}):
        event, payload = call(url, "submit_predictions", [*submit_data(fd, "anonymous"), "mallory",
                                                          {"username": "mallory"}], headers=headers)
        assert payload[0]["status"] == "rejected" and "log in with Hugging Face" in payload[0]["errors"][0]
    assert hub.store.records() == []

    login = httpx.get(url + "login/huggingface", follow_redirects=False, timeout=10)
    callback = httpx.get(url + login.headers["location"].lstrip("/"), follow_redirects=False, timeout=10)
    cookie = callback.headers["set-cookie"].split(";")[0]               # Secure cookie: sent by hand over http
    event, payload = call(url, "submit_predictions", [*submit_data(fd, "logged in"), "mallory",
                                                      {"username": "mallory", "preferred_username": "mallory"}],
                          headers={"Cookie": cookie})
    assert payload[0]["status"] == "scored", payload
    assert users(hub) == {"logged in": "alice"}


# --- (b) admin -----------------------------------------------------------------------------------------------------

def test_admin_events_are_not_in_the_api(client):
    api = client.view_api(return_format="dict")
    exposed = set(api["named_endpoints"]) | set(api["unnamed_endpoints"])
    assert not exposed & {f"/{name}" for name in ADMIN_EVENTS}
    assert {"/submit_predictions", "/leaderboard_json"} <= exposed
    assert not api["unnamed_endpoints"]


@pytest.fixture()
def victim(app, base, tmp_path):
    """A scored submission of another user, stored directly (as the portal would)."""
    _, hub = app
    path = tmp_path / "victim.csv"
    path.write_bytes(variant(base, "victim"))
    outcome = submit(hub, user="victim", upload=path, filename=path.name, track_id=TRACK,
                     metadata={"model_name": f"Victim {secrets.token_hex(3)}", **DECLARED})
    assert outcome.status == "scored"
    return outcome.submission_id


def test_admin_events_refuse_non_admins_even_when_called_directly(app, victim):
    """Gradio 6 keeps ``api_visibility="private"`` events callable by name (it hides them from the API docs and
    clients only), so every admin handler must check the server-side identity itself — and does."""
    demo, hub = app
    before = hub.store.get(victim)
    arguments = {"list_records": [], "apply_action": [victim, "hide", "spam"], "rescore_everything": [],
                 "import_ovmer": []}
    for name, data in arguments.items():
        event, payload = call(demo.local_url, name, data)
        assert event == "error" or event.startswith("http 4"), (name, event, payload)
        if event == "error":
            assert "admins only" in json.dumps(payload), (name, payload)
    after = hub.store.get(victim)
    assert after.visibility == before.visibility == "visible" and after.moderation == [] and after.history == []


def test_moderate_refuses_non_admins(app, victim):
    _, hub = app
    for actor in ("tester", "victim", "", "Boss", f"{ADMIN} "):
        with pytest.raises(AdminError, match="only configured admins"):
            moderate(hub, victim, "hide", actor=actor)
    assert hub.store.get(victim).visibility == "visible"
    assert moderate(hub, victim, "flag", actor=ADMIN, reason="test").visibility == "flagged"
    assert entry_by_id(Board(hub).entries(TRACK), victim) is not None  # flagged: still shown, with its badge
    assert moderate(hub, victim, "hide", actor=ADMIN).visibility == "hidden"
    assert entry_by_id(Board(hub).entries(TRACK), victim) is None       # hidden: no detail view serves it
    assert all(row["id"] != victim for row in Board(hub).rows_json(TRACK))


# --- (c) the hidden ground truth ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def gt_fingerprints(gt_path) -> list[str]:
    """Strings that would betray the hidden labels: each sample's raw cell and its label set as shown per sample."""
    with gt_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    from emer_eval.labels import parse_label_list

    sets = [parse_label_list(cell) for _, cell in rows]
    return sorted({cell for _, cell in rows} | {", ".join(labels) for labels in sets if len(labels) >= 2}
                  | {json.dumps(labels) for labels in sets if len(labels) >= 2} | {gt_path.name, str(gt_path)})


def assert_no_ground_truth(text: str, fingerprints: list[str]) -> None:
    leaked = [item for item in fingerprints if item in text]
    assert not leaked, f"ground truth in a response: {leaked[:3]}"


def test_no_endpoint_returns_the_ground_truth(app, client, base, tmp_path, gt_fingerprints):
    demo, _ = app
    responses = [client.predict(track=TRACK, api_name="/leaderboard_json")]
    files = {"scored.csv": variant(base, "gt"), "half.csv": base.csv(base.rows[::2]).encode(),
             "wrong-ids.csv": b"name,openset\nnot_a_sample,[happy]\n", "dups.csv": base.raw + base.raw[-200:],
             "empty.csv": b"name,openset\n" + b"".join(f"{n},[]\n".encode() for n in base.ids)}
    for name, content in files.items():
        path = tmp_path / name
        path.write_bytes(content)
        from gradio_client import handle_file

        outcome = client.predict(file=handle_file(str(path)), track=TRACK, model_name="gt probe", organisation="",
                                 link="", modalities=[], description="", api_name="/submit_predictions",
                                 **DECLARED)
        assert "per_sample" not in outcome                             # private track: aggregates only
        responses.append(outcome)
    assert responses[1]["status"] == "scored" and responses[2]["status"] == "scored"
    assert all(response["status"] == "rejected" for response in responses[3:])
    event, template = call(demo.local_url, "make_template", [TRACK])   # a private event, called directly
    assert event == "complete"
    responses.append(httpx.get(template[0]["value"]["url"], timeout=10).text)  # the download button's new file
    for response in responses:
        assert_no_ground_truth(json.dumps(response, ensure_ascii=False), gt_fingerprints)
        assert_no_ground_truth(response if isinstance(response, str) else "", gt_fingerprints)


def test_template_holds_ids_only(app, tmp_path, gt_fingerprints):
    _, hub = app
    track = hub.tracks[TRACK]
    text = template_text(track, ground_truth(track, hub.settings))
    assert_no_ground_truth(text, gt_fingerprints)


@pytest.fixture()
def planted_links(app, gt_path):
    """A symlink to the gt file and one to its folder, planted inside Gradio's own upload folder."""
    demo, _ = app
    import gradio.utils

    folder = Path(getattr(demo, "uploaded_file_dir", None) or gradio.utils.get_upload_folder()) / uuid.uuid4().hex
    folder.mkdir(parents=True)
    (folder / "gt.csv").symlink_to(gt_path)
    (folder / "data").symlink_to(gt_path.parent, target_is_directory=True)
    yield folder
    shutil.rmtree(folder)


def test_file_routes_never_serve_the_ground_truth(app, gt_path, planted_links, victim):
    demo, hub = app
    import gradio.utils
    from gradio.data_classes import _StaticFiles

    upload_dir = planted_links.parent
    gt = str(gt_path)
    relative = os.path.relpath(gt, upload_dir)
    encoded_dots = relative.replace("..", "%2e%2e")
    stored = hub.store.file_path(hub.store.get(victim).file)              # another user's stored upload
    assert stored is not None and stored.is_file()
    targets = [
        f"/gradio_api/file={gt}", f"/file={gt}", f"/gradio_api/file={quote(gt, safe='')}",
        f"/gradio_api/file={upload_dir}/{relative}", f"/gradio_api/file={upload_dir}/{encoded_dots}",
        f"/gradio_api/file={upload_dir}%2F{quote(relative, safe='')}",
        f"/gradio_api/file={upload_dir}/{relative.replace('..', '%252e%252e')}",
        f"/gradio_api/file=../../../../../../..{gt}", f"/gradio_api/file=%2e%2e/%2e%2e/%2e%2e/%2e%2e{gt}",
        f"/gradio_api/file={planted_links}/gt.csv", f"/gradio_api/file={planted_links}/data/{gt_path.name}",
        f"/gradio_api/file={planted_links}/data/../{gt_path.name}", "/gradio_api/file=/etc/passwd",
        f"/gradio_api/file=file://{gt}", f"/gradio_api/file={hub.settings.tracks_file}",
        f"/gradio_api/file={stored}",
    ]
    statuses = {target: raw_status(demo.local_url, target) for target in targets}
    assert all(status in (403, 404) for status in statuses.values()), statuses
    assert raw_status(demo.local_url, "/") == 200
    allowed, reason = gradio.utils.is_allowed_file(
        gt_path, blocked_paths=demo.blocked_paths, allowed_paths=demo.allowed_paths + _StaticFiles.all_paths,
        created_paths=[str(upload_dir), str(gradio.utils.get_cache_folder())])
    assert not allowed and reason == "not_created_or_allowed"


def test_a_submission_cannot_name_a_server_file(app, gt_path):
    demo, hub = app
    before = len(hub.store.records())
    for path in (str(gt_path), f"{gradio_upload_dir(demo)}/../../{gt_path}", "/etc/passwd"):
        event, payload = call(demo.local_url, "submit_predictions", submit_data(file_data(path, "gt.csv")))
        assert event == "error", (path, payload)
        assert_no_ground_truth(json.dumps(payload), [gt_path.read_text(encoding="utf-8")[:200]])
    assert len(hub.store.records()) == before


def gradio_upload_dir(demo) -> str:
    import gradio.utils

    return str(getattr(demo, "uploaded_file_dir", None) or gradio.utils.get_upload_folder())


# --- (d) escaping ---------------------------------------------------------------------------------------------------

HOSTILE = {
    "model_name": "<img src=x onerror=alert(1)>[x](javascript:alert(1))**b**",
    "organisation": '=HYPERLINK("http://evil","x")',
    "link": 'https://example.org/a"><script>alert(1)</script>',
    "description": "<script>alert(2)</script>\n| a | b |\n# heading\nhttp://auto.link www.auto.link @admin",
}


def test_user_strings_are_escaped_in_every_view(app, client, base, tmp_path):
    from gradio_client import handle_file

    demo, hub = app
    path = tmp_path / "escape.csv"
    path.write_bytes(variant(base, "escape"))
    outcome = client.predict(file=handle_file(str(path)), track=TRACK, modalities=["audio"],
                             api_name="/submit_predictions", **HOSTILE, **DECLARED)
    assert outcome["status"] == "scored", outcome["errors"]
    record_id = outcome["submission_id"]
    board = Board(hub)
    full = board.table(TRACK)
    view = full[full["id"] == record_id]

    shown = display_frame(view)
    for cell in map(str, shown.to_numpy().ravel()):  # pandas 3 keeps missing cells as NaN under astype(str)
        assert "<" not in cell and ">" not in cell.replace("&gt;", ""), cell
        assert "](javascript" not in cell
    model_cell = shown["Model"].iloc[0]
    assert "&lt;img" in model_cell and "\\[x\\]" in model_cell and "\\*\\*b\\*\\*" in model_cell
    assert "%3Cscript%3E" in model_cell and "%22" in model_cell      # the https link, percent-encoded

    detail = detail_markdown(entry_by_id(board.entries(TRACK), record_id))
    assert "<script" not in detail and "<img" not in detail and "](javascript" not in detail
    assert "&lt;script&gt;" in detail and "\\# heading" in detail and "\\| a \\|" in detail
    assert "http\\:\\/\\/auto\\.link www\\.auto\\.link" in detail            # no auto-links

    exported = next(csv.DictReader(io.StringIO(to_csv_text(view))))
    assert exported["Model"] == HOSTILE["model_name"]
    assert exported["Organisation"] == "'" + HOSTILE["organisation"]   # formula neutralised
    rows = json.loads(to_json_text(view, track=TRACK))["rows"]
    assert rows[0]["Model"] == HOSTILE["model_name"] and rows[0]["Organisation"] == HOSTILE["organisation"]
    api_row = next(row for row in client.predict(track=TRACK, api_name="/leaderboard_json") if row["id"] == record_id)
    assert api_row["model_name"] == HOSTILE["model_name"] and api_row["link"] == HOSTILE["link"]


@pytest.mark.parametrize("link", ["http://example.org", "javascript:alert(1)", "data:text/html,<script>x</script>",
                                  "ftp://example.org/x", "https://", "https://user:pw@example.org/", "//example.org",
                                  "https://exa mple.org", "https://[::1", "example.org", "HTTPS:/example.org",
                                  "https://example.org/\u202ecod.exe"])
def test_links_other_than_https_are_refused(app, base, tmp_path, link):
    _, hub = app
    path = tmp_path / "link.csv"
    path.write_bytes(variant(base, "link"))
    before = len(hub.store.records())
    outcome = submit(hub, user="tester", upload=path, filename=path.name, track_id=TRACK,
                     metadata={"model_name": "Link test", "link": link, **DECLARED})
    assert outcome.status == "rejected"
    assert any("only https:// links" in error or "invisible formatting" in error for error in outcome.errors)
    assert len(hub.store.records()) == before


def test_uploaded_file_names_are_stored_as_plain_base_names(app, base):
    demo, hub = app
    url = demo.local_url
    for name in ("../../etc/passwd.csv", "..\\..\\evil.csv", "evil\n\x1b[2J.csv", "\u202egnp.csv"):
        response = upload(url, name, variant(base, "name"))
        assert response.status_code == 200
        server_path = Path(response.json()[0])
        assert server_path.parent.parent == Path(gradio_upload_dir(demo))  # stayed in the upload folder
        data = submit_data(file_data(str(server_path), name), f"name {name!r}")
        event, payload = call(url, "submit_predictions", data)
        assert payload[0]["status"] == "scored", payload
        stored = hub.store.get(payload[0]["submission_id"]).file["name"]
        assert "/" not in stored and "\\" not in stored and stored.isprintable()
    assert not Path("/etc/passwd.csv").exists()


# --- (e) execution, size and types -----------------------------------------------------------------------------------

def test_uploads_are_never_unpickled_or_evaluated(app, tmp_path):
    demo, hub = app
    marker = tmp_path / "pwned"
    payloads = {
        "pickle.npz": pickle_npz(marker),
        "code.csv": f"name,openset\nsample_00000000,\"[__import__('os').system('touch {marker}')]\"\n".encode(),
        "code.json": json.dumps({"sample_00000000": f"eval(\"__import__('os').system('touch {marker}')\")"}).encode(),
    }
    for name, content in payloads.items():
        fd = file_data(upload(demo.local_url, name, content).json()[0], name)
        call(demo.local_url, "submit_predictions", submit_data(fd, "exec test"))
    assert not marker.exists()


def test_upload_size_limit_is_enforced_by_the_server(app):
    demo, hub = app
    limit = hub.settings.max_upload_bytes
    assert demo.max_file_size == limit == 20 * 2**20
    before = len(hub.store.records())
    too_big = upload(demo.local_url, "big.csv", b"name,openset\n" + b" " * (limit + 1))
    assert too_big.status_code == 413, too_big.text
    assert upload(demo.local_url, "ok.csv", b"name,openset\n" + b" " * (limit - 100)).status_code == 200
    assert len(hub.store.records()) == before


@pytest.mark.parametrize("name", ["x.exe", "x.py", "x.pkl", "x.html", "x.csv.exe", "x", "x.npz.py"])
def test_wrong_file_types_are_refused_by_the_server(app, base, name):
    demo, hub = app
    before = len(hub.store.records())
    fd = file_data(upload(demo.local_url, name, variant(base, "type")).json()[0], name)
    event, payload = call(demo.local_url, "submit_predictions", submit_data(fd, f"type {name}"))
    assert event == "error" and "Invalid file type" in json.dumps(payload), (name, event, payload)
    assert len(hub.store.records()) == before
