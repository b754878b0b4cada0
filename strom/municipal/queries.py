"""Scoped reads of the municipal toolkit (who sees what: policies.py)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from strom.accounts.models import User
from strom.accounts.policies import Actor
from strom.municipal.models import Action, Answer, Assessment, ChecklistArea, LocalMapping
from strom.municipal.policies import (
    ASSESS,
    is_keeper,
    is_national_reader,
    refuse,
    require_compare,
)
from strom.network.models import Municipality, Service

MAPPING_VALID_FOR = timedelta(days=730)  # 24 months, as the guidelines ask
OPEN_ACTIONS = (Action.Status.OPEN, Action.Status.IN_PROGRESS)


def own_municipality(actor: Actor) -> Municipality | None:
    """The municipality her current organisation is based in (None for national bodies)."""
    organisation = actor.organisation
    return organisation.municipality if organisation is not None else None


def municipality_for(municipality_id) -> Municipality:
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:
        raise Http404
    return municipality


def assessments_of(actor: Actor, municipality: Municipality):
    """Her municipality's assessments (drafts too) for keepers; completed ones for national readers."""
    if is_keeper(actor, municipality):
        return Assessment.objects.filter(municipality=municipality).select_related("started_by", "checklist")
    if is_national_reader(actor, municipality):
        return Assessment.objects.filter(municipality=municipality, status=Assessment.Status.COMPLETED)\
            .select_related("started_by", "checklist")
    refuse(actor, municipality, ASSESS, municipality)


def assessment_for(actor: Actor, assessment_id) -> Assessment:
    assessment = Assessment.objects.select_related("municipality", "checklist", "started_by").filter(
        pk=assessment_id).first()
    if assessment is None:
        raise Http404
    if is_keeper(actor, assessment.municipality):
        return assessment
    if is_national_reader(actor, assessment.municipality) and assessment.status == Assessment.Status.COMPLETED:
        return assessment
    refuse(actor, assessment.municipality, ASSESS, assessment)


def assessment_to_keep(actor: Actor, assessment_id) -> Assessment:
    assessment = assessment_for(actor, assessment_id)
    if not is_keeper(actor, assessment.municipality):
        refuse(actor, assessment.municipality, ASSESS, assessment)
    return assessment


def answers_of(assessment: Assessment):
    return Answer.objects.filter(assessment=assessment).select_related("item__area")


def areas_of(assessment: Assessment):
    return ChecklistArea.objects.filter(checklist=assessment.checklist).order_by("position")


def previous_of(assessment: Assessment) -> Assessment | None:
    """The completed assessment of the same municipality before this one."""
    return (Assessment.objects.filter(municipality=assessment.municipality, status=Assessment.Status.COMPLETED)
            .filter(Q(as_of__lt=assessment.as_of) | Q(as_of=assessment.as_of, created__lt=assessment.created))
            .exclude(pk=assessment.pk).order_by("-as_of", "-created").first())


def actions_of(assessment: Assessment):
    return Action.objects.filter(assessment=assessment).select_related("owner", "item").order_by("due", "created")


def action_for(actor: Actor, action_id) -> Action:
    """The owner and the keepers read an action; others as for the assessment."""
    action = Action.objects.select_related("assessment__municipality", "owner", "item").filter(pk=action_id).first()
    if action is None:
        raise Http404
    if action.owner_id == actor.user.pk or is_keeper(actor, action.assessment.municipality):
        return action
    refuse(actor, action.assessment.municipality, ASSESS, action)


def open_actions_of(user, *, limit: int = 20):
    """Her open actions across municipalities, soonest due first (one query, for "My work")."""
    return (Action.objects.filter(owner=user, status__in=OPEN_ACTIONS)
            .select_related("assessment__municipality").order_by("due", "created")[:limit])


def possible_owners(municipality: Municipality):
    """Active users with an active membership in an active organisation based in the municipality."""
    return (User.objects.filter(is_active=True, memberships__is_active=True,
                                memberships__organisation__is_active=True,
                                memberships__organisation__municipality=municipality)
            .distinct().order_by("display_name", "username"))


def national_comparison(actor: Actor) -> tuple[str, list[tuple[Municipality, Assessment | None]]]:
    """The municipalities of her organisation's country, each with its latest completed assessment."""
    require_compare(actor)
    country = actor.organisation.country
    municipalities = list(Municipality.objects.filter(country=country).order_by("name"))
    # The latest completed assessment of each: ids first (one narrow query), then only those with answers,
    # so that years of history are not loaded.
    latest_ids: dict = {}
    for municipality_id, pk in (Assessment.objects.filter(municipality__in=municipalities,
                                                          status=Assessment.Status.COMPLETED)
                                .order_by("municipality_id", "-as_of", "-created")
                                .values_list("municipality_id", "pk")):
        latest_ids.setdefault(municipality_id, pk)
    latest = {assessment.municipality_id: assessment for assessment in
              Assessment.objects.filter(pk__in=latest_ids.values()).select_related("checklist").prefetch_related(
                  Prefetch("answers", queryset=Answer.objects.select_related("item__area")))}
    return country, [(municipality, latest.get(municipality.pk)) for municipality in municipalities]


# --- Local mapping --------------------------------------------------------------------------------------


def can_read_mapping(actor: Actor, municipality: Municipality) -> bool:
    from strom.network.partnership_policies import works_for_member

    if is_keeper(actor, municipality):
        return True
    partnership = municipality.partnerships.first()
    return partnership is not None and works_for_member(actor, partnership)


def mappings_for(actor: Actor, municipality: Municipality):
    """Every version, newest first."""
    if not can_read_mapping(actor, municipality):
        refuse(actor, municipality, ASSESS, municipality)
    return LocalMapping.objects.filter(municipality=municipality).select_related("author").order_by("-version")


def mapping_for(actor: Actor, mapping_id) -> LocalMapping:
    mapping = LocalMapping.objects.select_related("municipality", "author").filter(pk=mapping_id).first()
    if mapping is None:
        raise Http404
    if not can_read_mapping(actor, mapping.municipality):
        refuse(actor, mapping.municipality, ASSESS, mapping)
    return mapping


def latest_mapping(municipality: Municipality) -> LocalMapping | None:
    return LocalMapping.objects.filter(municipality=municipality).order_by("-version").first()


def mapping_is_due(municipality: Municipality, *, today=None) -> tuple[bool, LocalMapping | None]:
    """Due when there is none, or the newest is older than 24 months."""
    today = today or timezone.localdate()
    latest = latest_mapping(municipality)
    return latest is None or latest.as_of < today - MAPPING_VALID_FOR, latest


def services_of_mapping(mapping: LocalMapping):
    return Service.objects.filter(pk__in=mapping.services.values("pk")).select_related("organisation", "type")\
        .order_by("type__name", "name")

