"""Evidence that Strom already holds for an item of the self-assessment.

A registry `item code → provider(municipality, as_of) -> Evidence`. A provider looks at Strom's own data
and returns whether it found the piece, a short summary in words, links to where it lives, and a
suggested score. The suggestion is never the answer: the coordinator confirms or overrides it, and both
are kept (Answer.suggested_score, Answer.score).

Providers suggest at most 2 ("formal") unless Strom itself holds the proof of a review (verified
services, a mapping updated again, a group that met through the year). They never count people: a
provider says that cases are recorded, not how many (small numbers of a municipality identify).

Other areas register their own with `@provider("item.code")`, imported from their AppConfig.ready():
- prevention campaigns (strom/prevention/evidence.py): prevention.risk_groups, prevention.schools,
  prevention.hotline;
- cost of assistance (strom/costs/evidence.py): monitoring.costs.
Still without a provider: mandate.budget and assistance.emergency_funds (a municipal payer in the cost
estimate could suggest them). Items without a provider are scored by the coordinator alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

YEAR = timedelta(days=365)
MEETINGS_PER_YEAR = 2  # "regular meetings": at least twice in the last twelve months
MEETINGS_REVIEWED = 4  # a group that met every quarter reviewed its work
PATHWAY_TYPES = ("housing", "education", "employment")
PROCEDURE_CORE = ("safe_accommodation", "medical_care", "psychological", "legal_counselling", "police_report")


@dataclass(frozen=True)
class Evidence:
    found: bool
    summary: str
    links: list[tuple[str, str]] = field(default_factory=list)
    suggested_score: int | None = None


Provider = Callable[[object, date], Evidence]
PROVIDERS: dict[str, Provider] = {}


def provider(code: str):
    def register(function: Provider) -> Provider:
        PROVIDERS[code] = function
        return function
    return register


def evidence_for(code: str, municipality, as_of: date) -> Evidence | None:
    """The provider's evidence, or None when no provider knows the item."""
    function = PROVIDERS.get(code)
    return function(municipality, as_of) if function else None


def _services(municipality, *codes):
    from strom.network.finder import candidate_services

    return candidate_services(municipality.pk, codes).select_related("organisation", "type")


def _service_links(services) -> list[tuple[str, str]]:
    return [(service.name, reverse("network:service", args=[service.pk])) for service in services[:5]]


def _none(summary: str) -> Evidence:
    return Evidence(False, summary, [], 0)


# --- Mandate --------------------------------------------------------------------------------------------


@provider("mandate.focal_point")
def focal_point(municipality, as_of: date) -> Evidence:
    if municipality.focal_point_id is None:
        return _none(_("No THB focal point is named for the municipality in Strom."))
    return Evidence(True, _("A THB focal point is named for the municipality in Strom."),
                    [(_("The municipality in the directory"), reverse("network:municipality", args=[municipality.pk]))],
                    2)


# --- Local mapping --------------------------------------------------------------------------------------


@provider("mapping.document")
def local_mapping(municipality, as_of: date) -> Evidence:
    from strom.municipal.models import LocalMapping

    mappings = list(LocalMapping.objects.filter(municipality=municipality, as_of__lte=as_of).order_by("-version")[:2])
    if not mappings:
        return _none(_("No local mapping is kept in Strom."))
    newest = mappings[0]
    link = [(_("The local mapping"), reverse("municipal:mapping", args=[newest.pk]))]
    if newest.as_of < as_of - 2 * YEAR:
        return Evidence(True, _("The newest local mapping is older than 24 months."), link, 1)
    if not newest.is_complete():
        return Evidence(True, _("The local mapping is recent but not all five parts are written."), link, 1)
    reviewed = len(mappings) > 1
    summary = (_("A complete local mapping, updated within 24 months after an earlier version.") if reviewed
               else _("A complete local mapping from within 24 months."))
    return Evidence(True, summary, link, 3 if reviewed else 2)


# --- Partnership ----------------------------------------------------------------------------------------


def _partnership(municipality):
    return municipality.partnerships.first()


