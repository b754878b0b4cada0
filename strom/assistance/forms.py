"""Forms of the assistance pages. They only shape input; the services validate and decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from strom.assistance import money, queries
from strom.assistance.vocabularies import (
    ClaimStatus,
    GoalStatus,
    Payer,
    ProceedingKind,
    ProceedingRole,
    ProceedingStage,
    ReturnStatus,
    ReviewOutcome,
    Unit,
    Urgency,
)
from strom.network.models import Service
from strom.web.forms import StromForm


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text_area(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class ServiceChoiceField(forms.ModelChoiceField):
    """A directory service, offered grouped: the case's municipality first, then its country."""

    def __init__(self, case, query="", **kwargs):
        groups = queries.service_groups(case, query)
        ids = [service.pk for _, services in groups for service in services]
        super().__init__(queryset=Service.objects.filter(pk__in=ids, is_active=True), **kwargs)
        self.choices = [("", _("Choose a service")),
                        *[(label, [(service.pk, f"{service.name} · {service.organisation.name}")
                                   for service in services]) for label, services in groups]]


class NeedsForm(StromForm):
    assessed_on = forms.DateField(label=_("Assessed on"), widget=_date_input())
    needs = forms.ModelMultipleChoiceField(label=_("Needs"), queryset=queries.need_types(),
                                           widget=forms.CheckboxSelectMultiple)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, widget=forms.RadioSelect,
                                initial=Urgency.ROUTINE)
    note = forms.CharField(label=_("Note"), required=False, widget=_text_area(),
                           help_text=_("Stored encrypted. Seen only by those who see the case."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = queries.need_types()
        self.fields["assessed_on"].initial = timezone.localdate()


class GoalForm(StromForm):
    text = forms.CharField(label=_("Goal"), max_length=2000, widget=_text_area(2),
                           help_text=_("Stored encrypted."))
    target_date = forms.DateField(label=_("Target date"), required=False, widget=_date_input())
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices, initial=GoalStatus.OPEN)


class GoalStatusForm(StromForm):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices, widget=forms.RadioSelect)


class PlannedServiceForm(StromForm):
    date_from = forms.DateField(label=_("From"), widget=_date_input())
    date_to = forms.DateField(label=_("To"), required=False, widget=_date_input())

    def __init__(self, *args, case, query="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"service": ServiceChoiceField(case, query, label=_("Service")), **self.fields}
        self.fields["service"].widget.attrs["class"] = "ds-input"


class ApproveForm(StromForm):
    next_review_on = forms.DateField(label=_("Next review"), widget=_date_input(),
                                     help_text=_("The plan's review falls due on this day."))


class ReviewForm(StromForm):
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=_date_input())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ReviewOutcome.choices, widget=forms.RadioSelect)
    next_review_on = forms.DateField(label=_("Next review"), required=False, widget=_date_input())
    note = forms.CharField(label=_("Note"), required=False, widget=_text_area(), help_text=_("Stored encrypted."))


class DeliveredForm(StromForm):
    provider_name = forms.CharField(label=_("Or a provider outside the directory"), required=False, max_length=200)
    date_from = forms.DateField(label=_("From"), widget=_date_input())
    date_to = forms.DateField(label=_("To"), widget=_date_input())
    units = forms.DecimalField(label=_("Units"), max_digits=10, decimal_places=2)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    unit_cost = forms.DecimalField(label=_("Cost per unit"), max_digits=12, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), max_length=3, min_length=3,
                               help_text=_("Three-letter ISO 4217 code, e.g. EUR."))
    payer = forms.ChoiceField(label=_("Paid by"), choices=Payer.choices)

    def __init__(self, *args, case, query="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"service": ServiceChoiceField(case, query, label=_("Service from the directory"),
                                                     required=False), **self.fields}
        self.fields["service"].widget.attrs["class"] = "ds-input"
        self.fields["currency"].initial = money.default_currency(case.municipality.country.code)
        self.fields["currency"].help_text = _("Three-letter ISO 4217 code; %(code)s is %(name)s.") % {
            "code": self.fields["currency"].initial, "name": money.currency_name(self.fields["currency"].initial)}


class ProceedingForm(StromForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProceedingKind.choices)
    stage = forms.ChoiceField(label=_("Stage"), choices=ProceedingStage.choices)
    role = forms.ChoiceField(label=_("The person's role"), choices=ProceedingRole.choices, widget=forms.RadioSelect)
    protection_measures = forms.CharField(label=_("Protection measures"), required=False, widget=_text_area(),
                                          help_text=_("Stored encrypted."))
    legal_aid = forms.BooleanField(label=_("Legal aid"), required=False)
    legal_aid_by = forms.CharField(label=_("Legal aid given by"), required=False, max_length=200)


class ClaimForm(StromForm):
    amount = forms.DecimalField(label=_("Amount"), max_digits=12, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), max_length=3, min_length=3,
                               help_text=_("Three-letter ISO 4217 code, e.g. EUR."))
    against = forms.CharField(label=_("Against whom"), max_length=500, help_text=_("Stored encrypted."))
    status = forms.ChoiceField(label=_("Status"), choices=ClaimStatus.choices)


class ReturnPlanForm(StromForm):
    destination_country = forms.ChoiceField(label=_("Destination country"), choices=[("", _("Choose")), *countries])
    assisting_organisation = forms.CharField(label=_("Assisting organisation"), max_length=200)
    planned_on = forms.DateField(label=_("Planned date"), required=False, widget=_date_input())
    risk_assessment_done = forms.BooleanField(label=_("Risk assessment done"), required=False)
    receiving_contact = forms.CharField(label=_("Contact organisation in the receiving country"), required=False,
                                        max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=ReturnStatus.choices)
