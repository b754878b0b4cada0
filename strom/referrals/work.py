""" "My work" items of referrals: new and replied referrals for the receiver, questions and overdue
answers for the sender, and overdue referrals escalated to the receiving organisation's administrator
and the local coordinator (the municipality's focal point, local coordinators there)."""

from __future__ import annotations

from datetime import timedelta
from functools import reduce
from operator import or_

from django.db.models import Case, CharField, Q, Value, When
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


def _conditions(actor, now) -> dict:
    """The kinds of item, each a condition on referrals: one query fetches them all (My work is on every
    home page, so each provider keeps to one statement)."""
    from strom.referrals.models import State
    from strom.referrals.policies import ANSWER, MAKE, visible_q
    from strom.referrals.queries import escalation_q

    organisation, visible = actor.organisation, visible_q(actor)
    kinds = {}
    if actor.can(ANSWER):
        kinds["waiting"] = visible & Q(receiver_organisation=organisation, state=State.SENT)
    if actor.can(MAKE):
        own = visible & Q(sender_organisation=organisation)
        kinds["asked"] = own & Q(state=State.INFO_REQUESTED)
        kinds["unanswered"] = own & Q(state=State.SENT, due_at__lt=now)
        kinds["declined"] = own & Q(state=State.DECLINED, updated__gte=now - timedelta(days=DECLINED_DAYS))
    escalated = escalation_q(actor) & Q(state=State.SENT, due_at__lt=now)
    if actor.can(ANSWER):  # her own organisation's overdue referrals are already "waiting" for her
        escalated &= ~Q(receiver_organisation=organisation)
    kinds["escalated"] = escalated
    return kinds


def _item(kind: str, referral, now):
    from strom.web.work import WorkItem

    detail = reverse("referrals:detail", args=[referral.pk])
    receiver = referral.receiver_organisation.name
    if kind == "waiting":
        return WorkItem(_("Referral to %(service)s waits for your answer") % {"service": referral.service.name},
                        _due_text(referral, now), detail)
    if kind == "asked":
        return WorkItem(_("%(organisation)s asks for information on a referral") % {"organisation": receiver},
                        _("Reply on the referral page."), detail)
    if kind == "unanswered":
        return WorkItem(_("No answer yet from %(organisation)s") % {"organisation": receiver},
                        _due_text(referral, now), detail)
    if kind == "declined":
        return WorkItem(_("%(organisation)s declined a referral") % {"organisation": receiver},
                        _("See the reason and the service they suggest, and find other help."), detail)
    return WorkItem(_("Overdue referral at %(organisation)s") % {"organisation": receiver},
                    _due_text(referral, now), reverse("referrals:inbox"))


def referral_items(actor) -> list:
    from strom.referrals.models import Referral
    from strom.referrals.queries import RELATED

    if actor.organisation is None:
        return []
    now = timezone.now()
    kinds = _conditions(actor, now)
    # Each row is annotated with the first kind it matches, in the order of `kinds`.
    matched = Case(*[When(condition, then=Value(kind)) for kind, condition in kinds.items()],
                   output_field=CharField())
    rows = (Referral.objects.filter(reduce(or_, kinds.values())).annotate(kind=matched)
            .select_related(*RELATED).order_by("due_at", "sent_at")[:MAX_ITEMS * len(kinds)])
    per_kind: dict[str, list] = {kind: [] for kind in kinds}
    for referral in rows:
        if len(per_kind[referral.kind]) < MAX_ITEMS:
            per_kind[referral.kind].append(_item(referral.kind, referral, now))
    return [item for items in per_kind.values() for item in items]
