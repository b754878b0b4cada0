"""The audit trail page for auditors: filter, newest first, keyset pages of fixed size."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from strom.accounts.policies import actor_for, require
from strom.audit.chain import to_json
from strom.audit.forms import TrailFilterForm
from strom.audit.models import AuditEvent
from strom.audit.services import record
from strom.network.models import Organisation

PAGE_SIZE = 50


@login_required
@require_GET
def trail(request):
    actor = actor_for(request)
    require(actor, "audit.read")
    form = TrailFilterForm(request.GET)
    before = _positive_int(request.GET.get("before"))
    events, older = [], None
    if form.is_valid():
        # One row more than shown tells whether an older page exists, without counting.
        rows = list(filtered_events(form.cleaned_data, before)[: PAGE_SIZE + 1])
        events = rows[:PAGE_SIZE]
        older = events[-1].seq if len(rows) > PAGE_SIZE else None
        _annotate(events)
        # Reading the trail is itself recorded, with the filters (ids and names of colleagues only).
        detail = {**form.active_filters(), **({"before": before} if before else {})}
        record("audit.viewed", actor=actor.user, organisation=actor.organisation, detail=detail,
               request=request)
    context = {"form": form, "events": events, "older": older, "before": before}
    return render(request, "audit/trail.html", context)


def filtered_events(filters: dict, before: int | None) -> QuerySet[AuditEvent]:
    """Newest first; every filter is an equality (or prefix) that leads an index ending in seq."""
    events = AuditEvent.objects.all()
    if before:
        events = events.filter(seq__lt=before)
    exact = {"actor_label": filters.get("actor"), "target_type": filters.get("target_type"),
             "target_id": filters.get("target_id"), "outcome": filters.get("outcome")}
    events = events.filter(**{name: value for name, value in exact.items() if value})
    action = filters.get("action")
    if action:
        # "auth" means every auth.* action; a dotted name means exactly that action.
        lookup = {"action": action} if "." in action else {"action__startswith": f"{action}."}
        events = events.filter(**lookup)
    return _in_date_range(events, filters.get("date_from"), filters.get("date_to")).order_by("-seq")


def _in_date_range(events: QuerySet[AuditEvent], start, end) -> QuerySet[AuditEvent]:
    # Dates are days in the viewer's time zone; the end day is included up to its last microsecond.
    zone = timezone.get_current_timezone()
    if start:
        events = events.filter(created__gte=datetime.combine(start, time.min, tzinfo=zone))
    if end:
        events = events.filter(created__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone))
    return events


def _annotate(events: list[AuditEvent]) -> None:
    """Organisation names (one query for the page) and the detail as compact text."""
    ids = {event.organisation_id for event in events if event.organisation_id}
    names = dict(Organisation.objects.filter(id__in=ids).values_list("id", "name")) if ids else {}
    for event in events:
        event.organisation_name = names.get(event.organisation_id, "")
        event.detail_text = to_json(event.detail) if event.detail else ""


def _positive_int(value: str | None) -> int | None:
    # A mangled ?before= just shows the newest page: it is navigation, not data.
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number > 0 else None
