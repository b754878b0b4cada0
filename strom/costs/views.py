"""The cost pages: a case's cost (tab "Cost", /costs/cases/<id>/), the figures of a municipality and year
(/costs/, CSV beside it), and the rates a local coordinator keeps (/costs/rates/).

A case's cost is read through the case's scoped read (404 to outsiders, recorded 403 to members without
`case.read`); the figures through `policies.report_scope` (403 without `stats.local`/`stats.national`,
404 for a municipality outside her scope); the rates with `costs.manage`. Writes go through services.py;
a refusal lands on the form and nothing changes.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from strom.accounts.policies import actor_for
from strom.assistance import money
from strom.assistance.vocabularies import Payer, Unit
from strom.audit.services import record
from strom.cases import queries as case_queries
from strom.cases.policies import WRITE, is_lead_member
from strom.costs import calculate as calc
from strom.costs import forms, queries, report, services
from strom.costs.policies import managed_municipality, may_manage, report_scope, require_managing
from strom.network.vocabularies import ExploitationForm
from strom.stats.disclosure_config import threshold

TAB = "costs"


def _apply_error(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)


def _labels(choices) -> dict:
    return {str(code): str(label) for code, label in choices}


def _basis_labels() -> dict:
    return {calc.RECORDED: _("cost per unit as recorded"), calc.UNIT_COST: _("unit cost of the municipality"),
            calc.STAFF_RATE: _("staff rate"), calc.OVERHEAD: _("overhead"),
            calc.UNPRICED: _("not priced: no cost recorded and no unit cost")}


# --- A case's cost ---------------------------------------------------------------------------------


def _line_rows(view: queries.CaseCostView) -> list[dict]:
    payers, units, basis = _labels(Payer.choices), _labels(Unit.choices), _basis_labels()
    rows = []
    for line in view.cost.lines:
        if line.kind == "service":
            source = view.delivered[line.index]
            what = source.provider
            quantity = f"{source.units} {units.get(source.unit, source.unit)}"
        else:
            source = view.staff[line.index]
            what = source.profession if line.kind == "staff" else _("Overhead on %(profession)s") % {
                "profession": source.profession}
            quantity = _("%(hours)s hours") % {"hours": source.hours} if line.kind == "staff" else ""
        rows.append({"what": what, "first": line.first_day, "last": line.last_day, "quantity": quantity,
                     "payer": payers.get(line.payer, line.payer), "amount": line.amount, "currency": line.currency,
                     "basis": basis[line.basis]})
    return rows


def _assumption(code: str, unit: str | None, basket) -> str:
    if code == "no_end":
        return _("No end date and no national basket: not forecast.")
    if code == "no_unit_cost":
        return _("No unit cost for this service type: not forecast.")
    unit_label = _labels(Unit.choices).get(unit or "", unit)
    parts = {"per_day": _("one %(unit)s per day of the planned period") % {"unit": unit_label},
             "per_week": _("one %(unit)s a week (weeks begun)") % {"unit": unit_label},
             "once": _("one %(unit)s") % {"unit": unit_label}}
    words = [parts[code.split("+")[0]]]
    if "+basket" in code:
        words.append(_("no end date: the national basket's %(days)s days") % {"days": basket.days if basket else ""})
    if "+several" in code:
        words.append(_("priced for several payers: forecast at the first"))
    return "; ".join(words)


def _forecast_context(case, tariffs, basket) -> dict:
    plan = queries.plan_to_forecast(case)
    planned, lines = queries.forecast_of(plan, tariffs, basket)
    payers = _labels(Payer.choices)
    rows = [{"service": planned[line.index].service.name, "from": planned[line.index].date_from,
             "to": planned[line.index].date_to, "payer": payers.get(line.payer or "", ""), "units": line.units,
             "amount": line.amount, "currency": line.currency,
             "assumption": _assumption(line.assumption, line.unit, basket)} for line in lines]
    totals = sorted((payers.get(payer, payer), currency, amount)
                    for (payer, currency), amount in calc.forecast_by_payer(lines).items())
    return {"plan": plan, "forecast": rows, "forecast_totals": totals}


@login_required
@require_GET
def case_cost(request, case_id):
    actor = actor_for(request)
    case = case_queries.get_case_for(actor, case_id)
    queries.record_read(actor, case, part="case_cost", request=request)
    tariffs = queries.tariffs_for(case.municipality)
    view = queries.cost_of(case, tariffs)
    basket = queries.basket_of(case.municipality.country)
    payers = _labels(Payer.choices)
    return render(request, "costs/case.html", {
        "case": case, "tab": TAB, "lines": _line_rows(view), "unpriced": len(view.cost.unpriced),
        "totals": sorted(view.cost.totals().items()), "days": view.cost.days(), "basket": basket,
        "by_payer": sorted((payers.get(p, p), c, a) for (p, c), a in view.cost.by_payer().items()),
        "may_write": is_lead_member(actor, case) and actor.can(WRITE),
        **_forecast_context(case, tariffs, basket)})


@login_required
@require_http_methods(["GET", "POST"])
def staff_time_add(request, case_id):
    actor = actor_for(request)
    case = case_queries.case_to_write(actor, case_id)
    professions = queries.professions_for(case.municipality)
    form = forms.StaffTimeForm(request.POST or None, professions=professions)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_staff_time(actor, case, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The staff time has been recorded."))
            return redirect("costs:case", case.pk)
    return render(request, "costs/case_form.html", {
        "case": case, "tab": TAB, "form": form, "heading": _("Record staff time"), "submit": _("Record the time"),
        "cancel": reverse("costs:case", args=[case.pk]), "no_professions": not professions})


# --- The figures of a municipality and a year ------------------------------------------------------


def _chosen(scope, request) -> tuple[list, bool]:
    """The municipalities of the report and whether the table by municipality is shown."""
    wanted = request.GET.get("municipality", "")
    if not wanted:
        return list(scope.municipalities), scope.national
    chosen = [m for m in scope.municipalities if str(m.pk) == wanted]
    if not chosen:
        raise Http404
    return chosen, False


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _form_labels() -> dict:
    return {**_labels(ExploitationForm.choices), calc.SEVERAL_FORMS: _("Several forms"),
            calc.NO_FORM: _("Not recorded")}


def _currency_reports(scope, chosen, per_municipality, entries, exact) -> list:
    """One report per currency; a national coordinator's single municipality stays as hidden as it is in
    her table by municipality (report.build_within)."""
    currencies = calc.currencies_of([e.figures for e in entries]) or [money.default_currency(scope.country)]
    options = {"payers": _labels(Payer.choices), "forms": _form_labels(), "exact": exact, "threshold": threshold(),
               "total_label": _("Total")}
    every = {str(m.pk): m.name for m in scope.municipalities}
    if scope.national and not per_municipality:
        return [report.build_within(entries, str(chosen[0].pk), currency, municipalities=every, **options)
                for currency in currencies]
    return [report.build(entries, currency, municipalities=every if per_municipality else None, **options)
            for currency in currencies]


def build_report(actor, request) -> dict:
    scope = report_scope(actor)
    chosen, per_municipality = _chosen(scope, request)
    year = _year(request)
    # A national coordinator's figures always start from her whole country (see _currency_reports).
    found = queries.case_figures(scope.municipalities if scope.national else chosen, year)
    # A form outside the vocabulary counts as "other": an undeclared row would be the total minus the rest.
    known = _form_labels()
    entries = [report.Entry(figures, form if form in known else ExploitationForm.OTHER.value, str(municipality))
               for figures, form, municipality in found]
    exact = queries.sees_every_case(actor, [e.figures.case for e in entries])
    reports = _currency_reports(scope, chosen, per_municipality, entries, exact)
    record("costs.report_viewed", actor=actor.user, organisation=actor.organisation,
           detail={"year": year, "municipalities": len(chosen), "exact": exact}, request=request)
    return {"scope": scope, "chosen": chosen, "year": year, "reports": reports, "exact": exact,
            "threshold": threshold(), "basket": queries.basket_of(scope.country),
            "selected": request.GET.get("municipality", "")}


def _basket_days_cost(item: report.CurrencyReport, basket):
    if basket is None or item.withheld or item.overall.median_per_day is None:
        return None
    return calc.cents(item.overall.median_per_day * basket.days)


@login_required
@require_GET
def report_page(request):
    actor = actor_for(request)
    context = build_report(actor, request)
    scope, chosen, basket = context["scope"], context["chosen"], context["basket"]
    # The page's own parts: the basket priced for one municipality, and the form to choose the figures.
    context["basket_rows"] = queries.basket_cost(basket, queries.tariffs_for(chosen[0])) if len(chosen) == 1 else []
    context["form"] = forms.ReportForm(initial={"year": context["year"], "municipality": context["selected"]},
                                       municipalities=scope.municipalities if scope.national else ())
    context["reports"] = [{"data": item, "overall": [item.overall],
                           "basket_cost": _basket_days_cost(item, context["basket"])} for item in context["reports"]]
    context["may_manage"] = may_manage(actor)
    return render(request, "costs/report.html", context)


def _csv_value(row: report.Row, name: str):
    if row.suppressed:
        return _("suppressed")
    value = getattr(row, name)
    return "" if value is None else str(value)


@login_required
@require_GET
def report_csv(request):
    """What the page shows, one line per row of its tables; suppressed figures say so."""
    actor = actor_for(request)
    context = build_report(actor, request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cost-of-assistance-{context["year"]}.csv"'
    writer = csv.writer(response)
    names = ["cases", "total", "mean_per_person", "median_per_person", "mean_per_day", "median_per_day"]
    writer.writerow([_("Table"), _("Row"), _("Currency"), _("Cases"), _("Total"), _("Mean per person"),
                     _("Median per person"), _("Mean per day"), _("Median per day")])
    for item in context["reports"]:
        tables = [(_("All cases"), [item.overall]), (_("By payer"), item.by_payer), (_("By form of exploitation"),
                  item.by_form), (_("By municipality"), item.by_municipality)]
        for title, rows in tables:
            for row in rows:
                writer.writerow([title, row.label, item.currency, *(_csv_value(row, name) for name in names)])
        _basket_rows(writer, item, context["basket"])
    return response


def _basket_rows(writer, item: report.CurrencyReport, basket) -> None:
    """The page's comparison with the national basket, in the "Total" column."""
    if basket is None or item.withheld:
        return
    title = _("Compared with the national basket")
    cost = _basket_days_cost(item, basket)
    for label, value in ((_("Days of the national basket"), basket.days),
                         (_("Mean days of assistance"), item.mean_days),
                         (_("The basket's days at the median cost per day"), cost)):
        writer.writerow([title, label, item.currency, "", "" if value is None else str(value)])


