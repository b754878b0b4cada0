"""The public-release pages of the national coordinator: budgets and spending per dataset and year,
"prepare a public release" (choose a table, see what it would cost, then release), and the released
figures (page and CSV). Reads through release_queries (404 to outsiders), writes through
release_services; a refusal lands on the form and changes nothing. URLs carry only UUIDs."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from strom.accounts.policies import actor_for
from strom.stats import release_queries, release_services
from strom.stats.disclosure import TOTAL
from strom.stats.privacy import error_bound
from strom.stats.release_forms import BudgetForm, ReleaseForm
from strom.stats.release_policies import may_publish, require_publishing, require_reading
from strom.stats.release_tables import public_table, title_of
from strom.stats.reports import category_labels


def _apply_error(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)


def _index(request, actor, budget_form=None):
    releases, next_cursor = release_queries.release_page(actor, after=request.GET.get("after") or None)
    releases = [(release, title_of(release.budget.dataset, release.table_name)) for release in releases]
    return render(request, "stats/release_index.html", {
        "budgets": release_queries.budget_rows(actor), "releases": releases, "next_cursor": next_cursor,
        "budget_form": budget_form or BudgetForm(), "may_publish": may_publish(actor)})


@login_required
@require_GET
def index(request):
    actor = actor_for(request)
    require_reading(actor)
    return _index(request, actor)


@login_required
@require_POST
def budget(request):
    actor = actor_for(request)
    require_publishing(actor)
    form = BudgetForm(request.POST)
    if form.is_valid():
        try:
            release_services.set_budget(actor, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The privacy budget is saved."))
            return redirect("stats:releases")
    return _index(request, actor, budget_form=form)


def _preview(actor, form) -> dict:
    """What the release would cost, without drawing any noise (drawing is spending)."""
    public = form.public_table()
    dataset, year = public.dataset, form.cleaned_data["year"]
    budget = release_queries.budgets_visible_to(actor).filter(dataset=dataset, year=year).first()
    spent = budget.spent() if budget else None
    table = public.build(actor.organisation, year)
    labels = category_labels()
    return {"public": public, "budget": budget, "spent": spent,
            "left": budget.epsilon_total - spent if budget else None,
            "categories": [[_label(value, labels) for value in values] for values in table.categories],
            "error_bound": error_bound(float(form.cleaned_data["epsilon"]), public.sensitivity)}


@login_required
@require_http_methods(["GET", "POST"])
def prepare(request):
    actor = actor_for(request)
    require_publishing(actor)
    form = ReleaseForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirm") != "1":
            context["preview"] = _preview(actor, form)
        else:
            public = form.public_table()
            year = form.cleaned_data["year"]
            try:
                published = release_services.release(
                    actor, public.dataset, year, public.build(actor.organisation, year),
                    form.cleaned_data["epsilon"], sensitivity=public.sensitivity,
                    description=form.cleaned_data["description"], request=request)
            except ValidationError as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("The table is released."))
                return redirect("stats:release", release_id=published.id)
    return render(request, "stats/release_prepare.html", context)


def _label(value: str, labels: dict) -> str:
    return _("Total") if value == TOTAL else str(labels.get(value, value))


@login_required
@require_GET
def detail(request, release_id):
    actor = actor_for(request)
    published = release_queries.release_for(actor, release_id)
    noisy = published.noisy_table()
    labels = category_labels()
    rows = [([_label(v, labels) for v in key], value) for key, value in noisy.rows()]
    table = public_table(published.budget.dataset, published.table_name)
    return render(request, "stats/release_detail.html", {
        "release": published, "noisy": noisy, "rows": rows, "dataset": published.budget.get_dataset_display(),
        "title": title_of(published.budget.dataset, published.table_name),
        "dimensions": (table and table.dimension_labels) or noisy.dimensions})


@login_required
@require_GET
def detail_csv(request, release_id):
    actor = actor_for(request)
    published = release_queries.release_for(actor, release_id)
    noisy = published.noisy_table()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="release-{published.id}.csv"'
    writer = csv.writer(response)
    writer.writerow([*noisy.dimensions, "count", "mechanism", "epsilon", "error_bound_95"])
    for key, value in noisy.rows():
        writer.writerow([*("total" if v == TOTAL else v for v in key), value, noisy.mechanism,
                         noisy.epsilon, noisy.error_bound])
    return response
