""" "My work" items of referrals: new and replied referrals for the receiver, questions and overdue
answers for the sender, and overdue referrals escalated to the receiving organisation's administrator
and the local coordinator (the municipality's focal point, local coordinators there)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

MAX_ITEMS = 10
DECLINED_DAYS = 7  # a declined referral stays in the sender's My work for a week


def _due_text(referral, now) -> str:
    if referral.due_at is None:
        return _("Sent on %(when)s.") % {"when": date_format(referral.sent_at, "SHORT_DATETIME_FORMAT")}
    if now > referral.due_at:
        return _("OVERDUE: the answer was due on %(when)s.") % {
            "when": date_format(referral.due_at, "SHORT_DATETIME_FORMAT")
        }
    return _("Answer by %(when)s.") % {"when": date_format(referral.due_at, "SHORT_DATETIME_FORMAT")}


def referral_items(actor) -> list:
    from strom.referrals.models import State
    from strom.referrals.policies import ANSWER, MAKE
    from strom.referrals.queries import overdue_for_escalation, referrals_visible_to
    from strom.web.work import WorkItem

    if actor.organisation is None:
        return []
    now, items = timezone.now(), []
    visible = referrals_visible_to(actor)
    if actor.can(ANSWER):
        for referral in visible.filter(receiver_organisation=actor.organisation, state=State.SENT).order_by("due_at")[
            :MAX_ITEMS
        ]:
            items.append(
                WorkItem(
                    _("Referral to %(service)s waits for your answer") % {"service": referral.service.name},
                    _due_text(referral, now),
                    reverse("referrals:detail", args=[referral.pk]),
                )
            )
    if actor.can(MAKE):
        for referral in visible.filter(sender_organisation=actor.organisation, state=State.INFO_REQUESTED)[:MAX_ITEMS]:
            items.append(
                WorkItem(
                    _("%(organisation)s asks for information on a referral")
                    % {"organisation": referral.receiver_organisation.name},
                    _("Reply on the referral page."),
                    reverse("referrals:detail", args=[referral.pk]),
                )
            )
        for referral in visible.filter(sender_organisation=actor.organisation, state=State.SENT, due_at__lt=now)[
            :MAX_ITEMS
        ]:
            items.append(
                WorkItem(
                    _("No answer yet from %(organisation)s") % {"organisation": referral.receiver_organisation.name},
                    _due_text(referral, now),
                    reverse("referrals:detail", args=[referral.pk]),
                )
            )
        recently = now - timedelta(days=DECLINED_DAYS)
        declined = visible.filter(sender_organisation=actor.organisation, state=State.DECLINED, updated__gte=recently)
        for referral in declined[:MAX_ITEMS]:
            items.append(
                WorkItem(
                    _("%(organisation)s declined a referral") % {"organisation": referral.receiver_organisation.name},
                    _("See the reason and the service they suggest, and find other help."),
                    reverse("referrals:detail", args=[referral.pk]),
                )
            )
    for referral in overdue_for_escalation(actor, now).exclude(
        receiver_organisation=actor.organisation if actor.can(ANSWER) else None
    )[:MAX_ITEMS]:
        items.append(
            WorkItem(
                _("Overdue referral at %(organisation)s") % {"organisation": referral.receiver_organisation.name},
                _due_text(referral, now),
                reverse("referrals:inbox"),
            )
        )
    return items
