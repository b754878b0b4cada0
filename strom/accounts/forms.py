from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from strom.accounts.policies import assignable_roles
from strom.web.forms import StromForm


class InviteForm(StromForm):
    display_name = forms.CharField(label=_("Name shown to colleagues"), max_length=150)
    email = forms.EmailField(label=_("Work e-mail address"))
    username = forms.CharField(label=_("User name"), max_length=150, validators=[UnicodeUsernameValidator()],
                               help_text=_("Letters, digits and @ . + - _ only."))
    roles = forms.MultipleChoiceField(label=_("Roles"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = assignable_roles(organisation)


class ProfileForm(StromForm):
    display_name = forms.CharField(label=_("Name shown to colleagues"), max_length=150, required=False)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].choices = [("", _("As my browser asks"))] + [
            (code, name) for code, name in settings.LANGUAGES
        ]


class RolesForm(StromForm):
    roles = forms.MultipleChoiceField(label=_("Roles"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = assignable_roles(organisation)
