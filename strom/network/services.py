"""Writes to the network: organisations and municipalities (set up by a system administrator)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.lib.services import service
from strom.network.models import Municipality, Organisation
from strom.network.policies import require_network_administration


@service(require_network_administration)
def create_municipality(actor: Actor, *, country: str, name: str, name_en: str = "", region: str = "",
                        request=None) -> Municipality:
    if Municipality.objects.filter(country=country, name__iexact=name).exists():
        raise ValidationError(_("This country already has a municipality with that name."))
    municipality = Municipality.objects.create(country=country, name=name, name_en=name_en, region=region)
    record("municipality.created", actor=actor.user, target=municipality, request=request)
    return municipality


@service(require_network_administration)
def create_organisation(actor: Actor, *, name: str, type: str, country: str, municipality=None,
                        request=None) -> Organisation:
    if municipality is not None and municipality.country != country:
        raise ValidationError(_("The municipality is not in the organisation's country."))
    if Organisation.objects.filter(country=country, name__iexact=name).exists():
        raise ValidationError(_("This country already has an organisation with that name."))
    organisation = Organisation.objects.create(name=name, type=type, country=country, municipality=municipality)
    record("organisation.created", actor=actor.user, organisation=organisation, target=organisation,
           request=request)
    return organisation


@service(require_network_administration)
def set_organisation_active(actor: Actor, organisation: Organisation, active: bool, request=None) -> None:
    organisation.is_active = active
    organisation.save(update_fields=["is_active"])
    record("organisation.activated" if active else "organisation.deactivated", actor=actor.user,
           organisation=organisation, target=organisation, request=request)
