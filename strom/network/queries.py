from __future__ import annotations

from django.http import Http404

from strom.accounts.policies import Actor
from strom.network.models import Municipality, Organisation
from strom.network.policies import require_network_administration


def organisations_for_administration(actor: Actor):
    require_network_administration(actor)
    return Organisation.objects.select_related("municipality").order_by("country", "name")


def organisation_for_administration(actor: Actor, organisation_id) -> Organisation:
    organisation = organisations_for_administration(actor).filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    return organisation


def municipalities():
    return Municipality.objects.order_by("country", "name")
