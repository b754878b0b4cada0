from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from strom.casefiles import uploads


class ImportForm(forms.Form):
    file = forms.FileField(label=_("HTCDS spreadsheet (CSV or XLSX)"),
                           help_text=_("One row per person and case, HTCDS column names in the first row, "
                                       "several values in a cell separated by “;”."))
    dry_run = forms.BooleanField(label=_("Only check the file, import nothing"), required=False)
    skip_invalid = forms.BooleanField(label=_("Import the valid rows and skip the bad ones"), required=False,
                                      help_text=_("Without this, nothing is imported if any row is bad."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Choose a CSV or XLSX file."))
        if upload.size > uploads.max_bytes():  # received in memory only (casefiles.uploads), never on disk
            raise forms.ValidationError(uploads.too_large_message())
        self.file_format = "xlsx" if name.endswith(".xlsx") else "csv"
        return upload
