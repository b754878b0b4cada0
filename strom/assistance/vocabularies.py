"""The assistance vocabularies. Needs are the network's service types (ServiceType), so that a need
found in an assessment leads straight to the services of the directory that meet it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Service types that are a way into the system rather than a need of the person.
NOT_NEEDS = ("hotline", "identification")


class Urgency(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediate (today)")
    SOON = "soon", _("Soon (this week)")
    ROUTINE = "routine", _("Routine")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
    DROPPED = "dropped", _("Dropped")


class ReviewOutcome(models.TextChoices):
    ON_TRACK = "on_track", _("On track: continue")
    CHANGE = "change", _("Needs a change of plan")
    GOALS_REACHED = "goals_reached", _("Goals reached")
    DISCONTINUED = "discontinued", _("Discontinued by the person")


class Unit(models.TextChoices):
    DAY = "day", _("day")
    NIGHT = "night", _("night")
    HOUR = "hour", _("hour")
    SESSION = "session", _("session")
    ITEM = "item", _("item")


class Payer(models.TextChoices):
    STATE = "state", pgettext_lazy("payer", "State")
    MUNICIPALITY = "municipality", _("Municipality")
    NGO = "ngo", _("NGO own funds")
    EU_PROJECT = "eu_project", _("EU / project funding")
    OTHER = "other", _("Other")


class ProceedingKind(models.TextChoices):
    CRIMINAL = "criminal", _("Criminal")
    CIVIL = "civil", _("Civil")
    LABOUR = "labour", _("Labour")
    ADMINISTRATIVE = "administrative", _("Administrative")


class ProceedingStage(models.TextChoices):
    REPORTED = "reported", _("Reported")
    INVESTIGATION = "investigation", _("Investigation")
    PROSECUTION = "prosecution", _("Prosecution / claim filed")
    TRIAL = "trial", _("Trial / hearing")
    APPEAL = "appeal", _("Appeal")
    CLOSED = "closed", _("Closed")


class ProceedingRole(models.TextChoices):
    VICTIM = "victim", _("Victim")
    WITNESS = "witness", _("Witness")
    INJURED_PARTY = "injured_party", _("Injured party / civil claimant")


class ClaimStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    FILED = "filed", _("Filed")
    AWARDED = "awarded", _("Awarded")
    PAID = "paid", _("Paid")
    REJECTED = "rejected", _("Rejected")


class ReturnStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    READY = "ready", _("Ready to travel")
    RETURNED = "returned", _("Returned")
    CANCELLED = "cancelled", _("Cancelled")
