"""An import of an HTCDS spreadsheet, run as a task: its state, progress and report.

The uploaded file is kept in the default storage (encrypted on disk) only until the task has read it.
The report holds line numbers, column names and reasons — never a value from the file.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    VALIDATING = "validating", _("Checking the rows")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Done")
    REFUSED = "refused", _("Nothing imported: some rows are not valid")
    FAILED = "failed", _("Failed")


class FileFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class ImportJob(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("network.Organisation", on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey("network.Municipality", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=JobState.choices, default=JobState.QUEUED)
    file_format = models.CharField(max_length=4, choices=FileFormat.choices)
    file = models.FileField(upload_to="interchange/", blank=True)
    dry_run = models.BooleanField(_("check only"), default=False)
    skip_invalid = models.BooleanField(_("import the valid rows, skip the others"), default=False)
    language = models.CharField(max_length=12, blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [models.Index(fields=["organisation", "-created"], name="interchange_job_list")]

    def __str__(self) -> str:
        return str(self.id)

    @property
    def running(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.VALIDATING, JobState.IMPORTING)
