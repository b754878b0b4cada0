"""Reads of costs: rates of a scope, the cost of one case (through the case's scoped read), and the figures
of municipalities and a year. The Django layer only gathers rows; calculate.py computes.

Every query here costs a fixed number of statements whatever the number of cases (a test counts them).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from strom.accounts.policies import Actor
from strom.assistance.models import AssistancePlan, DeliveredService
from strom.assistance.money import default_currency, line_total
from strom.assistance.vocabularies import Payer, PlanStatus
from strom.audit.services import record
from strom.cases.models import Case
from strom.cases.policies import access_to
from strom.costs import calculate as calc
from strom.costs.models import Basket, OverheadRate, StaffRate, StaffTime, UnitCost
from strom.costs.policies import managed_municipality, require_managing
from strom.stats.disclosure_config import may_see_exact

PAYER_ORDER = tuple(Payer.values)
RATE_MODELS = {"unit-cost": UnitCost, "staff-rate": StaffRate, "overhead": OverheadRate}


def record_read(actor: Actor, case, *, part: str, request=None) -> None:
    # The cost of a case names no one, but it is a record of the case: the read is recorded all the same.
    record("costs.viewed", actor=actor.user, organisation=actor.organisation, target=case, fields=[],
           detail={"part": part, "access": access_to(actor, case).name.lower()}, request=request)


# --- Rates -----------------------------------------------------------------------------------------


def _scope_q(municipality) -> Q:
    return Q(municipality=municipality) | Q(municipality__isnull=True, country=municipality.country)


def _validity(rate) -> calc.Validity:
    return calc.Validity(rate.valid_from, rate.valid_to, calc.MUNICIPALITY if rate.municipality_id else calc.COUNTRY)


def _tariffs_from(unit_costs, staff_rates, overheads) -> calc.Tariffs:
    return calc.Tariffs(
        unit_costs=tuple(calc.UnitCost(r.service_type.code, r.payer, r.unit, r.amount, r.currency, _validity(r))
                         for r in unit_costs),
        staff_rates=tuple(calc.StaffRate(r.profession, r.hourly, r.currency, _validity(r)) for r in staff_rates),
        overheads=tuple(calc.Overhead(r.percent, _validity(r)) for r in overheads))


def tariffs_for(municipality) -> calc.Tariffs:
    q = _scope_q(municipality)
    return _tariffs_from(UnitCost.objects.filter(q).select_related("service_type"), StaffRate.objects.filter(q),
                         OverheadRate.objects.filter(q))


def tariffs_by_municipality(municipalities) -> dict:
    """The tariffs of several municipalities of one country: three statements in all."""
    ids = [m.pk for m in municipalities]
    countries = {str(m.country) for m in municipalities}
    q = Q(municipality_id__in=ids) | Q(municipality__isnull=True, country__in=countries)
    unit_costs = list(UnitCost.objects.filter(q).select_related("service_type"))
    staff_rates, overheads = list(StaffRate.objects.filter(q)), list(OverheadRate.objects.filter(q))

    def mine(rows, m):
        return [r for r in rows
                if r.municipality_id == m.pk or (r.municipality_id is None and str(r.country) == str(m.country))]

    return {m.pk: _tariffs_from(mine(unit_costs, m), mine(staff_rates, m), mine(overheads, m)) for m in municipalities}


def rates_of(municipality) -> dict:
    """What the rates page lists: the municipality's own rates and its country's, newest first."""
    q = _scope_q(municipality)
    return {"unit_costs": list(UnitCost.objects.filter(q).select_related("service_type", "municipality")),
            "staff_rates": list(StaffRate.objects.filter(q).select_related("municipality")),
            "overheads": list(OverheadRate.objects.filter(q).select_related("municipality"))}


def professions_for(municipality) -> list[str]:
    return sorted(set(StaffRate.objects.filter(_scope_q(municipality)).values_list("profession", flat=True)))


def get_own_rate_for(actor: Actor, kind: str, rate_id):
    """A rate of her municipality to change: 403 without `costs.manage`, 404 for anyone else's."""
    require_managing(actor)
    model = RATE_MODELS.get(kind)
    rate = model.objects.filter(pk=rate_id, municipality=managed_municipality(actor)).first() if model else None
    if rate is None:
        raise Http404
    return rate


def basket_of(country) -> Basket | None:
    return Basket.objects.filter(country=str(country)).prefetch_related("services__service_type").first()


# --- One case --------------------------------------------------------------------------------------


