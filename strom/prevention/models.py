"""Prevention campaigns, their activities and materials.

Campaigns are not personal data: they name organisations, places and counts, never people. A campaign
carries a short code (`[A-Z0-9-]{3,20}`) printed on its materials ("call and say code X"); hotline
contacts carry the code they were given, so the figures show which campaign brought which contacts.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from strom.prevention.vocabularies import Channel


class Campaign(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.CharField(_("campaign code"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    organiser = models.ForeignKey("network.Organisation", on_delete=models.PROTECT, related_name="campaigns",
                                  verbose_name=_("organiser"))
    partners = models.ManyToManyField("network.Organisation", blank=True, related_name="partner_campaigns",
                                      verbose_name=_("partners"))
    country = CountryField(_("country"))
    municipality = models.ForeignKey("network.Municipality", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="campaigns", verbose_name=_("municipality"))
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)  # TargetGroup codes
    channels = models.JSONField(_("channels"), default=list, blank=True)  # Channel codes
    places = models.CharField(_("places"), max_length=500, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("campaign")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["starts_on", "id"], name="campaign_keyset")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Activity(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="activities")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    channel = models.CharField(_("channel"), max_length=30, choices=Channel.choices)
    people_reached = models.PositiveIntegerField(_("people reached"), default=0)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["held_on", "created"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.channel}"


class Material(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=8)  # ISO 639-1
    link = models.URLField(_("link"), max_length=500)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title
