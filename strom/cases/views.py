"""The case pages: list, open, case page with its timeline, edits, stage changes, break-glass.

Views read through queries.py (404 to outsiders, recorded 403 to members without the right) and write
through services.py; a service's refusal lands on the form and nothing changes. No personal data in
URLs: only UUIDs and filter values.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from strom.accounts.policies import actor_for
from strom.audit.services import record
from strom.cases import consent, duplicates, queries, services
from strom.cases.age import treated_as_child
from strom.cases.forms import (
    BreakGlassForm,
    CaseForm,
    ConsentForm,
    DecisionForm,
    ListFilterForm,
    PersonForm,
    PlaceFormSet,
    StageForm,
    places_of,
)
from strom.cases.models import IDENTITY_FIELDS, BreakGlass
from strom.cases.picture import lay_out
from strom.cases.policies import (
    BREAK_GLASS,
    WRITE,
    Access,
    access_to,
    active_break_glass,
    is_lead_member,
    require_case_opening,
)
from strom.cases.stages import Stage, allowed_moves
from strom.cases.vocabularies import ControlMeans, ExploitationForm, RiskFlag
from strom.network.languages import language_names
from strom.screening.policies import RUN as SCREENING_RUN


def _apply_error(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)


# --- The list -------------------------------------------------------------------------------------


@login_required
@require_GET
def case_list(request):
    actor = actor_for(request)
    form = ListFilterForm(request.GET or None)
    filters = queries.ListFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = queries.ListFilters(stage=data["stage"], mine=data["mine"], deadline_within=data["deadline"],
                                      municipality_id=data["municipality"].pk if data["municipality"] else None)
    page = queries.case_page(actor, filters, request.GET.get("after"))
    record("case.list_viewed", actor=actor.user, organisation=actor.organisation,
           detail={"stage": filters.stage, "municipality": str(filters.municipality_id or ""), "mine": filters.mine,
                   "deadline": filters.deadline_within or ""}, request=request)
    next_query = None
    if page.next_cursor:
        query = request.GET.copy()
        query["after"] = page.next_cursor
        next_query = query.urlencode()
    return render(request, "cases/list.html", {
        "form": form, "cases": page.cases, "next_query": next_query, "first_page": not request.GET.get("after"),
        "can_open": actor.can(WRITE)})


# --- Opening a case -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def case_open(request):
    actor = actor_for(request)
    require_case_opening(actor)
    data = request.POST if request.method == "POST" else None
    person_form = PersonForm(data, prefix="person")
    case_form = CaseForm(data, prefix="case", organisation=actor.organisation,
                         initial={"team": [str(actor.user.pk)],
                                  "municipality": str(actor.organisation.municipality_id or "")})
    places = PlaceFormSet(data, prefix="places")
    answer, token = None, ""
    if data is not None and person_form.is_valid() and case_form.is_valid() and places.is_valid():
        person = person_form.values()
        try:
            answer = duplicates.check_before_opening(actor, person, data.get("confirmation", ""), request=request)
            case = services.open_case(actor, person=person, places=places_of(places), request=request,
                                      possible_duplicates=answer.count, **case_form.values())
        except duplicates.PossibleDuplicates as stopped:
            answer, token = stopped.answer, stopped.token
        except ValidationError as error:
            _apply_error(person_form if set(getattr(error, "message_dict", {})) & set(person_form.fields)
                         else case_form, error)
        else:
            messages.success(request, _("The case has been opened."))
            return redirect("cases:detail", case.pk)
    return render(request, "cases/open.html", {"person_form": person_form, "case_form": case_form,
                                               "places": places, "duplicates": answer, "confirmation": token})


# --- The case page --------------------------------------------------------------------------------


def _labels(vocabulary, values) -> list[str]:
    return [vocabulary(value).label for value in values if value in vocabulary.values]


@login_required
@require_GET
def case_detail(request, case_id):
    actor = actor_for(request)
    case = queries.get_case_for(actor, case_id)
    person = queries.identity_of(actor, case, fields=IDENTITY_FIELDS, request=request)
    timeline = queries.timeline_of(case)
    entries = _timeline_entries(timeline, case, actor)
    access = access_to(actor, case)
    lead = access == Access.LEAD
    child = treated_as_child(timezone.localdate(), age_disputed=person.age_disputed,
                             birth_date=_date_or_none(person.birth_date), estimated_age=person.estimated_age,
                             estimated_on=person.age_estimated_on)
    return render(request, "cases/detail.html", {
        "case": case, "person": person, "timeline": entries, "child": child,
        "picture": lay_out([change.to_stage for change in timeline], case.stage),
        "can_screen": actor.can(SCREENING_RUN),
        "decisions": list(case.decisions.all()), "places": list(case.places.all()),
        "consents": consent.current(queries.consent_ledger_of(case)),
        "ledger": queries.consent_ledger_of(case),
        "team": list(case.team.order_by("display_name")),
        "exploitation": _labels(ExploitationForm, case.exploitation_forms),
        "control": _labels(ControlMeans, case.means_of_control), "risks": _labels(RiskFlag, case.risk_flags),
        "languages": language_names(person.languages),
        "can_write": lead and is_lead_member(actor, case) and actor.can(WRITE),
        "emergency": active_break_glass(actor, case) if access == Access.EMERGENCY else None,
        "open_grants": list(BreakGlass.objects.filter(case=case, acknowledged_at__isnull=True)
                            .select_related("user", "organisation")) if lead else [],
        "stage_open": bool(allowed_moves(case.stage)),
    })


def _timeline_entries(stage_changes, case, actor) -> list:
    """Stage changes, screenings and notes in the order they happened (outcomes and titles only)."""
    from strom.casefiles.timeline import note_entries
    from strom.screening.timeline import screening_entries

    return sorted([*stage_changes, *screening_entries(case), *note_entries(case, actor)], key=lambda entry: entry.at)


def _date_or_none(value: str):
    from datetime import date

    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


# --- Edits ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, case_id):
    actor = actor_for(request)
    case = queries.case_to_write(actor, case_id)
    person = queries.identity_of(actor, case, request=request)
    initial = {name: getattr(person, name) for name in services.PERSON_FIELDS if name != "age_estimated_on"}
    form = PersonForm(request.POST or None, prefix="person", initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        values.pop("age_estimated_on", None)
        try:
            services.update_person(actor, case, request=request, **values)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The person's details have been saved."))
            return redirect("cases:detail", case.pk)
    answer = duplicates.find_possible_duplicates(actor, duplicates.fields_of(person), exclude_person=person,
                                                 request=request)
    return render(request, "cases/person_form.html", {"case": case, "form": form, "duplicates": answer})


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request, case_id):
    actor = actor_for(request)
    case = queries.case_to_write(actor, case_id)
    initial = {"municipality": str(case.municipality_id), "team": [str(pk) for pk in case.team.values_list("pk",
                                                                                                        flat=True)],
               "exploitation_forms": case.exploitation_forms, "industry": case.industry,
               "means_of_control": case.means_of_control, "risk_flags": case.risk_flags}
    data = request.POST if request.method == "POST" else None
    form = CaseForm(data, prefix="case", organisation=case.lead_organisation, initial=initial)
    places = PlaceFormSet(data, prefix="places", initial=list(case.places.values(
        "kind", "country", "place", "date_from", "date_to")))
    if data is not None and form.is_valid() and places.is_valid():
        try:
            services.update_case(actor, case, places=places_of(places), request=request, **form.values())
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The case has been saved."))
            return redirect("cases:detail", case.pk)
    return render(request, "cases/case_form.html", {"case": case, "form": form, "places": places})


@login_required
@require_http_methods(["GET", "POST"])
def case_stage(request, case_id):
    actor = actor_for(request)
    case = queries.case_to_write(actor, case_id)
    form = StageForm(request.POST or None, current=case.stage)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_stage(actor, case, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The case is now at “%(stage)s”.") % {"stage": Stage(form.cleaned_data[
                "to_stage"]).label})
            return redirect("cases:detail", case.pk)
    return render(request, "cases/stage_form.html", {
        "case": case, "form": form, "heading": _("Change the stage of %(name)s") % {"name": case.person.pseudonym},
        "submit": _("Change the stage"), "cancel": reverse("cases:detail", args=[case.pk])})


@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request, case_id):
    actor = actor_for(request)
    case = queries.case_to_write(actor, case_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_decision(actor, case, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect("cases:detail", case.pk)
    return render(request, "cases/decision_form.html", {
        "case": case, "form": form,
        "heading": _("Identification decision for %(name)s") % {"name": case.person.pseudonym},
        "submit": _("Record the decision"), "cancel": reverse("cases:detail", args=[case.pk])})


@login_required
@require_http_methods(["GET", "POST"])
def consent_add(request, case_id):
    actor = actor_for(request)
    case = queries.case_to_write(actor, case_id)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_consent(actor, case, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The consent ledger has been updated."))
            return redirect("cases:detail", case.pk)
    return render(request, "cases/decision_form.html", {
        "case": case, "form": form, "heading": _("Consent of %(name)s") % {"name": case.person.pseudonym},
        "submit": _("Add to the ledger"), "cancel": reverse("cases:detail", args=[case.pk])})


# --- Break-glass ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def break_glass(request, case_id):
    """Emergency access. The page shows nothing of the case; without the right it is a 404 (outsiders
    without break-glass learn nothing), and the lead organisation's own members go to the case."""
    actor = actor_for(request)
    if not actor.can(BREAK_GLASS):
        raise Http404
    case = queries.case_for_break_glass(case_id)
    if is_lead_member(actor, case):
        return redirect("cases:detail", case.pk)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass(actor, case, reason=form.cleaned_data["reason"], request=request)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.warning(request, _("Emergency access granted for a few hours. The lead organisation has "
                                        "been told."))
            return redirect("cases:detail", case.pk)
    return render(request, "cases/break_glass.html", {"case_id": case.pk, "form": form})


@login_required
@require_POST
def acknowledge(request, case_id, grant_id):
    actor = actor_for(request)
    case = queries.case_to_write(actor, case_id)
    grant = BreakGlass.objects.filter(pk=grant_id, case=case).first()
    if grant is None:
        raise Http404
    services.acknowledge_break_glass(actor, grant, request=request)
    messages.success(request, _("The emergency access has been acknowledged."))
    return redirect("cases:detail", case.pk)