# --- Rates -----------------------------------------------------------------------------------------


RATE_FORMS = {
    "unit-cost": (forms.UnitCostForm, services.add_unit_cost, True),
    "staff-rate": (forms.StaffRateForm, services.add_staff_rate, True),
    "overhead": (forms.OverheadForm, services.add_overhead, False),
}


def _rate_headings() -> dict:
    return {"unit-cost": _("Add a unit cost"), "staff-rate": _("Add a staff rate"),
            "overhead": _("Add an overhead rate")}


@login_required
@require_GET
def rates(request):
    actor = actor_for(request)
    require_managing(actor)
    municipality = managed_municipality(actor)
    return render(request, "costs/rates.html", {"municipality": municipality, **queries.rates_of(municipality)})


@login_required
@require_http_methods(["GET", "POST"])
def rate_add(request, kind):
    actor = actor_for(request)
    require_managing(actor)
    if kind not in RATE_FORMS:
        raise Http404
    form_class, write, with_currency = RATE_FORMS[kind]
    municipality = managed_municipality(actor)
    options = {"country_code": municipality.country.code} if with_currency else {}
    form = form_class(request.POST or None, **options)
    if request.method == "POST" and form.is_valid():
        try:
            write(actor, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The rate has been saved; a rate it replaces ends the day before."))
            return redirect("costs:rates")
    return render(request, "costs/form.html", {
        "form": form, "heading": _rate_headings()[kind], "submit": _("Save the rate"), "cancel": reverse("costs:rates"),
        "intro": _("For %(municipality)s. A newer rate never changes an older one: the older one ends the day "
                   "before the newer one starts, and both stay in the history.") % {"municipality": municipality.name}})


@login_required
@require_http_methods(["GET", "POST"])
def rate_end(request, kind, rate_id):
    actor = actor_for(request)
    rate = queries.get_own_rate_for(actor, kind, rate_id)
    form = forms.EndRateForm(request.POST or None, initial={"valid_to": rate.valid_to or timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_rate(actor, rate, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The rate's end has been saved."))
            return redirect("costs:rates")
    return render(request, "costs/form.html", {
        "form": form, "heading": _("End a rate"), "submit": _("Save the end date"), "cancel": reverse("costs:rates"),
        "intro": _("Valid from %(day)s. From the day after the end, no rate of this kind applies until a newer "
                   "one starts.") % {"day": rate.valid_from.isoformat()}})
