"""Forms of the case pages. They only shape input; the services validate and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from strom.accounts.models import User
from strom.cases import consent
from strom.cases.models import DecisionLevel, DecisionOutcome
from strom.cases.stages import ClosureReason, Stage, allowed_moves
from strom.cases.vocabularies import (
    ContactSafety,
    ControlMeans,
    DocumentsStatus,
    ExploitationForm,
    Gender,
    Industry,
    PlaceKind,
    RiskFlag,
)
from strom.network.forms import MunicipalityField, municipality_choices
from strom.network.languages import other_choices as other_language_choices
from strom.network.languages import region_choices
from strom.network.models import Organisation
from strom.web.forms import StromForm


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text_area(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class Fieldsets:
    FIELDSETS: list = []
    COLLAPSED: frozenset = frozenset()

    def fieldsets(self):
        return [{"id": key, "legend": legend, "fields": [(self[name], name in self.COLLAPSED) for name in names]}
                for key, legend, names in self.FIELDSETS]


class PersonForm(Fieldsets, StromForm):
    given_names = forms.CharField(label=_("Given names"), required=False, max_length=200)
    family_names = forms.CharField(label=_("Family names"), required=False, max_length=200)
    other_names = forms.CharField(label=_("Other names"), required=False, max_length=500,
                                  help_text=_("Earlier names, spellings in other alphabets, nicknames."))
    exploitation_name = forms.CharField(label=_("Name used during exploitation"), required=False, max_length=200)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=_date_input())
    estimated_age = forms.IntegerField(label=_("Estimated age"), required=False, min_value=0, max_value=120,
                                       help_text=_("When the date of birth is not known."))
    age_disputed = forms.BooleanField(label=_("The age is disputed"), required=False,
                                      help_text=_("Then the person is treated as a child until the age is assessed."))
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.UNKNOWN)
    citizenships = forms.MultipleChoiceField(label=_("Citizenships"), required=False, choices=countries,
                                             widget=forms.SelectMultiple(attrs={"size": 6}),
                                             help_text=_("Hold Ctrl (or ⌘) to choose more than one."))
    languages = forms.MultipleChoiceField(label=_("Languages"), required=False,
                                          widget=forms.SelectMultiple(attrs={"size": 6}),
                                          help_text=_("Hold Ctrl (or ⌘) to choose more than one."))
    interpreter_needed = forms.BooleanField(label=_("Needs an interpreter"), required=False)
    contact = forms.CharField(label=_("Contact"), required=False, max_length=500, widget=_text_area(2),
                              help_text=_("Telephone, e-mail or address."))
    contact_safety = forms.ChoiceField(label=_("Is it safe to write or call?"), choices=ContactSafety.choices,
                                       initial=ContactSafety.UNKNOWN, widget=forms.RadioSelect)
    safe_contact_instructions = forms.CharField(label=_("Safe-contact instructions"), required=False,
                                                max_length=1000, widget=_text_area(2))
    documents_status = forms.ChoiceField(label=_("Identity documents"), choices=DocumentsStatus.choices,
                                         initial=DocumentsStatus.UNKNOWN, widget=forms.RadioSelect)
    documents_note = forms.CharField(label=_("About the documents"), required=False, max_length=1000,
                                     widget=_text_area(2))

    FIELDSETS = [
        ("names", _("Names"), ["given_names", "family_names", "other_names", "exploitation_name"]),
        ("age", _("Age and gender"), ["birth_date", "estimated_age", "age_disputed", "gender"]),
        ("origin", _("Citizenship and languages"), ["citizenships", "languages", "interpreter_needed"]),
        ("contact", _("Contact"), ["contact", "contact_safety", "safe_contact_instructions"]),
        ("documents", _("Documents"), ["documents_status", "documents_note"]),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = [(_("Languages of the region"), region_choices()),
                                            (_("Other languages"), other_language_choices())]

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["birth_date"] = data["birth_date"].isoformat() if data.get("birth_date") else ""
        return data


class CaseForm(Fieldsets, StromForm):
    municipality = MunicipalityField(label=_("Municipality"))
    team = forms.MultipleChoiceField(label=_("Team"), required=False, widget=forms.CheckboxSelectMultiple)
    exploitation_forms = forms.MultipleChoiceField(label=_("Forms of exploitation"), required=False,
                                                   choices=ExploitationForm.choices,
                                                   widget=forms.CheckboxSelectMultiple)
    industry = forms.ChoiceField(label=_("Industry (ISIC section)"), required=False,
                                 choices=[("", _("Not known or not labour")), *Industry.choices])
    means_of_control = forms.MultipleChoiceField(label=_("Means of control"), required=False,
                                                 choices=ControlMeans.choices, widget=forms.CheckboxSelectMultiple)
    risk_flags = forms.MultipleChoiceField(label=_("Risk flags"), required=False, choices=RiskFlag.choices,
                                           widget=forms.CheckboxSelectMultiple)

    FIELDSETS = [
        ("where", _("Where and who"), ["municipality", "team"]),
        ("exploitation", _("Exploitation"), ["exploitation_forms", "industry", "means_of_control"]),
        ("risks", _("Risks"), ["risk_flags"]),
    ]
    COLLAPSED = frozenset({"means_of_control"})

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", _("Choose the municipality")), *municipality_choices()]
        members = (User.objects.filter(memberships__organisation=organisation, memberships__is_active=True,
                                       is_active=True).distinct().order_by("display_name", "username"))
        self._members = {str(user.pk): user for user in members}
        self.fields["team"].choices = [(pk, user.display_name or user.username) for pk, user in self._members.items()]

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["team"] = [self._members[pk] for pk in data["team"]]
        return data


class PlaceForm(StromForm):
    kind = forms.ChoiceField(label=_("What happened there"), required=False,
                             choices=[("", _("Nothing (leave this place empty)")), *PlaceKind.choices])
    country = forms.ChoiceField(label=_("Country"), required=False, choices=[("", _("Choose")), *countries])
    place = forms.CharField(label=_("Town or region"), required=False, max_length=200,
                            help_text=_("A town or region, not an address."))
    date_from = forms.DateField(label=_("From"), required=False, widget=_date_input())
    date_to = forms.DateField(label=_("Until"), required=False, widget=_date_input())

    def clean(self):
        data = super().clean()
        if data.get("kind") and not data.get("country"):
            self.add_error("country", _("Choose the country."))
        if data.get("country") and not data.get("kind"):
            self.add_error("kind", _("Say what happened there."))
        return data


PlaceFormSet = forms.formset_factory(PlaceForm, extra=3, max_num=20)


def places_of(formset) -> list[dict]:
    return [form.cleaned_data for form in formset if form.cleaned_data.get("kind")]


class StageForm(StromForm):
    to_stage = forms.ChoiceField(label=_("New stage"), widget=forms.RadioSelect)
    why = forms.CharField(label=_("Why"), max_length=2000, widget=_text_area(3),
                          help_text=_("What happened or was decided. Colleagues read this in the timeline."))
    closure_reason = forms.ChoiceField(label=_("Reason for closing"), required=False,
                                       choices=[("", _("Not closing")), *ClosureReason.choices],
                                       help_text=_("Only when the new stage is “Closed”."))

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [(stage, Stage(stage).label) for stage in allowed_moves(current)]


class DecisionForm(StromForm):
    authority = forms.CharField(label=_("Deciding authority"), max_length=250)
    level = forms.ChoiceField(label=_("Level"), choices=DecisionLevel.choices, widget=forms.RadioSelect)
    decided_on = forms.DateField(label=_("Date of the decision"), widget=_date_input())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=DecisionOutcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=_text_area(2))


class ConsentForm(StromForm):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=consent.Purpose.choices)
    recipient_organisation = forms.ModelChoiceField(
        label=_("Recipient organisation"), required=False, queryset=Organisation.objects.none(),
        empty_label=_("Not an organisation in Strom"))
    recipient_text = forms.CharField(label=_("Or the recipient in words"), required=False, max_length=250,
                                     help_text=_("For example: the person's family."))
    state = forms.ChoiceField(label=_("Consent"), choices=consent.State.choices, widget=forms.RadioSelect)
    how = forms.ChoiceField(label=_("How it was given or withdrawn"), required=False,
                            choices=[("", _("Not applicable")), *consent.How.choices])
    legal_basis = forms.ChoiceField(label=_("Legal basis, when consent is not required"), required=False,
                                    choices=[("", _("Not applicable")), *consent.LegalBasis.choices])
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=_text_area(2))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient_organisation"].queryset = Organisation.objects.filter(is_active=True).order_by(
            "country", "name")


class BreakGlassForm(StromForm):
    reason = forms.CharField(label=_("Why do you need this case now?"), required=False, max_length=2000,
                             widget=_text_area(4),
                             help_text=_("Required. The lead organisation is told that you opened the case, "
                                         "and the auditors can read your reason."))


class ListFilterForm(StromForm):
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", _("Any stage")), *Stage.choices])
    municipality = MunicipalityField(label=_("Municipality"), required=False)
    mine = forms.BooleanField(label=_("Only my cases"), required=False)
    deadline = forms.TypedChoiceField(label=_("Deadline"), required=False, coerce=int, empty_value=None, choices=[
        ("", _("Any")), *[(days, _("Within %(days)d days") % {"days": days}) for days in (7, 14, 30)]])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", _("Any municipality")), *municipality_choices()]
