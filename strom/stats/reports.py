"""The standard yearly report: registered victims (identified + presumed) in the breakdowns Eurostat,
UNODC and GRETA ask for (domain §6), each table with its totals and protected (figures.Figure.of).

`registered_victims(scope, year, exact=…)` costs one statement whatever the volume (queries.victim_cube);
the views, the API and `manage.py stats_report` all print what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_countries import countries

from strom.cases.models import AgeGroup
from strom.network.vocabularies import ExploitationForm
from strom.stats import breakdowns, citizenship, queries
from strom.stats.figures import Figure, consistent
from strom.stats.queries import Scope


@dataclass(frozen=True)
class Report:
    scope: Scope
    year: int
    exact: bool
    figures: list[Figure]

    def as_dict(self) -> dict:
        return {"scope": {"kind": self.scope.kind, "id": self.scope.key, "name": self.scope.label},
                "year": self.year, "exact": self.exact, "tables": [figure.as_dict() for figure in self.figures]}


def category_labels() -> dict:
    """Every category code of the standard tables with its label (translated when shown)."""
    labels = {
        breakdowns.FEMALE: _("Female"), breakdowns.MALE: _("Male"),
        breakdowns.OTHER_OR_UNKNOWN: _("Other or unknown"),
        AgeGroup.CHILD.value: _("Child"), AgeGroup.ADULT.value: _("Adult"), AgeGroup.UNKNOWN.value: _("Unknown"),
        queries.IDENTIFIED: _("Identified"), queries.PRESUMED: _("Presumed"), queries.SIGNAL: _("Signals"),
        citizenship.OWN: _("Own country"), citizenship.OTHER_EU: _("Other EU country"),
        citizenship.NON_EU: _("Outside the EU"), citizenship.OTHER_COUNTRIES: _("Other countries"),
        breakdowns.UNKNOWN_FORM: _("Unknown"),
    }
    labels.update({code: countries.name(code) for code in citizenship.declared_countries()})
    labels.update(dict(ExploitationForm.choices))
    return labels


TITLES = {
    "status": (_("Registered victims by status"), (_("Status"),)),
    "sex_by_age": (_("Registered victims by sex and age"), (_("Sex"), _("Age"))),
    "citizenship": (_("Registered victims by citizenship"), (_("Citizenship"), _("Group"))),
    "exploitation": (_("Registered victims by form of exploitation"), (_("Form of exploitation"),)),
}


def registered_victims(scope: Scope, year: int, *, exact: bool) -> Report:
    rows = queries.victim_cube(scope, year)
    tables = breakdowns.report_tables(rows, scope.country, year, tuple(ExploitationForm.values))
    labels = category_labels()
    figures = consistent([Figure.of(table, TITLES[table.name][0], TITLES[table.name][1], labels, exact=exact)
                          for table in tables])
    return Report(scope, year, exact, figures)
