"""Evidence for the municipal self-assessment's prevention items, from the campaigns kept in Strom.

A campaign counts for a municipality when it names that municipality and ran in the twelve months before
the assessment. Strom only suggests a score (the coordinator confirms it) and never more than 2: whether
prevention is *reviewed* is not something campaign rows can show.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from strom.municipal.evidence import Evidence, provider
from strom.network.models import OrganisationType
from strom.prevention.models import Campaign
from strom.prevention.queries import contacts_by_campaign
from strom.prevention.vocabularies import Channel, TargetGroup

YEAR = timedelta(days=365)
# Everybody but the public at large and the professionals who work with them.
AT_RISK = frozenset(TargetGroup.values) - {TargetGroup.GENERAL_PUBLIC, TargetGroup.PROFESSIONALS}
SCHOOL_GROUPS = frozenset({TargetGroup.STUDENTS, TargetGroup.YOUNG_PEOPLE})


def _recent(municipality, as_of: date) -> list[Campaign]:
    window = Q(ends_on__isnull=True) | Q(ends_on__gte=as_of - YEAR)
    return list(Campaign.objects.filter(window, municipality=municipality, starts_on__lte=as_of)
                .annotate(reached=Sum("activities__people_reached")).select_related("organiser")
                .prefetch_related("partners").order_by("-starts_on", "id"))


def _links(campaigns) -> list[tuple[str, str]]:
    return [(campaign.title, reverse("prevention:detail", args=[campaign.pk])) for campaign in campaigns[:5]]


def _found(campaigns, summary: str, score: int) -> Evidence:
    return Evidence(True, summary % {"count": len(campaigns)}, _links(campaigns), score)


@provider("prevention.risk_groups")
def risk_groups(municipality, as_of: date) -> Evidence:
    campaigns = [c for c in _recent(municipality, as_of) if AT_RISK & set(c.target_groups)]
    if not campaigns:
        return Evidence(False, _("No campaign for a group at risk ran here in the last 12 months."), [], 0)
    reached = any(c.reached for c in campaigns)
    summary = ngettext("%(count)d campaign for groups at risk in the last 12 months.",
                       "%(count)d campaigns for groups at risk in the last 12 months.", len(campaigns))
    return _found(campaigns, summary, 2 if reached else 1)


@provider("prevention.schools")
def schools(municipality, as_of: date) -> Evidence:
    campaigns = [c for c in _recent(municipality, as_of)
                 if SCHOOL_GROUPS & set(c.target_groups) and Channel.SCHOOL_SESSIONS in c.channels]
    if not campaigns:
        return Evidence(False, _("No school sessions were recorded here in the last 12 months."), [], 0)
    reached = any(c.reached for c in campaigns)
    summary = ngettext("%(count)d campaign with school sessions in the last 12 months.",
                       "%(count)d campaigns with school sessions in the last 12 months.", len(campaigns))
    return _found(campaigns, summary, 2 if reached else 1)


@provider("prevention.hotline")
def hotline_promoted(municipality, as_of: date) -> Evidence:
    """A campaign run by or with a hotline promotes its number; contacts naming its code show it is heard."""
    hotline = OrganisationType.HOTLINE
    campaigns = [c for c in _recent(municipality, as_of)
                 if c.organiser.type == hotline or any(p.type == hotline for p in c.partners.all())]
    if not campaigns:
        return Evidence(False, _("No campaign with a hotline ran here in the last 12 months."), [], 0)
    heard = sum(contacts_by_campaign(campaigns).values())
    summary = ngettext("%(count)d campaign with a hotline in the last 12 months.",
                       "%(count)d campaigns with a hotline in the last 12 months.", len(campaigns))
    return _found(campaigns, summary, 2 if heard else 1)
