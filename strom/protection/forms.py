"""Forms of the protection pages. They only shape input; the services validate and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from strom.accounts.models import User
from strom.protection.models import EndReason, LengthUnit, PermitGround, RiskLevel
from strom.web.forms import StromForm


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text_area(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class PeriodForm(StromForm):
    start = forms.DateField(label=_("First day"), widget=_date_input())
    authority = forms.CharField(label=_("Granted by"), max_length=250,
                                help_text=_("The authority that granted the period."))
    granted_amount = forms.IntegerField(label=_("Length granted"), required=False, min_value=1,
                                        help_text=_("Only when the decision states a length; else the country's "
                                                    "rule applies."))
    granted_unit = forms.ChoiceField(label=_("Unit of the length granted"), choices=LengthUnit.choices,
                                     initial=LengthUnit.DAYS, required=False)


class ExtensionForm(StromForm):
    granted_on = forms.DateField(label=_("Granted on"), widget=_date_input())
    amount = forms.IntegerField(label=_("Length"), min_value=1)
    unit = forms.ChoiceField(label=_("Unit"), choices=LengthUnit.choices, initial=LengthUnit.DAYS)
    granted_by = forms.CharField(label=_("Granted by"), max_length=250)
    why = forms.CharField(label=_("Why"), required=False, max_length=4000, widget=_text_area(2))


class EndForm(StromForm):
    ended_on = forms.DateField(label=_("Last day in force"), widget=_date_input())
    reason = forms.ChoiceField(label=_("Why it ended"), choices=EndReason.choices, widget=forms.RadioSelect)
    ended_by = forms.CharField(label=_("Ended by"), max_length=250, required=False,
                               help_text=_("The authority, or “the person”; never a name."))


class PermitForm(StromForm):
    ground = forms.ChoiceField(label=_("Ground"), choices=PermitGround.choices, widget=forms.RadioSelect)
    valid_from = forms.DateField(label=_("Valid from"), widget=_date_input())
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=_date_input(),
                                  help_text=_("Leave empty to use the country's usual length."))
    authority = forms.CharField(label=_("Issued by"), max_length=250)


class RenewalForm(StromForm):
    granted_on = forms.DateField(label=_("Renewed on"), widget=_date_input())
    valid_until = forms.DateField(label=_("New expiry"), required=False, widget=_date_input(),
                                  help_text=_("Leave empty to use the country's usual renewal length."))
    authority = forms.CharField(label=_("Renewed by"), max_length=250)


class RiskForm(StromForm):
    assessed_on = forms.DateField(label=_("Date of the assessment"), widget=_date_input())
    level = forms.ChoiceField(label=_("Risk level"), choices=RiskLevel.choices, widget=forms.RadioSelect)
    risks = forms.CharField(label=_("Risks found"), required=False, max_length=4000, widget=_text_area())
    measures = forms.CharField(label=_("Safety measures"), required=False, max_length=4000, widget=_text_area())
    next_review = forms.DateField(label=_("Next review"), required=False, widget=_date_input())


class GuardianForm(StromForm):
    appointed_on = forms.DateField(label=_("Appointed on"), widget=_date_input())
    authority = forms.CharField(label=_("Appointed by"), max_length=250,
                                help_text=_("The authority that appointed the guardian."))
    guardian = forms.CharField(label=_("Guardian"), max_length=250,
                               help_text=_("The organisation, or the guardian's name."))


class BestInterestsForm(StromForm):
    assessed_on = forms.DateField(label=_("Date of the assessment"), widget=_date_input())
    assessed_by = forms.CharField(label=_("Assessed by"), max_length=250,
                                  help_text=_("The authority or organisation."))
    conclusion = forms.CharField(label=_("Conclusion"), max_length=4000, widget=_text_area())


class TaskForm(StromForm):
    title = forms.CharField(label=_("Task"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=_date_input())
    assignee = forms.ModelChoiceField(label=_("Assigned to"), required=False, queryset=User.objects.none(),
                                      empty_label=_("Nobody yet"))

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            User.objects.filter(memberships__organisation=organisation, memberships__is_active=True, is_active=True)
            .distinct().order_by("display_name"))
