"""The protection pages of a case (/cases/<id>/protection/…): the overview and one form per write.

Reads go through queries.py (the case rules: 404 to outsiders, a recorded 403 to members without the
right; break-glass reads), writes through services.py after `case_to_write`; a service's refusal lands
on the form and nothing changes. Only UUIDs in URLs.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from strom.accounts.policies import actor_for
from strom.cases.policies import WRITE, is_lead_member
from strom.cases.queries import case_to_write
from strom.protection import forms, queries, services

TAB = "protection"


def _apply_error(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, problems in error.message_dict.items():
        form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None, problems)


@login_required
@require_GET
def overview(request, case_id):
    actor = actor_for(request)
    data = queries.overview_of(actor, case_id, request=request)
    case = data.case
    return render(request, "protection/overview.html", {
        "case": case, "tab": TAB, "data": data,
        "can_write": is_lead_member(actor, case) and actor.can(WRITE)})


def _form_page(request, case_id, form_class, write, *, heading, submit, done, source=None, form_kwargs=None,
               intro=""):
    """A form that writes through `write(actor, case_or_source, **cleaned_data)` and returns to the overview."""
    actor = actor_for(request)
    case = case_to_write(actor, case_id)
    target = source(case) if source else case
    form = form_class(request.POST or None, **(form_kwargs(case) if form_kwargs else {}))
    if request.method == "POST" and form.is_valid():
        try:
            write(actor, target, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, done)
            return redirect("protection:overview", case.pk)
    return render(request, "protection/form.html", {
        "case": case, "tab": TAB, "form": form, "heading": heading, "submit": submit, "intro": intro,
        "cancel": reverse("protection:overview", args=[case.pk])})


def _period(case_id, period_id):
    return lambda case: get_object_or_404(case.reflection_periods, pk=period_id)


@login_required
@require_http_methods(["GET", "POST"])
def period_start(request, case_id):
    return _form_page(request, case_id, forms.PeriodForm, services.start_period,
                      heading=gettext_lazy("Start a reflection period"), submit=gettext_lazy("Start the period"),
                      done=_("The reflection period has been recorded."),
                      intro=gettext_lazy("The last day is computed from the country's rule in force on the "
                                         "first day."))


@login_required
@require_http_methods(["GET", "POST"])
def period_extend(request, case_id, period_id):
    return _form_page(request, case_id, forms.ExtensionForm, services.extend_period, source=_period(case_id, period_id),
                      heading=gettext_lazy("Extend the reflection period"), submit=gettext_lazy("Record the extension"),
                      done=_("The extension has been recorded."))


@login_required
@require_http_methods(["GET", "POST"])
def period_end(request, case_id, period_id):
    return _form_page(request, case_id, forms.EndForm, services.end_period, source=_period(case_id, period_id),
                      heading=gettext_lazy("Record how the reflection period ended"),
                      submit=gettext_lazy("Record the end"), done=_("The end of the period has been recorded."))


@login_required
@require_http_methods(["GET", "POST"])
def permit_add(request, case_id):
    return _form_page(request, case_id, forms.PermitForm, services.record_permit,
                      heading=gettext_lazy("Record a residence permit"), submit=gettext_lazy("Record the permit"),
                      done=_("The residence permit has been recorded."))


@login_required
@require_http_methods(["GET", "POST"])
def permit_renew(request, case_id, permit_id):
    return _form_page(request, case_id, forms.RenewalForm, services.renew_permit,
                      source=lambda case: get_object_or_404(case.residence_permits, pk=permit_id),
                      heading=gettext_lazy("Record a renewal of the residence permit"),
                      submit=gettext_lazy("Record the renewal"), done=_("The renewal has been recorded."))


@login_required
@require_http_methods(["GET", "POST"])
def risk_add(request, case_id):
    return _form_page(request, case_id, forms.RiskForm, services.assess_risk,
                      heading=gettext_lazy("Record a risk and safety assessment"),
                      submit=gettext_lazy("Record the assessment"), done=_("The risk assessment has been recorded."))


@login_required
@require_http_methods(["GET", "POST"])
def guardian_add(request, case_id):
    return _form_page(request, case_id, forms.GuardianForm, services.appoint_guardian,
                      heading=gettext_lazy("Record a guardian"), submit=gettext_lazy("Record the guardian"),
                      done=_("The guardian has been recorded."))


@login_required
@require_http_methods(["GET", "POST"])
def best_interests_add(request, case_id):
    return _form_page(request, case_id, forms.BestInterestsForm, services.assess_best_interests,
                      heading=gettext_lazy("Record a best-interests assessment"),
                      submit=gettext_lazy("Record the assessment"),
                      done=_("The best-interests assessment has been recorded."))


@login_required
@require_http_methods(["GET", "POST"])
def task_add(request, case_id):
    return _form_page(request, case_id, forms.TaskForm, services.add_task,
                      form_kwargs=lambda case: {"organisation": case.lead_organisation},
                      heading=gettext_lazy("Add a task"), submit=gettext_lazy("Add the task"),
                      done=_("The task has been added."))


@login_required
@require_POST
def task_done(request, case_id, task_id):
    actor = actor_for(request)
    case = case_to_write(actor, case_id)
    task = get_object_or_404(case.tasks, pk=task_id)
    try:
        services.complete_task(actor, task, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The task is done."))
    return redirect("protection:overview", case.pk)
