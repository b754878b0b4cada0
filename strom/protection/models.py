"""Protection of a person on a case: reflection period, residence permit, risk assessments, a child's
guardian and best-interests assessments, tasks, and the Deadline index.

Dates are computed by strom.lib.deadlines from the versioned country rules (terms.py); what is stored
here are the decisions (start, granted length, extensions, ending, permit dates) and, for lists, the
computed last day in the **Deadline** index (deadlines.py), so that no list computes per case.
Free text that may identify someone (risks, safety measures, a guardian's name, a best-interests
conclusion, why an extension was granted, a task's title) is encrypted; authorities are plain.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from strom.lib.deadlines import EndReason as CoreEndReason
from strom.lib.fields import EncryptedTextField


class LengthUnit(models.TextChoices):  # the values of strom.lib.country_rules.Unit
    DAYS = "days", _("days")
    WORKING_DAYS = "working_days", _("working days")
    MONTHS = "months", _("months")


class EndReason(models.TextChoices):  # the values of strom.lib.deadlines.EndReason
    RESIDENCE_PERMIT = CoreEndReason.RESIDENCE_PERMIT.value, _("A residence permit was granted")
    LEFT_COUNTRY = CoreEndReason.LEFT_COUNTRY.value, _("The person left the country")
    VOLUNTARY_RETURN = CoreEndReason.VOLUNTARY_RETURN.value, _("Voluntary return")
    PERSON_DECIDED = CoreEndReason.PERSON_DECIDED.value, _("The person decided (e.g. to report)")
    AUTHORITY_DECISION = CoreEndReason.AUTHORITY_DECISION.value, _("Ended by the authority")
    CONTACT_LOST = CoreEndReason.CONTACT_LOST.value, _("Contact lost")
    OTHER = CoreEndReason.OTHER.value, _("Other")


class PermitGround(models.TextChoices):
    # CoE Convention Art. 14(1): (a) the person's personal situation, (b) cooperation with the authorities.
    COOPERATION = "cooperation", _("Victim cooperating with the authorities")
    PERSONAL_SITUATION = "personal_situation", _("The person's personal situation")
    OTHER = "other", _("Other ground")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    ACUTE = "acute", _("Acute")


class _Recorded(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")

    class Meta:
        abstract = True


class ReflectionPeriod(_Recorded):
    """One reflection and recovery period; one is active (no ending recorded) per case at a time."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="reflection_periods")
    start = models.DateField(_("first day"))
    authority = models.CharField(_("granted by"), max_length=250, help_text=_("The authority that granted it."))
    granted_amount = models.PositiveSmallIntegerField(_("length granted"), null=True, blank=True,
                                                      help_text=_("Only when the decision states a length."))
    granted_unit = models.CharField(_("unit"), max_length=20, choices=LengthUnit.choices, blank=True)
    child = models.BooleanField(_("a child's period"), default=False,
                                help_text=_("The person was (or was presumed) a child on the first day."))
    rule_country = models.CharField(max_length=2)
    rule_valid_from = models.DateField(null=True, blank=True)  # the rule version used; None: the fallback
    last_day = models.DateField(_("last day"))  # computed by terms.py, kept for lists
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=30, choices=EndReason.choices, blank=True)
    ended_by = models.CharField(_("ended by"), max_length=250, blank=True,
                                help_text=_("The authority, or “the person”; never a name."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reflection period")
        verbose_name_plural = _("reflection periods")
        ordering = ["-start", "-recorded_at"]
        constraints = [models.UniqueConstraint(fields=["case"], condition=models.Q(ended_on__isnull=True),
                                               name="protection_one_active_period")]

    def __str__(self) -> str:
        return f"{self.start} – {self.last_day}"


class PeriodExtension(_Recorded):
    period = models.ForeignKey(ReflectionPeriod, on_delete=models.CASCADE, related_name="extensions")
    granted_on = models.DateField(_("granted on"))
    amount = models.PositiveSmallIntegerField(_("length"))
    unit = models.CharField(_("unit"), max_length=20, choices=LengthUnit.choices, default=LengthUnit.DAYS)
    granted_by = models.CharField(_("granted by"), max_length=250)
    why = EncryptedTextField(_("why"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["granted_on", "recorded_at"]

    def __str__(self) -> str:
        return str(self.id)


class ResidencePermit(_Recorded):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="residence_permits")
    ground = models.CharField(_("ground"), max_length=30, choices=PermitGround.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True,
                                   help_text=_("Leave empty to use the country's usual length."))
    authority = models.CharField(_("issued by"), max_length=250)
    rule_country = models.CharField(max_length=2)
    rule_valid_from = models.DateField(null=True, blank=True)
    expires = models.DateField(_("expires"), null=True, blank=True)  # computed with renewals, kept for lists
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("residence permit")
        verbose_name_plural = _("residence permits")
        ordering = ["-valid_from", "-recorded_at"]

    def __str__(self) -> str:
        return str(self.id)


class PermitRenewal(_Recorded):
    permit = models.ForeignKey(ResidencePermit, on_delete=models.CASCADE, related_name="renewals")
    granted_on = models.DateField(_("granted on"))
    valid_until = models.DateField(_("new expiry"), null=True, blank=True,
                                   help_text=_("Leave empty to use the country's usual renewal length."))
    authority = models.CharField(_("renewed by"), max_length=250)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("renewal")
        verbose_name_plural = _("renewals")
        ordering = ["granted_on", "recorded_at"]

    def __str__(self) -> str:
        return str(self.id)


class RiskAssessment(_Recorded):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="risk_assessments")
    assessed_on = models.DateField(_("date"))
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assessed by"),
                                    on_delete=models.SET_NULL, null=True, related_name="+")
    level = models.CharField(_("risk level"), max_length=10, choices=RiskLevel.choices)
    risks = EncryptedTextField(_("risks found"), blank=True)
    measures = EncryptedTextField(_("safety measures"), blank=True)
    next_review = models.DateField(_("next review"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        ordering = ["-assessed_on", "-recorded_at"]

    def __str__(self) -> str:
        return str(self.id)


class Guardian(_Recorded):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="guardians")
    appointed_on = models.DateField(_("appointed on"))
    authority = models.CharField(_("appointed by"), max_length=250)
    guardian = EncryptedTextField(_("guardian"), help_text=_("The organisation, or the guardian's name."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")
        ordering = ["-appointed_on", "-recorded_at"]

    def __str__(self) -> str:
        return str(self.id)


class BestInterests(_Recorded):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="best_interests")
    assessed_on = models.DateField(_("date"))
    assessed_by = models.CharField(_("assessed by"), max_length=250,
                                   help_text=_("The authority or organisation."))
    conclusion = EncryptedTextField(_("conclusion"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("best-interests assessment")
        verbose_name_plural = _("best-interests assessments")
        ordering = ["-assessed_on", "-recorded_at"]

    def __str__(self) -> str:
        return str(self.id)


class CaseTask(_Recorded):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="tasks")
    title = EncryptedTextField(_("task"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assigned to"),
                                 on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["done_at", "due_on", "recorded_at"]

    def __str__(self) -> str:
        return str(self.id)


class DeadlineKind(models.TextChoices):
    REFLECTION_END = "reflection_end", _("Reflection period ends")
    PERMIT_EXPIRY = "permit_expiry", _("Residence permit expires")
    PLAN_REVIEW = "plan_review", _("Plan review")
    TASK_DUE = "task_due", _("Task due")
    RISK_REVIEW = "risk_review", _("Risk review")


class Deadline(models.Model):
    """The next date each source object (a period, permit, plan, task, assessment) holds a case to;
    kept by deadlines.track/untrack in the services that change the source."""

    id = models.BigAutoField(primary_key=True)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(max_length=20, choices=DeadlineKind.choices)
    due_on = models.DateField()
    source_type = models.CharField(max_length=100)  # app_label.model
    source_id = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source_type", "source_id"], name="deadline_source")]
        indexes = [models.Index(fields=["case", "due_on"], name="deadline_case_due"),
                   models.Index(fields=["due_on", "case"], name="deadline_due_case")]

    def __str__(self) -> str:
        return f"{self.kind} {self.due_on}"
