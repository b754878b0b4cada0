"""Scoped aggregations for the statistics: who may see which scope, whether she sees it exact, and the
counts, always aggregated in SQL (`values().annotate(Count)`), never by loading rows.

**Scopes.** An organisation (its cases as lead organisation, the referrals it sent or received, the
services it delivered) needs `stats.organisation`; a municipality (the cases of the actor's organisation's
municipality) `stats.local`; a country (the cases of the municipalities of the organisation's country)
`stats.national`. Asking for any other organisation, municipality or country is a 404 (outsiders learn
nothing); asking for one's own without the right a recorded 403.

**Exact or protected.** A viewer sees exact figures only when she may read every case behind the scope
(`case.read`, and the scope's case count equals the count of the same cases she sees, one statement);
otherwise, and always for referral flows and services beyond her own organisation, every table goes
through `disclosure.protect`. National and local coordinators have no `case.read`: always protected.

**Registered victims** (Eurostat / UNODC / GRETA: identified + presumed) are cases whose person was
formally identified (the stage `identified` reached, or a positive formal decision) or presumed (any
stage from `presumed_victim` on reached, or a positive reasonable-grounds decision), and not now found
not to be a victim. A **signal** is a case that has not (yet) got that far. Years count by the case's
registration (`Case.created`), in the server's time zone. Sex, citizenship and form of exploitation are
the person's gender, her *first* listed citizenship and the case's *first* listed form, so that every
victim is counted once and each table adds up to the same total.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, DateTimeField, Exists, ExpressionWrapper, F, OuterRef, Q, Value
from django.db.models import When as _When
from django.db.models.expressions import Case as _CaseExpr
from django.db.models.fields.json import KeyTextTransform
from django.http import Http404

from strom.accounts.policies import Actor, deny
from strom.assistance.models import DeliveredService
from strom.cases.models import Case, DecisionLevel, DecisionOutcome, IdentificationDecision, StageChange
from strom.cases.stages import Stage
from strom.referrals.models import Referral
from strom.stats.disclosure_config import may_see_exact

ORGANISATION, MUNICIPALITY, COUNTRY = "organisation", "municipality", "country"
KINDS = (ORGANISATION, MUNICIPALITY, COUNTRY)
PERMISSION = {ORGANISATION: "stats.organisation", MUNICIPALITY: "stats.local", COUNTRY: "stats.national"}

SIGNAL, PRESUMED, IDENTIFIED, NOT_A_VICTIM = "signal", "presumed", "identified", "not_a_victim"
REGISTERED = (IDENTIFIED, PRESUMED)
# The stages that say reasonable grounds were found (assistance never waits for identification).
VICTIM_STAGES = (Stage.PRESUMED_VICTIM, Stage.IDENTIFIED, Stage.SHORT_TERM_ASSISTANCE, Stage.LONG_TERM_INCLUSION,
                 Stage.RETURN, Stage.FOLLOW_UP)


@dataclass(frozen=True)
class Scope:
    kind: str
    key: str  # organisation or municipality id, or the country code
    label: str
    country: str  # the scope's own country (citizenship "own country")

    def case_q(self, prefix: str = "") -> Q:
        field = {ORGANISATION: "lead_organisation_id", MUNICIPALITY: "municipality_id",
                 COUNTRY: "municipality__country"}[self.kind]
        return Q(**{prefix + field: self.key})

    def organisation_q(self, field: str) -> Q:
        """Organisations in the scope, seen through `field` (e.g. "sender_organisation")."""
        if self.kind == ORGANISATION:
            return Q(**{f"{field}_id": self.key})
        if self.kind == MUNICIPALITY:
            return Q(**{f"{field}__municipality_id": self.key})
        return Q(**{f"{field}__country": self.key})


def own_scope(actor: Actor, kind: str) -> Scope | None:
    """The actor's own scope of that kind (from the organisation she acts for), None if she has none."""
    organisation = actor.organisation
    if organisation is None or kind not in KINDS:
        return None
    if kind == ORGANISATION:
        return Scope(kind, str(organisation.pk), organisation.name, str(organisation.country))
    if kind == MUNICIPALITY:
        place = organisation.municipality
        return Scope(kind, str(place.pk), place.name, str(place.country)) if place else None
    country = str(organisation.country)
    return Scope(kind, country, organisation.country.name, country)


def scope_for(actor: Actor, kind: str, requested: str | None = None) -> Scope:
    """The scope asked for: 404 unless it is the actor's own, a recorded 403 without the right."""
    scope = own_scope(actor, kind)
    if scope is None or (requested and str(requested).upper() != scope.key.upper()):
        raise Http404
    if not actor.can(PERMISSION[kind]):
        deny(actor, PERMISSION[kind])
    return scope


