"""The operator's LLM key, SSRF and the LLM quota, attacked through the demo's real code paths.

Every "attacker" and "internal service" is an OpenAI-protocol server on 127.0.0.1 (tests/fake_llm.py); a test looks
at what those servers received: a refused request must not have reached them at all.
"""

from __future__ import annotations

import ipaddress
import os
import time
from datetime import datetime, timezone

import httpx
import hub_helpers
import numpy as np
import pytest

from emer_eval import LLMConfig
from space.demo.access import llm_endpoint
from space.demo.llm import BackendError, Endpoint, explain, extract_labels
from space.demo.pipeline import explain as run_demo
from space.demo.types import AcousticClues, Clip, Transcript
from space.netguard import UnsafeURL, check_url, http_client, is_public

OPERATOR_KEY = "sk-operator-secret-0123456789"
CLIP = Clip(frames=[np.full((60, 80, 3), 90, dtype=np.uint8)] * 2, frame_times=[0.0, 0.5], audio=None,
            duration=1.0, width=80, height=60)
SAID = Transcript(text="leave me alone", source="subtitle")
VOICE = AcousticClues(findings=(), speech=[], pauses=[])
NOW = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)


def make_settings(tmp_path, **changes):
    """The hub's settings with the operator endpoint the ``operator`` fixture put in the environment, as a deployment
    configures it."""
    deployment = {key: value for key, value in os.environ.items()
                  if key.startswith("EMER_LLM_") or key == "EMER_HUB_LLM_TIMEOUT"}
    return hub_helpers.make_settings(tmp_path, **{**deployment, **changes})


def answers(body, n):
    return 200, "[angry]" if "emotional states of the main character" in str(body) else "She is angry."


@pytest.fixture
def operator(make_server, monkeypatch):
    server = make_server(answers)
    monkeypatch.setenv("EMER_LLM_BASE_URL", server.base_url)
    monkeypatch.setenv("EMER_LLM_MODEL", "operator-model")
    monkeypatch.setenv("EMER_LLM_API_KEY", OPERATOR_KEY)
    monkeypatch.setenv("EMER_HUB_LLM_TIMEOUT", "5")
    return server


def authorisations(server) -> list[str]:
    return [request["headers"].get("authorization", "") for request in server.requests]


def test_a_visitor_url_never_receives_the_operator_key(operator, make_server, tmp_path, monkeypatch):
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path / "cache"))
    attacker = make_server(answers)
    local = make_settings(tmp_path)         # off a Space, from the hub's machine: a visitor's local server is allowed
    endpoint = llm_endpoint(local, base_url=attacker.base_url, model="m", api_key="", user=None, address="127.0.0.1",
                            local=True)
    assert endpoint.config.api_key == "EMPTY" and not endpoint.operator
    extract_labels(endpoint, explain(endpoint, CLIP, SAID, VOICE))
    assert len(attacker.requests) == 2 and not any(OPERATOR_KEY in auth for auth in authorisations(attacker))
    assert operator.requests == []

    space = make_settings(tmp_path, SPACE_ID="emer/hub", SYSTEM="spaces")
    with pytest.raises(BackendError, match="needs your own API key"):
        llm_endpoint(space, base_url="https://api.example.org/v1", model="m", api_key="", user="ann", address=None)
    with pytest.raises(BackendError, match="needs its base URL"):     # a key without a URL would go to the operator
        llm_endpoint(local, base_url="", model="", api_key="sk-visitor", user=None, address="10.1.1.1")


def test_the_operator_key_goes_only_to_the_operator_url(operator, tmp_path, monkeypatch):
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path / "cache"))
    endpoint = llm_endpoint(make_settings(tmp_path), base_url="", model="", api_key="", user=None, address="a")
    assert endpoint.operator and endpoint.config.base_url == operator.base_url
    assert extract_labels(endpoint, explain(endpoint, CLIP, SAID, VOICE)) == ["angry"]
    assert authorisations(operator) == [f"Bearer {OPERATOR_KEY}"] * 2
    with pytest.raises(BackendError, match="serves 'operator-model' only"):
        llm_endpoint(make_settings(tmp_path), base_url="", model="gpt-4o", api_key="", user=None, address="a")


