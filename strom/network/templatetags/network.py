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


@register.filter
def answer_time(service) -> str:
    """"Within 4 hours", "within 1 working day": the number and its unit agree in every language."""
    from django.utils.translation import ngettext

    from strom.network.vocabularies import AnswerUnit

    n = service.answer_time
    if not n:
        return ""
    if service.answer_unit == AnswerUnit.WORKING_DAYS:
        text = ngettext("within %(count)d working day", "within %(count)d working days", n)
    else:
        text = ngettext("within %(count)d hour", "within %(count)d hours", n)
    return text % {"count": n}
