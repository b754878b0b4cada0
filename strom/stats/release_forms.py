"""Forms of the public-release pages. They only shape input; the services decide (budget, epsilon)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from strom.stats import release_tables
from strom.stats.models import Dataset
from strom.stats.release_services import FIRST_YEAR, LAST_YEAR, MAX_EPSILON
from strom.web.forms import StromForm

EPSILON_HELP = _("Smaller is more private and less precise. Every release of the same dataset and year "
                 "adds its epsilon to what the budget has spent.")


def _year_field():
    return forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR,
                              initial=lambda: timezone.now().year - 1)


class BudgetForm(StromForm):
    dataset = forms.ChoiceField(label=_("Dataset"), choices=Dataset.choices)
    year = _year_field()
    epsilon_total = forms.DecimalField(label=_("Privacy budget (total epsilon)"), min_value=Decimal("0.001"),
                                       max_value=MAX_EPSILON, decimal_places=3,
                                       help_text=_("The most that all public releases of this dataset and year "
                                                   "may spend together, e.g. 1."))


class ReleaseForm(StromForm):
    table = forms.ChoiceField(label=_("Table"))
    year = _year_field()
    epsilon = forms.DecimalField(label=_("Epsilon for this release"), min_value=Decimal("0.001"),
                                 max_value=MAX_EPSILON, decimal_places=3, help_text=EPSILON_HELP)
    description = forms.CharField(label=_("Purpose"), required=False, max_length=300,
                                  help_text=_("Where the figures will be published, e.g. the annual report."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].choices = release_tables.choices()

    def public_table(self):
        dataset, _sep, name = self.cleaned_data["table"].partition(":")
        return release_tables.public_table(dataset, name)