def scopes_of(actor: Actor) -> list[Scope]:
    """Every scope the actor may look at, organisation first (the navigation and the page's switch)."""
    return [scope for kind in KINDS if actor.can(PERMISSION[kind]) and (scope := own_scope(actor, kind))]



def sees_every_case(actor: Actor, scope: Scope) -> bool:
    """Exact figures: she may read cases, and every case of the scope is among those she sees (one statement,
    disclosure_config.may_see_exact)."""
    return may_see_exact(actor, Case.objects.filter(scope.case_q()))


def status_expression():
    """The case's status for the statistics, in SQL (see the module docstring)."""
    reached = StageChange.objects.filter(case=OuterRef("pk"))
    decided = IdentificationDecision.objects.filter(case=OuterRef("pk"), outcome=DecisionOutcome.POSITIVE)
    identified = (Q(stage=Stage.IDENTIFIED) | Exists(reached.filter(to_stage=Stage.IDENTIFIED))
                  | Exists(decided.filter(level=DecisionLevel.FORMAL)))
    presumed = Q(stage__in=VICTIM_STAGES) | Exists(reached.filter(to_stage__in=VICTIM_STAGES)) | Exists(decided)
    return _CaseExpr(_When(stage=Stage.NOT_A_VICTIM, then=Value(NOT_A_VICTIM)),
                     _When(identified, then=Value(IDENTIFIED)),
                     _When(presumed, then=Value(PRESUMED)), default=Value(SIGNAL))


def _year_q(year: int, field: str = "created") -> Q:
    return Q(**{f"{field}__year": year})


def victim_cube_queryset(scope: Scope, year: int):
    """Registered victims of the year grouped by status, sex, age group, first citizenship and first form
    of exploitation: one statement, one row per combination present (never per case)."""
    return (
        Case.objects.filter(scope.case_q(), _year_q(year))
        .annotate(status=status_expression(), citizenship=KeyTextTransform("0", "person__citizenships"),
                  form=KeyTextTransform("0", "exploitation_forms"))
        .filter(status__in=REGISTERED)
        .values("status", "person__gender", "age_group", "citizenship", "form")
        .annotate(n=Count("pk"))
        .order_by()
    )


def victim_cube(scope: Scope, year: int) -> list[dict]:
    return list(victim_cube_queryset(scope, year))


def status_by_year(scope: Scope, first_year: int, last_year: int) -> list[dict]:
    """Cases per registration year and status (signals, presumed, identified), one statement."""
    return list(
        Case.objects.filter(scope.case_q(), created__year__gte=first_year, created__year__lte=last_year)
        .annotate(status=status_expression())
        .values("status", "created__year")
        .annotate(n=Count("pk"))
        .order_by()
    )


def referrals_in(scope: Scope, year: int):
    return Referral.objects.filter(
        scope.organisation_q("sender_organisation") | scope.organisation_q("receiver_organisation"),
        _year_q(year, "sent_at"))


def referral_flows(scope: Scope, year: int) -> list[dict]:
    return list(referrals_in(scope, year).values("sender_organisation__name", "receiver_organisation__name")
                .annotate(n=Count("pk")).order_by())


# Answer-time bands: hours from sending to the receiver's answer (accept or decline).
ANSWER_BANDS = ((24, "within_1_day"), (72, "within_3_days"))
LATER, UNANSWERED = "later", "unanswered"


def referral_outcomes(scope: Scope, year: int) -> list[dict]:
    bands = [_When(answered_at__lte=_plus_hours(hours), then=Value(name)) for hours, name in ANSWER_BANDS]
    band = _CaseExpr(_When(answered_at__isnull=True, then=Value(UNANSWERED)), *bands, default=Value(LATER))
    return list(referrals_in(scope, year).annotate(band=band).values("state", "band").annotate(n=Count("pk"))
                .order_by())


def _plus_hours(hours: int):
    return ExpressionWrapper(F("sent_at") + timedelta(hours=hours), output_field=DateTimeField())


def services_delivered(scope: Scope, year: int) -> list[dict]:
    """Services delivered in the year (by start date): by the organisation itself for an organisation,
    to the scope's cases for a municipality or a country."""
    where = (Q(service__organisation_id=scope.key) if scope.kind == ORGANISATION else scope.case_q("case__"))
    return list(DeliveredService.objects.filter(where, date_from__year=year)
                .values("service__type__code", "payer").annotate(n=Count("pk")).order_by())

