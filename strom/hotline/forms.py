"""The contact form: one page, radios and selects in call order, defaults for a routine call.

No field for a name, phone number or e-mail address: an anonymous contact cannot hold one.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from strom.hotline.models import CallerType, Channel, Outcome, Topic, Urgency
from strom.hotline.reference import normalise_reference
from strom.network.forms import municipality_choices
from strom.network.languages import grouped_choices
from strom.network.models import Municipality, Service
from strom.network.vocabularies import ExploitationForm

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _country_choices(empty_label):
    return [("", empty_label), *countries]


class ContactForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices, widget=forms.RadioSelect)
    caller_type = forms.ChoiceField(label=_("Who contacts us"), choices=CallerType.choices, widget=forms.RadioSelect,
                                    initial=CallerType.UNKNOWN)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, widget=forms.RadioSelect,
                                initial=Channel.PHONE)
    language = forms.ChoiceField(label=_("Language"), required=False)
    started_at = forms.DateTimeField(label=_("Started"), input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
                                     widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                format=DATETIME_FORMAT))
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), required=False, min_value=0,
                                          max_value=600, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, widget=forms.RadioSelect,
                                initial=Urgency.ROUTINE)
    exploitation_forms = forms.MultipleChoiceField(label=_("Forms of exploitation suspected"), required=False,
                                                   choices=ExploitationForm.choices,
                                                   widget=forms.CheckboxSelectMultiple)
    municipality = forms.ModelChoiceField(label=_("Municipality"), required=False, queryset=Municipality.objects.all())
    country = forms.ChoiceField(label=_("Country"), required=False)
    destination_country = forms.ChoiceField(label=_("Destination country (working abroad)"), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect,
                                initial=Outcome.INFORMATION)
    referred_to = forms.ModelChoiceField(label=_("Referred to (service)"), required=False,
                                         queryset=Service.objects.filter(is_active=True))
    police_reason = forms.CharField(label=_("Why the police were notified"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("No names, phone numbers or addresses unless the caller agreed to be "
                                        "identified."))
    caller_reference = forms.CharField(label=_("Caller reference (calling again)"), required=False, max_length=20,
                                       help_text=_("Leave empty for a new caller: you get a reference to read out."),
                                       widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    campaign_code = forms.CharField(label=_("Campaign code"), required=False, max_length=32,
                                    help_text=_("Where the caller saw our number, if a campaign code was given."),
                                    widget=forms.TextInput(attrs={"autocomplete": "off"}))

    def __init__(self, *args, organisation=None, new=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = grouped_choices(_("Not known"))
        self.fields["country"].choices = _country_choices(_("Not given"))
        self.fields["destination_country"].choices = _country_choices(_("Not given"))
        self.fields["municipality"].choices = [("", _("Not given")), *municipality_choices()]
        services = Service.objects.filter(is_active=True).select_related("organisation").order_by(
            "organisation__name", "name")
        self.fields["referred_to"].choices = [("", _("Not referred")),
                                              *[(str(s.pk), f"{s.organisation.name} · {s.name}") for s in services]]
        if not new:
            del self.fields["caller_reference"]

    def clean_caller_reference(self):
        typed = self.cleaned_data.get("caller_reference", "")
        if typed.strip() and normalise_reference(typed) is None:
            raise forms.ValidationError(_("A caller reference has six letters and digits, e.g. K7M-4PX."))
        return typed

    def clean_started_at(self):
        started = self.cleaned_data["started_at"]
        if started > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("The contact cannot start in the future."))
        return started

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Outcome.REFERRED and not data.get("referred_to"):
            self.add_error("referred_to", _("Say to which service the caller was referred."))
        if data.get("outcome") == Outcome.POLICE and not (data.get("police_reason") or "").strip():
            self.add_error("police_reason", _("Say why the police were notified."))
        return data

    def contact_values(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items()
                if name not in ("caller_reference",) and not name.startswith("follow_up")}


class NewContactForm(ContactForm):
    """A new contact can carry its first follow-up task."""

    follow_up_task = forms.CharField(label=_("Follow-up task"), required=False, max_length=500,
                                     help_text=_("Leave empty when nothing is to be done."))
    follow_up_due = forms.DateField(label=_("Follow-up due"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    follow_up_owner = forms.ChoiceField(label=_("Follow-up owner"), required=False)

    def __init__(self, *args, operators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.operators = {str(user.pk): user for user in operators}
        self.fields["follow_up_owner"].choices = [(pk, user.display_name or user.username)
                                                  for pk, user in self.operators.items()]

    def clean(self):
        data = super().clean()
        if (data.get("follow_up_task") or "").strip() and not data.get("follow_up_due"):
            self.add_error("follow_up_due", _("Give the day the follow-up is due."))
        return data

    def follow_up(self) -> dict | None:
        task = (self.cleaned_data.get("follow_up_task") or "").strip()
        if not task:
            return None
        return {"task": task, "due_on": self.cleaned_data["follow_up_due"],
                "owner": self.operators.get(self.cleaned_data.get("follow_up_owner") or "")}


class FollowUpForm(forms.Form):
    task = forms.CharField(label=_("Task"), max_length=500)
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    owner = forms.ChoiceField(label=_("Owner"))

    def __init__(self, *args, operators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.operators = {str(user.pk): user for user in operators}
        self.fields["owner"].choices = [(pk, user.display_name or user.username) for pk, user in self.operators.items()]


class FiguresForm(forms.Form):
    since = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    until = forms.DateField(label=_("Until (inclusive)"), widget=forms.DateInput(attrs={"type": "date"},
                                                                                 format="%Y-%m-%d"))

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end comes before the start."))
        elif data.get("since") and data.get("until") and (data["until"] - data["since"]).days > 3 * 366:
            self.add_error("since", _("Choose at most three years."))
        return data
