"""Assistance to the person of a case: needs, the versioned plan, services delivered with their cost,
proceedings with compensation claims, and the return plan.

Free text that may identify someone or is sensitive (notes, goals, protection measures, against whom a
claim runs) is encrypted (EncryptedTextField). Money is a Decimal with its ISO 4217 currency (money.py):
issue 9 computes costs from DeliveredService rows, so they are typed and checked by constraints too.

An approved **AssistancePlan** version never changes (services refuse; its goals and planned services
are copied into the next draft). Only `next_review_on` moves on an approved plan: a review sets it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from strom.assistance import money
from strom.assistance.vocabularies import (
    ClaimStatus,
    GoalStatus,
    Payer,
    PlanStatus,
    ProceedingKind,
    ProceedingRole,
    ProceedingStage,
    ReturnStatus,
    ReviewOutcome,
    Unit,
    Urgency,
)
from strom.lib.fields import EncryptedTextField


class NeedsAssessment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="needs_assessments")
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assessed by"),
                                    on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("network.Organisation", on_delete=models.PROTECT, related_name="+")
    needs = models.ManyToManyField("network.ServiceType", verbose_name=_("needs"), related_name="+")
    urgency = models.CharField(_("urgency"), max_length=12, choices=Urgency.choices, default=Urgency.ROUTINE)
    note = EncryptedTextField(_("note"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("needs assessment")
        ordering = ["-assessed_on", "-created"]

    def __str__(self) -> str:  # names no one: ids, dates and kinds only
        return f"needs assessment {self.assessed_on}"


class AssistancePlan(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="assistance_plans")
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"),
                                    on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("assistance plan")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="plan_unique_version"),
            models.UniqueConstraint(fields=["case"], condition=Q(status="draft"), name="plan_one_draft"),
        ]

    def __str__(self) -> str:  # names no one: ids, dates and kinds only
        return f"assistance plan v{self.version}"

    @property
    def is_approved(self) -> bool:
        return self.status == PlanStatus.APPROVED


class Goal(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(AssistancePlan, on_delete=models.CASCADE, related_name="goals")
    text = EncryptedTextField(_("goal"))
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=14, choices=GoalStatus.choices, default=GoalStatus.OPEN)

    class Meta:
        ordering = ["target_date", "id"]

    def __str__(self) -> str:  # names no one: ids, dates and kinds only
        return f"goal {self.pk}"

    def save(self, *args, **kwargs):
        # The services refuse first with a message; this keeps any other path honest too.
        if self.plan.is_approved:
            raise ValueError("An approved plan version never changes.")
        super().save(*args, **kwargs)


class PlannedService(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(AssistancePlan, on_delete=models.CASCADE, related_name="planned_services")
    service = models.ForeignKey("network.Service", verbose_name=_("service"), on_delete=models.PROTECT,
                                related_name="+")
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["date_from", "id"]
        constraints = [models.CheckConstraint(condition=Q(date_to__isnull=True) | Q(date_to__gte=F("date_from")),
                                              name="planned_service_dates")]

    def __str__(self) -> str:  # names no one: ids, dates and kinds only
        return f"planned service {self.pk}"

    def save(self, *args, **kwargs):
        # The services refuse first with a message; this keeps any other path honest too.
        if self.plan.is_approved:
            raise ValueError("An approved plan version never changes.")
        super().save(*args, **kwargs)


class PlanReview(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(AssistancePlan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"),
                                    on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=14, choices=ReviewOutcome.choices)
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["-reviewed_on", "id"]

    def __str__(self) -> str:  # names no one: ids, dates and kinds only
        return f"review {self.reviewed_on}"


class DeliveredService(models.Model):
    """One service given to the person, with what it cost and who paid: the row issue 9 costs from."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="delivered_services")
    service = models.ForeignKey("network.Service", verbose_name=_("service from the directory"),
                                on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    provider_name = models.CharField(_("provider outside the directory"), max_length=200, blank=True)
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to"))
    units = models.DecimalField(_("units"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    unit_cost = models.DecimalField(_("cost per unit"), max_digits=12, decimal_places=2,
                                    validators=[MinValueValidator(0)])
    currency = models.CharField(_("currency"), max_length=3)
    payer = models.CharField(_("payer"), max_length=14, choices=Payer.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service delivered")
        ordering = ["-date_from", "-created"]
        constraints = [
            models.CheckConstraint(condition=Q(date_to__gte=F("date_from")), name="delivered_dates"),
            models.CheckConstraint(condition=Q(units__gte=0) & Q(unit_cost__gte=0), name="delivered_not_negative"),
            models.CheckConstraint(condition=Q(service__isnull=False) | ~Q(provider_name=""),
                                   name="delivered_has_provider"),
        ]

    def __str__(self) -> str:  # names no one: ids, dates and kinds only
        return f"service delivered {self.date_from}"

    @property
    def total(self):
        return money.line_total(self.units, self.unit_cost)

    @property
    def provider(self) -> str:
        return self.service.name if self.service_id else self.provider_name


class Proceeding(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="proceedings")
    kind = models.CharField(_("kind"), max_length=16, choices=ProceedingKind.choices)
    stage = models.CharField(_("stage"), max_length=16, choices=ProceedingStage.choices)
    role = models.CharField(_("the person's role"), max_length=16, choices=ProceedingRole.choices)
    protection_measures = EncryptedTextField(_("protection measures"), blank=True)
    legal_aid = models.BooleanField(_("legal aid"), default=False)
    legal_aid_by = models.CharField(_("legal aid given by"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proceeding")
        ordering = ["created", "id"]

    def __str__(self) -> str:  # names no one: ids, dates and kinds only
        return f"{self.kind} proceeding"


class CompensationClaim(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    proceeding = models.ForeignKey(Proceeding, on_delete=models.CASCADE, related_name="claims")
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    currency = models.CharField(_("currency"), max_length=3)
    against = EncryptedTextField(_("against whom"))
    status = models.CharField(_("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PLANNED)

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="claim_not_negative")]

    def __str__(self) -> str:  # names no one: ids, dates and kinds only
        return f"claim {self.amount} {self.currency}"


class ReturnPlan(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="return_plan")
    destination_country = CountryField(_("destination country"))
    assisting_organisation = models.CharField(_("assisting organisation"), max_length=200)
    planned_on = models.DateField(_("planned date"), null=True, blank=True)
    risk_assessment_done = models.BooleanField(_("risk assessment done"), default=False)
    receiving_contact = models.CharField(_("contact organisation in the receiving country"), max_length=200,
                                         blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ReturnStatus.choices,
                              default=ReturnStatus.PREPARING)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("return plan")

    def __str__(self) -> str:  # names no one: ids, dates and kinds only
        return f"return plan ({self.status})"
