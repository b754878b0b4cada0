"""Pages of the municipal toolkit: the self-assessment with its result picture and action plan, the
local mapping, and the national side-by-side view. Who sees what: policies.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from strom.accounts.policies import actor_for, deny
from strom.municipal import queries, services
from strom.municipal.forms import ActionForm, AnswersForm, MappingForm, StartForm, StatusForm
from strom.municipal.models import Assessment
from strom.municipal.policies import ASSESS, COMPARE, is_keeper
from strom.municipal.results import result_of, small_multiple
from strom.municipal.scoring import WEAK


def _apply_error(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, texts in error.message_dict.items():
        form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None, texts)


@login_required
@require_GET
def index(request):
    """Her municipality's self-assessments and local mapping; the national view for national readers."""
    actor = actor_for(request)
    municipality = queries.own_municipality(actor)
    if municipality is None or not is_keeper(actor, municipality):
        if actor.can(COMPARE):
            return redirect("municipal:national")
        deny(actor, ASSESS)
    assessments = list(queries.assessments_of(actor, municipality)[:50])
    due, latest_mapping = queries.mapping_is_due(municipality)
    return render(request, "municipal/index.html", {
        "municipality": municipality, "assessments": assessments, "start_form": StartForm(),
        "has_draft": any(a.status == Assessment.Status.DRAFT for a in assessments),
        "mapping": latest_mapping, "mapping_due": due})


@login_required
@require_POST
def start(request):
    actor = actor_for(request)
    municipality = queries.own_municipality(actor)
    if municipality is None:
        deny(actor, ASSESS)
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            assessment = services.start_assessment(actor, municipality, as_of=form.cleaned_data["as_of"],
                                                   request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("municipal:index")
        messages.success(request, _("The self-assessment is started; Strom has pre-filled what it knows."))
        return redirect("municipal:assessment_edit", assessment.pk)
    messages.error(request, _("Give a valid date for the self-assessment."))
    return redirect("municipal:index")


@login_required
@require_GET
def assessment(request, assessment_id):
    actor = actor_for(request)
    item = queries.assessment_for(actor, assessment_id)
    keeper = is_keeper(actor, item.municipality)
    result = result_of(item)
    actions = list(queries.actions_of(item))
    planned = {action.item_id for action in actions}
    return render(request, "municipal/assessment.html", {
        "assessment": item, "result": result, "keeper": keeper, "actions": actions, "weak": WEAK,
        "proposals": [answer for answer in result.weakest if answer.item_id not in planned],
        "answers": queries.answers_of(item), "levels": item.checklist.level_meanings()})


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request, assessment_id):
    actor = actor_for(request)
    item = queries.assessment_to_keep(actor, assessment_id)
    if item.status != Assessment.Status.DRAFT:
        messages.info(request, _("This self-assessment is completed and can no longer be changed."))
        return redirect("municipal:assessment", item.pk)
    answers = queries.answers_of(item)
    form = AnswersForm(request.POST or None, assessment=item, answers=answers)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_answers(actor, item, answers=form.answer_values(),
                                  frontline_staff=form.cleaned_data["frontline_staff"],
                                  trained_staff=form.cleaned_data["trained_staff"], request=request)
            if "complete" in request.POST:
                services.complete_assessment(actor, item, request=request)
                messages.success(request, _("The self-assessment is completed."))
                return redirect("municipal:assessment", item.pk)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("municipal:assessment_edit", item.pk)
    areas = {}
    for row in form.rows():
        areas.setdefault(row[0].item.area, []).append(row)
    return render(request, "municipal/assessment_form.html", {
        "assessment": item, "form": form, "areas": areas.items(), "levels": item.checklist.level_meanings()})


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request, assessment_id):
    actor = actor_for(request)
    item = queries.assessment_to_keep(actor, assessment_id)
    initial = {}
    proposed = request.GET.get("item", "")
    if proposed.isdigit():
        answer = queries.answers_of(item).filter(item_id=int(proposed)).first()
        if answer is not None:
            initial = {"item": answer.item, "text": answer.item.wording}
    form = ActionForm(request.POST or None, assessment=item, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_action(actor, item, **form.cleaned_data, request=request)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The action is added to the plan."))
            return redirect("municipal:assessment", item.pk)
    return render(request, "municipal/action_form.html", {
        "assessment": item, "form": form, "title": _("Add an action to the plan"), "submit": _("Add the action")})


@login_required
@require_http_methods(["GET", "POST"])
def action_detail(request, action_id):
    actor = actor_for(request)
    action = queries.action_for(actor, action_id)
    form = StatusForm(request.POST or None, initial={"status": action.status})
    if request.method == "POST" and form.is_valid():
        services.set_action_status(actor, action, status=form.cleaned_data["status"], request=request)
        messages.success(request, _("The status is changed."))
        return redirect("municipal:action", action.pk)
    keeper = is_keeper(actor, action.assessment.municipality)
    return render(request, "municipal/action.html", {"action": action, "form": form, "keeper": keeper})


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, action_id):
    actor = actor_for(request)
    action = queries.action_for(actor, action_id)
    assessment_row = queries.assessment_to_keep(actor, action.assessment_id)
    form = ActionForm(request.POST or None, instance=action, assessment=assessment_row, with_status=True,
                      initial={"status": action.status})
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ("item", "text", "owner", "due", "status")}
        action.refresh_from_db()  # the form wrote its values on the instance; the service decides
        try:
            services.update_action(actor, action, **data, request=request)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The action is changed."))
            return redirect("municipal:assessment", assessment_row.pk)
    return render(request, "municipal/action_form.html", {
        "assessment": assessment_row, "form": form, "title": _("Change the action"), "submit": _("Save")})


