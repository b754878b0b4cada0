"""Sensible defaults for a new contact, so that a routine call needs few keystrokes (pure)."""

from __future__ import annotations

from babel.languages import get_official_languages


def default_language(last_used: str | None, country: str | None) -> str:
    """The language of the operator's last contact; else her organisation's country's first official
    language (two-letter codes only, as the language list has them); else nothing chosen."""
    if last_used:
        return last_used
    if country:
        for code in get_official_languages(str(country)):
            if len(code) == 2:
                return code
    return ""
