from __future__ import annotations

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.validators import RegexValidator
from django.db.models import Q
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from strom.network.languages import grouped_choices, other_choices, region_choices
from strom.network.models import Municipality, OrganisationType, ServiceType
from strom.network.pathway import Need
from strom.network.queries import municipalities
from strom.network.vocabularies import AnswerUnit, Consent, ExploitationForm, LegalStatus, Sex
from strom.web.forms import StromForm


class MunicipalityForm(StromForm):
    country = forms.ChoiceField(label=_("Country"), choices=countries)
    name = forms.CharField(label=_("Name in the local language"), max_length=200)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    region = forms.CharField(label=_("Region"), max_length=200, required=False)


class OrganisationForm(StromForm):
    name = forms.CharField(label=_("Name"), max_length=250)
    type = forms.ChoiceField(label=_("Type"), choices=OrganisationType.choices)
    country = forms.ChoiceField(label=_("Country"), choices=countries)
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=municipalities(), required=False,
                                          help_text=_("Leave empty for organisations that work nationally."))


class AdministratorForm(StromForm):
    display_name = forms.CharField(label=_("Name shown to colleagues"), max_length=150)
    email = forms.EmailField(label=_("Work e-mail address"))
    username = forms.CharField(label=_("User name"), max_length=150, validators=[UnicodeUsernameValidator()],
                               help_text=_("Letters, digits and @ . + - _ only."))


# --- Choices that depend on the data or the reader's language ----------------------------------


def type_choices() -> list[tuple[str, str]]:
    """Service types by code, named in the reader's language and sorted by that name."""
    return sorted(((t.code, str(t)) for t in ServiceType.objects.all()), key=lambda choice: choice[1].casefold())


def municipality_choices(queryset=None) -> list:
    """Municipalities grouped by country, for a <select>."""
    groups: dict[str, list] = {}
    for municipality in (queryset if queryset is not None else municipalities()):
        groups.setdefault(municipality.country.name, []).append((str(municipality.pk), municipality.name))
    return [(country, sorted(items, key=lambda item: item[1].casefold())) for country, items in sorted(groups.items())]


def _optional(label, choices) -> list:
    return [("", label), *choices]


class ServiceTypeField(forms.ChoiceField):
    """A service type chosen by code; cleaned to the ServiceType."""

    def clean(self, value):
        code = super().clean(value)
        return ServiceType.objects.filter(code=code).first() if code else None


class MunicipalityField(forms.ChoiceField):
    """A municipality chosen by id; cleaned to the Municipality."""

    def clean(self, value):
        pk = super().clean(value)
        return Municipality.objects.filter(pk=pk).first() if pk else None


PHONE = RegexValidator(r"^\+?[0-9][0-9 ()./-]{2,38}$",
                       _("Write the number with digits, spaces or dashes, and + before the country code."))


def _time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


# --- Services ----------------------------------------------------------------------------------


