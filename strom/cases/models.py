"""People and their cases.

A **Person** carries a pseudonym that everyone who may know of the case sees, and identity fields
that only those with access to one of her cases see (queries.py, policies.py). Identity is encrypted
at rest (EncryptedTextField: names, birth date, contact and its safe-contact instructions, notes on
documents). Gender, citizenships, languages, the interpreter need, an estimated age and whether the
age is disputed stay plain: they are what statistics, the pathway finder and the child presumption
need, and they do not name anyone on their own. Duplicate detection keeps keyed digests of the name
in **PersonNameKey** (strom.lib.names, cases/duplicates.py), never the name itself. Retention
(cases/retention.py) blanks the identity and sets `identity_erased_at`; the pseudonymous case stays.

A **Case** belongs to its lead organisation; the `stage` moves only through `services.change_stage`,
which keeps a **StageChange** per move (who, when, why). **IdentificationDecision**s record who
decided what and at which level. **BreakGlass** is an emergency access by someone outside the lead
organisation: reason written, time-limited, audited, and shown to the lead organisation.

django-simple-history keeps every version of every row (history ids are UUIDs, so history rows are
encrypted for their own id).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from strom.cases import consent
from strom.cases.stages import ClosureReason, Stage
from strom.cases.vocabularies import ContactSafety, DocumentsStatus, Gender, Industry, PlaceKind
from strom.lib.fields import EncryptedTextField

# The identity fields of a person: what an audit event names when someone sees them.
IDENTITY_FIELDS = ("given_names", "family_names", "other_names", "exploitation_name", "birth_date", "contact",
                   "safe_contact_instructions", "documents_note")


class Person(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    pseudonym = models.CharField(_("pseudonym"), max_length=40, unique=True, editable=False)

    given_names = EncryptedTextField(_("given names"), blank=True)
    family_names = EncryptedTextField(_("family names"), blank=True)
    other_names = EncryptedTextField(_("other names"), blank=True,
                                     help_text=_("Earlier names, spellings in other alphabets, nicknames."))
    exploitation_name = EncryptedTextField(_("name used during exploitation"), blank=True)
    birth_date = EncryptedTextField(_("date of birth"), blank=True, help_text=_("YYYY-MM-DD"))
    estimated_age = models.PositiveSmallIntegerField(_("estimated age"), null=True, blank=True,
                                                     help_text=_("When the date of birth is not known."))
    age_estimated_on = models.DateField(_("age estimated on"), null=True, blank=True)
    age_disputed = models.BooleanField(
        _("age disputed"), default=False,
        help_text=_("While the age is disputed the person is treated as a child (CoE Convention Art. 10(3))."))
    gender = models.CharField(_("gender"), max_length=32, choices=Gender.choices, default=Gender.UNKNOWN)
    citizenships = models.JSONField(_("citizenships"), default=list, blank=True)  # ISO 3166 alpha-2 codes
    languages = models.JSONField(_("languages"), default=list, blank=True)  # ISO 639-1 codes
    interpreter_needed = models.BooleanField(_("needs an interpreter"), default=False)

    contact = EncryptedTextField(_("contact"), blank=True, help_text=_("Telephone, e-mail or address."))
    contact_safety = models.CharField(_("is it safe to write or call?"), max_length=20,
                                      choices=ContactSafety.choices, default=ContactSafety.UNKNOWN)
    safe_contact_instructions = EncryptedTextField(
        _("safe-contact instructions"), blank=True,
        help_text=_("For example: only call between 10 and 12; never leave a message."))
    documents_status = models.CharField(_("identity documents"), max_length=20, choices=DocumentsStatus.choices,
                                        default=DocumentsStatus.UNKNOWN)
    documents_note = EncryptedTextField(_("about the documents"), blank=True,
                                        help_text=_("Which documents, who holds them, what is missing."))

    identity_erased_at = models.DateTimeField(_("identity erased"), null=True, blank=True, editable=False)

    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.pseudonym


class NameKeyKind(models.TextChoices):
    DATED = "dated", _("with the birth year")
    WHOLE_NAME = "whole_name", _("the whole name, without a year")


class PersonNameKey(models.Model):
    """One keyed digest of one of a person's name match keys (strom.lib.names): the database compares
    digests for equality and never sees a name. Rewritten with the person's names (cases/duplicates.py)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_keys")
    digest = models.CharField(max_length=64, db_index=True)
    kind = models.CharField(max_length=12, choices=NameKeyKind.choices)

    class Meta:
        verbose_name = _("name match key")
        verbose_name_plural = _("name match keys")
        constraints = [models.UniqueConstraint(fields=["person", "digest"], name="person_name_key_unique")]

    def __str__(self) -> str:
        return str(self.pk)


class AgeGroup(models.TextChoices):
    """What referrals share instead of the birth date (cases/age.py decides)."""

    CHILD = "child", _("Child")
    ADULT = "adult", _("Adult")
    UNKNOWN = "unknown", _("Age unknown (treated as a child)")


