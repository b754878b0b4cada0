"""Municipalities and the organisations that act in them.

The cooperation-network issue adds services, partnerships and pathways; this module holds what
every other part already needs: who an organisation is, what kind, and where.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Municipality(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    country = CountryField(_("country"))
    name = models.CharField(_("name in the local language"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=200, blank=True)

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
