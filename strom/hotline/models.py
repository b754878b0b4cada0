"""Hotline: contacts (calls, chats, messages, visits) and what came of them.

A **Contact** is one conversation recorded by an operator of a hotline organisation. It is
anonymous by default: it has no name, phone number or e-mail field at all. A caller who calls again
is linked through a **Caller** reference the operator reads out ("your reference is K7M-4PX"),
never through a phone number. Where an identity is needed later (escalation with the caller's
consent), the contact points to a cases.Person (`person`), set only by the escalation service.

A **FollowUp** is a task that came out of a contact: due date, owner (an operator of the same
hotline), done or not.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from strom.lib.fields import EncryptedTextField


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    CHAT = "chat", _("Chat")
    EMAIL = "email", _("E-mail")
    WEB_FORM = "web_form", _("Web form")
    MESSAGING = "messaging", _("SMS or messaging app")
    WALK_IN = "walk_in", _("Walk-in")


class CallerType(models.TextChoices):
    POTENTIAL_VICTIM = "potential_victim", _("Potential victim")
    FAMILY_FRIEND = "family_friend", _("Family member or friend")
    COMMUNITY = "community", _("Community member")
    PROFESSIONAL = "professional", _("Professional or official")
    EMPLOYER = "employer", _("Employer")
    UNKNOWN = "unknown", _("Unknown")


class Topic(models.TextChoices):
    CRISIS = "crisis", _("Crisis")
    TIP = "tip", _("Tip")
    REFERRAL_REQUEST = "referral_request", _("Referral request")
    WORKING_ABROAD = "working_abroad", _("Working abroad / job-offer check")
    MISSING_PERSON = "missing_person", _("Missing person")
    INFORMATION = "information", _("General information")
    TRAINING = "training", _("Training request")
    OTHER_EXPLOITATION = "other_exploitation", _("Exploitation that is not trafficking")
    UNRELATED = "unrelated", _("Unrelated")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    URGENT = "urgent", _("Urgent")
    EMERGENCY = "emergency", _("Emergency (danger now)")


class Outcome(models.TextChoices):
    INFORMATION = "information", _("Information given")
    REFERRED = "referred", _("Referred")
    POLICE = "police", _("Police notified")
    CASE_OPENED = "case_opened", _("Case opened")
    NONE = "none", _("None")


class Caller(models.Model):
    """A repeat caller, known only by the reference the operator gave out. No identity here."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("network.Organisation", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(_("caller reference"), max_length=12)
    created = models.DateTimeField()

    class Meta:
        verbose_name = _("caller")
        verbose_name_plural = _("callers")
        constraints = [models.UniqueConstraint(fields=["organisation", "reference"], name="hotline_caller_reference")]

    def __str__(self) -> str:
        return self.reference


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("network.Organisation", on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("operator"), on_delete=models.SET_NULL,
                                 null=True, related_name="+")
    caller = models.ForeignKey(Caller, verbose_name=_("caller"), on_delete=models.PROTECT, related_name="contacts")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.PHONE)
    started_at = models.DateTimeField(_("started"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)  # ISO 639-1
    caller_type = models.CharField(_("caller"), max_length=20, choices=CallerType.choices, default=CallerType.UNKNOWN)
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    exploitation_forms = models.JSONField(_("forms of exploitation suspected"), default=list, blank=True)
    municipality = models.ForeignKey("network.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    country = CountryField(_("country"), blank=True)
    destination_country = CountryField(_("destination country"), blank=True)
    urgency = models.CharField(_("urgency"), max_length=20, choices=Urgency.choices, default=Urgency.ROUTINE)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.INFORMATION)
    referred_to = models.ForeignKey("network.Service", verbose_name=_("referred to"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    police_reason = EncryptedTextField(_("why the police were notified"), blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    campaign_code = models.CharField(_("campaign code"), max_length=32, blank=True)

    # Escalation (set only by the escalation services, with the caller's consent): the identity
    # lives in a cases.Person, never on the contact.
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    person = models.ForeignKey("cases.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-started_at", "-id"], name="hotline_contact_log"),
            models.Index(fields=["organisation", "topic", "-started_at"], name="hotline_contact_topic"),
        ]

    def __str__(self) -> str:
        return str(self.id)

    @property
    def carries_identity(self) -> bool:
        return self.person_id is not None


class FollowUp(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="follow_ups")
    organisation = models.ForeignKey("network.Organisation", on_delete=models.PROTECT, related_name="+")
    task = EncryptedTextField(_("task"))
    due_on = models.DateField(_("due"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="+")
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "created", "id"]
        indexes = [models.Index(fields=["organisation", "done_at", "due_on"], name="hotline_followup_open"),
                   models.Index(fields=["owner", "done_at", "due_on"], name="hotline_followup_owner")]

    def __str__(self) -> str:
        return str(self.id)


# --- The job-offer check and escalations (hotline-crisis: joboffer.py, escalation.py) ---------------


class JobOfferCheck(models.Model):
    """A caller's answers to the job-offer checklist (hotline/data/joboffer.toml), kept with the contact.

    Answers are checklist codes → "yes" / "no" / "unsure": no identity, no text typed by the caller."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="job_offer_check")
    checklist_version = models.CharField(_("checklist version"), max_length=40)
    destination_country = CountryField(_("destination country"), blank=True)
    language = models.CharField(_("caller's language"), max_length=8, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated = models.DateTimeField(_("checked"))

    class Meta:
        verbose_name = _("job-offer check")
        verbose_name_plural = _("job-offer checks")

    def __str__(self) -> str:
        return str(self.id)


class EscalationKind(models.TextChoices):
    SCREENING = "screening", _("Screening")
    REFERRAL = "referral", _("Referral")
    CASE = "case", _("Case")


class Escalation(models.Model):
    """What a contact was escalated to: one row per screening, referral or case made from it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="escalations")
    kind = models.CharField(_("escalated to"), max_length=12, choices=EscalationKind.choices)
    screening = models.ForeignKey("screening.Screening", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    referral = models.ForeignKey("referrals.Referral", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("when"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return str(self.id)