@provider("partnership.group")
def partnership_group(municipality, as_of: date) -> Evidence:
    from strom.network.partnership_queries import active_members

    group = _partnership(municipality)
    if group is None:
        return _none(_("The municipality has no partnership in Strom."))
    members = list(active_members(group, today=as_of).select_related("organisation"))
    sectors = {member.organisation.type for member in members}
    summary = ngettext("%(members)d member organisation from %(sectors)d sector.",
                       "%(members)d member organisations from %(sectors)d sectors.", len(members)) % {
        "members": len(members), "sectors": len(sectors)}
    # Five sectors (e.g. social services, police, shelter, health, legal) make a multidisciplinary group.
    score = 2 if len(sectors) >= 5 else 1 if members else 0
    return Evidence(bool(members), summary, [(group.name, reverse("partnerships:detail", args=[municipality.pk]))],
                    score)


@provider("partnership.agreement_meetings")
def partnership_agreement(municipality, as_of: date) -> Evidence:
    from django.db.models import Q

    group = _partnership(municipality)
    if group is None:
        return _none(_("The municipality has no partnership in Strom."))
    valid = group.agreements.filter(valid_from__lte=as_of).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=as_of)).exists()
    meetings = group.meetings.filter(starts__date__gt=as_of - YEAR, starts__date__lte=as_of).count()
    parts = [_("A valid agreement.") if valid else _("No valid agreement."),
             ngettext("%(count)d meeting in the last 12 months.", "%(count)d meetings in the last 12 months.",
                      meetings) % {"count": meetings}]
    regular = meetings >= MEETINGS_PER_YEAR
    score = (3 if valid and meetings >= MEETINGS_REVIEWED else 2 if valid and regular
             else 1 if valid or meetings else 0)
    return Evidence(valid or meetings > 0, " ".join(parts),
                    [(group.name, reverse("partnerships:detail", args=[municipality.pk]))], score)


# --- Referral -------------------------------------------------------------------------------------------


@provider("referral.procedure")
def referral_procedure(municipality, as_of: date) -> Evidence:
    """Strom prints the local procedure from the directory; it counts as written when the core of the
    chain (accommodation, medical and psychological care, legal counselling, reporting to the police) is
    there and each of those services says how to refer."""
    services = list(_services(municipality))
    if not services:
        return _none(_("No service in the directory serves the municipality, so Strom has no procedure to print."))
    covered = {service.type.code for service in services if service.how_to_refer.strip()}
    gaps = [code for code in PROCEDURE_CORE if code not in covered]
    link = [(_("The local referral procedure"), reverse("network:procedure", args=[municipality.pk]))]
    if gaps:
        from strom.network.models import ServiceType

        names = ", ".join(str(t) for t in ServiceType.objects.filter(code__in=gaps).order_by("name"))
        return Evidence(True, _("The printable procedure has gaps (no service or no instructions to refer): "
                                "%(gaps)s.") % {"gaps": names}, link, 1)
    return Evidence(True, _("The printable procedure covers the core of the chain of assistance, each with "
                            "instructions to refer."), link, 2)


@provider("referral.contact_24_7")
def contact_24_7(municipality, as_of: date) -> Evidence:
    services = [service for service in _services(municipality).filter(always_open=True).order_by("name")
                if service.phone_24_7.strip()]
    if not services:
        return _none(_("No service open around the clock with a 24/7 phone serves the municipality."))
    return Evidence(True, ngettext("%(count)d service open around the clock with a 24/7 phone.",
                                   "%(count)d services open around the clock with a 24/7 phone.",
                                   len(services)) % {"count": len(services)}, _service_links(services), 2)


@provider("referral.directory")
def directory(municipality, as_of: date) -> Evidence:
    services = list(_services(municipality))
    if not services:
        return _none(_("No service in the directory serves the municipality."))
    verified = [s for s in services if s.last_verified and as_of - YEAR < s.last_verified <= as_of]
    share = len(verified) / len(services)
    summary = _("%(verified)d of %(all)d services confirmed as correct in the last 12 months.") % {
        "verified": len(verified), "all": len(services)}
    score = 3 if share == 1 else 2 if share >= 0.8 else 1
    return Evidence(True, summary, [(_("The directory for the municipality"),
                                     reverse("network:municipality", args=[municipality.pk]))], score)


