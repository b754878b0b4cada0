"""Dashboards for an organisation, a municipality and a country: sections of protected figures.

A section is a title and a builder `(scope, year, exact) -> list[Figure]`. Other apps add theirs with
`register_section` from their AppConfig.ready() (the hotline adds its contacts this way, like
strom/cases/summary.py's `register_section`); a builder must aggregate in SQL and return `Figure.of(…)`
objects, which are protected unless the viewer sees every case of the scope. Table names must be unique
across sections (pages use them as element ids); a section's tables should share at most a grand total.

Tables within a section share at most their grand total (see breakdowns.py); registered victims per
year are each year's own report total (the very number that year's report publishes), so the
over-time view cannot be subtracted from a report to reveal anyone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from strom.referrals.models import State
from strom.stats import breakdowns, queries, reports
from strom.stats.disclosure import TOTAL, Cell, ProtectedTable, Table
from strom.stats.disclosure_config import protect_configured
from strom.stats.figures import Figure, consistent
from strom.stats.queries import ORGANISATION, Scope

YEARS_SHOWN = 5


@dataclass(frozen=True)
class Section:
    key: str
    title: object
    build: Callable[[Scope, int, bool], list[Figure]]
    order: int = 100


SECTIONS: dict[str, Section] = {}


def register_section(key: str, title, build: Callable[[Scope, int, bool], list[Figure]], order: int = 100) -> None:
    """Add (or replace, by key) a dashboard section."""
    SECTIONS[key] = Section(key, title, build, order)


@dataclass(frozen=True)
class Dashboard:
    scope: Scope
    year: int
    exact: bool
    sections: list[tuple[Section, list[Figure]]]

    def figures(self) -> list[Figure]:
        return [figure for _section, figures in self.sections for figure in figures]

    def as_dict(self) -> dict:
        return {"scope": {"kind": self.scope.kind, "id": self.scope.key, "name": self.scope.label},
                "year": self.year, "exact": self.exact,
                "sections": [{"key": section.key, "title": str(section.title),
                              "tables": [figure.as_dict() for figure in figures]}
                             for section, figures in self.sections]}


def build(scope: Scope, year: int, *, exact: bool) -> Dashboard:
    ordered = sorted(SECTIONS.values(), key=lambda section: (section.order, section.key))
    return Dashboard(scope, year, exact, [(section, _consistent(section, section.build(scope, year, exact)))
                                          for section in ordered])


def _consistent(section: Section, figures: list[Figure]) -> list[Figure]:
    # The victims section's over-time and signal tables count other people than its report tables (which
    # reports.py already made consistent); every other section's tables count the same people.
    return figures if section.key == "victims" else consistent(figures)


def registered_over_time(rows: list[dict], years: tuple[int, ...], *, exact: bool) -> ProtectedTable:
    """Each year's registered victims as that year's protected status table publishes its total. No
    total over the years is published (it would be a new equation over the years' values)."""
    cells = []
    for year in years:
        status = breakdowns.by_status([row for row in rows if row["created__year"] == year
                                       and row["status"] in queries.REGISTERED])
        total = protect_configured(status, exact=exact).grand_total
        cells.append(Cell((str(year),), total.value, total.suppressed, total.reason))
    table = Table("registered_by_year", ("year",), (tuple(str(year) for year in years),),
                  {cell.key: cell.value for cell in cells if cell.value is not None})
    withheld = Cell((TOTAL,), None, True, "not_published")
    return ProtectedTable(table, exact, tuple(cells), (), (), withheld if not exact else
                          Cell((TOTAL,), sum(cell.value or 0 for cell in cells), False))


def victims_section(scope: Scope, year: int, exact: bool) -> list[Figure]:
    years = tuple(range(year - YEARS_SHOWN + 1, year + 1))
    rows = queries.status_by_year(scope, years[0], years[-1])
    over_time = Figure(str(_("Registered victims (identified and presumed) by year of registration")),
                       registered_over_time(rows, years, exact=exact), (str(_("Year")),))
    signals = Figure.of(breakdowns.signals_by_year(rows, years),
                        _("Signals (not or not yet presumed victims) by year of registration"), (_("Year"),),
                        exact=exact)
    return [over_time, signals, *reports.registered_victims(scope, year, exact=exact).figures]


OUTCOMES = tuple(str(state) for state in (State.SENT, State.INFO_REQUESTED, State.ACCEPTED, State.DECLINED,
                                          State.COMPLETED, State.WITHDRAWN))
BANDS = tuple(name for _hours, name in queries.ANSWER_BANDS) + (queries.LATER, queries.UNANSWERED)


def referrals_section(scope: Scope, year: int, exact: bool) -> list[Figure]:
    # Flows reach beyond the viewer's own cases (case-less referrals of other organisations), so only an
    # organisation's own dashboard may show them exact.
    exact = exact and scope.kind == ORGANISATION
    outcomes = queries.referral_outcomes(scope, year)
    labels = {**dict(State.choices), "within_1_day": _("Within a day"), "within_3_days": _("Within three days"),
              queries.LATER: _("Later"), queries.UNANSWERED: _("Not answered")}
    return [
        Figure.of(breakdowns.flows(queries.referral_flows(scope, year)), _("Referrals between organisations"),
                  (_("From"), _("To")), exact=exact),
        # State and answer time in one table: as two tables, "not answered" would be the sum of open states
        # and could give a suppressed one away.
        Figure.of(breakdowns.two_dimensions("referral_outcomes", ("state", "answer_time"), (OUTCOMES, BANDS),
                                            outcomes, ("state", "band")),
                  _("Referrals by state (acceptance) and time to an answer"), (_("State"), _("Answered")), labels,
                  exact=exact),
    ]


OUTSIDE_DIRECTORY = "outside_directory"


def services_section(scope: Scope, year: int, exact: bool) -> list[Figure]:
    from strom.assistance.vocabularies import Payer
    from strom.network.models import ServiceType

    exact = exact and scope.kind == ORGANISATION
    rows = [{**row, "type": row["service__type__code"] or OUTSIDE_DIRECTORY} for row in
            queries.services_delivered(scope, year)]
    types = dict(ServiceType.objects.order_by("name").values_list("code", "name"))
    type_labels = {**types, OUTSIDE_DIRECTORY: _("Provider outside the directory")}
    return [
        Figure.of(breakdowns.one_dimension("services_by_type", "service_type", (*types, OUTSIDE_DIRECTORY), rows,
                                           "type", OUTSIDE_DIRECTORY),
                  _("Services delivered by type"), (_("Service"),), type_labels, exact=exact),
        Figure.of(breakdowns.one_dimension("services_by_payer", "payer", tuple(Payer.values), rows, "payer"),
                  _("Services delivered by payer"), (_("Payer"),), dict(Payer.choices), exact=exact),
    ]


register_section("victims", _("Signals and victims"), victims_section, order=10)
register_section("referrals", _("Referrals"), referrals_section, order=20)
register_section("services", _("Services delivered"), services_section, order=30)
# The hotline registers its contacts (order 40) from strom/hotline/apps.py.
