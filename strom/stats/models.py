"""The privacy-loss ledger of public releases (differential privacy, strom/stats/privacy.py).

A **PrivacyBudget** caps the total epsilon an organisation (the national coordinator's office) may
spend on one dataset's figures of one year; every public release appends a **PrivacyLoss** and keeps
its noisy figures in a **PublicRelease**, so that a published release reads the same everywhere and
asking for it again never spends twice. Nothing here holds personal data: only aggregate, noisy counts.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _


class Dataset(models.TextChoices):
    CASES = "cases", _("Victims and cases")
    HOTLINE = "hotline", _("Hotline contacts")
    REFERRALS = "referrals", _("Referrals")


class PrivacyBudget(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("network.Organisation", on_delete=models.PROTECT, related_name="+")
    dataset = models.CharField(_("dataset"), max_length=40, choices=Dataset.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    epsilon_total = models.DecimalField(_("privacy budget (epsilon)"), max_digits=7, decimal_places=3)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    set_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "dataset", "year"], name="stats_budget_unique"),
            models.CheckConstraint(condition=models.Q(epsilon_total__gt=0), name="stats_budget_positive"),
        ]
        ordering = ["-year", "dataset"]

    def __str__(self) -> str:
        return f"{self.get_dataset_display()} {self.year}"

    def spent(self) -> Decimal:
        return self.losses.aggregate(total=Sum("epsilon"))["total"] or Decimal("0")


class PrivacyLoss(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    budget = models.ForeignKey(PrivacyBudget, on_delete=models.PROTECT, related_name="losses")
    epsilon = models.DecimalField(max_digits=7, decimal_places=3)
    table_name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    released_at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(epsilon__gt=0), name="stats_loss_positive")]
        ordering = ["-released_at"]

    def __str__(self) -> str:
        return f"{self.table_name} ({self.epsilon})"


class PublicRelease(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    budget = models.ForeignKey(PrivacyBudget, on_delete=models.PROTECT, related_name="releases")
    loss = models.OneToOneField(PrivacyLoss, on_delete=models.PROTECT, related_name="release")
    table_name = models.CharField(max_length=100)
    figures = models.JSONField()  # privacy.NoisyTable.to_json(): categories, noisy values, mechanism
    released_at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        # One release per table, dataset and year: asking again returns it instead of spending again.
        constraints = [models.UniqueConstraint(fields=["budget", "table_name"], name="stats_release_unique")]
        ordering = ["-released_at", "id"]

    def __str__(self) -> str:
        return self.table_name

    def noisy_table(self):
        from strom.stats.privacy import NoisyTable

        return NoisyTable.from_json(self.figures)
