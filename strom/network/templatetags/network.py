"""Small filters for the directory pages."""

from __future__ import annotations

import re

from django import template

from strom.network.languages import language_names

register = template.Library()


@register.filter
def tel(number: str) -> str:
    """A phone number as a tel: URI (RFC 3966): + and digits only."""
    number = number or ""
    digits = re.sub(r"\D", "", number)
    return f"tel:{'+' if number.strip().startswith('+') else ''}{digits}"


@register.filter
def languages(codes) -> str:
    """ISO 639-1 codes named in the reader's language."""
    return ", ".join(language_names(codes or []))


@register.filter
def capacity_text(service) -> str:
    from strom.network.display import capacity_text as text

    return text(service)
