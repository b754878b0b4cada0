"""Reads of assistance, always through the case's scoped read (404 to outsiders, recorded 403 to members
without `case.read`, read-only for break-glass). Each page or API read records which fields were seen,
and how access was had (lead or emergency)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext

from strom.accounts.policies import Actor
from strom.assistance import money
from strom.assistance.models import AssistancePlan, DeliveredService, NeedsAssessment, Proceeding, ReturnPlan
from strom.assistance.vocabularies import NOT_NEEDS, Payer, PlanStatus
from strom.audit.services import record
from strom.cases.policies import access_to
from strom.network.models import Service, ServiceType

# The encrypted fields an assistance read shows: what its audit event names.
READ_FIELDS = ("needs.note", "goals.text", "reviews.note", "proceedings.protection_measures", "claims.against")


def record_read(actor: Actor, case, *, part: str, fields=READ_FIELDS, request=None) -> None:
    record("assistance.viewed", actor=actor.user, organisation=actor.organisation, target=case, fields=list(fields),
           detail={"part": part, "access": access_to(actor, case).name.lower()}, request=request)


def need_types():
    return ServiceType.objects.exclude(code__in=NOT_NEEDS).order_by("name")


def assessments_of(case) -> list[NeedsAssessment]:
    return list(NeedsAssessment.objects.filter(case=case).select_related("assessed_by").prefetch_related("needs"))


def plans_of(case) -> list[AssistancePlan]:
    """Every version, newest first, with goals, planned services and reviews."""
    return list(AssistancePlan.objects.filter(case=case).select_related("created_by", "approved_by")
                .prefetch_related("goals", "planned_services__service__organisation", "reviews__reviewed_by"))


def draft_of(case) -> AssistancePlan | None:
    return AssistancePlan.objects.filter(case=case, status=PlanStatus.DRAFT).first()


def plan_of(case, plan_id) -> AssistancePlan:
    return AssistancePlan.objects.get(case=case, pk=plan_id)


def delivered_of(case) -> list[DeliveredService]:
    return list(DeliveredService.objects.filter(case=case).select_related("service__organisation"))


def proceedings_of(case) -> list[Proceeding]:
    return list(Proceeding.objects.filter(case=case).prefetch_related("claims"))


def return_plan_of(case) -> ReturnPlan | None:
    return ReturnPlan.objects.filter(case=case).first()


@dataclass
class Totals:
    """Sums of delivered services per currency and per (payer, currency): currencies never mix."""

    per_currency: list[tuple[str, object]] = field(default_factory=list)
    per_payer: list[tuple[str, str, object]] = field(default_factory=list)


def totals_of(rows) -> Totals:
    by_currency = money.totals(rows, key=lambda row: "")
    by_payer = money.totals(rows, key=lambda row: row.payer)
    labels = dict(Payer.choices)
    return Totals(per_currency=sorted((currency, amount) for (_, currency), amount in by_currency.items()),
                  per_payer=sorted((str(labels.get(payer, payer)), currency, amount)
                                   for (payer, currency), amount in by_payer.items()))


def service_groups(case, query: str = "") -> list[tuple[str, list]]:
    """Services to pick for a case: its municipality first, then the rest of its country; with a search
    text, matching services elsewhere too (a person may be placed in another town)."""
    municipality = case.municipality
    active = Service.objects.filter(is_active=True).select_related("organisation", "type")
    local_q = (Q(areas=municipality) | Q(locations__municipality=municipality)
               | Q(organisation__municipality=municipality))
    local = list(active.filter(local_q).distinct().order_by("name"))
    seen = {service.pk for service in local}
    national = [service for service in active.filter(organisation__country=municipality.country).distinct()
                .order_by("name") if service.pk not in seen]
    seen |= {service.pk for service in national}
    groups = [(municipality.name, local), (str(municipality.country.name), national)]
    query = (query or "").strip()
    if query:
        groups = [(label, [s for s in services if query.lower() in s.name.lower()]) for label, services in groups]
        others = [service for service in active.filter(name__icontains=query).distinct().order_by("name")[:50]
                  if service.pk not in seen]
        groups.append((gettext("Elsewhere (search)"), others))
    return [(label, services) for label, services in groups if services]


def totals_by_code(rows) -> dict:
    """The totals with codes (payer code, ISO currency) rather than labels: what the API gives."""
    by_currency = money.totals(rows, key=lambda row: "")
    by_payer = money.totals(rows, key=lambda row: row.payer)
    return {"per_currency": [{"currency": currency, "amount": amount}
                             for (_, currency), amount in sorted(by_currency.items())],
            "per_payer": [{"payer": payer, "currency": currency, "amount": amount}
                          for (payer, currency), amount in sorted(by_payer.items())]}
