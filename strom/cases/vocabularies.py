"""The fixed vocabularies of a person and a case.

Codes follow the Human Trafficking Case Data Standard (HTCDS 2.0, IOM, CC BY 4.0) where it has a
picklist, so that an export can use them unchanged; the labels are ours, marked for translation.
Forms of exploitation are the network's vocabulary (strom.network.vocabularies.ExploitationForm,
with the 2024 additions to Directive 2011/36/EU), so that a case and a service speak the same words.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from strom.network.vocabularies import ExploitationForm

__all__ = ["ContactSafety", "ControlMeans", "DocumentsStatus", "ExploitationForm", "Gender", "Industry",
           "PlaceKind", "RiskFlag"]

HTCDS = "HTCDS 2.0 (IOM)"


class Gender(models.TextChoices):
    # HTCDS prs_Gender.
    FEMININE = "Feminine", _("Female")
    MASCULINE = "Masculine", _("Male")
    TRANSGENDER_FEMININE = "TransgenderFeminine", _("Transgender female")
    TRANSGENDER_MASCULINE = "TransgenderMasculine", _("Transgender male")
    NON_CONFORMING = "NonConforming", _("Gender non-conforming")
    UNKNOWN = "NonSpecifiedUnknown", _("Not specified or unknown")


class ControlMeans(models.TextChoices):
    # HTCDS vic_MethodsOfControl.
    PHYSICAL_THREATS = "PhysicalThreats", _("Threats of physical harm")
    THREATS_LAW_ENFORCEMENT = "ThreatsLawEnforcement", _("Threats of reporting to the authorities")
    THREATENS_FAMILY = "ThreatensChildrenFamily", _("Threats against children or family")
    DEBT_BONDAGE = "DebtBondage", _("Debt bondage")
    FALSE_PROMISES = "FalsePromises", _("False promises")
    PHYSICAL_ABUSE = "PhysicalAbuse", _("Physical violence")
    SEXUAL_ABUSE = "SexualAbuse", _("Sexual violence")
    TAKES_EARNINGS = "TakesEarnings", _("Earnings taken")
    RESTRICTS_FINANCIAL_ACCESS = "RestrictsFinancialAccess", _("No access to own money")
    RESTRICTS_MEDICAL_CARE = "RestrictsMedicalCare", _("Medical care withheld")
    WITHHOLDS_NECESSITIES = "WithholdsNecessities", _("Food, sleep or other necessities withheld")
    PSYCHOLOGICAL_ABUSE = "PsychologicalAbuse", _("Psychological abuse")
    PSYCHOACTIVE_SUBSTANCE = "PsychoactiveSubstance", _("Alcohol or drugs used for control")
    EXCESSIVE_HOURS = "ExcessiveWorkingHours", _("Excessive working hours")
    WITHHOLDS_DOCUMENTS = "WithholdsDocuments", _("Identity documents withheld")
    OTHER = "Other", _("Other means")


class Industry(models.TextChoices):
    # ISIC Rev. 4 sections (HTCDS vic_ForcedLabourIndustry uses the same letters).
    A = "A", _("A · Agriculture, forestry and fishing")
    B = "B", _("B · Mining and quarrying")
    C = "C", _("C · Manufacturing")
    D = "D", _("D · Electricity and gas supply")
    E = "E", _("E · Water supply and waste management")
    F = "F", _("F · Construction")
    G = "G", _("G · Wholesale and retail trade, motor vehicle repair")
    H = "H", _("H · Transport and storage")
    I = "I", _("I · Accommodation and food services")  # noqa: E741 — the ISIC section letter
    J = "J", _("J · Information and communication")
    K = "K", _("K · Finance and insurance")
    L = "L", _("L · Real estate")
    M = "M", _("M · Professional, scientific and technical activities")
    N = "N", _("N · Administrative and support services")
    O = "O", _("O · Public administration and defence")  # noqa: E741
    P = "P", _("P · Education")
    Q = "Q", _("Q · Health and social work")
    R = "R", _("R · Arts, entertainment and recreation")
    S = "S", _("S · Other services")
    T = "T", _("T · Households as employers")
    U = "U", _("U · Extraterritorial organisations")


class ContactSafety(models.TextChoices):
    UNKNOWN = "unknown", _("Not known yet: ask before writing or calling")
    SAFE = "safe", _("Safe to write and call")
    AS_INSTRUCTED = "as_instructed", _("Only as the instructions say")
    NOT_SAFE = "not_safe", _("Not safe: do not write or call")


class DocumentsStatus(models.TextChoices):
    UNKNOWN = "unknown", _("Not known")
    HELD = "held", _("Holds her or his identity documents")
    WITHHELD = "withheld", _("Documents held by someone else")
    MISSING = "missing", _("No identity documents (lost or never had)")


class PlaceKind(models.TextChoices):
    RECRUITMENT = "recruitment", _("Recruitment")
    TRANSIT = "transit", _("Transit")
    EXPLOITATION = "exploitation", _("Exploitation")


class RiskFlag(models.TextChoices):
    IMMEDIATE_DANGER = "immediate_danger", _("Immediate danger")
    EXPLOITERS_IN_CONTACT = "exploiters_in_contact", _("Exploiters still in contact")
    CHILD = "child", _("A child or presumed child")
    RE_TRAFFICKING = "re_trafficking", _("Risk of re-trafficking")
    HEALTH = "health", _("Urgent health need")
    SELF_HARM = "self_harm", _("Risk of self-harm")
    PREGNANCY = "pregnancy", _("Pregnancy")
    FAMILY_AT_RISK = "family_at_risk", _("Family at risk")
