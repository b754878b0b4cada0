"""Hotline pages: the contact log, the one-page contact form ("Save and new"), a contact with its
caller's history and follow-ups, the shift view and the figures. Reads through queries.py (404 to
other organisations), writes through services.py; a refusal lands on the form and changes nothing.
URLs carry only UUIDs."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from strom.accounts.policies import actor_for
from strom.audit.services import record
from strom.hotline import queries, services
from strom.hotline.defaults import default_language
from strom.hotline.forms import ContactForm, FiguresForm, FollowUpForm, NewContactForm
from strom.hotline.policies import may_edit, require_coordinating, require_editing, require_recording
from strom.hotline.reference import display_reference
from strom.network.languages import language_name
from strom.network.vocabularies import ExploitationForm
from strom.prevention.queries import campaign_for_code


def _apply_error(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)


@login_required
@require_GET
def log(request):
    actor = actor_for(request)
    operator = _operator_filter(actor, request.GET.get("operator"))
    page = queries.contact_page(actor, request.GET.get("after"), operator=operator)
    return render(request, "hotline/log.html", {"page": page, "figures": queries.may_see_figures(actor),
                                                "operator": operator})


def _operator_filter(actor, given):
    """Coordinators may narrow the log to one operator (from the shift view); others see it whole."""
    if not given or not queries.may_see_figures(actor):
        return None
    return next((user for user in queries.operators_of(actor.organisation) if str(user.pk) == given), None)


def _initial(actor) -> dict:
    now = timezone.localtime().replace(second=0, microsecond=0)
    return {"started_at": now, "follow_up_owner": str(actor.user.pk),
            "language": default_language(queries.last_language_of(actor), actor.organisation.country)}


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    actor = actor_for(request)
    require_recording(actor)
    form = NewContactForm(request.POST or None, initial=_initial(actor),
                          operators=queries.operators_of(actor.organisation))
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.record_contact(actor, caller_reference=form.cleaned_data["caller_reference"],
                                              follow_up=form.follow_up(), request=request, **form.contact_values())
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Saved. The caller's reference is %(reference)s: read it out.") % {
                "reference": display_reference(contact.caller.reference)})
            if "view" in request.POST:
                return redirect("hotline:detail", contact.pk)
            return redirect("hotline:new")
    return render(request, "hotline/form.html", {"form": form, "new": True}, status=400 if form.errors else 200)


def _detail_context(request, actor, contact, follow_up_form=None) -> dict:
    operators = queries.operators_of(actor.organisation)
    return {
        "contact": contact,
        "reference": display_reference(contact.caller.reference),
        "history": [other for other in queries.caller_history(actor, contact.caller) if other.pk != contact.pk],
        "follow_ups": list(contact.follow_ups.select_related("owner", "done_by")),
        "follow_up_form": follow_up_form or FollowUpForm(operators=operators, prefix="follow_up",
                                                         initial={"owner": str(actor.user.pk)}),
        "can_edit": may_edit(actor, contact),
        "language": language_name(contact.language) if contact.language else "",
        "exploitation": [str(ExploitationForm(code).label) for code in contact.exploitation_forms
                         if code in ExploitationForm.values],
        "today": timezone.localdate(),
        "campaign": campaign_for_code(contact.campaign_code) if contact.campaign_code else None,
    }


@login_required
@require_GET
def detail(request, contact_id):
    actor = actor_for(request)
    contact = queries.contact_for(actor, contact_id, request=request)
    return render(request, "hotline/detail.html", _detail_context(request, actor, contact))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, contact_id):
    actor = actor_for(request)
    contact = queries.contact_for(actor, contact_id, request=request)
    require_editing(actor, contact)
    initial = {name: getattr(contact, name) for name in services.CONTACT_FIELDS}
    initial.update(started_at=timezone.localtime(contact.started_at), country=str(contact.country or ""),
                   destination_country=str(contact.destination_country or ""))
    form = ContactForm(request.POST or None, initial=initial, new=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_contact(actor, contact, request=request, **form.contact_values())
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The contact is corrected."))
            return redirect("hotline:detail", contact.pk)
    return render(request, "hotline/form.html", {"form": form, "new": False, "contact": contact},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def add_follow_up(request, contact_id):
    actor = actor_for(request)
    contact = queries.contact_for(actor, contact_id, request=request)
    form = FollowUpForm(request.POST, operators=queries.operators_of(actor.organisation), prefix="follow_up")
    if form.is_valid():
        try:
            services.add_follow_up(actor, contact, task=form.cleaned_data["task"], due_on=form.cleaned_data["due_on"],
                                   owner=form.operators[form.cleaned_data["owner"]], request=request)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The follow-up is added."))
            return redirect("hotline:detail", contact.pk)
    return render(request, "hotline/detail.html", _detail_context(request, actor, contact, form), status=400)


@login_required
@require_POST
def follow_up_done(request, follow_up_id):
    actor = actor_for(request)
    follow_up = queries.follow_up_for(actor, follow_up_id)
    done = request.POST.get("done") != "0"
    services.set_follow_up_done(actor, follow_up, done=done, request=request)
    messages.success(request, _("The follow-up is marked done.") if done else _("The follow-up is open again."))
    back = request.POST.get("next")
    if back == "shift":
        return redirect("hotline:shift")
    return redirect("hotline:detail", follow_up.contact_id)


@login_required
@require_GET
def shift(request):
    actor = actor_for(request)
    require_recording(actor)
    now = timezone.now()
    follow_ups = queries.open_follow_ups(actor)
    if follow_ups:  # their tasks are free text that may name people
        record("hotline.follow_ups_viewed", actor=actor.user, organisation=actor.organisation,
               detail={"follow_ups": [str(follow_up.pk) for follow_up in follow_ups]}, request=request)
    context = {
        "follow_ups": follow_ups,
        "crises": queries.recent_crises(actor, now=now),
        "today": timezone.localdate(),
        "coordinator": queries.may_see_figures(actor),
    }
    if context["coordinator"]:
        context["by_operator"] = queries.by_operator(actor, since=now - timedelta(hours=24))
    return render(request, "hotline/shift.html", context)


def _period(request) -> tuple[FiguresForm, object, object]:
    today = timezone.localdate()
    default_since = (today.replace(day=1) - timedelta(days=335)).replace(day=1)  # twelve months with this one
    form = FiguresForm(request.GET if request.GET else None, initial={"since": default_since, "until": today})
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["since"], form.cleaned_data["until"]
    return form, default_since, today


@login_required
@require_GET
def figures(request):
    actor = actor_for(request)
    require_recording(actor)
    require_coordinating(actor)
    form, since, until = _period(request)
    tables = queries.figures(actor, since, until)
    record("hotline.figures_viewed", actor=actor.user, organisation=actor.organisation, request=request)
    return render(request, "hotline/figures.html", {"form": form, "tables": tables, "since": since, "until": until},
                  status=400 if form.errors else 200)
