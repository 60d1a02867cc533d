"""Babel catalogs of objector: ``<lang>/LC_MESSAGES/messages.po`` (sources) and ``.mo`` (built)."""
