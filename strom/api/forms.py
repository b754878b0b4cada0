from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from strom.api.tokens import MAX_DAYS
from strom.web.forms import StromForm


class TokenForm(StromForm):
    name = forms.CharField(label=_("What the token is for"), max_length=100)
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=MAX_DAYS, initial=30)
