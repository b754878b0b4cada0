from __future__ import annotations

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from strom.network.models import OrganisationType
from strom.network.queries import municipalities
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
