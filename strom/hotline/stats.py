"""The hotline's section of the statistics dashboards: contacts by topic and channel, and by caller type.

A scope's contacts: those its organisation recorded (organisation), those about a place in the
municipality (municipality), those recorded by the country's hotlines (country). Counts are of contacts,
not people; they go through disclosure control like every dashboard table, exact only on an
organisation's own dashboard for a viewer who sees everything there.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from strom.hotline.models import CallerType, Channel, Contact, Topic
from strom.stats import breakdowns
from strom.stats.figures import Figure
from strom.stats.queries import MUNICIPALITY, ORGANISATION, Scope


def _where(scope: Scope) -> Q:
    if scope.kind == MUNICIPALITY:
        return Q(municipality_id=scope.key)
    return scope.organisation_q("organisation")


def contacts_section(scope: Scope, year: int, exact: bool) -> list[Figure]:
    exact = exact and scope.kind == ORGANISATION
    rows = list(Contact.objects.filter(_where(scope), started_at__year=year)
                .values("topic", "channel", "caller_type").annotate(n=Count("pk")).order_by())
    by_topic = breakdowns.two_dimensions("hotline_topic_channel", ("topic", "channel"),
                                         (tuple(Topic.values), tuple(Channel.values)),
                                         _merge(rows, ("topic", "channel")), ("topic", "channel"))
    by_caller = breakdowns.one_dimension("hotline_caller_type", "caller_type", tuple(CallerType.values),
                                         _merge(rows, ("caller_type",)), "caller_type", CallerType.UNKNOWN)
    return [
        Figure.of(by_topic, _("Hotline contacts by topic and channel"), (_("Topic"), _("Channel")),
                  {**dict(Topic.choices), **dict(Channel.choices)}, exact=exact),
        Figure.of(by_caller, _("Hotline contacts by caller"), (_("Caller"),), dict(CallerType.choices),
                  exact=exact),
    ]


def _merge(rows: list[dict], fields: tuple[str, ...]) -> list[dict]:
    """The grouped rows summed over the fields a table does not show."""
    merged: dict[tuple, int] = {}
    for row in rows:
        key = tuple(row[field] for field in fields)
        merged[key] = merged.get(key, 0) + row["n"]
    return [{**dict(zip(fields, key, strict=True)), "n": n} for key, n in merged.items()]
