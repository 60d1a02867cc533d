"""Settings from the environment, read by the app and by its gunicorn configuration."""
from __future__ import annotations

import os
import secrets

#: Seconds one page or file may take to make (see ``webapp.timelimit``): a letter takes
#: about 0.1 s, the longest answers in the slowest layouts under 1.5 s.
DEFAULT_RENDER_TIMEOUT = 10.0
MIN_SECRET_KEY_LENGTH = 32


class SettingError(RuntimeError):
    """An environment variable holds a value the app cannot run with."""


def secret_key() -> str:
    """``OBJECTOR_SECRET_KEY``, or a random key made once per process.

    gunicorn loads the app once before forking (``preload_app``), so its workers share the
    random key; several instances behind a load balancer need the same key set for all.
    """
    key = os.environ.get("OBJECTOR_SECRET_KEY", "")
    if not key:
        return secrets.token_hex(32)
    if len(key) < MIN_SECRET_KEY_LENGTH:
        raise SettingError(f"OBJECTOR_SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} "
                           "characters long; make one with: python3 -c 'import secrets; "
                           "print(secrets.token_hex(32))'")
    return key


def render_timeout() -> float:
    """``OBJECTOR_RENDER_TIMEOUT``: seconds a page or file may take before it is cut off."""
    text = os.environ.get("OBJECTOR_RENDER_TIMEOUT", "")
    if not text:
        return DEFAULT_RENDER_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0
    if not 0 < seconds <= 600:
        raise SettingError("OBJECTOR_RENDER_TIMEOUT must be a number of seconds "
                           "above 0 and at most 600")
    return seconds


def behind_https() -> bool:
    """``OBJECTOR_HTTPS=1``: people reach the app over HTTPS (directly or through a proxy)."""
    return os.environ.get("OBJECTOR_HTTPS", "") == "1"
