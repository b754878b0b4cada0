"""Forms of the municipal toolkit: they validate input; the services decide and write."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from strom.municipal.models import Action, Assessment
from strom.municipal.queries import possible_owners
from strom.network.queries import services_serving

SCORE_LABELS = {
    0: _("0 — none"),
    1: _("1 — ad hoc"),
    2: _("2 — formal"),
    3: _("3 — formal and reviewed"),
}


class StartForm(forms.Form):
    as_of = forms.DateField(label=_("Assessed on"), widget=forms.DateInput(attrs={"type": "date"}),
                            initial=timezone.localdate)


class AnswersForm(forms.Form):
    """The whole draft on one page: for each item a score (0–3), evidence and a comment; staff figures."""

    frontline_staff = forms.IntegerField(label=Assessment._meta.get_field("frontline_staff").verbose_name.capitalize(),
                                         min_value=0, required=False,
                                         help_text=Assessment._meta.get_field("frontline_staff").help_text)
    trained_staff = forms.IntegerField(label=_("Of whom trained"), min_value=0, required=False,
                                       help_text=Assessment._meta.get_field("trained_staff").help_text)

    def __init__(self, *args, assessment: Assessment, answers, **kwargs):
        initial = {"frontline_staff": assessment.frontline_staff, "trained_staff": assessment.trained_staff}
        self.answers = list(answers)
        for answer in self.answers:
            # The suggestion is the starting point until the coordinator chooses.
            chosen = answer.score if answer.score is not None else answer.suggested_score
            initial.update({f"score_{answer.pk}": "" if chosen is None else str(chosen),
                            f"evidence_{answer.pk}": answer.evidence, f"comment_{answer.pk}": answer.comment})
        super().__init__(*args, initial=initial, **kwargs)
        for answer in self.answers:
            self.fields[f"score_{answer.pk}"] = forms.TypedChoiceField(
                label=_("Score"), choices=[(str(n), label) for n, label in SCORE_LABELS.items()], coerce=int,
                empty_value=None, required=False, widget=forms.RadioSelect)
            self.fields[f"evidence_{answer.pk}"] = forms.CharField(
                label=_("Evidence"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"comment_{answer.pk}"] = forms.CharField(
                label=_("Comment"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))

    def rows(self):
        """(answer, score field, evidence field, comment field) in checklist order, for the template."""
        return [(answer, self[f"score_{answer.pk}"], self[f"evidence_{answer.pk}"], self[f"comment_{answer.pk}"])
                for answer in self.answers]

    def error_entries(self) -> list[tuple[str, str, list]]:
        """(anchor id, label, errors) for the error summary: an item's errors link to its fieldset."""
        entries = []
        for answer, *fields in self.rows():
            entries += [(f"item-{answer.pk}", f"{answer.item.wording} ({field.label})", field.errors)
                        for field in fields if field.errors]
        for name in ("frontline_staff", "trained_staff"):
            if self[name].errors:
                entries.append((self[name].id_for_label, self[name].label, self[name].errors))
        return entries

    def clean(self):
        cleaned = super().clean()
        frontline, trained = cleaned.get("frontline_staff"), cleaned.get("trained_staff")
        if trained is not None and frontline is None:
            self.add_error("frontline_staff", _("Give the number of frontline staff too."))
        elif trained is not None and frontline is not None and trained > frontline:
            self.add_error("trained_staff", _("There cannot be more trained people than frontline staff."))
        return cleaned

    def answer_values(self) -> dict:
        return {answer.pk: {"score": self.cleaned_data.get(f"score_{answer.pk}"),
                            "evidence": self.cleaned_data.get(f"evidence_{answer.pk}", ""),
                            "comment": self.cleaned_data.get(f"comment_{answer.pk}", "")}
                for answer in self.answers}


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["item", "text", "owner", "due"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"}), "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, assessment: Assessment, with_status: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        from strom.municipal.models import ChecklistItem

        self.fields["item"].queryset = ChecklistItem.objects.filter(area__checklist=assessment.checklist)\
            .select_related("area")
        self.fields["item"].label_from_instance = lambda item: f"{item.area.name}: {item.wording}"
        self.fields["item"].required = False
        self.fields["owner"].queryset = possible_owners(assessment.municipality)
        self.fields["owner"].label_from_instance = lambda user: user.display_name or user.username
        self.fields["owner"].required = True
        self.fields["due"].required = True
        if with_status:
            self.fields["status"] = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)


class MappingForm(forms.Form):
    as_of = forms.DateField(label=_("Mapping date"), widget=forms.DateInput(attrs={"type": "date"}),
                            initial=timezone.localdate)
    populations = forms.CharField(
        label=_("Populations at risk"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Groups, not people: e.g. young people leaving care, seasonal workers. One point per line."))
    trends = forms.CharField(label=_("Social and economic trends"), required=False, max_length=20000,
                             widget=forms.Textarea(attrs={"rows": 4}), help_text=_("One point per line."))
    places = forms.CharField(label=_("Places where victims may be met"), required=False, max_length=20000,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("Kinds of places and areas, e.g. car washes, night clubs, farms. "
                                         "One point per line."))
    actors = forms.CharField(label=_("Traffickers, enablers and users"), required=False, max_length=20000,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("Patterns, never names of people. One point per line."))
    services_note = forms.CharField(label=_("Services and capacities"), required=False, max_length=20000,
                                    widget=forms.Textarea(attrs={"rows": 4}),
                                    help_text=_("What is missing or full; the services linked below come from "
                                                "the directory."))
    services = forms.ModelMultipleChoiceField(label=_("Services of the directory"), queryset=None, required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = services_serving(municipality)
        self.fields["services"].label_from_instance = lambda s: f"{s.name} · {s.organisation.name} ({s.type})"

    def clean_as_of(self):
        value = self.cleaned_data["as_of"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value
