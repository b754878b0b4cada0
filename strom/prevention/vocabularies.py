"""The words of prevention work: whom a campaign speaks to and through which channels.

Codes are stored; labels are translated. The practices library tags practices with the same target groups.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.TextChoices):
    YOUNG_PEOPLE = "young_people", _("Young people")
    STUDENTS = "students", _("Pupils and students")
    WORK_ABROAD = "work_abroad", _("People going to work abroad")
    MIGRANT_WORKERS = "migrant_workers", _("Migrant workers")
    CARE_LEAVERS = "care_leavers", _("Young people leaving care")
    UNEMPLOYED = "unemployed", _("Unemployed people")
    PARENTS = "parents", _("Parents")
    PROFESSIONALS = "professionals", _("Professionals")
    EMPLOYERS = "employers", _("Employers")
    GENERAL_PUBLIC = "general_public", _("General public")


class Channel(models.TextChoices):
    SOCIAL_MEDIA = "social_media", _("Social media")
    SCHOOL_SESSIONS = "school_sessions", _("School sessions")
    POSTERS = "posters", _("Posters and leaflets")
    RADIO_TV = "radio_tv", _("Radio and television")
    EVENTS = "events", _("Events")
    OUTREACH = "outreach", _("Outreach")
    TRAINING = "training", _("Training")
    WEBSITE = "website", _("Website")
