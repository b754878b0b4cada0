"""Forms of the cost pages. They only shape input; the services validate and decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from strom.assistance import money
from strom.assistance.vocabularies import Payer, Unit
from strom.network.models import ServiceType
from strom.web.forms import StromForm


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _RateForm(StromForm):
    valid_from = forms.DateField(label=_("Valid from"), widget=_date_input())
    valid_to = forms.DateField(label=_("Valid until"), required=False, widget=_date_input(),
                               help_text=_("Leave empty: valid until a newer rate starts (which ends this one)."))
    source = forms.CharField(label=_("Source"), max_length=250,
                             help_text=_("Where the figure comes from: a decision, a contract, a price list."))


def _set_currency(form, country_code: str) -> None:
    initial = money.default_currency(country_code)
    form.fields["currency"].initial = initial
    form.fields["currency"].help_text = _("Three-letter ISO 4217 code; %(code)s is %(name)s.") % {
        "code": initial, "name": money.currency_name(initial)}


class UnitCostForm(_RateForm):
    service_type = forms.ModelChoiceField(label=_("Service type"), queryset=ServiceType.objects.order_by("name"))
    payer = forms.ChoiceField(label=_("Paid by"), choices=Payer.choices)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    amount = forms.DecimalField(label=_("Cost per unit"), max_digits=12, decimal_places=2, min_value=0)
    currency = forms.CharField(label=_("Currency"), max_length=3, min_length=3)
    field_order = ["service_type", "payer", "unit", "amount", "currency"]

    def __init__(self, *args, country_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        _set_currency(self, country_code)


class StaffRateForm(_RateForm):
    profession = forms.CharField(label=_("Profession"), max_length=80,
                                 help_text=_("e.g. social worker, psychologist, lawyer: a role, never a name."))
    hourly = forms.DecimalField(label=_("Loaded hourly rate"), max_digits=10, decimal_places=2, min_value=0,
                                help_text=_("Gross pay with the employer's taxes and contributions, per hour."))
    currency = forms.CharField(label=_("Currency"), max_length=3, min_length=3)
    field_order = ["profession", "hourly", "currency"]

    def __init__(self, *args, country_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        _set_currency(self, country_code)


class OverheadForm(_RateForm):
    percent = forms.DecimalField(label=_("Overhead in percent of staff cost"), max_digits=5, decimal_places=2,
                                 min_value=0, max_value=100)
    field_order = ["percent"]


class EndRateForm(StromForm):
    valid_to = forms.DateField(label=_("Valid until"), widget=_date_input())


class StaffTimeForm(StromForm):
    on = forms.DateField(label=_("Date"), widget=_date_input())
    hours = forms.DecimalField(label=_("Hours"), max_digits=6, decimal_places=2)
    profession = forms.ChoiceField(label=_("Profession"))
    payer = forms.ChoiceField(label=_("Paid by"), choices=Payer.choices)

    def __init__(self, *args, professions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profession"].choices = [(p, p) for p in professions]
        self.fields["on"].initial = timezone.localdate()


class ReportForm(forms.Form):
    """The report's choices (GET); a bad value falls back to the default rather than failing."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", _("All municipalities"))] + [
            (str(m.pk), m.name) for m in municipalities]