class Case(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    lead_organisation = models.ForeignKey("network.Organisation", verbose_name=_("lead organisation"),
                                          on_delete=models.PROTECT, related_name="led_cases")
    municipality = models.ForeignKey("network.Municipality", verbose_name=_("municipality"),
                                     on_delete=models.PROTECT, related_name="cases")
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("team"), blank=True,
                                  related_name="case_teams")
    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices, default=Stage.SIGNAL)
    stage_changed = models.DateTimeField(_("stage since"))
    closure_reason = models.CharField(_("closure reason"), max_length=30, choices=ClosureReason.choices,
                                      blank=True)
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices, default=AgeGroup.UNKNOWN,
                                 editable=False)

    exploitation_forms = models.JSONField(_("forms of exploitation"), default=list, blank=True)
    industry = models.CharField(_("industry (ISIC section)"), max_length=1, choices=Industry.choices, blank=True)
    means_of_control = models.JSONField(_("means of control"), default=list, blank=True)
    risk_flags = models.JSONField(_("risk flags"), default=list, blank=True)

    created = models.DateTimeField(_("opened"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[team])

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        # The case list: one organisation's cases, newest first, keyset on (created, id); each filter
        # (stage, municipality) leads its own index so that a page reads only its rows.
        indexes = [
            models.Index(fields=["lead_organisation", "-created", "-id"], name="case_list"),
            models.Index(fields=["lead_organisation", "stage", "-created", "-id"], name="case_list_stage"),
            models.Index(fields=["lead_organisation", "municipality", "-created", "-id"], name="case_list_place"),
        ]

    def __str__(self) -> str:
        return str(self.id)


class CasePlace(models.Model):
    """Where the person was recruited, passed through or was exploited, and when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="places")
    kind = models.CharField(_("what happened there"), max_length=20, choices=PlaceKind.choices)
    country = CountryField(_("country"))
    place = models.CharField(_("town or region"), max_length=200, blank=True,
                             help_text=_("A town or region, not an address."))
    date_from = models.DateField(_("from"), null=True, blank=True)
    date_to = models.DateField(_("until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["date_from", "kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.country}"


class StageChange(models.Model):
    """One move of a case's stage: who, for which organisation, when and why (the why encrypted)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from"), max_length=30, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=30, choices=Stage.choices)
    closure_reason = models.CharField(_("closure reason"), max_length=30, choices=ClosureReason.choices,
                                      blank=True)
    why = EncryptedTextField(_("why"), blank=True)
    at = models.DateTimeField(_("when"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    by_organisation = models.ForeignKey("network.Organisation", on_delete=models.SET_NULL, null=True,
                                        related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        indexes = [models.Index(fields=["case", "at"], name="case_stage_change_at")]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"


class DecisionLevel(models.TextChoices):
    REASONABLE_GROUNDS = "reasonable_grounds", _("Reasonable grounds")
    FORMAL = "formal", _("Formal identification")


class DecisionOutcome(models.TextChoices):
    # HTCDS vic_TraffickingStatus, seen from one decision.
    POSITIVE = "positive", _("A victim of trafficking")
    NEGATIVE = "negative", _("Not a victim of trafficking")
    PENDING = "pending", _("Pending")


class IdentificationDecision(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    authority = models.CharField(_("deciding authority"), max_length=250,
                                 help_text=_("Who decided: the body the country's rules name."))
    level = models.CharField(_("level"), max_length=30, choices=DecisionLevel.choices)
    decided_on = models.DateField(_("date of the decision"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=DecisionOutcome.choices)
    note = EncryptedTextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("identification decision")
        verbose_name_plural = _("identification decisions")
        ordering = ["decided_on", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.get_outcome_display()}"


class BreakGlass(models.Model):
    """Emergency access to one case by someone outside its lead organisation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="break_glasses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("network.Organisation", on_delete=models.CASCADE, related_name="+")
    reason = EncryptedTextField(_("reason"))
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        indexes = [models.Index(fields=["user", "case", "expires_at"], name="case_break_glass_user"),
                   models.Index(fields=["case", "acknowledged_at"], name="case_break_glass_open")]

    def __str__(self) -> str:
        return str(self.id)


class ConsentEntry(models.Model):
    """One line of the consent ledger (rules: cases/consent.py). Entries are added, never changed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=30, choices=consent.Purpose.choices)
    recipient_organisation = models.ForeignKey("network.Organisation", verbose_name=_("recipient organisation"),
                                               on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recipient_text = models.CharField(_("recipient"), max_length=250, blank=True,
                                      help_text=_("When the recipient is not in Strom, e.g. “the person's family”."))
    state = models.CharField(_("consent"), max_length=20, choices=consent.State.choices)
    how = models.CharField(_("how"), max_length=20, choices=consent.How.choices, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=consent.LegalBasis.choices, blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consent entry")
        verbose_name_plural = _("consent ledger")
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.purpose}: {self.state}"

    @property
    def recipient_key(self) -> str:
        return str(self.recipient_organisation_id or "") + "|" + self.recipient_text.casefold()

    @property
    def recipient_label(self) -> str:
        return self.recipient_organisation.name if self.recipient_organisation_id else self.recipient_text
