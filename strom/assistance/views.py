"""The assistance pages of a case: /cases/<id>/assistance/… (tab "Assistance").

Reads go through the case's scoped read (queries.get_case_for: 404 to outsiders, read-only for
break-glass) and are recorded; writes go through services.py on the case from `case_to_write`. A
service's refusal lands on the form and nothing changes. No personal data in URLs: only UUIDs.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from strom.accounts.policies import actor_for
from strom.assistance import forms, queries, services
from strom.assistance.models import AssistancePlan, Goal, Proceeding
from strom.cases import queries as case_queries
from strom.cases.policies import WRITE, is_lead_member
from strom.cases.stages import Stage

TAB = "assistance"


def _apply_error(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)


def _may_write(actor, case) -> bool:
    return is_lead_member(actor, case) and actor.can(WRITE)


def _overview_url(case) -> str:
    return reverse("assistance:overview", args=[case.pk])


@login_required
@require_GET
def overview(request, case_id):
    actor = actor_for(request)
    case = case_queries.get_case_for(actor, case_id)
    queries.record_read(actor, case, part="overview", request=request)
    plans = queries.plans_of(case)
    delivered = queries.delivered_of(case)
    return render(request, "assistance/overview.html", {
        "case": case, "tab": TAB, "may_write": _may_write(actor, case),
        "assessments": queries.assessments_of(case), "plan": plans[0] if plans else None,
        "approved": next((plan for plan in plans if plan.is_approved), None), "versions": len(plans),
        "delivered": delivered, "totals": queries.totals_of(delivered),
        "proceedings": queries.proceedings_of(case), "return_plan": queries.return_plan_of(case),
        "return_possible": case.stage == Stage.RETURN})


@login_required
@require_GET
def plan_versions(request, case_id):
    actor = actor_for(request)
    case = case_queries.get_case_for(actor, case_id)
    queries.record_read(actor, case, part="plan_versions", fields=("goals.text", "reviews.note"), request=request)
    return render(request, "assistance/versions.html", {"case": case, "tab": TAB, "plans": queries.plans_of(case)})


def _write_form(request, case, form, write, *, heading: str, submit: str, done: str, intro: str = "",
                extra: dict | None = None):
    """The common shape of an assistance form: valid input goes to `write`; a refusal lands on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, done)
            return redirect("assistance:overview", case.pk)
    return render(request, "assistance/form.html", {
        "case": case, "tab": TAB, "form": form, "heading": heading, "submit": submit, "intro": intro,
        "cancel": _overview_url(case), **(extra or {})})


def _search(case, query: str, url_name: str) -> dict:
    """The directory search above a service select: services elsewhere than the case's area."""
    return {"search": True, "query": query, "search_url": reverse(url_name, args=[case.pk])}


@login_required
@require_http_methods(["GET", "POST"])
def needs_add(request, case_id):
    actor = actor_for(request)
    case = case_queries.case_to_write(actor, case_id)
    form = forms.NeedsForm(request.POST or None)
    return _write_form(request, case, form,
                       lambda data: services.assess_needs(actor, case, request=request, **data),
                       heading=_("Needs assessment"), submit=_("Record the assessment"),
                       done=_("The needs assessment has been recorded."))


@login_required
@require_http_methods(["GET", "POST"])
def goal_add(request, case_id):
    actor = actor_for(request)
    case = case_queries.case_to_write(actor, case_id)
    form = forms.GoalForm(request.POST or None)
    return _write_form(request, case, form, lambda data: services.add_goal(actor, case, request=request, **data),
                       heading=_("Add a goal to the plan"), submit=_("Add the goal"),
                       done=_("The goal has been added to the draft plan."),
                       intro=_("Goals go to the draft version of the plan; an approved version never changes."))


@login_required
@require_http_methods(["GET", "POST"])
def goal_status(request, case_id, goal_id):
    actor = actor_for(request)
    case = case_queries.case_to_write(actor, case_id)
    goal = Goal.objects.filter(plan__case=case, pk=goal_id).select_related("plan").first()
    if goal is None:
        raise Http404
    form = forms.GoalStatusForm(request.POST or None, initial={"status": goal.status})
    return _write_form(request, case, form,
                       lambda data: services.set_goal_status(actor, case, goal, request=request, **data),
                       heading=_("Status of a goal"), submit=_("Save the status"),
                       done=_("The goal's status has been saved."), intro=goal.text)


