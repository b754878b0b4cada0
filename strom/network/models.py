"""Municipalities and the organisations that act in them.

The cooperation-network issue adds services, partnerships and pathways; this module holds what
every other part already needs: who an organisation is, what kind, and where.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from strom.network.vocabularies import AnswerUnit, Consent


class Municipality(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    country = CountryField(_("country"))
    name = models.CharField(_("name in the local language"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=200, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Riga",
                                 help_text=_("IANA name, e.g. Europe/Riga: opening hours are local time."))
    focal_point = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("THB focal point"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="focal_point_of",
        help_text=_("The person who coordinates the municipality's work against trafficking."))

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["country", "name"]
        constraints = [models.UniqueConstraint(fields=["country", "name"], name="municipality_unique_name")]

    def __str__(self) -> str:
        return self.name


class OrganisationType(models.TextChoices):
    MUNICIPAL_SOCIAL_SERVICES = "municipal_social_services", _("Municipal social services")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    POLICE = "police", _("Police")
    BORDER_GUARD = "border_guard", _("Border guard")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Labour inspectorate")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    HOUSING = "housing", _("Housing")
    EMPLOYMENT_SERVICE = "employment_service", _("Employment service")
    MIGRATION_AUTHORITY = "migration_authority", _("Migration authority")
    NGO = "ngo", _("Non-governmental organisation")
    SHELTER = "shelter", _("Shelter")
    HOTLINE = "hotline", _("Hotline")
    EMBASSY = "embassy", _("Embassy")
    NATIONAL_COORDINATOR = "national_coordinator", _("National coordinator")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")


class Organisation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=250)
    type = models.CharField(_("type"), max_length=40, choices=OrganisationType.choices)
    country = CountryField(_("country"))
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
        help_text=_("Leave empty for organisations that work nationally."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["country", "name"], name="organisation_unique_name")]

    def __str__(self) -> str:
        return self.name


class ServiceType(models.Model):
    """A term of the service taxonomy (see vocabularies.SERVICE_TYPES for where each comes from)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    source = models.CharField(_("source"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        ordering = ["name"]

    def __str__(self) -> str:
        return gettext(self.name)


class Service(models.Model):
    """Something an organisation offers, with who it is for, when and how to reach it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="services")
    type = models.ForeignKey(ServiceType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="services")
    name = models.CharField(_("name"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(_("shown in the public directory"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    # Eligibility: an empty list means "anyone".
    min_age = models.PositiveSmallIntegerField(_("youngest age"), null=True, blank=True,
                                               validators=[MaxValueValidator(120)])
    max_age = models.PositiveSmallIntegerField(_("oldest age"), null=True, blank=True,
                                               validators=[MaxValueValidator(120)])
    sexes = models.JSONField(_("for"), default=list, blank=True)
    legal_statuses = models.JSONField(_("legal statuses"), default=list, blank=True)
    exploitation_forms = models.JSONField(_("forms of exploitation"), default=list, blank=True)
    accompanied_children = models.BooleanField(_("takes children accompanying the person"), default=False)
    languages = models.JSONField(_("languages (ISO 639-1)"), default=list, blank=True)

    # Where.
    areas = models.ManyToManyField(Municipality, verbose_name=_("municipalities served"), blank=True,
                                   related_name="services")
    whole_country = models.BooleanField(_("serves the whole country"), default=False)

    # When: weekly hours (OpeningHours) with exceptions, or always.
    always_open = models.BooleanField(_("open 24 hours, 7 days"), default=False)
    open_on_public_holidays = models.BooleanField(_("open on public holidays"), default=False)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    phone_24_7 = models.CharField(_("24/7 phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)

    # Intake.
    how_to_refer = models.TextField(_("how to refer"), blank=True)
    consent = models.CharField(_("consent the provider requires"), max_length=10, choices=Consent.choices,
                               default=Consent.VERBAL)
    answer_time = models.PositiveSmallIntegerField(_("target answer time"), null=True, blank=True,
                                                   validators=[MinValueValidator(1)])
    answer_unit = models.CharField(_("unit"), max_length=14, choices=AnswerUnit.choices, default=AnswerUnit.HOURS)

    # Capacity.
    capacity_total = models.PositiveIntegerField(_("places in all"), null=True, blank=True)
    capacity_free = models.PositiveIntegerField(_("free places"), null=True, blank=True)
    capacity_updated_at = models.DateTimeField(_("free places updated"), null=True, blank=True)
    capacity_updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                            blank=True, related_name="+")

    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["type", "is_active"], name="service_type_active"),
            models.Index(fields=["organisation", "is_active"], name="service_org_active"),
            models.Index(fields=["is_public", "is_active"], name="service_public"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(min_age__isnull=True) | models.Q(max_age__isnull=True)
                                   | models.Q(min_age__lte=models.F("max_age")), name="service_age_range"),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=250, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="locations")
    confidential = models.BooleanField(
        _("confidential address"), default=True,
        help_text=_("Shelter addresses stay confidential: shown to signed-in partners only, never published."))

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name or self.address


class OpeningHours(models.Model):
    """Weekly hours in the municipality's local time; closing before opening runs past midnight."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("day"), validators=[MaxValueValidator(6)])  # 0 = Monday
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]

    def __str__(self) -> str:
        return f"{self.weekday}: {self.opens:%H:%M}–{self.closes:%H:%M}"


class HoursException(models.Model):
    """A date with other hours than usual, or closed (opens and closes empty)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("date"))
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exception to the opening hours")
        verbose_name_plural = _("exceptions to the opening hours")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["service", "date"], name="hours_exception_unique_date")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}"