class ServiceForm(StromForm):
    """Everything about a service except its hours, exceptions, locations and free places."""

    FIELDSETS = [
        ("about", _("About the service"), ["name", "type", "description", "is_active", "is_public"]),
        ("who", _("Who it is for"), ["min_age", "max_age", "sexes", "legal_statuses", "exploitation_forms",
                                     "accompanied_children", "languages", "more_languages"]),
        ("where", _("Where"), ["whole_country", "areas"]),
        ("when", _("When"), ["open_on_public_holidays"]),
        ("refer", _("How to reach and refer"), ["phone", "phone_24_7", "email", "website", "how_to_refer",
                                                "consent", "answer_time", "answer_unit"]),
        ("capacity", _("Capacity"), ["capacity_total"]),
    ]
    COLLAPSED = {"more_languages"}  # shown in a disclosure: long, and rarely needed

    name = forms.CharField(label=_("Name"), max_length=250)
    type = ServiceTypeField(label=_("Type of service"))
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text=_("What the service does, in plain words."))
    is_active = forms.BooleanField(label=_("Active: the service is offered now"), required=False, initial=True)
    is_public = forms.BooleanField(
        label=_("Show in the public directory"), required=False,
        help_text=_("The public sees the name, description, languages, contacts, hours and non-confidential "
                    "addresses; never how to refer, capacity or confidential addresses."))

    min_age = forms.IntegerField(label=_("Youngest age"), required=False, min_value=0, max_value=120,
                                 help_text=_("Leave empty when there is no lower limit."))
    max_age = forms.IntegerField(label=_("Oldest age"), required=False, min_value=0, max_value=120,
                                 help_text=_("Leave empty when there is no upper limit."))
    sexes = forms.MultipleChoiceField(label=_("Only for (none ticked: anyone)"), choices=Sex.choices,
                                      required=False, widget=forms.CheckboxSelectMultiple)
    legal_statuses = forms.MultipleChoiceField(label=_("Only for these legal statuses (none ticked: any)"),
                                               choices=LegalStatus.choices, required=False,
                                               widget=forms.CheckboxSelectMultiple)
    exploitation_forms = forms.MultipleChoiceField(label=_("Only for these forms of exploitation (none ticked: any)"),
                                                   choices=ExploitationForm.choices, required=False,
                                                   widget=forms.CheckboxSelectMultiple)
    accompanied_children = forms.BooleanField(label=_("Takes children accompanying the person"), required=False)
    languages = forms.MultipleChoiceField(label=_("Languages spoken"), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    more_languages = forms.MultipleChoiceField(label=_("Other languages spoken"), required=False,
                                               widget=forms.CheckboxSelectMultiple)

    whole_country = forms.BooleanField(label=_("Serves the whole country"), required=False)
    areas = forms.ModelMultipleChoiceField(label=_("Municipalities served"), queryset=Municipality.objects.none(),
                                           required=False, widget=forms.CheckboxSelectMultiple)

    open_on_public_holidays = forms.BooleanField(label=_("Open on public holidays"), required=False)

    phone = forms.CharField(label=_("Phone"), max_length=40, required=False, validators=[PHONE])
    phone_24_7 = forms.CharField(label=_("24/7 phone"), max_length=40, required=False, validators=[PHONE],
                                 help_text=_("Only a number that answers day and night, every day."))
    email = forms.EmailField(label=_("E-mail"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    how_to_refer = forms.CharField(label=_("How to refer"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                   help_text=_("For professionals: whom to call, what to send, what to prepare. "
                                               "Never shown publicly."))
    consent = forms.ChoiceField(label=_("Consent you need before a referral"), choices=Consent.choices,
                                initial=Consent.VERBAL, widget=forms.RadioSelect)
    answer_time = forms.IntegerField(label=_("You answer a referral within"), required=False, min_value=1,
                                     max_value=1000)
    answer_unit = forms.ChoiceField(label=_("Unit of the answer time"), choices=AnswerUnit.choices,
                                    initial=AnswerUnit.HOURS)

    capacity_total = forms.IntegerField(label=_("Places in all"), required=False, min_value=0, max_value=100000,
                                        help_text=_("For accommodation: beds or rooms. Free places are updated "
                                                    "separately."))

    def __init__(self, *args, organisation, service=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = _optional(_("Choose a type"), type_choices())
        self.fields["languages"].choices = region_choices()
        self.fields["more_languages"].choices = other_choices()
        served = Q(country=organisation.country)
        if service is not None and service.pk:
            served |= Q(pk__in=service.areas.values("pk"))
        self.fields["areas"].queryset = Municipality.objects.filter(served).order_by("country", "name")

    @classmethod
    def initial_from(cls, service) -> dict:
        initial = {name: getattr(service, name) for name in (
            "name", "description", "is_active", "is_public", "min_age", "max_age", "sexes", "legal_statuses",
            "exploitation_forms", "accompanied_children", "whole_country", "open_on_public_holidays", "phone",
            "phone_24_7", "email", "website", "how_to_refer", "consent", "answer_time", "answer_unit",
            "capacity_total")}
        region = {code for code, _label in region_choices()}
        initial["type"] = service.type.code
        initial["languages"] = [code for code in service.languages if code in region]
        initial["more_languages"] = [code for code in service.languages if code not in region]
        initial["areas"] = list(service.areas.all())
        return initial

    def clean(self):
        data = super().clean()
        low, high = data.get("min_age"), data.get("max_age")
        if low is not None and high is not None and low > high:
            self.add_error("max_age", _("The oldest age is below the youngest."))
        if not data.get("whole_country") and not data.get("areas") and "areas" not in self.errors:
            self.add_error("areas", _("Choose the municipalities the service serves, or the whole country."))
        return data

    def service_fields(self) -> dict:
        """The cleaned data as create_service/update_service take it."""
        data = dict(self.cleaned_data)
        data["languages"] = [*data.pop("languages", []), *data.pop("more_languages", [])]
        return data

    def fieldsets(self):
        return [{"id": key, "legend": legend,
                 "fields": [(self[name], name in self.COLLAPSED) for name in names]}
                for key, legend, names in self.FIELDSETS]


class HoursForm(StromForm):
    """The week: each day optionally open, and optionally a second time on the same day."""

    always_open = forms.BooleanField(label=_("Open 24 hours, 7 days"), required=False,
                                     help_text=_("Then the hours below are not used."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for weekday in range(7):
            day = WEEKDAYS[weekday]
            labels = {"opens": _("%(day)s: opens"), "closes": _("%(day)s: closes"),
                      "opens2": _("%(day)s: opens again"), "closes2": _("%(day)s: closes again")}
            for key, label in labels.items():
                self.fields[f"{key}_{weekday}"] = forms.TimeField(
                    label=label % {"day": day}, required=False, widget=_time_input())
                self.fields[f"{key}_{weekday}"].widget.attrs["class"] = "ds-input"

    @classmethod
    def initial_from(cls, service) -> tuple[dict, bool]:
        """(initial data, whether a day has more openings than the form can show)."""
        initial: dict = {"always_open": service.always_open}
        per_day: dict[int, list] = {}
        for row in service.hours.all().order_by("weekday", "opens"):
            per_day.setdefault(row.weekday, []).append(row)
        for weekday, rows in per_day.items():
            for suffix, row in zip(("", "2"), rows, strict=False):
                initial[f"opens{suffix}_{weekday}"] = row.opens
                initial[f"closes{suffix}_{weekday}"] = row.closes
        return initial, any(len(rows) > 2 for rows in per_day.values())

    def rows(self) -> list[dict]:
        return [{"day": WEEKDAYS[weekday],
                 "fields": [self[f"{key}_{weekday}"] for key in ("opens", "closes", "opens2", "closes2")]}
                for weekday in range(7)]

    def clean(self):
        data = super().clean()
        hours = []
        for weekday in range(7):
            for suffix in ("", "2"):
                opens, closes = data.get(f"opens{suffix}_{weekday}"), data.get(f"closes{suffix}_{weekday}")
                if (opens is None) != (closes is None):
                    missing = f"closes{suffix}_{weekday}" if closes is None else f"opens{suffix}_{weekday}"
                    if missing not in self.errors:
                        self.add_error(missing, _("Give both the opening and the closing time, or neither."))
                elif opens is not None:
                    hours.append((weekday, opens, closes))
        data["hours"] = hours
        return data


class ExceptionForm(StromForm):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    closed = forms.BooleanField(label=_("Closed all day"), required=False)
    opens = forms.TimeField(label=_("Opens"), required=False, widget=_time_input())
    closes = forms.TimeField(label=_("Closes"), required=False, widget=_time_input())
    note = forms.CharField(label=_("Note"), max_length=200, required=False,
                           help_text=_("For example: public holiday, staff training."))

    def clean(self):
        data = super().clean()
        if data.get("closed"):
            data["opens"] = data["closes"] = None
        elif not self.errors and (data.get("opens") is None or data.get("closes") is None):
            self.add_error(None, _("Give the opening and closing time, or tick “Closed all day”."))
        return data

    def service_fields(self) -> dict:
        return {key: self.cleaned_data[key] for key in ("date", "opens", "closes", "note")}


class LocationForm(StromForm):
    name = forms.CharField(label=_("Name of the place"), max_length=250, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    municipality = MunicipalityField(label=_("Municipality"))
    confidential = forms.BooleanField(
        label=_("Confidential address"), required=False, initial=True,
        help_text=_("Shown to signed-in partners only, never in the public directory. Keep shelter addresses "
                    "confidential."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = _optional(_("Choose a municipality"), municipality_choices())


class CapacityForm(StromForm):
    free = forms.IntegerField(label=_("Free places now"), min_value=0, max_value=100000)


# --- Finding services --------------------------------------------------------------------------


class FinderForm(StromForm):
    """What is needed, and for whom: needs, not identity (the form travels in the URL)."""

    FIELDSETS = [
        ("need", _("What is needed, and where"), ["municipality", "need", "urgent"]),
        ("person", _("About the person"), ["age", "child", "sex", "language", "other_language", "exploitation",
                                          "legal_status", "children"]),
    ]

    municipality = MunicipalityField(label=_("Municipality where the person is"))
    need = forms.MultipleChoiceField(label=_("Services needed"), required=False, widget=forms.CheckboxSelectMultiple,
                                     help_text=_("None ticked: every kind of service."))
    urgent = forms.BooleanField(label=_("Needed now: show who can be reached at once first"), required=False)
    age = forms.IntegerField(label=_("Age, if known"), required=False, min_value=0, max_value=130)
    child = forms.BooleanField(label=_("May be a child (under 18, or age uncertain)"), required=False)
    sex = forms.ChoiceField(label=_("Sex"), required=False)
    language = forms.ChoiceField(label=_("Language the person speaks best"), required=False)
    other_language = forms.ChoiceField(label=_("Another language the person speaks"), required=False)
    exploitation = forms.ChoiceField(label=_("Form of exploitation"), required=False)
    legal_status = forms.ChoiceField(label=_("Legal status"), required=False)
    children = forms.BooleanField(label=_("Accompanied by children"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = _optional(_("Choose a municipality"), municipality_choices())
        self.fields["need"].choices = type_choices()
        self.fields["sex"].choices = _optional(_("Not given"), Sex.choices)
        self.fields["exploitation"].choices = _optional(_("Not known"), ExploitationForm.choices)
        self.fields["legal_status"].choices = _optional(_("Not known"), LegalStatus.choices)
        self.fields["language"].choices = grouped_choices(_("Not given"))
        self.fields["other_language"].choices = grouped_choices(_("None"))

    def fieldsets(self):
        return [{"id": key, "legend": legend, "fields": [(self[name], False) for name in names]}
                for key, legend, names in self.FIELDSETS]

    def need_value(self) -> Need:
        data = self.cleaned_data
        languages = tuple(dict.fromkeys(code for code in (data["language"], data["other_language"]) if code))
        return Need(
            municipality_id=data["municipality"].pk, age=data["age"], child=True if data["child"] else None,
            sex=data["sex"], exploitation=data["exploitation"], languages=languages,
            legal_status=data["legal_status"], accompanied_children=data["children"],
            service_types=tuple(data["need"]), urgent=data["urgent"],
        )


class DirectoryForm(StromForm):
    """Filters of the directory (partners' and public): place, need, language; all optional."""

    words = forms.CharField(label=_("Words"), required=False, max_length=200,
                            help_text=_("A name, a kind of help or a place, in any language of the region."))
    place = MunicipalityField(label=_("Municipality"), required=False)
    need = ServiceTypeField(label=_("Kind of help"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = _optional(_("Any municipality"), municipality_choices())
        self.fields["need"].choices = _optional(_("Any kind of help"), type_choices())
        self.fields["language"].choices = grouped_choices(_("Any language"))

    def filters(self) -> dict:
        data = self.cleaned_data
        return {"municipality": data.get("place"), "service_type": data.get("need"),
                "language": data.get("language") or "", "words": (data.get("words") or "").strip()}

    def is_searching(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)