def test_on_a_space_the_operator_endpoint_needs_a_login_and_has_a_daily_quota(operator, tmp_path):
    space = make_settings(tmp_path, SPACE_ID="emer/hub", SYSTEM="spaces", EMER_HUB_DAILY_LLM=2)
    with pytest.raises(BackendError, match="log in with Hugging Face"):
        llm_endpoint(space, base_url="", model="", api_key="", user=None, address="1.2.3.4", now=NOW)
    for _ in range(2):
        llm_endpoint(space, base_url="", model="", api_key="", user="ann", address="1.2.3.4", now=NOW)
    with pytest.raises(BackendError, match="daily limit"):
        llm_endpoint(space, base_url="", model="", api_key="", user="ann", address="5.6.7.8", now=NOW)
    assert llm_endpoint(space, base_url="", model="", api_key="", user="bob", address="1.2.3.4", now=NOW).operator
    tomorrow = NOW.replace(day=28)
    assert llm_endpoint(space, base_url="", model="", api_key="", user="ann", address="1.2.3.4", now=tomorrow)


def test_off_a_space_the_quota_is_per_client_address(operator, tmp_path):
    local = make_settings(tmp_path, EMER_HUB_DAILY_LLM=1)
    llm_endpoint(local, base_url="", model="", api_key="", user=None, address="10.0.0.1", now=NOW)
    with pytest.raises(BackendError, match="daily limit"):
        llm_endpoint(local, base_url="", model="", api_key="", user=None, address="10.0.0.1", now=NOW)
    assert llm_endpoint(local, base_url="", model="", api_key="", user=None, address="10.0.0.2", now=NOW).operator


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "0.0.0.0", "169.254.169.254", "10.0.0.5",
                                  "192.168.1.1", "100.100.100.200", "[::ffff:127.0.0.1]", "metadata.google.internal",
                                  "2130706433", "0x7f000001", "0177.0.0.1", "127.1", "0", "LOCALHOST",
                                  "127。0。0。1", "[::127.0.0.1]"])
def test_on_a_space_internal_addresses_are_refused_before_any_request(host, make_server, tmp_path):
    internal = make_server(answers)
    port = internal.base_url.rsplit(":", 1)[1].split("/")[0]
    space = make_settings(tmp_path, SPACE_ID="emer/hub", SYSTEM="spaces")
    with pytest.raises(BackendError, match="not allowed|could not be resolved"):
        llm_endpoint(space, base_url=f"http://{host}:{port}/v1", model="m", api_key="k", user="ann", address=None)
    assert internal.requests == []


def test_off_a_space_visitors_from_elsewhere_reach_only_public_addresses(make_server, tmp_path):
    """A self-hosted hub's visitor on another machine used to make it POST to any internal address (the operator's
    LAN, the host's loopback services): private URLs are for requests made on the hub's own machine."""
    internal = make_server(answers)
    local = make_settings(tmp_path)
    with pytest.raises(BackendError, match="not allowed"):
        llm_endpoint(local, base_url=internal.base_url, model="m", api_key="", user=None, address="10.1.1.1")
    assert internal.requests == []
    assert not llm_endpoint(local, base_url=internal.base_url, model="m", api_key="", user=None,
                            address="127.0.0.1", local=True).public_only


@pytest.mark.parametrize("url, reason", [
    ("http://127.0.0.1:1/v1?x=/admin", "query string"), ("http://user:pw@example.org/v1", "user name"),
    ("file:///etc/passwd", "http"), ("gopher://example.org/", "http"), ("http:///v1", "http")])
def test_malformed_base_urls_are_refused_everywhere(url, reason):
    with pytest.raises(UnsafeURL, match=reason):
        check_url(url, allow_private=True)


def test_every_connection_is_checked_so_redirects_and_rebinding_cannot_reach_inside(make_server):
    internal = make_server(answers)
    url = internal.base_url.replace("127.0.0.1", "localhost") + "/chat/completions"
    with http_client(2, allow_private=False) as client, pytest.raises(httpx.ConnectError, match="not allowed"):
        client.post(url, json={"model": "m"})  # the check happens when connecting, whatever resolved before
    assert internal.requests == []
    with http_client(2, allow_private=True) as client:
        assert client.post(internal.base_url + "/chat/completions", json={"model": "m"}).status_code == 200


@pytest.mark.parametrize("address", ["::ffff:127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "fd00:ec2::254",
                                     "169.254.169.254", "100.64.0.1", "224.0.0.1", "0.0.0.0", "::127.0.0.1",
                                     "::ffff:0:127.0.0.1", "64:ff9b:1::a9fe:a9fe", "::10.0.0.1", "::"])
def test_internal_addresses_in_every_spelling_are_not_public(address):
    assert not is_public(ipaddress.ip_address(address))


def test_public_addresses_are_public():
    assert is_public(ipaddress.ip_address("8.8.8.8")) and is_public(ipaddress.ip_address("2001:4860:4860::8888"))
    assert is_public(ipaddress.ip_address("64:ff9b::808:808"))            # NAT64 of a public address


