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


# --- Partnerships: a municipality's multidisciplinary group -------------------------------------
# Who may see and keep them: strom/network/partnership_policies.py.


class PartnershipRole(models.TextChoices):
    LEAD = "lead", _("Lead (coordinates the group)")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class Partnership(models.Model):
    """The group through which a municipality and its partners act together (one per municipality)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT,
                                     related_name="partnerships")
    name = models.CharField(_("name"), max_length=250)
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["municipality"], name="partnership_one_per_municipality")]

    def __str__(self) -> str:
        return self.name


class PartnershipMember(models.Model):
    """An organisation in the group, its role there and what it brings, for a period."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="partnership_memberships")
    role = models.CharField(_("role in the group"), max_length=20, choices=PartnershipRole.choices,
                            default=PartnershipRole.MEMBER)
    contribution = models.TextField(_("what they bring"), blank=True)
    active_from = models.DateField(_("member from"))
    active_to = models.DateField(_("member until"), null=True, blank=True,
                                 help_text=_("Leave empty while the organisation takes part."))
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member of a partnership")
        verbose_name_plural = _("members of a partnership")
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="partnership_member_unique"),
            models.CheckConstraint(condition=models.Q(active_to__isnull=True)
                                   | models.Q(active_to__gte=models.F("active_from")),
                                   name="partnership_member_period"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


def agreement_document_path(agreement, filename: str) -> str:
    """A random name under the partnership: nothing of the original file name reaches the storage."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"partnerships/{agreement.partnership_id}/agreements/{uuid.uuid4().hex}.{extension}"


class Agreement(models.Model):
    """The written agreement of cooperation; its document is served only to the group's members."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="agreements")
    title = models.CharField(_("title"), max_length=250)
    signed = models.DateField(_("signed on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True,
                                help_text=_("Leave empty for an agreement without an end date."))
    document = models.FileField(_("document"), upload_to=agreement_document_path, max_length=300, blank=True)
    document_type = models.CharField(max_length=10, blank=True)  # pdf, odt or docx, as checked on upload
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-valid_from", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(valid_to__isnull=True)
                                   | models.Q(valid_to__gte=models.F("valid_from")),
                                   name="agreement_validity"),
        ]

    def __str__(self) -> str:
        return self.title


class Meeting(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    starts = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=250, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts"]
        indexes = [models.Index(fields=["partnership", "starts"], name="meeting_partnership_starts")]

    def __str__(self) -> str:
        return f"{self.starts:%Y-%m-%d %H:%M}"


class Decision(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionPointStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ActionPoint(models.Model):
    """Something a member of the group agreed to do, at a meeting or between meetings."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="action_points")
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, null=True,
                                blank=True, related_name="action_points")
    text = models.TextField(_("what is to be done"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("who does it"), on_delete=models.SET_NULL,
                              null=True, related_name="action_points")
    due = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=20, choices=ActionPointStatus.choices,
                              default=ActionPointStatus.OPEN)
    done = models.DateField(_("done on"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        ordering = ["due", "created", "id"]
        indexes = [models.Index(fields=["owner", "status", "due"], name="action_point_owner_status")]
        constraints = [
            models.CheckConstraint(condition=models.Q(status="done") | models.Q(done__isnull=True),
                                   name="action_point_done_date"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.status in (ActionPointStatus.OPEN, ActionPointStatus.IN_PROGRESS)
