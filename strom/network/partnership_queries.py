"""Scoped reads of partnerships (who sees what: partnership_policies.py).

Every `…_for(actor, id)` returns the object or raises 404 when the actor may not see it at all;
a 403 (recorded) comes only from the `…_to_keep` reads, for what she can see but may not change.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from strom.accounts.models import User
from strom.accounts.policies import Actor, deny
from strom.network.models import (
    ActionPoint,
    ActionPointStatus,
    Agreement,
    Decision,
    Meeting,
    Municipality,
    Partnership,
    PartnershipMember,
    PartnershipRole,
)
from strom.network.partnership_policies import (
    MANAGE_PARTNERSHIP,
    READ,
    Access,
    access_to,
    is_keeper_of,
    require_keeper,
)

OPEN_STATUSES = (ActionPointStatus.OPEN, ActionPointStatus.IN_PROGRESS)
PAST_MEETINGS_SHOWN = 12


def active_members(partnership, *, today=None):
    """Member rows whose period includes `today`."""
    today = today or timezone.localdate()
    return PartnershipMember.objects.filter(
        Q(active_to__isnull=True) | Q(active_to__gte=today), partnership=partnership, active_from__lte=today)


def members_of(partnership):
    """Every member row, current, past and future, with its organisation (one query)."""
    return (PartnershipMember.objects.filter(partnership=partnership)
            .select_related("organisation__municipality").order_by("role", "organisation__name", "id"))


# --- The partnership of a municipality ----------------------------------------------------------


def municipality_for(actor: Actor, municipality_id) -> tuple[Municipality, Partnership | None, Access]:
    """The municipality, its partnership (or None) and what the actor may see of it.

    Municipalities are no secret (the directory lists them), so an unknown id is a 404 and an actor
    who may not read the network at all gets a recorded 403.
    """
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:
        raise Http404
    partnership = Partnership.objects.filter(municipality=municipality).select_related("municipality").first()
    if partnership is not None:
        access = access_to(actor, partnership)
    elif is_keeper_of(actor, municipality):
        access = Access.KEEPER
    else:
        access = Access.SUMMARY if actor.can(READ) else Access.NONE
    if access == Access.NONE:
        deny(actor, READ, municipality)
    return municipality, partnership, access


def partnership_to_keep(actor: Actor, municipality_id) -> Partnership:
    """The municipality's partnership for its keeper: 404 when there is none, 403 (recorded) to others."""
    municipality, partnership, _access = municipality_for(actor, municipality_id)
    if partnership is None:
        raise Http404
    require_keeper(actor, partnership)
    return partnership


def visible_partnerships(actor: Actor):
    """Partnerships whose summary the actor sees: all of them with `network.read`, else her own."""
    partnerships = Partnership.objects.select_related("municipality").order_by(
        "municipality__country", "municipality__name", "id")
    if actor.can(READ):
        return partnerships
    if actor.organisation is None:
        return partnerships.none()
    today = timezone.localdate()
    mine = (Q(members__organisation=actor.organisation, members__active_from__lte=today)
            & (Q(members__active_to__isnull=True) | Q(members__active_to__gte=today)))
    return partnerships.filter(mine).distinct()


def partnerships_of(organisation, *, today=None):
    """Partnerships the organisation takes part in today (pks)."""
    today = today or timezone.localdate()
    return set(PartnershipMember.objects.filter(
        Q(active_to__isnull=True) | Q(active_to__gte=today), organisation=organisation, active_from__lte=today,
    ).values_list("partnership_id", flat=True))


# --- Parts only members see (404 to everyone else) ----------------------------------------------


def _visible_part(actor: Actor, item, *, at_least: Access = Access.MEMBER):
    if item is None or access_to(actor, item.partnership if hasattr(item, "partnership_id")
                                 else item.meeting.partnership) < at_least:
        raise Http404
    return item


def meeting_for(actor: Actor, meeting_id) -> Meeting:
    meeting = Meeting.objects.filter(pk=meeting_id).select_related("partnership__municipality").first()
    return _visible_part(actor, meeting)


def agreement_for(actor: Actor, agreement_id) -> Agreement:
    agreement = Agreement.objects.filter(pk=agreement_id).select_related("partnership__municipality").first()
    return _visible_part(actor, agreement)


