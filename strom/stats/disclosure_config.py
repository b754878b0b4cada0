"""The thin Django wrappers around the pure ``disclosure`` core: the configured threshold, and who
may see a table exact."""

from django.conf import settings

from strom.accounts.policies import Actor
from strom.cases.policies import READ as CASE_READ
from strom.cases.policies import visibility_q
from strom.stats.disclosure import DEFAULT_THRESHOLD, ProtectedTable, Table, protect


def threshold() -> int:
    """``STROM_DISCLOSURE_THRESHOLD`` (settings.DISCLOSURE_THRESHOLD), default 10."""
    return getattr(settings, "DISCLOSURE_THRESHOLD", DEFAULT_THRESHOLD)


def protect_configured(table: Table, *, exact: bool = False) -> ProtectedTable:
    """``protect`` with the configured threshold: what views, exports and the API call."""
    return protect(table, threshold=threshold(), exact=exact)


def may_see_exact(actor: Actor, cases) -> bool:
    """May the actor see a table over ``cases`` (a Case queryset: every case behind the figures)
    without suppression? Only with ``case.read`` in an organisation that sees every one of them;
    a break-glass access is temporary and per person, so it never counts. One query."""
    if actor.organisation is None or not actor.can(CASE_READ):
        return False
    return not cases.exclude(visibility_q(actor.organisation)).exists()
