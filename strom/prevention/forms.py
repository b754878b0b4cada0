"""Forms of the prevention pages. They only shape input; the services validate and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from strom.network.languages import region_choices
from strom.network.models import Organisation
from strom.network.queries import municipalities
from strom.prevention.vocabularies import Channel, TargetGroup
from strom.web.forms import StromForm


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(StromForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    code = forms.CharField(label=_("Campaign code"), max_length=40, required=False,
                           help_text=_("Printed on the materials: “call and say code …”. 3 to 20 letters A–Z, "
                                       "digits and hyphens. Leave empty and one is made from the title."))
    description = forms.CharField(label=_("What the campaign does"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    country = forms.ChoiceField(label=_("Country"), choices=countries)
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=municipalities(), required=False,
                                          help_text=_("Leave empty for a national campaign."))
    target_groups = forms.MultipleChoiceField(label=_("Target groups"), choices=TargetGroup.choices,
                                              widget=forms.CheckboxSelectMultiple, required=False)
    channels = forms.MultipleChoiceField(label=_("Channels"), choices=Channel.choices,
                                         widget=forms.CheckboxSelectMultiple, required=False)
    places = forms.CharField(label=_("Places"), required=False, max_length=500,
                             help_text=_("Schools, towns, events: where the campaign works."))
    starts_on = forms.DateField(label=_("First day"), widget=_date_input())
    ends_on = forms.DateField(label=_("Last day"), required=False, widget=_date_input(),
                              help_text=_("Leave empty while it runs."))
    partners = forms.ModelMultipleChoiceField(label=_("Partner organisations"), required=False,
                                              queryset=Organisation.objects.filter(is_active=True).order_by("name"))

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation is not None:
            self.fields["partners"].queryset = self.fields["partners"].queryset.exclude(pk=organisation.pk)
            self.fields["country"].initial = self.fields["country"].initial or organisation.country

    @staticmethod
    def initial_from(campaign) -> dict:
        return {"title": campaign.title, "code": campaign.code, "description": campaign.description,
                "country": str(campaign.country), "municipality": campaign.municipality,
                "target_groups": campaign.target_groups, "channels": campaign.channels, "places": campaign.places,
                "starts_on": campaign.starts_on, "ends_on": campaign.ends_on, "partners": list(campaign.partners.all())}


class ActivityForm(StromForm):
    held_on = forms.DateField(label=_("Date"), widget=_date_input())
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    people_reached = forms.IntegerField(label=_("People reached"), min_value=0, max_value=10_000_000,
                                        help_text=_("A count, never names."))
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class MaterialForm(StromForm):
    title = forms.CharField(label=_("Title of the material"), max_length=200)
    language = forms.ChoiceField(label=_("Language of the material"), choices=region_choices)
    link = forms.URLField(label=_("Link"), max_length=500, assume_scheme="https",
                          help_text=_("Where the poster, leaflet or video can be found."))


class FilterForm(StromForm):
    country = forms.ChoiceField(label=_("Country"), required=False,
                                choices=lambda: [("", _("All countries")), *countries])
    target_group = forms.ChoiceField(label=_("Target group"), required=False,
                                     choices=[("", _("All target groups")), *TargetGroup.choices])
    ours = forms.BooleanField(label=_("Only campaigns of my organisation"), required=False)
