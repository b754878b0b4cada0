"""Writes of prevention: campaigns, their activities and materials.

Each function checks `policies.require_managing` before its transaction (`strom.lib.services.service`),
validates, saves and appends its audit event in the same transaction: bad input raises ValidationError
and changes nothing. Audit events name the fields written, never their values.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.lib.services import service
from strom.network.languages import is_language_code
from strom.prevention import codes
from strom.prevention.models import Activity, Campaign, Material
from strom.prevention.policies import require_managing
from strom.prevention.queries import taken_codes
from strom.prevention.vocabularies import Channel, TargetGroup

MAX_TITLE = 200
MAX_TEXT = 4000
MAX_PLACES = 500
MAX_PEOPLE = 10_000_000  # more than any campaign reaches in person: a typing error
FAR = timedelta(days=366 * 10)
CAMPAIGN_FIELDS = ("code", "title", "description", "country", "municipality", "target_groups", "channels",
                   "places", "starts_on", "ends_on")


def _text(value, field: str, limit: int, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > limit:
        raise ValidationError({field: _("Keep it under %(max)d characters.") % {"max": limit}})
    return value


def _day(value, field: str, required: bool = True) -> date | None:
    if value is None and not required:
        return None
    if not isinstance(value, date):
        raise ValidationError({field: _("Give a date.")})
    if abs(value - timezone.localdate()) > FAR:
        raise ValidationError({field: _("The date is more than ten years away: check it.")})
    return value


def _codes_of(values, vocabulary, field: str) -> list[str]:
    values = list(dict.fromkeys(values or []))
    if any(v not in vocabulary.values for v in values):
        raise ValidationError({field: _("Choose from the list.")})
    return values


def _campaign_code(value, title: str, starts_on: date, own: Campaign | None) -> str:
    """The code typed (normalised and checked) or, when none was typed, a free one suggested from the title."""
    code = codes.normalise(value or "")
    if not code:
        # Every candidate `suggest` tries starts with the first 16 characters of its first choice.
        first = codes.suggest(title, starts_on.year)
        return codes.suggest(title, starts_on.year, taken_codes(first[:16]))
    if not codes.is_valid(code):
        raise ValidationError({"code": _("A code has 3 to 20 letters A–Z, digits and single hyphens, "
                                         "e.g. SAFE-WORK-26.")})
    clash = Campaign.objects.filter(code=code)
    if own is not None:
        clash = clash.exclude(pk=own.pk)
    if clash.exists():
        raise ValidationError({"code": _("Another campaign already has this code: choose another.")})
    return code


def _cleaned(actor: Actor, fields: dict, own: Campaign | None) -> dict:
    title = _text(fields.get("title"), "title", MAX_TITLE, required=True)
    starts_on = _day(fields.get("starts_on"), "starts_on")
    ends_on = _day(fields.get("ends_on"), "ends_on", required=False)
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})
    municipality = fields.get("municipality")
    country = str(fields.get("country") or (municipality.country if municipality else "")
                  or actor.organisation.country)
    if country not in dict(countries):
        raise ValidationError({"country": _("Choose a country.")})
    if municipality is not None and str(municipality.country) != country:
        raise ValidationError({"municipality": _("The municipality is not in the campaign's country.")})
    return {
        "code": _campaign_code(fields.get("code"), title, starts_on, own),
        "title": title,
        "description": _text(fields.get("description"), "description", MAX_TEXT),
        "country": country,
        "municipality": municipality,
        "target_groups": _codes_of(fields.get("target_groups"), TargetGroup, "target_groups"),
        "channels": _codes_of(fields.get("channels"), Channel, "channels"),
        "places": _text(fields.get("places"), "places", MAX_PLACES),
        "starts_on": starts_on,
        "ends_on": ends_on,
    }


def _partners(actor: Actor, partners) -> list:
    partners = [p for p in (partners or []) if p.pk != actor.organisation.pk]
    if any(not p.is_active for p in partners):
        raise ValidationError({"partners": _("Choose active organisations.")})
    return partners


def _save_code_safely(campaign: Campaign) -> None:
    # Two coordinators may pick the same free code at once: the unique index decides, with a message.
    try:
        with transaction.atomic():
            campaign.save()
    except IntegrityError as error:
        raise ValidationError({"code": _("Another campaign already has this code: choose another.")}) from error


@service(require_managing)
def create_campaign(actor: Actor, *, partners=(), request=None, **fields) -> Campaign:
    values = _cleaned(actor, fields, None)
    chosen = _partners(actor, partners)
    campaign = Campaign(organiser=actor.organisation, created_by=actor.user, **values)
    _save_code_safely(campaign)
    campaign.partners.set(chosen)
    record("prevention.campaign_created", actor=actor.user, organisation=actor.organisation, target=campaign,
           fields=[*CAMPAIGN_FIELDS, "partners"], detail={"code": campaign.code}, request=request)
    return campaign


def _campaign_first(actor: Actor, campaign, *args, **kwargs) -> None:
    require_managing(actor, campaign)


@service(_campaign_first)
def update_campaign(actor: Actor, campaign: Campaign, *, partners=(), request=None, **fields) -> list[str]:
    """Save what changed; returns the names of the changed fields (none: nothing is recorded)."""
    values = _cleaned(actor, fields, campaign)
    chosen = _partners(actor, partners)
    changed = [name for name, value in values.items() if getattr(campaign, name) != value]
    if {p.pk for p in chosen} != {p.pk for p in campaign.partners.all()}:
        changed.append("partners")
    if not changed:
        return []
    for name, value in values.items():
        setattr(campaign, name, value)
    _save_code_safely(campaign)
    campaign.partners.set(chosen)
    record("prevention.campaign_updated", actor=actor.user, organisation=actor.organisation, target=campaign,
           fields=changed, request=request)
    return changed


@service(_campaign_first)
def add_activity(actor: Actor, campaign: Campaign, *, held_on, channel, people_reached, place="", note="",
                 request=None) -> Activity:
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Choose from the list.")})
    if not isinstance(people_reached, int) or not 0 <= people_reached <= MAX_PEOPLE:
        raise ValidationError({"people_reached": _("Give the number of people reached (0 or more).")})
    activity = Activity.objects.create(
        campaign=campaign, held_on=_day(held_on, "held_on"), channel=channel, people_reached=people_reached,
        place=_text(place, "place", MAX_TITLE), note=_text(note, "note", 500))
    record("prevention.activity_added", actor=actor.user, organisation=actor.organisation, target=campaign,
           fields=["held_on", "channel", "people_reached", "place", "note"], detail={"activity": str(activity.pk)},
           request=request)
    return activity


@service(_campaign_first)
def remove_activity(actor: Actor, campaign: Campaign, activity: Activity, *, request=None) -> None:
    if activity.campaign_id != campaign.pk:
        raise ValidationError(_("This activity belongs to another campaign."))
    removed = str(activity.pk)  # delete() sets pk to None
    activity.delete()
    record("prevention.activity_removed", actor=actor.user, organisation=actor.organisation, target=campaign,
           detail={"activity": removed}, request=request)


@service(_campaign_first)
def add_material(actor: Actor, campaign: Campaign, *, title, language, link, request=None) -> Material:
    title = _text(title, "title", MAX_TITLE, required=True)
    if not is_language_code(language or ""):
        raise ValidationError({"language": _("Choose a language.")})
    link = _text(link, "link", 500, required=True)
    try:
        URLValidator(schemes=["https", "http"])(link)
    except ValidationError as error:
        raise ValidationError({"link": _("Give a web address that starts with https://.")}) from error
    material = Material.objects.create(campaign=campaign, title=title, language=language, link=link)
    record("prevention.material_added", actor=actor.user, organisation=actor.organisation, target=campaign,
           fields=["title", "language", "link"], detail={"material": str(material.pk)}, request=request)
    return material


@service(_campaign_first)
def remove_material(actor: Actor, campaign: Campaign, material: Material, *, request=None) -> None:
    if material.campaign_id != campaign.pk:
        raise ValidationError(_("This material belongs to another campaign."))
    removed = str(material.pk)  # delete() sets pk to None
    material.delete()
    record("prevention.material_removed", actor=actor.user, organisation=actor.organisation, target=campaign,
           detail={"material": removed}, request=request)
