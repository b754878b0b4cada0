"""Referrals: a tracked promise from one organisation to another's service.

A **Referral** goes to one service (and so to its organisation). It names the fields it shares
(`shared_fields`, rules in sharing.py) and the consent entry or legal basis that allows it. The
receiver never gets a copy of the case's data: the referral page reads the shared fields from the
case when it is opened, so that a withdrawn consent ends the receiver's access from then on.
A case-less (anonymous) referral carries its own small summary, encrypted.

Every state change is a **ReferralEvent** (who, which organisation, when, an encrypted note), which
both sides see; the audit trail records the same moves.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from strom.cases.consent import How, LegalBasis
from strom.lib.fields import EncryptedTextField


class State(models.TextChoices):
    SENT = "sent", _("Sent")
    INFO_REQUESTED = "info_requested", _("Information requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATES = (State.SENT, State.INFO_REQUESTED)  # waiting for the receiver's answer
CLOSED_STATES = (State.DECLINED, State.COMPLETED, State.WITHDRAWN)


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    URGENT = "urgent", _("Urgent")
    IMMEDIATE = "immediate", _("Immediate (today)")


class Referral(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="referrals")
    service = models.ForeignKey(
        "network.Service", verbose_name=_("service"), on_delete=models.PROTECT, related_name="referrals"
    )
    sender_organisation = models.ForeignKey("network.Organisation", on_delete=models.PROTECT, related_name="+")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    receiver_organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="referrals_received"
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.SENT)
    urgency = models.CharField(_("urgency"), max_length=20, choices=Urgency.choices, default=Urgency.ROUTINE)
    reason = EncryptedTextField(_("reason"))
    needs = EncryptedTextField(_("needs"), blank=True)
    shared_fields = models.JSONField(_("fields shared"), default=list)
    consent = models.ForeignKey("cases.ConsentEntry", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # A case-less referral records how consent was given (or the legal basis) on itself.
    consent_how = models.CharField(_("consent given"), max_length=20, choices=How.choices, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices, blank=True)
    transfer_lead = models.BooleanField(_("transfer the case lead on acceptance"), default=False)
    # Case-less referrals: what the sender may say about the person (no identity).
    summary = EncryptedTextField(_("about the person"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    age_group = models.CharField(_("age group"), max_length=20, blank=True)

    sent_at = models.DateTimeField(_("sent"))
    due_at = models.DateTimeField(_("answer due"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case worker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    suggested_service = models.ForeignKey(
        "network.Service",
        verbose_name=_("suggested service"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    opened_case = models.ForeignKey("cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["receiver_organisation", "state", "-sent_at"], name="referral_inbox"),
            models.Index(fields=["sender_organisation", "-sent_at"], name="referral_outbox"),
        ]

    def __str__(self) -> str:
        return str(self.id)


class ReferralEvent(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices)
    action = models.CharField(max_length=30)
    note = EncryptedTextField(blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    by_organisation = models.ForeignKey("network.Organisation", on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"
