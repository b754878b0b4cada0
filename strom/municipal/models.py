"""The municipal toolkit: the self-assessment checklist (versioned data), assessments with their scores,
evidence and action plan, and the local mapping (a dated, versioned document of five parts).

No personal data lives here: scores, comments about the municipality's arrangements, and the local
mapping, which describes places and patterns, never people (its help texts say so).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(3)]


class Checklist(models.Model):
    """One version of the checklist, as loaded from strom/municipal/data/*.toml."""

    code = models.SlugField(max_length=60)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=250)
    source = models.TextField()
    valid_from = models.DateField()
    levels = models.JSONField(default=dict)  # {"0": meaning, …, "3": meaning}
    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="municipal_checklist_version")]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    # The wording is data in English; checklist_messages.py hands it to gettext, so readers see it in
    # their language where a translation exists (a newer wording shows in English until translated).
    @property
    def name(self) -> str:
        return gettext(self.title)

    def level_meanings(self) -> dict[str, str]:
        return {level: gettext(meaning) for level, meaning in self.levels.items()}


class ChecklistArea(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="areas")
    code = models.SlugField(max_length=40)
    title = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["checklist", "position"]
        constraints = [models.UniqueConstraint(fields=["checklist", "code"], name="municipal_area_code")]

    def __str__(self) -> str:
        return self.title

    @property
    def name(self) -> str:
        return gettext(self.title)


class ChecklistItem(models.Model):
    area = models.ForeignKey(ChecklistArea, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(max_length=60)
    text = models.TextField()
    input = models.CharField(max_length=30, blank=True)  # an extra figure the assessment asks for
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["area__position", "position"]
        constraints = [models.UniqueConstraint(fields=["area", "code"], name="municipal_item_code")]

    def __str__(self) -> str:
        return self.code

    @property
    def wording(self) -> str:
        return gettext(self.text)


class Assessment(models.Model):
    """A municipality's self-assessment at one date, against one checklist version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMPLETED = "completed", _("Completed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey("network.Municipality", on_delete=models.PROTECT, related_name="assessments")
    checklist = models.ForeignKey(Checklist, on_delete=models.PROTECT, related_name="assessments")
    organisation = models.ForeignKey("network.Organisation", on_delete=models.PROTECT, related_name="+")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    as_of = models.DateField(_("assessed on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    completed_at = models.DateTimeField(null=True, blank=True)
    frontline_staff = models.PositiveIntegerField(
        _("frontline staff"), null=True, blank=True,
        help_text=_("How many people in the municipality's services meet possible victims at work."))
    trained_staff = models.PositiveIntegerField(
        _("of whom trained"), null=True, blank=True,
        help_text=_("How many of them have been trained to recognise trafficking. Strom holds no training "
                    "records, so this figure comes from you."))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality", "-as_of", "-created"]
        indexes = [models.Index(fields=["municipality", "status", "-as_of"], name="municipal_assessment_latest")]
        constraints = [
            models.CheckConstraint(condition=models.Q(trained_staff__isnull=True)
                                   | models.Q(frontline_staff__isnull=True)
                                   | models.Q(trained_staff__lte=models.F("frontline_staff")),
                                   name="municipal_trained_within_staff"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.as_of}"


class Answer(models.Model):
    """One item of an assessment: Strom's suggestion with its evidence, and the score the coordinator chose."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    evidence_found = models.BooleanField(default=False)
    evidence_summary = models.TextField(blank=True)
    evidence_links = models.JSONField(default=list, blank=True)  # [[label, url], …]
    suggested_score = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCORE_VALIDATORS)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True, validators=SCORE_VALIDATORS)
    evidence = models.TextField(_("evidence"), blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["item__area__position", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="municipal_answer_once"),
            models.CheckConstraint(condition=models.Q(score__isnull=True) | models.Q(score__lte=3),
                                   name="municipal_score_range"),
            models.CheckConstraint(condition=models.Q(suggested_score__isnull=True) | models.Q(suggested_score__lte=3),
                                   name="municipal_suggested_range"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.score}"


class Action(models.Model):
    """A step of the action plan, usually for one of the weakest items."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(ChecklistItem, verbose_name=_("item"), on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+")
    text = models.TextField(_("what is to be done"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("who does it"), on_delete=models.SET_NULL,
                              null=True, related_name="municipal_actions")
    due = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due", "created"]
        indexes = [models.Index(fields=["owner", "status", "due"], name="municipal_action_owner")]

    def __str__(self) -> str:
        return self.text[:60]


class LocalMapping(models.Model):
    """One dated version of the municipality's local mapping; a change is a new version, the old ones stay."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey("network.Municipality", on_delete=models.PROTECT, related_name="local_mappings")
    partnership = models.ForeignKey("network.Partnership", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="local_mappings")
    version = models.PositiveIntegerField()
    as_of = models.DateField(_("mapping date"))
    populations = models.TextField(_("populations at risk"), blank=True)
    trends = models.TextField(_("social and economic trends"), blank=True)
    places = models.TextField(_("places where victims may be met"), blank=True)
    actors = models.TextField(_("traffickers, enablers and users"), blank=True)
    services_note = models.TextField(_("services and capacities"), blank=True)
    services = models.ManyToManyField("network.Service", verbose_name=_("services of the directory"), blank=True,
                                      related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality", "-version"]
        constraints = [models.UniqueConstraint(fields=["municipality", "version"], name="municipal_mapping_version")]

    def __str__(self) -> str:
        return f"{self.municipality_id} v{self.version}"

    PARTS = ("populations", "trends", "places", "actors", "services_note")

    def is_complete(self) -> bool:
        """All five parts written (services count when described or linked)."""
        texts = [getattr(self, name).strip() for name in self.PARTS[:4]]
        return all(texts) and bool(self.services_note.strip() or self.services.exists())