@login_required
@require_http_methods(["GET", "POST"])
def planned_service_add(request, case_id):
    actor = actor_for(request)
    case = case_queries.case_to_write(actor, case_id)
    query = request.GET.get("q", "")[:100]
    form = forms.PlannedServiceForm(request.POST or None, case=case, query=query)
    return _write_form(request, case, form, lambda data: services.plan_service(actor, case, request=request, **data),
                       heading=_("Plan a service"), submit=_("Add to the plan"),
                       done=_("The service has been added to the draft plan."),
                       extra=_search(case, query, "assistance:plan_service"))


def _plan(case, plan_id) -> AssistancePlan:
    try:
        return queries.plan_of(case, plan_id)
    except AssistancePlan.DoesNotExist:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def plan_approve(request, case_id, plan_id):
    actor = actor_for(request)
    case = case_queries.case_to_write(actor, case_id)
    plan = _plan(case, plan_id)
    form = forms.ApproveForm(request.POST or None)
    return _write_form(request, case, form,
                       lambda data: services.approve_plan(actor, case, plan, request=request, **data),
                       heading=_("Approve version %(version)s of the plan") % {"version": plan.version},
                       submit=_("Approve"), done=_("The plan has been approved."),
                       intro=_("Once approved, this version is kept as it is; later changes make a new version."))


@login_required
@require_http_methods(["GET", "POST"])
def plan_review(request, case_id, plan_id):
    actor = actor_for(request)
    case = case_queries.case_to_write(actor, case_id)
    plan = _plan(case, plan_id)
    form = forms.ReviewForm(request.POST or None)
    return _write_form(request, case, form,
                       lambda data: services.review_plan(actor, case, plan, request=request, **data),
                       heading=_("Review version %(version)s of the plan") % {"version": plan.version},
                       submit=_("Record the review"), done=_("The review has been recorded."))


@login_required
@require_http_methods(["GET", "POST"])
def delivered_add(request, case_id):
    actor = actor_for(request)
    case = case_queries.case_to_write(actor, case_id)
    query = request.GET.get("q", "")[:100]
    form = forms.DeliveredForm(request.POST or None, case=case, query=query)
    return _write_form(request, case, form,
                       lambda data: services.record_delivered(actor, case, request=request, **data),
                       heading=_("Record a service delivered"), submit=_("Record the service"),
                       done=_("The service delivered has been recorded."),
                       extra=_search(case, query, "assistance:delivered_add"))


@login_required
@require_http_methods(["GET", "POST"])
def proceeding_add(request, case_id):
    actor = actor_for(request)
    case = case_queries.case_to_write(actor, case_id)
    form = forms.ProceedingForm(request.POST or None)
    return _write_form(request, case, form,
                       lambda data: services.record_proceeding(actor, case, request=request, **data),
                       heading=_("Record a proceeding"), submit=_("Record the proceeding"),
                       done=_("The proceeding has been recorded."))


@login_required
@require_http_methods(["GET", "POST"])
def claim_add(request, case_id, proceeding_id):
    actor = actor_for(request)
    case = case_queries.case_to_write(actor, case_id)
    proceeding = Proceeding.objects.filter(case=case, pk=proceeding_id).first()
    if proceeding is None:
        raise Http404
    form = forms.ClaimForm(request.POST or None)
    return _write_form(request, case, form,
                       lambda data: services.add_claim(actor, case, proceeding, request=request, **data),
                       heading=_("Compensation claim"), submit=_("Record the claim"),
                       done=_("The compensation claim has been recorded."))


@login_required
@require_http_methods(["GET", "POST"])
def return_plan(request, case_id):
    actor = actor_for(request)
    case = case_queries.case_to_write(actor, case_id)
    existing = queries.return_plan_of(case)
    initial = {}
    if existing is not None:
        initial = {name: getattr(existing, name) for name in forms.ReturnPlanForm.base_fields}
        initial["destination_country"] = existing.destination_country.code
    form = forms.ReturnPlanForm(request.POST or None, initial=initial)
    return _write_form(request, case, form,
                       lambda data: services.save_return_plan(actor, case, request=request, **data),
                       heading=_("Return plan"), submit=_("Save the return plan"),
                       done=_("The return plan has been saved."))
