from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from strom.network.vocabularies import ExploitationForm
from strom.screening import rules
from strom.screening.models import AgeGroup, Answer, AnswerSource, Framework, Screening
from strom.screening.services import MAX_LABEL, MAX_NOTE

SOURCE_CHOICES = [("", _("— not said —")), *AnswerSource.choices]


class StartForm(forms.Form):
    label = forms.CharField(
        label=_("Pseudonymous label (optional)"), max_length=MAX_LABEL, required=False,
        help_text=_("Something that lets you find the screening again, never a name: e.g. “hotline call, "
                    "Tuesday morning”."))
    age_group = forms.ChoiceField(label=_("Age"), choices=AgeGroup.choices, widget=forms.RadioSelect,
                                  help_text=_("When the age is uncertain, the person is presumed to be a child."))
    age = forms.IntegerField(label=_("Age in years, if known"), required=False, min_value=0, max_value=120)
    exploitation_forms = forms.MultipleChoiceField(
        label=_("Suspected forms of exploitation"), choices=ExploitationForm.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    framework = forms.ModelChoiceField(
        label=_("Indicator set"), queryset=Framework.objects.none(), required=False,
        empty_label=_("Choose from the age and the suspected exploitation (recommended)"))

    def __init__(self, *args, frameworks=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["framework"]
        field.queryset = frameworks
        field.label_from_instance = framework_choice_label


class AttachForm(forms.Form):
    screening = forms.ModelChoiceField(label=_("Screening"), queryset=Screening.objects.none(),
                                       widget=forms.RadioSelect, empty_label=None,
                                       error_messages={"required": _("Choose a screening."),
                                                       "invalid_choice": _("Choose one of the screenings listed.")})

    def __init__(self, *args, screenings=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["screening"]
        # The queryset was sliced for the page; the choice is checked against the same rows by id.
        field.queryset = (Screening.objects.filter(pk__in=[screening.pk for screening in screenings])
                          .select_related("screener").order_by("-created", "-id"))
        field.label_from_instance = attach_choice_label


def attach_choice_label(screening: Screening) -> str:
    from django.utils.formats import date_format

    return _("%(label)s — started %(when)s by %(screener)s, %(status)s") % {
        "label": screening.label or _("Screening without a label"),
        "when": date_format(screening.created, "SHORT_DATETIME_FORMAT"),
        "screener": screening.screener.display_name or screening.screener.username,
        "status": screening.get_status_display()}


def framework_choice_label(framework: Framework) -> str:
    if framework.needs_verification:
        return _("%(title)s (needs verification)") % {"title": framework.title}
    return framework.title


class AnswerGroup:
    """The three inputs of one question: the answer, where it comes from, a note."""

    def __init__(self, form, prefix: str, code: str, question: str, label: str = "", grade: str = "",
                 help_text: str = ""):
        self.prefix, self.code, self.question, self.label, self.grade, self.help = (
            prefix, code, question, label, grade, help_text)
        self.value = form[f"{prefix}_value"]
        self.source = form[f"{prefix}_source"]
        self.note = form[f"{prefix}_note"]

    @property
    def errors(self):
        return [*self.value.errors, *self.source.errors, *self.note.errors]


class StepForm(forms.Form):
    """One step of the interview: the indicators of one dimension, or the children's act question."""

    def __init__(self, *args, indicators=(), act: bool = False, initial_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_answers = initial_answers or {}
        self.groups: list[AnswerGroup] = []
        entries = [(f"i{n}", i.code, i.question, i.label, i.grade, i.help) for n, i in enumerate(indicators)]
        if act:
            from strom.screening.explain import ACT_HELP, ACT_QUESTION

            entries.insert(0, ("act", rules.ACT, str(ACT_QUESTION), "", "", str(ACT_HELP)))
        for prefix, code, question, label, grade, help_text in entries:
            value, source, note = initial_answers.get(code, (rules.UNKNOWN, "", ""))
            self.fields[f"{prefix}_value"] = forms.ChoiceField(
                label=question, choices=Answer.choices, widget=forms.RadioSelect, initial=value,
                required=False)  # left out: not known
            self.fields[f"{prefix}_source"] = forms.ChoiceField(
                label=_("Where does this come from?"), choices=SOURCE_CHOICES, required=False, initial=source)
            self.fields[f"{prefix}_note"] = forms.CharField(
                label=_("Note (optional)"), required=False, max_length=MAX_NOTE, initial=note,
                widget=forms.Textarea(attrs={"rows": 2}))
            self.groups.append(AnswerGroup(self, prefix, code, question, label, grade, help_text))

    def answers(self) -> dict[str, tuple[str, str, str]]:
        data = self.cleaned_data
        return {g.code: (data[f"{g.prefix}_value"] or rules.UNKNOWN, data[f"{g.prefix}_source"],
                         data[f"{g.prefix}_note"]) for g in self.groups if g.code != rules.ACT}

    def act(self) -> tuple[str, str, str] | None:
        data = self.cleaned_data
        return next(((data["act_value"] or rules.UNKNOWN, data["act_source"], data["act_note"]) for g in self.groups
                     if g.code == rules.ACT), None)


class ChecklistForm(forms.Form):
    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["observed"] = forms.MultipleChoiceField(
            label=_("What have you seen or heard?"), required=False, widget=forms.CheckboxSelectMultiple,
            choices=[(i.code, f"{i.label}: {i.question}") for i in indicators])