def _service_line(row: DeliveredService) -> calc.ServiceLine:
    service_type = row.service.type.code if row.service_id else None
    return calc.ServiceLine(service_type, row.payer, row.date_from, row.date_to, row.units, row.unit, row.unit_cost,
                            row.currency)


def _staff_line(row: StaffTime) -> calc.StaffLine:
    return calc.StaffLine(row.on, row.hours, row.profession, row.payer)


@dataclass
class CaseCostView:
    cost: calc.CaseCost
    delivered: list
    staff: list


def cost_of(case, tariffs: calc.Tariffs | None = None) -> CaseCostView:
    delivered = list(DeliveredService.objects.filter(case=case).select_related("service__type", "service__organisation")
                     .order_by("date_from", "created"))
    staff = list(StaffTime.objects.filter(case=case).order_by("on", "created"))
    tariffs = tariffs if tariffs is not None else tariffs_for(case.municipality)
    cost = calc.case_cost([_service_line(r) for r in delivered], [_staff_line(r) for r in staff], tariffs,
                          currency=default_currency(case.municipality.country))
    return CaseCostView(cost, delivered, staff)


def plan_to_forecast(case) -> AssistancePlan | None:
    """The plan a forecast is for: the draft if there is one, else the latest approved version."""
    plans = (AssistancePlan.objects.filter(case=case, status__in=[PlanStatus.DRAFT, PlanStatus.APPROVED])
             .prefetch_related("planned_services__service__type").order_by("-version"))
    return plans.first()


def forecast_of(plan: AssistancePlan | None, tariffs: calc.Tariffs, basket: Basket | None):
    if plan is None:
        return [], []
    planned = list(plan.planned_services.all())
    lines = calc.forecast([calc.PlannedLine(p.service.type.code, p.service.name, p.date_from, p.date_to)
                           for p in planned], tariffs, open_end_days=basket.days if basket else None,
                          payer_order=PAYER_ORDER)
    return planned, lines


def basket_cost(basket: Basket | None, tariffs: calc.Tariffs):
    """The basket's services priced as a forecast from today for the basket's days."""
    if basket is None:
        return []
    today = timezone.localdate()
    items = list(basket.services.all())
    rates = []
    for item in items:
        found = [r for r in tariffs.unit_costs_for(item.service_type.code, today) if r.unit == item.unit]
        found.sort(key=lambda r: PAYER_ORDER.index(r.payer) if r.payer in PAYER_ORDER else len(PAYER_ORDER))
        rate = found[0] if found else None
        rates.append((item, rate, line_total(item.units, rate.amount) if rate else None))
    return rates


# --- Figures of municipalities and a year ----------------------------------------------------------


def case_figures(municipalities, year: int) -> list[tuple[calc.CaseFigures, str, object]]:
    """(figures, form category, municipality id) of every case of these municipalities with a costed line
    beginning in `year`. Three statements plus the three of the tariffs, whatever the number of cases."""
    ids = [m.pk for m in municipalities]
    delivered = (DeliveredService.objects.filter(case__municipality_id__in=ids, date_from__year=year)
                 .select_related("service__type").order_by("case_id", "date_from", "id"))
    staff = StaffTime.objects.filter(case__municipality_id__in=ids, on__year=year).order_by("case_id", "on", "id")
    rows: dict = defaultdict(lambda: ([], []))
    for row in delivered:
        rows[row.case_id][0].append(_service_line(row))
    for row in staff:
        rows[row.case_id][1].append(_staff_line(row))
    # Of each case only what the figures need, once (the lines' own queries as subqueries: no long id list).
    cases = {pk: (forms, municipality_id) for pk, forms, municipality_id in
             Case.objects.filter(Q(pk__in=delivered.values("case_id")) | Q(pk__in=staff.values("case_id")))
             .values_list("pk", "exploitation_forms", "municipality_id")}
    tariffs = tariffs_by_municipality(municipalities)
    currencies = {m.pk: default_currency(m.country) for m in municipalities}
    found = []
    for case_id, (services, staff_lines) in rows.items():
        forms, municipality_id = cases[case_id]
        cost = calc.case_cost(services, staff_lines, tariffs[municipality_id], currency=currencies[municipality_id])
        found.append((calc.figures_of(str(case_id), cost), calc.form_category(forms), municipality_id))
    return found


def sees_every_case(actor: Actor, case_ids) -> bool:
    """May she read every case behind a table? Then its figures are exact (nothing suppressed). The
    statistics' one rule (`may_see_exact`: case.read in an organisation that sees each of them)."""
    return may_see_exact(actor, Case.objects.filter(pk__in=set(case_ids)))
