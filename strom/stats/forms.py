"""The filter of the statistics pages (GET): the year of registration."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2000


def current_year() -> int:
    return timezone.localdate().year


def _not_in_the_future(value):
    if value is not None and value > current_year():
        raise forms.ValidationError(_("Choose a year up to %(year)s."), params={"year": current_year()})


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year of registration"), min_value=FIRST_YEAR, required=False,
                              validators=[_not_in_the_future], widget=forms.NumberInput(attrs={"class": "ds-input"}))

    def year_or_current(self) -> int:
        """The chosen year; the current year when none or a wrong one was given (the error is shown)."""
        if self.is_valid() and self.cleaned_data.get("year"):
            return self.cleaned_data["year"]
        return current_year()
