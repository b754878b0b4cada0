"""Scoped reads of prevention campaigns, and the one bridge to the hotline's contacts.

The campaign list is a keyset page, newest first on (starts_on, id), as architecture rule 7 asks.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q
from django.db.models.fields.tuple_lookups import Tuple, TupleLessThan
from django.http import Http404

from strom.accounts.policies import Actor
from strom.prevention import codes
from strom.prevention.figures import ActivityFacts, Figures, figures_of
from strom.prevention.models import Campaign
from strom.prevention.policies import require_managing, require_reading

PAGE_SIZE = 25


@dataclass(frozen=True)
class Filters:
    country: str = ""
    target_group: str = ""
    ours: bool = False


@dataclass(frozen=True)
class Page:
    campaigns: list
    next_cursor: str | None


def campaigns_visible_to(actor: Actor):
    require_reading(actor)
    return Campaign.objects.all()


def encode_cursor(campaign) -> str:
    return f"{campaign.starts_on.isoformat()}_{campaign.pk}"


def decode_cursor(cursor: str | None) -> tuple[date, uuid.UUID] | None:
    """A mangled cursor shows the first page: it is navigation, not data."""
    if not cursor:
        return None
    try:
        day, pk = cursor.rsplit("_", 1)
        return date.fromisoformat(day), uuid.UUID(pk)
    except ValueError:
        return None


def _filtered(actor: Actor, filters: Filters):
    campaigns = campaigns_visible_to(actor)
    if filters.country:
        campaigns = campaigns.filter(country=filters.country)
    if filters.target_group:
        # JSON list membership, portable across SQLite and PostgreSQL: the code is a quoted word.
        campaigns = campaigns.filter(target_groups__icontains=f'"{filters.target_group}"')
    if filters.ours:
        campaigns = campaigns.filter(Q(organiser=actor.organisation) | Q(partners=actor.organisation)).distinct() \
            if actor.organisation else campaigns.none()
    return campaigns


def campaign_page(actor: Actor, filters: Filters = Filters(), cursor: str | None = None,
                  size: int = PAGE_SIZE) -> Page:
    campaigns = _filtered(actor, filters)
    after = decode_cursor(cursor)
    if after is not None:
        campaigns = campaigns.filter(TupleLessThan(Tuple(F("starts_on"), F("id")), after),
                                     starts_on__lte=after[0])
    rows = list(campaigns.select_related("organiser", "municipality")
                .annotate(activity_count=Count("activities", distinct=True))
                .order_by("-starts_on", "-id")[: size + 1])
    shown = rows[:size]
    return Page(shown, encode_cursor(shown[-1]) if len(rows) > size else None)


def _with_details(campaigns):
    return campaigns.select_related("organiser", "municipality").prefetch_related(
        "partners", "activities", "materials")


def get_campaign_for(actor: Actor, campaign_id) -> Campaign:
    campaign = _with_details(campaigns_visible_to(actor).filter(pk=campaign_id)).first()
    if campaign is None:
        raise Http404
    return campaign


def campaign_to_manage(actor: Actor, campaign_id) -> Campaign:
    """A campaign of the organisation she acts for, else 404; without `prevention.manage` a recorded 403."""
    if actor.organisation is None:
        raise Http404
    # Only what the forms read: the partners (and the municipality) of the campaign being edited.
    campaign = (Campaign.objects.filter(pk=campaign_id, organiser=actor.organisation)
                .select_related("municipality").prefetch_related("partners").first())
    if campaign is None:
        raise Http404
    require_managing(actor, campaign)
    return campaign


def figures_for(campaign: Campaign) -> Figures:
    return figures_of(ActivityFacts(a.held_on, a.channel, a.people_reached) for a in campaign.activities.all())


def taken_codes(prefix: str) -> set[str]:
    return set(Campaign.objects.filter(code__startswith=prefix).values_list("code", flat=True))


def campaign_for_code(code: str) -> Campaign | None:
    """The campaign a caller's code names (normalised first: " safe work 26" finds SAFE-WORK-26), or None.

    For the hotline's contact form: it validates the code a caller gives and stores the campaign's code.
    """
    code = codes.normalise(code)
    if not codes.is_valid(code):
        return None
    return Campaign.objects.filter(code=code).first()




def contacts_by_campaign(campaigns) -> dict[str, int]:
    """How many hotline contacts carry each campaign's code: {code: count}, 0 for none. One query.

    Counts of contacts, never who called: a campaign's reach is not personal data."""
    from strom.hotline.models import Contact

    wanted = [c.code for c in campaigns]
    counts = dict.fromkeys(wanted, 0)
    if wanted:
        rows = (Contact.objects.filter(campaign_code__in=wanted).values("campaign_code")
                .annotate(n=Count("pk")).values_list("campaign_code", "n"))
        counts.update(rows)
    return counts
