"""The referral pages: inbox (sent and received), a new referral (from a case or case-less), the
referral page with its answers, the letter (PDF), the case's "Referrals" tab (disclosure log) and the
figures. Reads through queries.py (404 to outsiders), writes through services.py; a refusal lands on
the form and changes nothing. URLs carry only UUIDs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from strom.accounts.models import User
from strom.accounts.policies import actor_for, deny
from strom.audit.services import record
from strom.cases import queries as case_queries
from strom.referrals import queries, services, sharing
from strom.referrals.deadlines import is_overdue
from strom.referrals.document import referral_document
from strom.referrals.forms import (
    AcceptForm,
    CaselessReferralForm,
    DeclineForm,
    NoteForm,
    OptionalNoteForm,
    ReferralForm,
)
from strom.referrals.letter import letter_language
from strom.referrals.models import State
from strom.referrals.policies import ANSWER, MAKE, is_receiver, is_sender, may_work_on_referrals


def _apply_error(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)


@login_required
@require_GET
def inbox(request):
    actor = actor_for(request)
    escalated = list(queries.overdue_for_escalation(actor))
    if not (may_work_on_referrals(actor) or escalated or queries.may_see_figures(actor)):
        deny(actor, MAKE)
    boxes = queries.inbox(actor) if may_work_on_referrals(actor) else {"received": [], "sent": []}
    now = timezone.now()
    for referral in boxes["received"] + boxes["sent"] + escalated:
        referral.overdue = is_overdue(referral, now)
    record("referral.inbox_viewed", actor=actor.user, organisation=actor.organisation, request=request)
    return render(
        request,
        "referrals/inbox.html",
        {**boxes, "escalated": escalated, "can_make": actor.can(MAKE), "figures": queries.may_see_figures(actor)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    actor = actor_for(request)
    case = case_queries.get_case_for(actor, request.GET["case"]) if request.GET.get("case") else None
    if actor.organisation is None or not actor.can(MAKE):
        deny(actor, MAKE, case)
    form_class = ReferralForm if case is not None else CaselessReferralForm
    # From the pathway finder or the directory: ?service=<uuid> chooses the service.
    initial = {"service": request.GET["service"]} if request.GET.get("service") else {}
    form = form_class(request.POST or None, organisation=actor.organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            referral = services.make_referral(actor, case=case, request=request, **data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The referral is sent. You will see here when it is answered."))
            return redirect("referrals:detail", referral.pk)
    return render(request, "referrals/new.html", {"form": form, "case": case})


def _workers(referral) -> list[User]:
    return services.people_to_notify(referral, receiving=True)


@login_required
@require_GET
def detail(request, referral_id):
    actor = actor_for(request)
    referral = queries.referral_for(actor, referral_id)
    return render(request, "referrals/detail.html", _detail_context(request, actor, referral))


def _detail_context(request, actor, referral, forms=None) -> dict:
    shared = queries.shared_view(actor, referral, request=request)
    receiver, sender = (
        is_receiver(actor, referral) and actor.can(ANSWER),
        is_sender(actor, referral) and actor.can(MAKE),
    )
    forms = forms or {}
    state = referral.state
    context = {
        "referral": referral,
        "shared": shared,
        "events": list(referral.events.select_related("by", "by_organisation")),
        "overdue": is_overdue(referral, timezone.now()),
        "receiver": receiver,
        "sender": sender,
    }
    if receiver and state in services.MOVES["accept"][0]:
        context["accept_form"] = forms.get("accept") or AcceptForm(workers=_workers(referral))
        context["decline_form"] = forms.get("decline") or DeclineForm()
    if receiver and state == State.SENT:
        context["request_form"] = forms.get("request_info") or NoteForm(prefix="ask")
    if receiver and state == State.ACCEPTED:
        context["complete_form"] = forms.get("complete") or OptionalNoteForm(prefix="complete")
        context["can_open_case"] = referral.case_id is None and referral.opened_case_id is None
    if sender and state == State.INFO_REQUESTED:
        context["reply_form"] = forms.get("reply") or NoteForm(prefix="reply")
    if sender and state in services.MOVES["withdraw"][0]:
        context["withdraw_form"] = forms.get("withdraw") or OptionalNoteForm(prefix="withdraw")
    return context


def _run(action, actor, referral, request, post):
    """(form, error-free?) for one action; the service decides."""
    if action == "accept":
        form = AcceptForm(post, workers=_workers(referral))
        if form.is_valid():
            return form, lambda: services.accept(
                actor,
                referral,
                assigned_to=form.workers[form.cleaned_data["assigned_to"]],
                note=form.cleaned_data["note"],
                request=request,
            )
    elif action == "decline":
        form = DeclineForm(post)
        if form.is_valid():
            return form, lambda: services.decline(
                actor,
                referral,
                reason=form.cleaned_data["reason"],
                suggested_service=form.cleaned_data["suggested_service"],
                request=request,
            )
    elif action in ("request_info", "reply"):
        form = NoteForm(post, prefix="ask" if action == "request_info" else "reply")
        if form.is_valid():
            if action == "request_info":
                return form, lambda: services.request_info(
                    actor, referral, question=form.cleaned_data["note"], request=request
                )
            return form, lambda: services.reply(actor, referral, answer=form.cleaned_data["note"], request=request)
    elif action in ("complete", "withdraw"):
        form = OptionalNoteForm(post, prefix=action)
        if form.is_valid():
            move = services.complete if action == "complete" else services.withdraw
            return form, lambda: move(actor, referral, note=form.cleaned_data["note"], request=request)
    else:
        raise Http404
    return form, None


@login_required
@require_POST
def act(request, referral_id, action):
    actor = actor_for(request)
    referral = queries.referral_for(actor, referral_id)
    if action == "open_case":
        try:
            case = services.open_case_from(actor, referral, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("referrals:detail", referral.pk)
        messages.success(request, _("A case is opened from the referral. Add what you learn in it."))
        return redirect("cases:detail", case.pk)
    form, run = _run(action, actor, referral, request, request.POST)
    if run is not None:
        try:
            run()
        except ValidationError as error:
            if "action" in getattr(error, "message_dict", {}):  # the state moved on: its form is gone
                messages.error(request, " ".join(error.message_dict["action"]))
                return redirect("referrals:detail", referral.pk)
            _apply_error(form, error)
        else:
            messages.success(
                request, _("Saved: the referral is now %(state)s.") % {"state": referral.get_state_display()}
            )
            return redirect("referrals:detail", referral.pk)
    referral.refresh_from_db()
    return render(
        request, "referrals/detail.html", _detail_context(request, actor, referral, {action: form}), status=400
    )


@login_required
@require_GET
def letter(request, referral_id):
    """The referral letter (PDF) in the receiver's language; a fixed file name, nothing of the person."""
    from weasyprint import HTML

    actor = actor_for(request)
    referral = queries.referral_for(actor, referral_id)
    shared = queries.shared_view(actor, referral, request=request)
    with translation.override(letter_language(referral.receiver_organisation)):
        html = render_to_string(
            "referrals/letter.html", {"referral": referral, "shared": shared, "document": referral_document(referral)}
        )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="referral-letter.pdf"'
    return response


@login_required
@require_GET
def case_tab(request, case_id):
    """The case's disclosure log: who received which fields, when, under which consent."""
    actor = actor_for(request)
    case = case_queries.get_case_for(actor, case_id)
    referrals = queries.disclosure_log(actor, case)
    now = timezone.now()
    for referral in referrals:
        referral.overdue = is_overdue(referral, now)
        referral.consent_now = queries.consent_state_now(referral)
        referral.shared_labels = [str(sharing.LABELS[name]) for name in referral.shared_fields]
    record(
        "referral.disclosure_log_viewed",
        actor=actor.user,
        organisation=actor.organisation,
        target=case,
        request=request,
    )
    return render(
        request,
        "referrals/case_tab.html",
        {"case": case, "tab": "referrals", "referrals": referrals, "can_make": actor.can(MAKE)},
    )


@login_required
@require_GET
def figures(request):
    actor = actor_for(request)
    tables = queries.figures(actor)
    record("referral.figures_viewed", actor=actor.user, organisation=actor.organisation, request=request)
    return render(request, "referrals/figures.html", tables)
