"""The network's fixed vocabularies: service types, eligibility terms, intake terms.

Service types are data (the ServiceType table, filled from SERVICE_TYPES by a migration) so that a
country can add its own without code; these are the ones every installation starts with. Labels are
marked for translation here so that `makemessages` collects them, and shown through gettext.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

COE_ART_12 = "Council of Europe Convention on Action against Trafficking in Human Beings, Art. 12"
DIRECTIVE = "Directive 2011/36/EU, Art. 11"

# code, English name (translated on display), source
SERVICE_TYPES: list[tuple[str, str, str]] = [
    ("safe_accommodation", gettext_noop("Safe accommodation"), f"{COE_ART_12}(1)(a)"),
    ("emergency_medical", gettext_noop("Emergency medical treatment"), f"{COE_ART_12}(1)(b)"),
    ("medical_care", gettext_noop("Medical care"), f"{COE_ART_12}(3)"),
    ("psychological", gettext_noop("Psychological assistance"), f"{COE_ART_12}(1)(a)"),
    ("material_help", gettext_noop("Material assistance and subsistence"), f"{COE_ART_12}(1)(a)"),
    ("interpretation", gettext_noop("Translation and interpretation"), f"{COE_ART_12}(1)(c)"),
    ("information_rights", gettext_noop("Counselling and information on rights"), f"{COE_ART_12}(1)(d)"),
    ("legal_counselling", gettext_noop("Legal counselling and aid"), f"{COE_ART_12}(1)(e); Art. 15(2)"),
    ("education", gettext_noop("Education and vocational training"), f"{COE_ART_12}(1)(f); Art. 14(4)"),
    ("employment", gettext_noop("Access to the labour market"), f"{COE_ART_12}(4)"),
    ("child_protection", gettext_noop("Child protection and guardianship"), "CoE Convention Art. 10(4); " + DIRECTIVE),
    ("voluntary_return", gettext_noop("Voluntary return"), "CoE Convention Art. 16"),
    ("identification", gettext_noop("Identification and screening"), "CoE Convention Art. 10"),
    ("hotline", gettext_noop("Hotline and helpline"), "Strom: hotline practice"),
    ("police_report", gettext_noop("Reporting to the police"), "CoE Convention Art. 27"),
    ("housing", gettext_noop("Long-term housing"), "Strom: chain of assistance (inclusion)"),
    ("compensation", gettext_noop("Compensation claims"), "CoE Convention Art. 15(3)–(4)"),
]


class Sex(models.TextChoices):
    # HTCDS prs_gender values that a service's eligibility can name.
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class LegalStatus(models.TextChoices):
    NATIONAL = "national", _("National of the country")
    EU_CITIZEN = "eu_citizen", _("Citizen of another EU/EEA country")
    RESIDENCE_PERMIT = "residence_permit", _("Third-country national with a residence permit")
    ASYLUM_SEEKER = "asylum_seeker", _("Asylum seeker")
    UNDOCUMENTED = "undocumented", _("Without a valid residence status")


class ExploitationForm(models.TextChoices):
    # Eurostat/GRETA breakdowns, with the 2024 additions to Directive 2011/36/EU.
    SEXUAL = "sexual", _("Sexual exploitation")
    LABOUR = "labour", _("Labour exploitation")
    DOMESTIC_SERVITUDE = "domestic_servitude", _("Domestic servitude")
    BEGGING = "begging", _("Forced begging")
    CRIMINAL_ACTIVITIES = "criminal_activities", _("Forced criminal activities")
    ORGAN_REMOVAL = "organ_removal", _("Removal of organs")
    FORCED_MARRIAGE = "forced_marriage", _("Forced marriage")
    ILLEGAL_ADOPTION = "illegal_adoption", _("Illegal adoption")
    SURROGACY = "surrogacy", _("Exploitation of surrogacy")
    OTHER = "other", _("Other forms")


class Consent(models.TextChoices):
    NONE = "none", _("No consent needed to contact us")
    VERBAL = "verbal", _("The person's verbal consent")
    WRITTEN = "written", _("The person's written consent")


class AnswerUnit(models.TextChoices):
    HOURS = "hours", _("hours")
    WORKING_DAYS = "working_days", _("working days")
