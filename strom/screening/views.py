"""The interview: start, one dimension per step (the children's act question first), the summary.

Plain HTML forms, no script: every step is a POST that saves and moves on, so a screening can be
stopped at any point and resumed from the list.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from strom.accounts.policies import actor_for
from strom.audit.services import record
from strom.cases.policies import require_case_writing
from strom.screening import queries, rules, services
from strom.screening.explain import explain
from strom.screening.forms import AttachForm, ChecklistForm, StartForm, StepForm
from strom.screening.models import FrameworkKind
from strom.screening.policies import RUN, can_continue

LIST_LIMIT = 100


def _apply_error(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def steps_of(screening) -> list[str]:
    """The steps of the interview: the act (children's sets), then each dimension."""
    codes = [d.code for d in screening.framework.dimensions.all()]
    return ([rules.ACT] if screening.framework.population == rules.CHILD else []) + codes


@login_required
@require_GET
def index(request):
    actor = actor_for(request)
    screenings = list(queries.screenings_visible_to(actor)[:LIST_LIMIT])
    if screenings:
        record("screening.listed", actor=actor.user, organisation=actor.organisation,
               fields=["label", "status", "outcome"], detail={"rows": len(screenings)}, request=request)
    return render(request, "screening/index.html", {
        "screenings": screenings, "limit": LIST_LIMIT, "can_run": actor.can(RUN)})


def _case_from(request, actor):
    """The case a screening is started for (`?case=<id>`, never anything about the person), or None."""
    from strom.cases.queries import get_case_for

    case_id = request.GET.get("case", "")
    if not case_id:
        return None
    try:
        return get_case_for(actor, uuid.UUID(case_id))
    except ValueError:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    actor = actor_for(request)
    frameworks = queries.frameworks_for(actor, FrameworkKind.INDICATORS)
    case = _case_from(request, actor)
    initial = {"exploitation_forms": case.exploitation_forms} if case is not None else None
    form = StartForm(request.POST or None, frameworks=frameworks, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            screening = services.start_screening(actor, request=request, case=case, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            return redirect("screening:step", screening.pk, steps_of(screening)[0])
    return render(request, "screening/start.html", {"form": form, "frameworks": frameworks, "case": case})


@login_required
@require_http_methods(["GET", "POST"])
def attach(request, case_id):
    """From a case: choose one of the organisation's screenings without a case and attach it."""
    from strom.cases.queries import get_case_for

    actor = actor_for(request)
    case = get_case_for(actor, case_id)
    require_case_writing(actor, case)
    screenings = list(queries.attachable_screenings(actor))
    if screenings and request.method == "GET":
        record("screening.listed", actor=actor.user, organisation=actor.organisation,
               fields=["label", "status"], detail={"rows": len(screenings)}, request=request)
    form = AttachForm(request.POST or None, screenings=screenings)
    if request.method == "POST" and form.is_valid():
        try:
            services.attach_to_case(actor, form.cleaned_data["screening"], case, request=request)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The screening is attached to the case."))
            return redirect("cases:detail", case.pk)
    return render(request, "screening/attach.html", {"form": form, "case": case})


def _initial(screening, answers) -> dict:
    initial = {code: (a.value, a.source, a.note) for code, a in answers.items()}
    initial[rules.ACT] = (screening.act, screening.act_source, screening.act_note)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def step(request, screening_id, code):
    actor = actor_for(request)
    screening = queries.screening_to_continue(actor, screening_id)
    steps = steps_of(screening)
    if code not in steps:
        raise Http404
    position = steps.index(code)
    dimension = None if code == rules.ACT else screening.framework.dimensions.get(code=code)
    indicators = list(dimension.indicators.all()) if dimension else []
    answers = queries.answers_of(actor, screening, request)
    form = StepForm(request.POST or None, indicators=indicators, act=code == rules.ACT,
                    initial_answers=_initial(screening, answers))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_answers(actor, screening, answers=form.answers(), act=form.act(), request=request)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            return _after_step(request, screening, steps, position)
    return render(request, "screening/step.html", {
        "screening": screening, "form": form, "dimension": dimension, "code": code, "steps": steps,
        "number": position + 1, "total": len(steps),
        "previous": steps[position - 1] if position else None})


def _after_step(request, screening, steps, position):
    where = request.POST.get("go", "next")
    if where == "stop":
        messages.success(request, _("Your answers are saved. Continue the screening from the list whenever you can."))
        return redirect("screening:index")
    if where == "back" and position > 0:
        return redirect("screening:step", screening.pk, steps[position - 1])
    if where == "next" and position + 1 < len(steps):
        return redirect("screening:step", screening.pk, steps[position + 1])
    return redirect("screening:summary", screening.pk)


def _summary_context(request, screening_id) -> dict:
    actor = actor_for(request)
    screening = queries.screening_for(actor, screening_id)
    answers = queries.answers_of(actor, screening, request)
    explanation = explain(screening.framework, queries.answer_values(answers), screening.act)
    dimensions = []
    for dimension in screening.framework.dimensions.prefetch_related("indicators"):
        rows = [(indicator, answers[indicator.code]) for indicator in dimension.indicators.all()
                if indicator.code in answers and (answers[indicator.code].value != rules.UNKNOWN
                                                  or answers[indicator.code].note)]
        dimensions.append({"dimension": dimension, "rows": rows})
    return {"screening": screening, "explanation": explanation, "dimensions": dimensions,
            "steps": steps_of(screening), "can_continue": can_continue(actor, screening),
            "is_child": screening.framework.population == rules.CHILD,
            "case_pseudonym": queries.case_pseudonym(screening)}


@login_required
@require_GET
def summary(request, screening_id):
    return render(request, "screening/summary.html", _summary_context(request, screening_id))


@login_required
@require_GET
def summary_pdf(request, screening_id):
    """The same summary as a PDF (WeasyPrint); a fixed file name, nothing of the person in it."""
    from weasyprint import HTML

    html = render_to_string("screening/summary_pdf.html", _summary_context(request, screening_id), request=request)
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="screening-summary.pdf"'
    return response


@login_required
@require_POST
def complete(request, screening_id):
    actor = actor_for(request)
    screening = queries.screening_to_continue(actor, screening_id)
    services.complete_screening(actor, screening, request=request)
    messages.success(request, _("The screening is completed. Its outcome is a suggestion for you to weigh."))
    return redirect("screening:summary", screening.pk)


@login_required
@require_http_methods(["GET", "POST"])
def checklist(request):
    """The ILO's eleven indicators of forced labour: unweighted, stateless, nothing is stored."""
    actor = actor_for(request)
    framework = queries.checklist_for(actor)
    if framework is None:
        raise Http404
    indicators = [i for d in framework.dimensions.all() for i in d.indicators.all()]
    form = ChecklistForm(request.POST or None, indicators=indicators)
    observed = None
    if request.method == "POST" and form.is_valid():
        observed = [i for i in indicators if i.code in form.cleaned_data["observed"]]
    return render(request, "screening/checklist.html", {"form": form, "framework": framework,
                                                          "observed": observed})