def _type_provider(code: str, type_codes: tuple[str, ...], found: str, missing: str) -> Provider:
    def evidence(municipality, as_of: date) -> Evidence:
        services = list(_services(municipality, *type_codes).order_by("name"))
        if not services:
            return _none(_(missing))
        return Evidence(True, _(found), _service_links(services), 2)
    evidence.__name__ = code.replace(".", "_")
    return provider(code)(evidence)


# The messages are marked with gettext_noop so that makemessages finds them; shown through gettext above.


_type_provider("referral.interpreters", ("interpretation",),
               gettext_noop("An interpretation service serves the municipality."),
               gettext_noop("No interpretation service serves the municipality."))
_type_provider("identification.child_protocol", ("child_protection",),
               gettext_noop("A child protection service serves the municipality."),
               gettext_noop("No child protection service serves the municipality."))
_type_provider("assistance.shelter", ("safe_accommodation",),
               gettext_noop("Safe accommodation serves the municipality."),
               gettext_noop("No safe accommodation serves the municipality."))


@provider("assistance.health")
def health(municipality, as_of: date) -> Evidence:
    medical = list(_services(municipality, "medical_care", "emergency_medical").order_by("name"))
    psychological = list(_services(municipality, "psychological").order_by("name"))
    if not medical and not psychological:
        return _none(_("No medical or psychological service serves the municipality."))
    if medical and psychological:
        return Evidence(True, _("Medical care and psychological help serve the municipality."),
                        _service_links(medical + psychological), 2)
    summary = (_("Medical care serves the municipality, psychological help does not.") if medical
               else _("Psychological help serves the municipality, medical care does not."))
    return Evidence(True, summary, _service_links(medical + psychological), 1)


@provider("assistance.pathways")
def pathways(municipality, as_of: date) -> Evidence:
    services = list(_services(municipality, *PATHWAY_TYPES).order_by("name"))
    covered = {service.type.code for service in services}
    if not covered:
        return _none(_("No housing, education or employment service serves the municipality."))
    summary = _("%(covered)d of 3 pathways (housing, education, employment) have a service.") % {
        "covered": len(covered)}
    return Evidence(True, summary, _service_links(services), 2 if len(covered) == len(PATHWAY_TYPES) else 1)


# --- Identification and monitoring ----------------------------------------------------------------------


@provider("identification.tools")
def screening_tools(municipality, as_of: date) -> Evidence:
    from strom.screening.models import Screening

    used = Screening.objects.filter(organisation__municipality=municipality, created__date__gt=as_of - YEAR,
                                    created__date__lte=as_of).exists()
    if not used:
        return _none(_("No organisation of the municipality ran a structured screening in Strom in the last "
                       "12 months."))
    return Evidence(True, _("Organisations of the municipality ran structured screenings (ILO/EC indicators) "
                            "in Strom in the last 12 months."), [], 2)


@provider("monitoring.statistics")
def statistics(municipality, as_of: date) -> Evidence:
    from strom.cases.models import Case

    recorded = Case.objects.filter(municipality=municipality, created__date__gt=as_of - YEAR,
                                   created__date__lte=as_of).exists()
    if not recorded:
        return _none(_("No case of the last 12 months is recorded in Strom for the municipality."))
    return Evidence(True, _("Cases of the last 12 months are recorded in Strom for the municipality, so local "
                            "statistics can be drawn from it."), [], 2)


@provider("monitoring.annual_review")
def annual_review(municipality, as_of: date) -> Evidence:
    from strom.municipal.models import Assessment

    earlier = (Assessment.objects.filter(municipality=municipality, status=Assessment.Status.COMPLETED,
                                         as_of__lt=as_of).order_by("-as_of").first())
    if earlier is None:
        return _none(_("This is the municipality's first self-assessment in Strom."))
    link = [(_("The previous self-assessment"), reverse("municipal:assessment", args=[earlier.pk]))]
    # Within fifteen months counts as yearly: meetings that set the date drift.
    if earlier.as_of >= as_of - timedelta(days=456):
        return Evidence(True, _("The previous self-assessment was completed within the last 15 months."), link, 2)
    return Evidence(True, _("The previous self-assessment is more than 15 months old."), link, 1)
