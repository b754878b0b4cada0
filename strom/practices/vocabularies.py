"""Tags of the practices library. Target groups are prevention's; forms of exploitation the network's."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from strom.network.vocabularies import ExploitationForm
from strom.prevention.vocabularies import TargetGroup

__all__ = ["ChainStage", "ExploitationForm", "TargetGroup"]


class ChainStage(models.TextChoices):
    """Where in the local chain of assistance a practice works."""

    COORDINATION = "coordination", _("Coordination and partnership")
    PREVENTION = "prevention", _("Prevention")
    IDENTIFICATION = "identification", _("Identification")
    REFERRAL = "referral", _("Referral")
    ASSISTANCE = "assistance", _("Assistance")
    REINTEGRATION = "reintegration", _("Re-integration")
    ADMINISTRATIVE = "administrative", _("Administrative approach")
    PROSECUTION = "prosecution", _("Proceedings and compensation")
