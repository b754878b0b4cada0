"""The referral forms. They only shape input; the services decide (consent, fields, states)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from strom.cases.consent import How, LegalBasis
from strom.network.models import Service
from strom.referrals import sharing
from strom.referrals.models import Urgency
from strom.web.forms import StromForm

AGE_GROUP_CHOICES = [
    ("", _("Unknown")),
    *[(code, code) for code, _low, _high in sharing.AGE_GROUPS],
    (sharing.CHILD_DISPUTED, _("Child (age disputed)")),
]


def services_to_refer_to(organisation):
    return (
        Service.objects.filter(is_active=True, organisation__is_active=True)
        .exclude(organisation=organisation)
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


class ReferralForm(StromForm):
    service = forms.ModelChoiceField(label=_("Service"), queryset=Service.objects.none())
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.ROUTINE)
    reason = forms.CharField(label=_("Why you refer the person"), widget=forms.Textarea(attrs={"rows": 3}))
    needs = forms.CharField(
        label=_("Needs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the person needs from this service. No names."),
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("Fields to share"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(name, sharing.LABELS[name]) for name in sharing.EXTRA + sharing.IDENTITY],
        help_text=_(
            "Pseudonym, age group, languages, needs and urgency are always shared. Share identity only "
            "when the consent covers it and the service needs it."
        ),
    )
    transfer_lead = forms.BooleanField(label=_("Ask the receiver to take over the lead of the case"), required=False)

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services_to_refer_to(organisation)
        self.fields["service"].label_from_instance = lambda service: f"{service.name} — {service.organisation.name}"


class CaselessReferralForm(ReferralForm):
    summary = forms.CharField(
        label=_("About the person"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the receiver needs to know tonight. No names, no contact details."),
    )
    languages = forms.CharField(label=_("Languages (ISO 639-1 codes, comma-separated)"), required=False)
    age_group = forms.ChoiceField(label=_("Age group"), choices=AGE_GROUP_CHOICES, required=False)
    consent_how = forms.ChoiceField(label=_("The person agreed"), choices=[("", "—"), *How.choices], required=False)
    legal_basis = forms.ChoiceField(
        label=_("Or: the legal basis to act without consent"), choices=[("", "—"), *LegalBasis.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_fields"].choices = []
        del self.fields["shared_fields"]
        del self.fields["transfer_lead"]

    def clean_languages(self):
        codes = [code.strip().lower() for code in self.cleaned_data["languages"].split(",") if code.strip()]
        if any(len(code) != 2 or not code.isalpha() for code in codes):
            raise forms.ValidationError(_("Write two-letter language codes, e.g. “uk, ru”."))
        return codes


class AcceptForm(StromForm):
    assigned_to = forms.ChoiceField(label=_("Case worker"))
    note = forms.CharField(label=_("Note to the sender"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, workers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = {str(user.pk): user for user in workers}
        self.fields["assigned_to"].choices = [(str(user.pk), user.display_name or user.username) for user in workers]


class DeclineForm(StromForm):
    reason = forms.CharField(label=_("Why you decline"), widget=forms.Textarea(attrs={"rows": 2}))
    suggested_service = forms.ModelChoiceField(
        label=_("Suggest another service"), required=False, queryset=Service.objects.none()
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggested_service"].queryset = services_to_refer_to(None).filter(is_active=True)


class NoteForm(StromForm):
    note = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 2}))


class OptionalNoteForm(StromForm):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
