"""Reads of referrals: scoped to the two sides (404 to everyone else), the shared fields with their
audit record, the disclosure log of a case, overdue referrals for escalation, and the figures."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.cases.policies import READ as CASE_READ
from strom.cases.policies import Access, access_to
from strom.referrals import sharing
from strom.referrals.models import Referral, State
from strom.referrals.policies import is_receiver, is_sender, visible_q

ENDED_FOR_RECEIVER = (State.DECLINED, State.WITHDRAWN)
RELATED = (
    "service__organisation__municipality",
    "sender_organisation",
    "receiver_organisation",
    "sender",
    "assigned_to",
    "case__person",
    "consent",
    "suggested_service",
)


def referrals_visible_to(actor: Actor):
    return Referral.objects.filter(visible_q(actor)).select_related(*RELATED)


def referral_for(actor: Actor, referral_id) -> Referral:
    referral = referrals_visible_to(actor).filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    return referral


def inbox(actor: Actor) -> dict:
    visible = referrals_visible_to(actor)
    organisation = actor.organisation
    return {
        "received": list(visible.filter(receiver_organisation=organisation)[:200]),
        "sent": list(visible.filter(sender_organisation=organisation)[:200]),
    }


def consent_state_now(referral) -> str | None:
    """The current ledger state for what the referral shares (None for a case-less referral)."""
    if referral.case_id is None:
        return None
    from strom.referrals.services import current_consent_for

    entry = current_consent_for(referral.case, referral.receiver_organisation)
    return entry.state if entry is not None else "withdrawn"


@dataclass
class SharedView:
    fields: list[tuple[str, str, object]]  # (name, label, value)
    withheld: list[str]  # names shared once, closed now (consent withdrawn)


def _person_value(name: str, person, referral):
    if name == "pseudonym":
        return person.pseudonym
    if name == "age_group":
        return sharing.age_group_label(_age_group_of(person))
    if name == "languages":
        return ", ".join(person.languages)
    if name == "needs":
        return referral.needs
    if name == "urgency":
        return referral.get_urgency_display()
    if name == "gender":
        return person.get_gender_display()
    if name == "interpreter_needed":
        return person.interpreter_needed
    return getattr(person, name)


def _age_group_of(person) -> str:
    from datetime import date

    birth = None
    if person.birth_date:
        try:
            birth = date.fromisoformat(person.birth_date)
        except ValueError:
            birth = None
    return sharing.age_group(
        timezone.localdate(),
        age_disputed=person.age_disputed,
        birth_date=birth,
        estimated_age=person.estimated_age,
        estimated_on=person.age_estimated_on,
    )


def _caseless_value(name: str, referral):
    return {
        "pseudonym": "",
        "age_group": sharing.age_group_label(referral.age_group),
        "languages": ", ".join(referral.languages),
        "needs": referral.needs,
        "urgency": referral.get_urgency_display(),
    }.get(name, "")


def shared_view(actor: Actor, referral: Referral, *, request=None) -> SharedView:
    """Exactly the fields the referral shares that the actor may open now, read when opened.

    The sender's side sees them too (it chose them). Every view is audited with the field names; a
    view that includes identity fields is recorded as `referral.identity_viewed`."""
    visible = sharing.visible_fields(referral.shared_fields, consent_state=consent_state_now(referral))
    if is_receiver(actor, referral) and referral.state in ENDED_FOR_RECEIVER:
        # Declined or withdrawn: the receiver no longer needs what it was sent.
        visible = [name for name in visible if name in sharing.UNCOVERED]
    withheld = [name for name in referral.shared_fields if name not in visible]
    if referral.case_id is not None:
        person = referral.case.person
        values = [(name, sharing.LABELS[name], _person_value(name, person, referral)) for name in visible]
    else:
        values = [
            (name, sharing.LABELS[name], _caseless_value(name, referral)) for name in visible if name != "pseudonym"
        ]
        if referral.summary:
            values.append(("summary", Referral._meta.get_field("summary").verbose_name, referral.summary))
    identity = [name for name in visible if name in sharing.IDENTITY]
    record(
        "referral.identity_viewed" if identity else "referral.viewed",
        actor=actor.user,
        organisation=actor.organisation,
        target=referral,
        fields=[name for name, _label, _value in values],
        detail={"side": "receiver" if is_receiver(actor, referral) else "sender", "withheld": ",".join(withheld)},
        request=request,
    )
    return SharedView(values, withheld)


def disclosure_log(actor: Actor, case) -> list[Referral]:
    """Who received which fields of this case, when, under which consent (the lead organisation only)."""
    if access_to(actor, case) != Access.LEAD or not actor.can(CASE_READ):
        raise Http404
    return list(Referral.objects.filter(case=case).select_related(*RELATED).prefetch_related("events"))


def overdue(now=None):
    now = now or timezone.now()
    return Referral.objects.filter(state=State.SENT, due_at__lt=now).select_related(*RELATED)


def escalation_q(actor: Actor) -> Q:
    """The referrals whose overdue answers the actor answers for: the receiving organisation's
    administrator, the municipality's THB focal point, or a local coordinator of an organisation in
    that municipality."""
    if actor.organisation is None:
        return Q(pk__in=[])
    condition = Q(receiver_organisation__municipality__focal_point=actor.user)
    if actor.can("organisation.manage_users"):
        condition |= Q(receiver_organisation=actor.organisation)
    if actor.can("stats.local") and actor.organisation.municipality_id:
        condition |= Q(receiver_organisation__municipality_id=actor.organisation.municipality_id)
    return condition


def overdue_for_escalation(actor: Actor, now=None):
    """Overdue referrals that the actor answers for (escalation_q)."""
    if actor.organisation is None:
        return Referral.objects.none()
    return overdue(now).filter(escalation_q(actor))


# --- Figures (point 10): no people, only counts and durations ----------------------------------------


@dataclass
class FigureRow:
    key: str
    label: str
    sent: int = 0
    answered: int = 0
    accepted: int = 0
    hours: list[float] = field(default_factory=list)

    @property
    def acceptance_rate(self) -> float | None:
        return round(100 * self.accepted / self.answered, 1) if self.answered else None

    @property
    def median_hours(self) -> float | None:
        return round(statistics.median(self.hours), 1) if self.hours else None


def may_see_figures(actor: Actor) -> bool:
    return actor.can("stats.local") or actor.can("stats.national") or actor.can("organisation.manage_users")


def figures(actor: Actor) -> dict[str, list[FigureRow]]:
    """Answer times (median hours to accept or decline) and acceptance rates per service and per
    municipality of the receiving organisation, within the actor's country."""
    if not may_see_figures(actor):
        raise Http404
    rows = Referral.objects.filter(receiver_organisation__country=actor.organisation.country).select_related(
        "service", "receiver_organisation__municipality"
    )
    per_service: dict[str, FigureRow] = {}
    per_place: dict[str, FigureRow] = {}
    for referral in rows:
        service = referral.service
        municipality = referral.receiver_organisation.municipality
        for table, key, label in (
            (per_service, str(service.pk), f"{service.name} ({referral.receiver_organisation.name})"),
            (per_place, str(municipality.pk) if municipality else "", municipality.name if municipality else "—"),
        ):
            row = table.get(key) or FigureRow(key, label)
            table[key] = row
            _count(row, referral)
    return {
        "services": sorted(per_service.values(), key=lambda row: row.label),
        "municipalities": sorted(per_place.values(), key=lambda row: row.label),
    }


def _count(row: FigureRow, referral) -> None:
    row.sent += 1
    if referral.answered_at is not None and referral.state != State.WITHDRAWN:
        row.answered += 1
        row.hours.append((referral.answered_at - referral.sent_at).total_seconds() / 3600)
        if referral.state in (State.ACCEPTED, State.COMPLETED):
            row.accepted += 1


__all__ = ["is_sender"]
