"""Scoped reads of hotline contacts: only the hotline organisation's operators and coordinators see
them (404 to every other organisation, a recorded 403 to its members without `hotline.record`).

The log is a keyset page newest first on (started_at, id) (index hotline_contact_log); the shift view
and the figures are a few aggregate statements, never a row per contact in Python.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, F, Q
from django.db.models.fields.tuple_lookups import Tuple, TupleLessThan
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from strom.accounts.policies import Actor, deny
from strom.audit.services import record
from strom.hotline import figures as pure
from strom.hotline.models import CallerType, Channel, Contact, FollowUp, Outcome, Topic, Urgency
from strom.hotline.policies import COORDINATE, RECORD, require_coordinating, visible_q

PAGE_SIZE = 50
RELATED = ("operator", "caller", "municipality", "referred_to")
LOG_COLUMNS = ("id", "organisation_id", "started_at", "topic", "caller_type", "channel", "urgency", "outcome",
               "operator__display_name", "operator__username", "caller__reference")


def contacts_visible_to(actor: Actor):
    """The actor's hotline's contacts; a recorded 403 without `hotline.record`."""
    if actor.organisation is None or not actor.can(RECORD):
        deny(actor, RECORD)
    return Contact.objects.filter(visible_q(actor))


def contact_for(actor: Actor, contact_id, request=None) -> Contact:
    contact = Contact.objects.filter(pk=contact_id).select_related(*RELATED).first()
    if contact is None or actor.organisation is None or contact.organisation_id != actor.organisation.pk:
        raise Http404
    if not actor.can(RECORD):
        deny(actor, RECORD, contact)
    read = personal_fields(contact)
    if read:
        record("hotline.contact_viewed", actor=actor.user, organisation=actor.organisation, target=contact,
               fields=read, request=request)
    return contact


def personal_fields(contact: Contact) -> list[str]:
    """What opening the contact shows that may be personal: the person of an escalated contact, and the
    free texts, in which callers name people however anonymous the record is (its follow-up tasks too)."""
    fields = ["person"] if contact.carries_identity else []
    fields += [name for name in ("notes", "police_reason") if getattr(contact, name)]
    if contact.follow_ups.exists():
        fields.append("follow_ups")
    return fields


@dataclass(frozen=True)
class Page:
    contacts: list
    next_cursor: str | None


def encode_cursor(contact) -> str:
    return f"{contact.started_at.isoformat()}_{contact.pk}"


def decode_cursor(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    """A mangled cursor shows the first page: it is navigation, not data."""
    if not cursor:
        return None
    try:
        started, pk = cursor.rsplit("_", 1)
        return datetime.fromisoformat(started), uuid.UUID(pk)
    except ValueError:
        return None


def contact_page(actor: Actor, cursor: str | None = None, size: int = PAGE_SIZE, operator=None) -> Page:
    """One page of the log, newest first; one row more than shown tells whether there is a next page."""
    # Only what a row shows: no encrypted column is read (or decrypted) for a list.
    contacts = contacts_visible_to(actor).select_related("operator", "caller").only(*LOG_COLUMNS)
    if operator is not None:
        contacts = contacts.filter(operator=operator)
    after = decode_cursor(cursor)
    if after is not None:
        # Row value `(started_at, id) < (…)`; the plain range beside it keeps SQLite on the index.
        contacts = contacts.filter(TupleLessThan(Tuple(F("started_at"), F("id")), after), started_at__lte=after[0])
    rows = list(contacts.order_by("-started_at", "-id")[: size + 1])
    shown = rows[:size]
    return Page(shown, encode_cursor(shown[-1]) if len(rows) > size else None)


def caller_history(actor: Actor, caller, *, limit: int = 50) -> list[Contact]:
    """The caller's contacts with this hotline, newest first (the operators' memory of a repeat caller)."""
    return list(contacts_visible_to(actor).filter(caller=caller).select_related("operator", "caller")
                .only(*LOG_COLUMNS).order_by("-started_at", "-id")[:limit])


def open_follow_ups(actor: Actor, *, limit: int = 100) -> list[FollowUp]:
    contacts_visible_to(actor)  # the same gate as the log
    return list(FollowUp.objects.filter(organisation=actor.organisation, done_at__isnull=True)
                .select_related("owner").order_by("due_on", "created", "id")[:limit])


def crisis_q() -> Q:
    return Q(topic=Topic.CRISIS) | Q(urgency=Urgency.EMERGENCY)


def recent_crises(actor: Actor, *, hours: int = 24, now=None) -> list[Contact]:
    since = (now or timezone.now()) - timedelta(hours=hours)
    return list(contacts_visible_to(actor).filter(crisis_q(), started_at__gte=since)
                .select_related("operator", "caller").only(*LOG_COLUMNS).order_by("-started_at", "-id")[:100])


def by_operator(actor: Actor, *, since) -> list[dict]:
    """Contacts per operator since `since` (coordinators only): name, count, crises among them."""
    require_coordinating(actor)
    rows = (contacts_visible_to(actor).filter(started_at__gte=since).values("operator_id", "operator__display_name",
                                                                             "operator__username")
            .annotate(count=Count("id"), crises=Count("id", filter=crisis_q())).order_by("-count"))
    return [{"operator_id": row["operator_id"],
             "name": row["operator__display_name"] or row["operator__username"] or "—",
             "count": row["count"], "crises": row["crises"]} for row in rows]


def _counts(contacts, field: str) -> dict[str, int]:
    return {row[field] or "": row["n"] for row in contacts.values(field).annotate(n=Count("id")).order_by()}


def _month_counts(contacts) -> dict[date, int]:
    rows = contacts.annotate(month=TruncMonth("started_at")).values("month").annotate(n=Count("id")).order_by()
    counts: dict[date, int] = {}
    for row in rows:
        month = row["month"]
        key = (month.date() if isinstance(month, datetime) else month).replace(day=1)
        counts[key] = counts.get(key, 0) + row["n"]
    return counts


def figures(actor: Actor, since: date, until: date) -> dict[str, list[pure.Row]]:
    """Counts of the hotline's contacts started from `since` to `until` (both days included, local time)."""
    from django_countries import countries

    require_coordinating(actor)
    zone = timezone.get_current_timezone()
    start = datetime.combine(since, datetime.min.time(), tzinfo=zone)
    end = datetime.combine(until + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    contacts = contacts_visible_to(actor).filter(started_at__gte=start, started_at__lt=end)
    abroad = _counts(contacts.filter(topic=Topic.WORKING_ABROAD), "destination_country")
    campaigns = _counts(contacts.exclude(campaign_code=""), "campaign_code")
    return {
        "channel": pure.table(_counts(contacts, "channel"), Channel.choices),
        "topic": pure.table(_counts(contacts, "topic"), Topic.choices),
        "caller_type": pure.table(_counts(contacts, "caller_type"), CallerType.choices),
        "outcome": pure.table(_counts(contacts, "outcome"), Outcome.choices),
        "month": pure.month_table(_month_counts(contacts), since, until,
                                  label=lambda month: date_format(month, "YEAR_MONTH_FORMAT")),
        "destination_country": pure.table(abroad, [(code, str(countries.name(code) or code))
                                                   for code in sorted(abroad, key=lambda c: (-abroad[c], c)) if code]
                                          + [("", _("Not given"))], keep_empty=False),
        "campaign_code": pure.table(campaigns, [], keep_empty=False),
    }


def may_see_figures(actor: Actor) -> bool:
    return actor.organisation is not None and actor.can(COORDINATE)


def operators_of(organisation) -> list:
    """Active members of the hotline who may record contacts (follow-up owners), by name."""
    from strom.accounts.models import Membership, User
    from strom.accounts.roles import role_permissions

    roles = [role for role in Membership.objects.filter(organisation=organisation, is_active=True)
             .values_list("role", flat=True).distinct() if RECORD in role_permissions(role)]
    users = User.objects.filter(memberships__organisation=organisation, memberships__is_active=True,
                                memberships__role__in=roles, is_active=True).distinct()
    return sorted(users, key=lambda user: (user.display_name or user.username).casefold())


def last_language_of(actor: Actor) -> str | None:
    return (Contact.objects.filter(organisation=actor.organisation, operator=actor.user).exclude(language="")
            .order_by("-created").values_list("language", flat=True).first())


def follow_up_for(actor: Actor, follow_up_id) -> FollowUp:
    follow_up = FollowUp.objects.filter(pk=follow_up_id).select_related("contact").first()
    if follow_up is None or actor.organisation is None or follow_up.organisation_id != actor.organisation.pk:
        raise Http404
    if not actor.can(RECORD):
        deny(actor, RECORD, follow_up)
    return follow_up
