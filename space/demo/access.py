"""Who may use which LLM endpoint from the demo — decided on the server for every request.

The rule that protects the operator: their key (``EMER_LLM_API_KEY``) only ever goes to their own URL
(``EMER_LLM_BASE_URL``), and only when the visitor leaves the base URL empty. A visitor who types a URL brings their
own model and key. On a Space the operator's endpoint also needs a Hugging Face login and has a per-user daily quota
(``EMER_HUB_DAILY_LLM``); off a Space, where every visitor is the same configured user, the quota is per client
address instead. A visitor's URL may name a private or loopback address (a vLLM server next to the hub) only off a
Space and only from the hub's own machine: a self-hosted hub's visitors elsewhere would otherwise make it send
requests into the operator's network.
"""

from __future__ import annotations

import threading
from datetime import datetime, timezone

from ..config import Settings
from ..portal.quotas import LLM_USES, count_attempts, log_attempt
from .llm import BackendError, Endpoint

_COUNTING = threading.Lock()  # count and log as one step: two requests at the limit cannot both pass


def llm_endpoint(settings: Settings, *, base_url: str, model: str, api_key: str, user: str | None,
                 address: str | None, now: datetime | None = None, local: bool = False) -> Endpoint:
    """The endpoint this request may use, counting one use of the operator's; BackendError says why not. ``local``:
    the request came from the hub's own machine (:func:`space.identity.on_this_machine`)."""
    if base_url.strip():
        return Endpoint.visitor(base_url, model, api_key, on_space=settings.on_space, timeout=settings.llm_timeout,
                                public_only=settings.on_space or not local)
    if api_key.strip():
        raise BackendError("an API key needs its base URL: give both, or neither to use this server's endpoint")
    operator = Endpoint.of_operator(settings)
    if operator is None:
        raise BackendError("this server has no LLM endpoint configured: give your own base URL, model and key")
    if model.strip() and model.strip() != operator.config.model:
        raise BackendError(f"this server's endpoint serves '{operator.config.model}' only; give your own base URL and "
                           f"key to use another model")
    who = _quota_holder(settings, user, address)
    now = now or datetime.now(timezone.utc)
    with _COUNTING:
        if count_attempts(settings.store_dir, who, now, LLM_USES) >= settings.daily_llm:
            raise BackendError(f"daily limit of this server's LLM endpoint reached ({settings.daily_llm} requests "
                               f"per user and UTC day; it resets at 00:00 UTC) — give your own base URL and key")
        log_attempt(settings.store_dir, who, now, "demo", "llm", LLM_USES)
    return operator


def _quota_holder(settings: Settings, user: str | None, address: str | None) -> str:
    """The login on a Space (required); the client address where every visitor shares the local identity."""
    if settings.on_space:
        if not user:
            raise BackendError("log in with Hugging Face to use this server's LLM endpoint (or give your own base "
                               "URL and key)")
        return f"user:{user}"
    return f"address:{address or 'unknown'}"
