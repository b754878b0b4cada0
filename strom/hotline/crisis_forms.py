"""Forms of the crisis view, the job-offer check and escalation. They shape input; services decide."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from strom.cases.consent import How
from strom.hotline import joboffer
from strom.network.models import Municipality
from strom.network.vocabularies import ExploitationForm
from strom.referrals.forms import CaselessReferralForm
from strom.screening.models import AgeGroup
from strom.web.forms import StromForm

ANSWER_CHOICES = [(joboffer.YES, _("Yes")), (joboffer.NO, _("No")), (joboffer.UNSURE, _("Not sure"))]


def country_choices():
    return [("", "—"), *[(code, name) for code, name in countries]]


def municipality_field(required: bool = False) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=_("Municipality"), required=required,
                                  queryset=Municipality.objects.order_by("country", "name"))


class CrisisForm(StromForm):
    """The place and what is known; from the contact form (htmx) or typed on the crisis page.

    Unknown form-of-exploitation values are ignored rather than refused: the panel must show help
    for whatever the contact form holds."""

    municipality = municipality_field()
    country = forms.ChoiceField(label=_("Or the country, when the place is not known"), required=False,
                                choices=country_choices)
    language = forms.CharField(label=_("Caller's language (ISO 639-1)"), required=False, max_length=8)
    exploitation_forms = forms.MultipleChoiceField(label=_("Forms of exploitation suspected"), required=False,
                                                   choices=ExploitationForm.choices,
                                                   widget=forms.CheckboxSelectMultiple)
    child = forms.BooleanField(label=_("The caller or the person in danger may be a child"), required=False)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            data.setlist("exploitation_forms", [value for value in data.getlist("exploitation_forms")
                                                if value in ExploitationForm.values])
        super().__init__(data, *args, **kwargs)

    def clean_language(self):
        return self.cleaned_data["language"].strip().lower()[:2]

    def has_place(self) -> bool:
        return bool(self.cleaned_data.get("municipality") or self.cleaned_data.get("country"))


class JobOfferForm(StromForm):
    destination_country = forms.ChoiceField(label=_("Destination country"), required=False,
                                            choices=country_choices)
    language = forms.ChoiceField(label=_("Language of the summary"), choices=settings.LANGUAGES,
                                 help_text=_("The summary is written in the caller's language where Strom has it."))

    def __init__(self, *args, checklist: joboffer.Checklist, **kwargs):
        super().__init__(*args, **kwargs)
        for item in checklist.items:
            self.fields[f"q_{item.code}"] = forms.ChoiceField(
                label=_(item.question), required=False, choices=ANSWER_CHOICES, widget=forms.RadioSelect)
        self.checklist = checklist

    def answers(self) -> dict:
        return {item.code: self.cleaned_data.get(f"q_{item.code}") or "" for item in self.checklist.items}


class ScreeningEscalationForm(StromForm):
    age_group = forms.ChoiceField(label=_("Age group"), choices=AgeGroup.choices, widget=forms.RadioSelect,
                                  help_text=_("When the age is uncertain, the children's indicators are used."))
    exploitation_forms = forms.MultipleChoiceField(label=_("Forms of exploitation suspected"), required=False,
                                                   choices=ExploitationForm.choices,
                                                   widget=forms.CheckboxSelectMultiple)


class ReferralEscalationForm(CaselessReferralForm):
    """The referrals app's case-less form, filled from the contact (see views_crisis.referral_initial)."""


class CaseEscalationForm(StromForm):
    consent_given = forms.BooleanField(
        label=_("The caller agrees that a case is opened and that her identity is kept"), required=False)
    consent_how = forms.ChoiceField(label=_("How the caller agreed"), choices=[("", "—"), *How.choices],
                                    required=False)
    given_names = forms.CharField(label=_("Given names"), max_length=200)
    family_names = forms.CharField(label=_("Family names"), max_length=200, required=False)
    birth_date = forms.DateField(label=_("Birth date"), required=False, help_text=_("YYYY-MM-DD, if known."),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    municipality = municipality_field(required=False)

    def person(self) -> dict:
        data = self.cleaned_data
        person = {"given_names": data["given_names"], "family_names": data.get("family_names", "")}
        if data.get("birth_date"):
            person["birth_date"] = data["birth_date"]
        return person
