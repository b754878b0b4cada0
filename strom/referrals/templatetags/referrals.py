"""`{% refer_link service %}`: a "Refer to this service" link for those who may refer (the pathway
finder shows it beside each finding), nothing for everyone else."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from strom.accounts.policies import actor_for
from strom.referrals.policies import MAKE

register = template.Library()


@register.simple_tag(takes_context=True)
def refer_link(context, service) -> str:
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return ""
    actor = actor_for(request)
    if not actor.can(MAKE) or actor.organisation is None or service.organisation_id == actor.organisation.pk:
        return ""
    return format_html('<p class="ds-paragraph"><a class="ds-link" href="{}?service={}">{}</a></p>',
                       reverse("referrals:new"), service.pk, _("Refer to this service"))
