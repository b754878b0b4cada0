"""Forms of the practices library. They only shape input; the services validate and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from strom.network.languages import region_choices
from strom.practices.vocabularies import ChainStage, ExploitationForm, TargetGroup
from strom.web.forms import StromForm


class LinesField(forms.CharField):
    """One value a line (the links)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        return [line.strip() for line in (super().to_python(value) or "").splitlines() if line.strip()]


def _tags(label, vocabulary):
    return forms.MultipleChoiceField(label=label, choices=vocabulary.choices, required=False,
                                     widget=forms.CheckboxSelectMultiple)


class WordsForm(StromForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    problem = forms.CharField(label=_("What problem it solves"), max_length=6000,
                              widget=forms.Textarea(attrs={"rows": 4}))
    approach = forms.CharField(label=_("How it works"), max_length=6000, widget=forms.Textarea(attrs={"rows": 5}))
    results = forms.CharField(label=_("Results"), required=False, max_length=6000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    needs_review = forms.BooleanField(label=_("Needs review: translated without a check by a reader of the language"),
                                      required=False)


class FactsForm(StromForm):
    country = forms.ChoiceField(label=_("Country"), choices=countries)
    original_language = forms.ChoiceField(label=_("Original language"), choices=region_choices)
    actors = forms.CharField(label=_("Actors"), required=False, max_length=1000,
                             help_text=_("The organisations that carry the practice."))
    contact_organisation = forms.CharField(label=_("Contact organisation"), required=False, max_length=200)
    contact_point = forms.CharField(label=_("Public contact point"), required=False, max_length=300,
                                    help_text=_("A public address, telephone or web page of the organisation — "
                                                "never a private person."))
    links = LinesField(label=_("Links"), required=False, help_text=_("One web address a line."))
    target_groups = _tags(_("Target groups"), TargetGroup)
    exploitation_forms = _tags(_("Forms of exploitation"), ExploitationForm)
    chain_stages = _tags(_("Stages of the chain of assistance"), ChainStage)

    @staticmethod
    def initial_from(practice) -> dict:
        return {"country": str(practice.country), "original_language": practice.original_language,
                "actors": practice.actors, "contact_organisation": practice.contact_organisation,
                "contact_point": practice.contact_point, "links": "\n".join(practice.links),
                "target_groups": practice.target_groups, "exploitation_forms": practice.exploitation_forms,
                "chain_stages": practice.chain_stages}


class PracticeForm(FactsForm, WordsForm):
    """A new practice: its facts and its text in the original language."""

    field_order = ["title", "country", "original_language", "actors", "problem", "approach", "results",
                   "contact_organisation", "contact_point", "links", "target_groups", "exploitation_forms",
                   "chain_stages", "needs_review"]


class TranslationForm(WordsForm):
    language = forms.ChoiceField(label=_("Language"), choices=region_choices)
    field_order = ["language", "title", "problem", "approach", "results", "needs_review"]


def tag_choices() -> list:
    return [("", _("All tags")),
            (_("Target groups"), [(f"target_groups:{v}", label) for v, label in TargetGroup.choices]),
            (_("Forms of exploitation"), [(f"exploitation_forms:{v}", label) for v, label in ExploitationForm.choices]),
            (_("Stages of the chain of assistance"), [(f"chain_stages:{v}", label) for v, label in ChainStage.choices])]


class SearchForm(StromForm):
    words = forms.CharField(label=_("Words"), required=False, max_length=200)
    country = forms.ChoiceField(label=_("Country"), required=False,
                                choices=lambda: [("", _("All countries")), *countries])
    tag = forms.ChoiceField(label=_("Tag"), required=False, choices=tag_choices)
