"""The practices library: proven practices from the region, in several languages.

A practice has its facts once (country, actors, contact, links, tags) and its words per language
(`PracticeText`: title, problem, approach, results); one text is in the practice's original language.
Texts someone translated without checking (e.g. by machine) are marked `needs_review` until a reader
of that language confirms them. Contacts are organisations and public contact points, never private
persons.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Practice(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # A stable name for practices loaded from the data file (load_practices finds them by it); blank otherwise.
    key = models.SlugField(max_length=60, blank=True)
    country = CountryField(_("country"))
    original_language = models.CharField(_("original language"), max_length=8)
    actors = models.TextField(_("actors"), blank=True)
    contact_organisation = models.CharField(_("contact organisation"), max_length=200, blank=True)
    contact_point = models.CharField(_("public contact point"), max_length=300, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)  # web addresses
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    exploitation_forms = models.JSONField(_("forms of exploitation"), default=list, blank=True)
    chain_stages = models.JSONField(_("stages of the chain of assistance"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("practice")
        constraints = [models.UniqueConstraint(fields=["key"], condition=~models.Q(key=""),
                                               name="practice_unique_key")]

    def __str__(self) -> str:
        return self.key or str(self.pk)

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", args=[self.pk])


class PracticeText(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("what problem it solves"))
    approach = models.TextField(_("how"))
    results = models.TextField(_("results"), blank=True)
    needs_review = models.BooleanField(_("needs review"), default=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("text of a practice")
        ordering = ["language"]
        constraints = [models.UniqueConstraint(fields=["practice", "language"], name="practice_text_unique_language")]

    def __str__(self) -> str:
        return f"{self.language}: {self.title}"
