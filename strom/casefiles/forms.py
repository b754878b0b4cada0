"""Forms of the notes and documents page. They only shape input; the services validate and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from strom.casefiles import uploads
from strom.casefiles.models import DocumentKind, Sensitivity
from strom.web.forms import StromForm

SENSITIVITY_HELP = _("“The case team only” means the members of the lead organisation on this case's team. "
                     "“Only me”: nobody else ever reads it.")


class NoteForm(StromForm):
    title = forms.CharField(label=_("Title"), max_length=200,
                            help_text=_("Shown on the case timeline to everyone who may read the note."))
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000)
    sensitivity = forms.ChoiceField(label=_("Who may read it"), choices=Sensitivity.choices,
                                    widget=forms.RadioSelect, initial=Sensitivity.CASE, help_text=SENSITIVITY_HELP)


class DocumentForm(StromForm):
    file = forms.FileField(label=_("File"), widget=forms.FileInput(attrs={"accept": uploads.ACCEPT}),
                           allow_empty_file=True)
    kind = forms.ChoiceField(label=_("Type of document"), choices=[("", "—"), *DocumentKind.choices])
    sensitivity = forms.ChoiceField(label=_("Who may read it"), choices=Sensitivity.choices,
                                    widget=forms.RadioSelect, initial=Sensitivity.CASE, help_text=SENSITIVITY_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.conf import settings

        self.fields["file"].help_text = _(
            "PDF, PNG or JPEG image, plain text, OpenDocument text (.odt) or Word (.docx), at most %(limit)s MB. "
            "It is kept encrypted and can only be downloaded by those who may read it.") % {
            "limit": settings.MAX_DOCUMENT_MB}


class WithdrawDocumentForm(StromForm):
    reason = forms.CharField(label=_("Why is it withdrawn?"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=1000, help_text=_("The file is erased; the reason and the entry stay."))