def action_point_for(actor: Actor, action_point_id) -> ActionPoint:
    action_point = (ActionPoint.objects.filter(pk=action_point_id)
                    .select_related("partnership__municipality", "meeting", "owner").first())
    return _visible_part(actor, action_point)


def decision_for(actor: Actor, decision_id) -> Decision:
    decision = Decision.objects.filter(pk=decision_id).select_related("meeting__partnership__municipality").first()
    return _visible_part(actor, decision)


def _to_keep(actor: Actor, item):
    require_keeper(actor, item)
    return item


def meeting_to_keep(actor: Actor, meeting_id) -> Meeting:
    return _to_keep(actor, meeting_for(actor, meeting_id))


def agreement_to_keep(actor: Actor, agreement_id) -> Agreement:
    return _to_keep(actor, agreement_for(actor, agreement_id))


def action_point_to_keep(actor: Actor, action_point_id) -> ActionPoint:
    return _to_keep(actor, action_point_for(actor, action_point_id))


def decision_to_keep(actor: Actor, decision_id) -> Decision:
    return _to_keep(actor, decision_for(actor, decision_id))


def member_to_keep(actor: Actor, member_id) -> PartnershipMember:
    """Member rows are summary-level facts: 404 only to those who cannot read the summary."""
    member = (PartnershipMember.objects.filter(pk=member_id)
              .select_related("partnership__municipality", "organisation").first())
    return _to_keep(actor, _visible_part(actor, member, at_least=Access.SUMMARY))


# --- What the partnership page and the meeting page show ----------------------------------------


def agreements_of(partnership):
    return partnership.agreements.order_by("-valid_from", "title", "id")


def upcoming_meetings(partnership, *, now=None):
    now = now or timezone.now()
    return partnership.meetings.filter(starts__gte=now).order_by("starts", "id")


def past_meetings(partnership, *, now=None, limit: int = PAST_MEETINGS_SHOWN):
    now = now or timezone.now()
    return partnership.meetings.filter(starts__lt=now).order_by("-starts", "-id")[:limit]


def open_action_points(partnership):
    return (partnership.action_points.filter(status__in=OPEN_STATUSES)
            .select_related("owner", "meeting").order_by("due", "created", "id"))


def meeting_details(meeting: Meeting) -> Meeting:
    """The meeting with its decisions and action points (two more queries)."""
    return (Meeting.objects.filter(pk=meeting.pk).select_related("partnership__municipality")
            .prefetch_related(
                Prefetch("decisions", queryset=Decision.objects.order_by("created", "id")),
                Prefetch("action_points", queryset=ActionPoint.objects.select_related("owner")
                         .order_by("due", "created", "id")))
            .get())


def possible_owners(partnership, *, today=None):
    """Active users with an active role in an organisation that takes part in the group today."""
    organisations = active_members(partnership, today=today).values("organisation_id")
    return (User.objects.filter(is_active=True, memberships__is_active=True,
                                memberships__organisation_id__in=organisations,
                                memberships__organisation__is_active=True)
            .distinct().order_by("display_name", "username"))


def is_possible_owner(partnership, user) -> bool:
    return user is not None and possible_owners(partnership).filter(pk=user.pk).exists()


def leads_of(partnership, *, today=None):
    return active_members(partnership, today=today).filter(role=PartnershipRole.LEAD)


# --- "My work" ----------------------------------------------------------------------------------


def open_action_points_of(actor: Actor, *, today=None):
    """Her own open action points in groups where she can act on them now: earliest due (overdue) first.

    She acts for one organisation at a time: points of a group her current organisation does not
    take part in (and does not keep) wait until she switches to the organisation that does.
    """
    user = actor.user
    if actor.organisation is None or not getattr(user, "is_authenticated", False):
        return ActionPoint.objects.none()
    today = today or timezone.localdate()
    visible = Q(partnership_id__in=partnerships_of(actor.organisation, today=today))
    if actor.can(MANAGE_PARTNERSHIP) and actor.organisation.municipality_id:
        visible |= Q(partnership__municipality_id=actor.organisation.municipality_id)
    return (ActionPoint.objects.filter(visible, owner=user, status__in=OPEN_STATUSES)
            .select_related("partnership__municipality").order_by("due", "created", "id"))
