"""Statistics pages: the dashboard of a scope, the standard report of a year, and their downloads.

Reads go through queries.scope_for (404 for any scope but the actor's own, a recorded 403 without the
scope's right); every figure shown or downloaded is a protected Figure unless the viewer sees every case
of the scope (queries.sees_every_case). Each view and download is recorded with scope, year and whether
the figures were exact — never a figure.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from strom.accounts.policies import actor_for, deny
from strom.audit.services import record
from strom.stats import dashboards, exports, queries, reports
from strom.stats.disclosure_config import threshold
from strom.stats.figures import SUPPRESSED_MARK
from strom.stats.forms import YearForm, current_year

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@login_required
@require_GET
def index(request):
    """The first scope the actor may look at (organisation, municipality, country)."""
    actor = actor_for(request)
    scopes = queries.scopes_of(actor)
    if scopes:
        return redirect("stats:dashboard", kind=scopes[0].kind)
    if actor.organisation is None:
        raise Http404
    deny(actor, queries.PERMISSION[queries.ORGANISATION])  # raises


def _read(request, kind: str):
    actor = actor_for(request)
    scope = queries.scope_for(actor, kind)
    # Without a year in the address the field shows the year the figures are for.
    form = YearForm(request.GET if request.GET.get("year") else {"year": current_year()})
    year = form.year_or_current()
    exact = queries.sees_every_case(actor, scope)
    return actor, scope, form, year, exact


def _record(actor, request, page: str, scope, year: int, exact: bool, download: str = "") -> None:
    detail = {"page": page, "scope": scope.kind, "year": year, "exact": exact}
    record("stats.downloaded" if download else "stats.viewed", actor=actor.user, organisation=actor.organisation,
           detail={**detail, "format": download} if download else detail, request=request)


def _page(request, template: str, context: dict):
    actor = context["actor"]
    return render(request, template, {
        **context, "scopes": queries.scopes_of(actor), "mark": SUPPRESSED_MARK, "threshold": threshold(),
    })


@login_required
@require_GET
def dashboard(request, kind: str):
    actor, scope, form, year, exact = _read(request, kind)
    board = dashboards.build(scope, year, exact=exact)
    _record(actor, request, "dashboard", scope, year, exact)
    return _page(request, "stats/dashboard.html", {"actor": actor, "scope": scope, "form": form, "year": year,
                                                   "exact": exact, "sections": board.sections})


@login_required
@require_GET
def report(request, kind: str):
    actor, scope, form, year, exact = _read(request, kind)
    result = reports.registered_victims(scope, year, exact=exact)
    _record(actor, request, "report", scope, year, exact)
    return _page(request, "stats/report.html", {"actor": actor, "scope": scope, "form": form, "year": year,
                                                "exact": exact, "figures": result.figures})


@login_required
@require_GET
def download(request, kind: str, page: str, fmt: str):
    if fmt not in CONTENT_TYPES or page not in ("dashboard", "report"):
        raise Http404
    actor, scope, _form, year, exact = _read(request, kind)
    if page == "dashboard":
        figures = dashboards.build(scope, year, exact=exact).figures()
        title = _("Statistics of %(scope)s, %(year)s") % {"scope": scope.label, "year": year}
    else:
        figures = reports.registered_victims(scope, year, exact=exact).figures
        title = _("Registered victims, %(scope)s, %(year)s") % {"scope": scope.label, "year": year}
    rows = exports.lines(figures, [title], threshold())
    body = exports.as_csv(rows) if fmt == "csv" else exports.as_xlsx(rows)
    _record(actor, request, page, scope, year, exact, download=fmt)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="strom-{page}-{scope.kind}-{year}.{fmt}"'
    return response
