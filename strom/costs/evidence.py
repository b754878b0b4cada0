"""Evidence for the self-assessment's item "the municipality knows what assisting a victim costs it":
unit costs in force for the municipality, from which Strom computes each case's cost and the yearly
figures. Rates kept only for the whole country are a start (score 1), the municipality's own a practice
(score 2); whether they are reviewed is for the coordinator to say."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from strom.costs.models import UnitCost
from strom.municipal.evidence import Evidence, provider


@provider("monitoring.costs")
def cost_of_assistance(municipality, as_of: date) -> Evidence:
    in_force = UnitCost.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=as_of), valid_from__lte=as_of)
    link = [(_("Cost of assistance"), reverse("costs:report"))]
    if in_force.filter(municipality=municipality).exists():
        return Evidence(True, _("The municipality's own unit costs are kept in Strom, which computes the cost "
                                "of each case from them."), link, 2)
    if in_force.filter(municipality__isnull=True, country=municipality.country).exists():
        return Evidence(True, _("Only the country's unit costs are kept in Strom, none of the municipality's "
                                "own."), link, 1)
    return Evidence(False, _("No unit costs are kept in Strom for the municipality or its country."), [], 0)
