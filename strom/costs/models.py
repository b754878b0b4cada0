"""What assistance costs: the rates a municipality (or its country) keeps, the staff time spent on a case,
and the national "basket" of assistance to compare with.

Rates are versioned by validity dates: a new rate for the same key and scope ends the previous one the day
before it starts (services.py), so the rate valid on any day can always be found again; every change is
kept by simple-history. A rate belongs to one municipality, or to a whole country when `municipality` is
empty; the municipality's rate comes first (calculate.py). No personal data here except `StaffTime`,
which names a case (by its id) and nothing else.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from strom.assistance.vocabularies import Payer, Unit


class Rate(models.Model):
    """What every rate has: a scope, a validity, a source, who set it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    country = CountryField(_("country"))
    municipality = models.ForeignKey("network.Municipality", verbose_name=_("municipality"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     help_text=_("Empty: the rate applies to the whole country."))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True,
                                help_text=_("Empty: valid until a newer rate starts."))
    source = models.CharField(_("source"), max_length=250,
                              help_text=_("Where the figure comes from: a decision, a contract, a price list."))
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True

    @property
    def scope_label(self) -> str:
        return self.municipality.name if self.municipality_id else str(self.country.name)


def _dates_constraint(name: str):
    return models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")), name=name)


class UnitCost(Rate):
    service_type = models.ForeignKey("network.ServiceType", verbose_name=_("service type"), on_delete=models.PROTECT,
                                     related_name="+")
    payer = models.CharField(_("payer"), max_length=14, choices=Payer.choices)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    amount = models.DecimalField(_("cost per unit"), max_digits=12, decimal_places=2,
                                 validators=[MinValueValidator(0)])
    currency = models.CharField(_("currency"), max_length=3)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit cost")
        ordering = ["service_type__name", "payer", "unit", "-valid_from"]
        constraints = [_dates_constraint("unit_cost_dates"),
                       models.CheckConstraint(condition=Q(amount__gte=0), name="unit_cost_not_negative")]
        indexes = [models.Index(fields=["country", "municipality", "valid_from"], name="unit_cost_scope")]

    def __str__(self) -> str:
        return f"unit cost {self.amount} {self.currency} from {self.valid_from}"


class StaffRate(Rate):
    profession = models.CharField(_("profession"), max_length=80,
                                  help_text=_("e.g. social worker, psychologist, lawyer: a role, never a name."))
    hourly = models.DecimalField(_("loaded hourly rate"), max_digits=10, decimal_places=2,
                                 validators=[MinValueValidator(0)],
                                 help_text=_("Gross pay with the employer's taxes and contributions, per hour."))
    currency = models.CharField(_("currency"), max_length=3)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff rate")
        ordering = ["profession", "-valid_from"]
        constraints = [_dates_constraint("staff_rate_dates"),
                       models.CheckConstraint(condition=Q(hourly__gte=0), name="staff_rate_not_negative")]

    def __str__(self) -> str:
        return f"staff rate {self.hourly} {self.currency} from {self.valid_from}"


class OverheadRate(Rate):
    percent = models.DecimalField(_("overhead in percent of staff cost"), max_digits=5, decimal_places=2,
                                  validators=[MinValueValidator(0), MaxValueValidator(100)])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("overhead rate")
        ordering = ["-valid_from"]
        constraints = [_dates_constraint("overhead_dates"),
                       models.CheckConstraint(condition=Q(percent__gte=0) & Q(percent__lte=100),
                                              name="overhead_percent_range")]

    def __str__(self) -> str:
        return f"overhead {self.percent}% from {self.valid_from}"


class StaffTime(models.Model):
    """Hours staff spent on a case (Strom records them nowhere else), priced by the profession's rate."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="staff_time")
    on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2,
                                validators=[MinValueValidator(0), MaxValueValidator(24)])
    profession = models.CharField(_("profession"), max_length=80)
    payer = models.CharField(_("payer"), max_length=14, choices=Payer.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff time")
        verbose_name_plural = _("staff time")
        ordering = ["-on", "-created"]
        constraints = [models.CheckConstraint(condition=Q(hours__gte=0) & Q(hours__lte=24), name="staff_time_hours")]

    def __str__(self) -> str:  # names no one: ids, dates and kinds only
        return f"staff time {self.on}"


class Basket(models.Model):
    """The national "basket" of assistance a person is entitled to, as a reference for the figures."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    country = CountryField(_("country"), unique=True)
    days = models.PositiveIntegerField(_("days of assistance"), validators=[MinValueValidator(1)])
    source = models.CharField(_("source"), max_length=250)
    needs_verification = models.BooleanField(_("needs verification"), default=True,
                                             help_text=_("The figure has not been checked against the law yet."))
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("basket of assistance")
        verbose_name_plural = _("baskets of assistance")
        ordering = ["country"]

    def __str__(self) -> str:
        return f"basket {self.country} ({self.days} days)"


class BasketService(models.Model):
    """A service of the basket and how much of it, priced like a forecast."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    basket = models.ForeignKey(Basket, on_delete=models.CASCADE, related_name="services")
    service_type = models.ForeignKey("network.ServiceType", verbose_name=_("service type"), on_delete=models.PROTECT,
                                     related_name="+")
    units = models.DecimalField(_("units"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)

    class Meta:
        ordering = ["service_type__name"]
        constraints = [models.UniqueConstraint(fields=["basket", "service_type", "unit"], name="basket_service_once")]

    def __str__(self) -> str:
        return f"basket service {self.units} {self.unit}"
