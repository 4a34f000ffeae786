"""Who is asking — decided on the server only, never from a form field or an API parameter.

On a Space the identity is the Hugging Face login that Gradio injects into the handler (``gr.OAuthProfile``); with no
login there is no identity and submissions are refused. Off Spaces (a local or self-hosted hub with no OAuth) the
configured local user (``EMER_HUB_LOCAL_USER``) is used — for everyone who reaches the hub, so it acts as an admin
only for requests made on the hub's own machine (:func:`admin_user`), and never with ``EMER_HUB_TRUST_LOCAL=0``.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from .config import Settings


def current_user(profile: Any, settings: Settings) -> str | None:
    """The user name for quotas and records, from the injected OAuth profile or the local configuration."""
    if profile is not None:
        name = getattr(profile, "username", None) or getattr(profile, "preferred_username", None)
        return str(name) if name else None
    return None if settings.on_space else settings.local_user


def admin_user(profile: Any, request: Any, settings: Settings) -> str | None:
    """The identity an admin action runs as, or None. A login is itself; without one (off a Space every visitor is
    the configured local user) only a request made on this machine counts: otherwise, with ``EMER_HUB_LOCAL_USER``
    listed in ``EMER_HUB_ADMINS``, every visitor of a self-hosted hub could hide, restore and re-score."""
    if profile is None and not on_this_machine(request, settings):
        return None
    return current_user(profile, settings)


def on_this_machine(request: Any, settings: Settings) -> bool:
    """Did the request come from this machine, to a loopback address, and does the operator trust such requests
    (``EMER_HUB_TRUST_LOCAL``)? Both the peer and the ``Host`` must be loopback: a reverse proxy on this machine
    connects from loopback but forwards the public host name (and the client's address, which uvicorn then reports),
    while a client elsewhere can forge ``Host`` but not its peer. A proxy that forwards neither makes every visitor
    look local: its operator turns the trust off."""
    if not settings.trust_local:
        return False
    try:
        return _loopback(request.client.host) and _loopback(request.url.hostname)
    except AttributeError:
        return False


def _loopback(host: Any) -> bool:
    if not isinstance(host, str) or not host:
        return False
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
