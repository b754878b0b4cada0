"""Template helpers of the hotline's crisis part (the partials are included in the contact pages)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from strom.hotline import joboffer
from strom.hotline.reference import display_reference

register = template.Library()

@register.simple_tag
def contact_link(contact):
    return format_html('<p class="ds-paragraph strom-breadcrumb"><a class="ds-link" href="{}">{}</a></p>',
                       reverse("hotline:detail", args=[contact.pk]), _("The contact (reference %(reference)s)")
                       % {"reference": display_reference(contact.caller.reference)})


@register.simple_tag
def job_offer_questions() -> list[str]:
    return [_(item.question) for item in joboffer.load().items]


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if mapping else ""


@register.filter
def read_out(reference: str) -> str:
    """A caller reference as the operator reads it out."""
    return display_reference(reference)
