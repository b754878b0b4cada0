""" "My work" items of referrals: new and replied referrals for the receiver, questions and overdue
answers for the sender, and overdue referrals escalated to the receiving organisation's administrator
and the local coordinator (the municipality's focal point, local coordinators there)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
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


def _wanted(actor, now) -> tuple[list[str], Q]:
    """The kinds of item this actor gets, in order, and one condition for every referral behind them
    (My work is on every home page: one statement, and a small condition to compile)."""
    from strom.referrals.models import State
    from strom.referrals.policies import ANSWER, MAKE, visible_q
    from strom.referrals.queries import escalation_q

    organisation, kinds, own = actor.organisation, [], Q(pk__in=[])
    if actor.can(ANSWER):
        kinds.append("waiting")
        own |= Q(receiver_organisation=organisation, state=State.SENT)
    if actor.can(MAKE):
        kinds += ["asked", "unanswered", "declined"]
        own |= Q(sender_organisation=organisation) & (
            Q(state=State.INFO_REQUESTED) | Q(state=State.SENT, due_at__lt=now)
            | Q(state=State.DECLINED, updated__gte=now - timedelta(days=DECLINED_DAYS)))
    escalated = escalation_q(actor) & Q(state=State.SENT, due_at__lt=now)
    if actor.can(ANSWER):  # her own organisation's overdue referrals are already "waiting" for her
        escalated &= ~Q(receiver_organisation=organisation)
    return [*kinds, "escalated"], (visible_q(actor) & own) | escalated


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


def _kind_of(referral, actor, now, kinds: list[str]) -> str:
    """Which of `kinds` a fetched row is, in their order: the query let it through by one of them, so the
    checks here are the same conditions read off the row (cheaper than making the database say it)."""
    from strom.referrals.models import State

    organisation = actor.organisation.pk
    overdue_sent = referral.state == State.SENT and referral.due_at is not None and referral.due_at < now
    if "waiting" in kinds and referral.receiver_organisation_id == organisation and referral.state == State.SENT:
        return "waiting"
    if "asked" in kinds and referral.sender_organisation_id == organisation:
        if referral.state == State.INFO_REQUESTED:
            return "asked"
        if overdue_sent:
            return "unanswered"
        if referral.state == State.DECLINED:
            return "declined"
    return "escalated"


def referral_items(actor) -> list:
    from strom.referrals.models import Referral

    if actor.organisation is None:
        return []
    now = timezone.now()
    kinds, condition = _wanted(actor, now)
    rows = (Referral.objects.filter(condition).select_related("service", "receiver_organisation")
            .order_by("due_at", "sent_at")[:MAX_ITEMS * len(kinds)])
    per_kind: dict[str, list] = {kind: [] for kind in kinds}
    for referral in rows:
        kind = _kind_of(referral, actor, now, kinds)
        if len(per_kind[kind]) < MAX_ITEMS:
            per_kind[kind].append(_item(kind, referral, now))
    return [item for items in per_kind.values() for item in items]
