"""Template helpers of the hotline's crisis part (the partials are included in the contact pages)."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from strom.hotline import joboffer

register = template.Library()

# The contact's own page belongs to the contact log; the first of these names that exists is used.
CONTACT_URL_NAMES = ("hotline:contact", "hotline:detail", "hotline:contact_detail")


def contact_url(contact) -> str:
    for name in CONTACT_URL_NAMES:
        try:
            return reverse(name, args=[contact.pk])
        except NoReverseMatch:
            continue
    return reverse("hotline:escalate", args=[contact.pk])


@register.simple_tag
def contact_link(contact):
    return format_html('<p class="ds-paragraph strom-breadcrumb"><a class="ds-link" href="{}">{}</a></p>',
                       contact_url(contact), _("The contact (reference %(reference)s)")
                       % {"reference": contact.caller.reference})


@register.simple_tag
def job_offer_questions() -> list[str]:
    return [_(item.question) for item in joboffer.load().items]


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if mapping else ""