@login_required
@require_GET
def national(request):
    actor = actor_for(request)
    country, rows = queries.national_comparison(actor)
    areas: dict = {}
    table = []
    for municipality, latest in rows:
        results, chart = small_multiple(latest, areas) if latest is not None else (None, None)
        table.append({"municipality": municipality, "assessment": latest, "results": results, "chart": chart})
    headers = next((found for found in areas.values()), [])
    return render(request, "municipal/national.html", {"country": country, "rows": table, "areas": headers})


# --- The local mapping ----------------------------------------------------------------------------------


@login_required
@require_GET
def mappings(request, municipality_id):
    actor = actor_for(request)
    municipality = queries.municipality_for(municipality_id)
    versions = list(queries.mappings_for(actor, municipality)[:50])
    due, _latest = queries.mapping_is_due(municipality)
    return render(request, "municipal/mappings.html", {
        "municipality": municipality, "versions": versions, "due": due, "keeper": is_keeper(actor, municipality)})


@login_required
@require_GET
def mapping(request, mapping_id):
    actor = actor_for(request)
    item = queries.mapping_for(actor, mapping_id)
    return render(request, "municipal/mapping.html", {
        "mapping": item, "services": queries.services_of_mapping(item),
        "keeper": is_keeper(actor, item.municipality), "today": timezone.localdate()})


@login_required
@require_http_methods(["GET", "POST"])
def mapping_new(request, municipality_id):
    """A new version, starting from the newest one's text."""
    actor = actor_for(request)
    municipality = queries.municipality_for(municipality_id)
    if not is_keeper(actor, municipality):
        queries.mappings_for(actor, municipality)  # 404 for outsiders, as for reading
        deny(actor, ASSESS, municipality)
    latest = queries.latest_mapping(municipality)
    initial = {}
    if latest is not None:
        initial = {name: getattr(latest, name) for name in latest.PARTS}
        initial["services"] = list(latest.services.all())
    form = MappingForm(request.POST or None, municipality=municipality, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.save_mapping(actor, municipality, **form.cleaned_data, request=request)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The local mapping is saved as a new version."))
            return redirect("municipal:mapping", item.pk)
    return render(request, "municipal/mapping_form.html", {"municipality": municipality, "form": form})
