"""The auditor's filters on the trail page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from strom.audit.models import Outcome
from strom.web.forms import StromForm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")  # the only format a date input understands


class TrailFilterForm(StromForm):
    date_from = forms.DateField(label=_("From (date)"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To (date, inclusive)"), required=False, widget=DateInput())
    action = forms.CharField(
        label=_("Action"), required=False, max_length=64,
        help_text=_("For example auth.login, or auth for every action of that area."),
    )
    actor = forms.CharField(label=_("User name"), required=False, max_length=150)
    target_type = forms.CharField(
        label=_("Record type"), required=False, max_length=100, help_text=_("For example accounts.user."),
    )
    target_id = forms.CharField(label=_("Record id"), required=False, max_length=64)
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", _("Any outcome")), *Outcome.choices],
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data

    def active_filters(self) -> dict[str, str]:
        """The filters in use, as text: what the audit event of this view records."""
        return {name: str(value) for name, value in self.cleaned_data.items() if value not in (None, "")}
