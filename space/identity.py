"""Who is asking — decided on the server only, never from a form field or an API parameter.

On a Space the identity is the Hugging Face login that Gradio injects into the handler (``gr.OAuthProfile``); with no
login there is no identity and submissions are refused. Off Spaces (a local or self-hosted hub with no OAuth) the
configured local user (``EMER_HUB_LOCAL_USER``) is used.
"""

from __future__ import annotations

from typing import Any

from .config import Settings


def current_user(profile: Any, settings: Settings) -> str | None:
    """The user name for quotas and records, from the injected OAuth profile or the local configuration."""
    if profile is not None:
        name = getattr(profile, "username", None) or getattr(profile, "preferred_username", None)
        return str(name) if name else None
    return None if settings.on_space else settings.local_user
