"""Indicator frameworks as versioned data, and screenings that use them.

A framework version is immutable once any screening used it: `load_frameworks` then adds a new
version and marks the old one superseded (see loader.py). A screening stands alone, without the
person's identity: the organisation, the screener, at most a pseudonymous label (encrypted), the
age group and the suspected forms of exploitation. Attaching it to a case is a later service and a
nullable foreign key added when the cases app is integrated.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from strom.lib.fields import EncryptedTextField
from strom.screening import rules


class FrameworkStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    NEEDS_VERIFICATION = "needs_verification", _("Needs verification")


class FrameworkKind(models.TextChoices):
    INDICATORS = "indicators", _("Indicator set with an outcome rule")
    CHECKLIST = "checklist", _("Quick checklist without an outcome rule")


class Population(models.TextChoices):
    ADULT = rules.ADULT, _("Adults")
    CHILD = rules.CHILD, _("Children")


class Framework(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(_("code"), max_length=40)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=FrameworkKind.choices)
    population = models.CharField(_("population"), max_length=8, choices=Population.choices, blank=True)
    exploitation = models.CharField(_("form of exploitation"), max_length=20, blank=True)
    source = models.TextField(_("source"))
    status = models.CharField(_("status"), max_length=20, choices=FrameworkStatus.choices)
    verification_note = models.TextField(_("what needs verification"), blank=True)
    valid_from = models.DateField(_("valid from"))
    digest = models.CharField(max_length=64)  # SHA-256 of the definition: a changed file makes a new version
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("indicator framework")
        verbose_name_plural = _("indicator frameworks")
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="framework_unique_version")]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def needs_verification(self) -> bool:
        return self.status == FrameworkStatus.NEEDS_VERIFICATION

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None


class Dimension(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="dimensions")
    code = models.CharField(_("code"), max_length=20)
    order = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=200)
    element = models.CharField(_("element"), max_length=20, blank=True)  # rules.ELEMENTS, empty for checklists
    question = models.TextField(_("question"), blank=True)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="dimension_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Indicator(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=60)
    order = models.PositiveSmallIntegerField()
    grade = models.CharField(_("grade"), max_length=1, blank=True)  # rules.GRADES, empty for checklists
    label = models.CharField(_("indicator"), max_length=250)
    question = models.TextField(_("question"))
    help = models.TextField(_("help"), blank=True)

    class Meta:
        ordering = ["dimension__order", "order"]
        constraints = [models.UniqueConstraint(fields=["dimension", "code"], name="indicator_unique_code")]

    def __str__(self) -> str:
        return self.code


class AgeGroup(models.TextChoices):
    ADULT = "adult", _("Adult (18 or older)")
    CHILD = "child", _("Child (under 18)")
    UNCERTAIN = "uncertain", _("Age uncertain (screened as a child)")


class Answer(models.TextChoices):
    PRESENT = rules.PRESENT, _("Yes, present")
    ABSENT = rules.ABSENT, _("No, absent")
    UNKNOWN = rules.UNKNOWN, _("Not known")


class AnswerSource(models.TextChoices):
    ACCOUNT = "account", _("The person's own account")
    OBSERVATION = "observation", _("Observation")
    DOCUMENT = "document", _("Document")
    THIRD_PARTY = "third_party", _("Third party")


class ScreeningStatus(models.TextChoices):
    DRAFT = "draft", _("In progress")
    COMPLETED = "completed", _("Completed")


class Screening(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("network.Organisation", on_delete=models.PROTECT, related_name="screenings")
    # Empty for a screening without identity (frontline or hotline pre-screening) until it is attached.
    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, null=True,
                             blank=True, related_name="screenings")
    screener = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="screenings")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="screenings")
    # Never a name: a pseudonym at most ("hotline call 14 Nov"), and encrypted all the same.
    label = EncryptedTextField(_("pseudonymous label"), blank=True)
    age_group = models.CharField(_("age"), max_length=10, choices=AgeGroup.choices)
    age = models.PositiveSmallIntegerField(_("age in years, if known"), null=True, blank=True,
                                           validators=[MaxValueValidator(120)])
    exploitation_forms = models.JSONField(_("suspected forms of exploitation"), default=list, blank=True)
    act = models.CharField(_("act of recruitment, transport, transfer, harbouring or receipt"), max_length=8,
                           choices=Answer.choices, default=Answer.UNKNOWN)
    act_source = models.CharField(_("source"), max_length=12, choices=AnswerSource.choices, blank=True)
    act_note = EncryptedTextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ScreeningStatus.choices,
                              default=ScreeningStatus.DRAFT)
    # Stored when completed, for lists and the case timeline; the explanation is always recomputed.
    outcome = models.CharField(_("outcome"), max_length=24, blank=True)
    partial = models.CharField(_("elements met"), max_length=60, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    completed = models.DateTimeField(_("completed"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["organisation", "-created", "-id"], name="screening_org_created")]

    def __str__(self) -> str:
        return str(self.pk)

    @property
    def is_draft(self) -> bool:
        return self.status == ScreeningStatus.DRAFT


class ScreeningAnswer(models.Model):
    """One indicator as the screener recorded it; an indicator without a row is unknown."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="answers")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.CharField(_("answer"), max_length=8, choices=Answer.choices, default=Answer.UNKNOWN)
    source = models.CharField(_("source"), max_length=12, choices=AnswerSource.choices, blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["screening", "indicator"], name="screening_answer_unique")]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"
