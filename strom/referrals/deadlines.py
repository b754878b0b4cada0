"""When a referral's answer is due: the service's target in the RECEIVER's working calendar (its
country's holidays) and the time zone of its municipality (strom.lib.deadlines does the dates)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from strom.lib.deadlines import answer_due, working_calendar


def receiver_zone(organisation) -> ZoneInfo:
    municipality = getattr(organisation, "municipality", None)
    return ZoneInfo(municipality.time_zone if municipality is not None else settings.TIME_ZONE)


def due_for(service, sent_at: datetime) -> datetime | None:
    """None when the service names no answer time."""
    if not service.answer_time:
        return None
    organisation = service.organisation
    return answer_due(
        sent_at,
        service.answer_time,
        service.answer_unit,
        working_calendar(organisation.country.code),
        receiver_zone(organisation),
    )


def is_overdue(referral, now: datetime) -> bool:
    """Still waiting for an answer after it was due (a request for information stops the clock)."""
    return referral.state == "sent" and referral.due_at is not None and now > referral.due_at