def test_errors_from_a_visitor_url_do_not_echo_the_reply(make_server):
    secret = make_server(lambda body, n: (403, "internal admin panel: token=abc123"))
    with pytest.raises(BackendError) as error:
        explain(Endpoint(LLMConfig(secret.base_url, "m", timeout=5, max_retries=0)), CLIP, SAID, VOICE)
    assert "403" in str(error.value) and "abc123" not in str(error.value)


@pytest.mark.parametrize("call", ["explain", "extract_labels"])
@pytest.mark.parametrize("mode", ["broken", "shapeless"])
def test_a_reply_that_is_no_chat_completion_falls_back_like_any_failure(make_hostile, mode, call, tmp_path,
                                                                        monkeypatch):
    """The openai client parses a 200 reply's body unguarded and builds its objects unvalidated: a JSONDecodeError, or
    an AttributeError on ``{"message": 5}``, crashed the visitor's whole run instead of falling back."""
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path))
    endpoint = Endpoint(LLMConfig(make_hostile(mode).base_url, "m", "k", timeout=5, max_retries=0))
    with pytest.raises(BackendError, match="not a chat completion"):
        explain(endpoint, CLIP, SAID, VOICE) if call == "explain" else extract_labels(endpoint, "She smiles.")


@pytest.mark.parametrize("call", ["explain", "extract_labels"])
def test_an_endless_reply_is_cut_off_not_read_into_memory(make_hostile, call, tmp_path, monkeypatch):
    """The demo's LLM calls run in the hub's own process: a reply is read up to a bound, or one visitor's server
    could fill the Space's memory (the read timeout never fires while bytes keep coming)."""
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path))
    flood = make_hostile("flood")
    endpoint = Endpoint(LLMConfig(flood.base_url, "m", "k", timeout=30, max_retries=0))
    with pytest.raises(BackendError):
        explain(endpoint, CLIP, SAID, VOICE) if call == "explain" else extract_labels(endpoint, "She smiles.")
    assert flood.sent < 16 * 2**20                                  # the 1 MiB bound, plus what the sockets buffer


def test_a_reply_dripping_in_byte_by_byte_ends_at_the_timeout(make_hostile):
    drip = make_hostile("drip")
    started = time.monotonic()
    with pytest.raises(BackendError):
        explain(Endpoint(LLMConfig(drip.base_url, "m", "k", timeout=2, max_retries=0)), CLIP, SAID, VOICE)
    assert time.monotonic() - started < 6                           # not the 30 s the server would drip


def test_extraction_replies_are_cached_per_endpoint(make_server, tmp_path, monkeypatch):
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path))
    first = make_server(lambda body, n: (200, "[happy]"))
    second = make_server(lambda body, n: (200, "[sad]"))
    text = "The person smiles."
    one, other = (Endpoint(LLMConfig(server.base_url, "m", timeout=5, max_retries=0)) for server in (first, second))
    assert extract_labels(one, text) == ["happy"]
    assert extract_labels(other, text) == ["sad"]   # not the first one's reply
    assert extract_labels(one, text) == ["happy"]
    assert len(first.requests) == 1                                                    # cached for its own endpoint


def test_a_refused_llm_request_falls_back_to_the_offline_result_with_the_reason(demo_clips, face_models, operator,
                                                                                tmp_path):
    from space.ui.demo_tab import _backend

    class Hub:
        settings = make_settings(tmp_path, SPACE_ID="emer/hub", SYSTEM="spaces")

    chosen, endpoint, notices = _backend(Hub, "llm", {}, None, None)     # anonymous visitor on a Space
    result = run_demo(demo_clips.path("speech.mp4"), backend=chosen, llm=endpoint, notices=notices)
    assert result.backend == "offline" and result.explanation and operator.requests == []
    assert any("log in with Hugging Face" in notice for notice in result.all_notices())


def test_the_openai_client_connects_through_the_guard(make_server, tmp_path, monkeypatch):
    monkeypatch.setenv("EMER_EVAL_CACHE", str(tmp_path))
    internal = make_server(answers)                       # an endpoint that passed the URL check, then rebound
    config = LLMConfig(internal.base_url.replace("127.0.0.1", "localhost"), "m", "k", timeout=5, max_retries=0)
    endpoint = Endpoint(config, public_only=True)
    with pytest.raises(BackendError):
        explain(endpoint, CLIP, SAID, VOICE)
    with pytest.raises(BackendError):
        extract_labels(endpoint, "She is angry.")
    assert internal.requests == []
