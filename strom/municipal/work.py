""""My work" for the municipal toolkit: her open actions of a municipal action plan, and for keepers a
reminder when the local mapping is missing or older than 24 months."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from strom.municipal.policies import is_keeper
from strom.municipal.queries import mapping_is_due, open_actions_of, own_municipality


def municipal_items(actor) -> list:
    from strom.web.work import WorkItem

    today = timezone.localdate()
    items = []
    for action in open_actions_of(actor.user):
        due = date_format(action.due)
        where = action.assessment.municipality.name
        description = (_("Overdue: it was due on %(date)s · %(municipality)s") if action.due < today
                       else _("Due on %(date)s · %(municipality)s")) % {"date": due, "municipality": where}
        items.append(WorkItem(_("Municipal action: %(text)s") % {"text": Truncator(action.text).chars(80)},
                              description, reverse("municipal:action", args=[action.pk])))
    municipality = own_municipality(actor)
    if municipality is not None and is_keeper(actor, municipality):
        due, latest = mapping_is_due(municipality, today=today)
        if due:
            description = (_("The newest version is of %(date)s, more than 24 months ago.") % {
                "date": date_format(latest.as_of)} if latest else _("The partnership keeps no local mapping yet."))
            items.append(WorkItem(_("Update the local mapping of %(municipality)s") % {
                "municipality": municipality.name}, description, reverse("municipal:mappings", args=[municipality.pk])))
    return items
