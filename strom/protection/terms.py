"""From stored decisions to computed dates: strom.lib.deadlines under the case's country rules.

A period is computed under the rule version that was in force on its first day (stored on the period
as `rule_valid_from`, so that a later version never rewrites an earlier period's dates), with the
working-day calendar of the case's municipality's country. Subdivisions (e.g. a German Land) are not
recorded on municipalities yet: the national calendar is used.
"""

from __future__ import annotations

from datetime import date

from strom.lib import deadlines as core
from strom.lib.country_rules import Length, rule_for


def country_of(case) -> str:
    return case.municipality.country.code


def calendar_of(case) -> core.WorkingCalendar:
    """The working days of the case's country, with the holiday categories its rule counts."""
    return core.calendar_for_rule(rule_for(country_of(case)))


def rule_version(country: str, valid_from: date | None, start: date):
    """The rule version stored on a period or permit (the fallback when none was in force)."""
    return rule_for(country, valid_from or start)


def period_terms(period, extensions=None) -> core.ReflectionPeriod:
    rule = rule_version(period.rule_country, period.rule_valid_from, period.start)
    granted = Length(period.granted_amount, period.granted_unit) if period.granted_amount else None
    if extensions is None:
        extensions = list(period.extensions.all()) if period.pk else []
    ending = (core.Ending(period.ended_on, period.end_reason, period.ended_by)
              if period.ended_on and period.end_reason else None)
    return core.reflection_period(
        period.start, rule, child=period.child, granted=granted, ending=ending,
        extensions=[core.Extension(Length(item.amount, item.unit), item.granted_on, item.granted_by)
                    for item in extensions],
        calendar=core.calendar_for_rule(rule))


def permit_terms(permit, renewals=None) -> core.PermitTerm:
    rule = rule_version(permit.rule_country, permit.rule_valid_from, permit.valid_from)
    if renewals is None:
        renewals = list(permit.renewals.all()) if permit.pk else []
    return core.residence_permit(permit.valid_from, rule, valid_until=permit.valid_until,
                                 renewals=[core.Renewal(item.granted_on, valid_until=item.valid_until)
                                           for item in renewals],
                                 calendar=core.calendar_for_rule(rule))


def stored_version(country: str, on: date) -> date | None:
    """What a period or permit stores as its rule version: the version's first day, None for the fallback."""
    rule = rule_for(country, on)
    return None if rule.is_fallback else rule.valid_from
