"""Pages of the hotline's crisis part: the crisis view (whole page, or the panel the contact form loads
with htmx), the job-offer check with its summary, and escalation of a contact."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from strom.accounts.policies import actor_for
from strom.hotline import crisis, crisis_queries, escalation, joboffer
from strom.hotline.crisis_forms import (
    CaseEscalationForm,
    CrisisForm,
    JobOfferForm,
    ReferralEscalationForm,
    ScreeningEscalationForm,
)
from strom.hotline.models import JobOfferCheck
from strom.hotline.policies import require_recording
from strom.hotline.queries import contact_for
from strom.hotline.reference import display_reference
from strom.hotline.views import _apply_error
from strom.network.models import Service
from strom.network.vocabularies import ExploitationForm

SUMMARY_LANGUAGES = {code for code, _name in settings.LANGUAGES}


# --- The crisis view ---------------------------------------------------------------------------------


def _line(entry: crisis.Entry) -> dict:
    return {"entry": entry, "number": crisis.number_now(entry)}


def crisis_context(data: dict) -> dict:
    """Who to call now for the place in `data` (a CrisisForm's cleaned data)."""
    municipality, child = data.get("municipality"), bool(data.get("child"))
    forms = data.get("exploitation_forms") or []
    if municipality is not None:
        entries = crisis_queries.entries_for_municipality(
            municipality, language=data.get("language", ""), exploitation=forms[0] if forms else "", child=child)
        country = str(municipality.country)
    else:
        country = data["country"]
        entries = crisis_queries.entries_for_country(country)
    names = crisis_queries.type_names()
    steps = crisis.urgent_pathway(entries, child=child)
    return {
        "municipality": municipality,
        "country": country,
        "round_the_clock": [_line(entry) for entry in crisis.round_the_clock(entries)],
        "steps": [{"name": names.get(step.type_code, step.type_code), "step": step,
                   "first": _line(step.first) if step.first else None,
                   "alternatives": [_line(entry) for entry in step.alternatives]} for step in steps],
        "gaps": [names.get(code, code) for code in crisis.gaps(steps)],
        "emergency": crisis.EMERGENCY_NUMBER,
        "labour": joboffer.load().contacts(country),
    }


@login_required
@require_GET
def crisis_view(request):
    actor = actor_for(request)
    require_recording(actor)
    form = CrisisForm(request.GET or None)
    found = crisis_context(form.cleaned_data) if form.is_bound and form.is_valid() and form.has_place() else None
    template = "hotline/crisis_panel.html" if request.headers.get("HX-Request") else "hotline/crisis.html"
    return render(request, template, {"form": form, "found": found})


# --- The job-offer check ---------------------------------------------------------------------------------


def _job_offer_initial(contact, check) -> dict:
    language = (check.language if check else contact.language) or ""
    initial = {"destination_country": str(check.destination_country if check else contact.destination_country),
               "language": language if language in SUMMARY_LANGUAGES else "en"}
    if check:
        initial.update({f"q_{code}": value for code, value in check.answers.items()})
    return initial


def hotline_phone(contact) -> str:
    line = (Service.objects.filter(organisation=contact.organisation_id, type__code="hotline", is_active=True)
            .order_by("name").first())
    return (line.phone_24_7 or line.phone) if line else ""


def _summary(contact, check, checklist) -> str:
    return joboffer.summary_text(checklist, check.answers, country=str(check.destination_country),
                                 language=check.language, reference=display_reference(contact.caller.reference),
                                 hotline_phone=hotline_phone(contact))


@login_required
@require_http_methods(["GET", "POST"])
def job_offer(request, contact_id):
    actor = actor_for(request)
    contact = contact_for(actor, contact_id, request=request)
    checklist = joboffer.load()
    check = JobOfferCheck.objects.filter(contact=contact).first()
    form = JobOfferForm(request.POST or None, checklist=checklist, initial=_job_offer_initial(contact, check))
    if request.method == "POST" and form.is_valid():
        try:
            escalation.save_job_offer_check(actor, contact, answers=form.answers(), request=request,
                                            destination_country=form.cleaned_data["destination_country"],
                                            language=form.cleaned_data["language"])
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The job-offer check is saved. The summary is below."))
            return redirect(reverse("hotline:job_offer", args=[contact.pk]) + "#summary")
    country = str(check.destination_country) if check else str(contact.destination_country)
    return render(request, "hotline/joboffer.html", {
        "contact": contact, "form": form, "checklist": checklist, "check": check,
        "summary": _summary(contact, check, checklist) if check else "",
        "contacts": checklist.contacts(country), "labels": joboffer.contact_labels(),
        "fields": joboffer.CONTACT_FIELDS})


@login_required
@require_GET
def job_offer_summary(request, contact_id):
    actor = actor_for(request)
    contact = contact_for(actor, contact_id, request=request)
    check = JobOfferCheck.objects.filter(contact=contact).first()
    if check is None:
        return redirect("hotline:job_offer", contact.pk)
    response = HttpResponse(_summary(contact, check, joboffer.load()), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="job-offer-check.txt"'
    return response


# --- Escalation ---------------------------------------------------------------------------------------


def _forms_text(contact) -> str:
    labels = dict(ExploitationForm.choices)
    return ", ".join(str(labels[form]) for form in escalation.known_forms(contact))


def _place_text(contact) -> str:
    if contact.municipality_id:
        return contact.municipality.name
    return contact.country.name if contact.country else ""


def _escalation_context(actor, contact) -> dict:
    return {"contact": contact, "forms_text": _forms_text(contact), "place": _place_text(contact),
            "may_open_case": actor.can("case.write"), "may_refer": actor.can("referral.make"),
            "may_screen": actor.can("screening.run")}


@login_required
@require_GET
def escalate(request, contact_id):
    actor = actor_for(request)
    contact = contact_for(actor, contact_id, request=request)
    return render(request, "hotline/escalate.html", _escalation_context(actor, contact))


def _form_page(request, contact, form, **context):
    return render(request, "hotline/escalate_form.html", {
        "contact": contact, "form": form, "forms_text": _forms_text(contact), "place": _place_text(contact),
        **context})


@login_required
@require_http_methods(["GET", "POST"])
def escalate_screening(request, contact_id):
    actor = actor_for(request)
    contact = contact_for(actor, contact_id, request=request)
    form = ScreeningEscalationForm(request.POST or None,
                                   initial={"exploitation_forms": escalation.known_forms(contact)})
    if request.method == "POST" and form.is_valid():
        try:
            made = escalation.escalate_to_screening(actor, contact, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The screening is started from the contact."))
            return redirect("screening:summary", made.screening_id)
    return _form_page(request, contact, form, title=_("Start a screening from the contact"),
                      intro=_("The screening has no name: it is labelled with the caller's reference."),
                      submit=_("Start the screening"))


def referral_initial(contact, service_id: str = "") -> dict:
    """What the contact already says, in the referral form's fields (the operator can still edit it)."""
    topic = contact.get_topic_display()
    forms = _forms_text(contact)
    reason = _("Hotline contact: %(topic)s.") % {"topic": topic}
    if forms:
        reason += " " + _("Forms of exploitation suspected: %(forms)s.") % {"forms": forms}
    place = _place_text(contact)
    return {"urgency": escalation.REFERRAL_URGENCY.get(contact.urgency), "reason": reason,
            "needs": _("Where: %(place)s.") % {"place": place} if place else "",
            "summary": contact.notes or "", "languages": contact.language or "",
            **({"service": service_id} if service_id else {})}


def _suggestions(contact) -> list[dict]:
    """The urgent pathway's first services for the contact's place: one click chooses one."""
    if not contact.municipality_id:
        return []
    forms = escalation.known_forms(contact)
    entries = crisis_queries.entries_for_municipality(contact.municipality, language=contact.language or "",
                                                      exploitation=forms[0] if forms else "")
    steps = crisis.urgent_pathway(entries)
    names = crisis_queries.type_names()
    return [{"name": names.get(step.type_code, step.type_code), **_line(step.first)}
            for step in steps if step.first and step.first.organisation_id != contact.organisation_id]


@login_required
@require_http_methods(["GET", "POST"])
def escalate_referral(request, contact_id):
    actor = actor_for(request)
    contact = contact_for(actor, contact_id, request=request)
    form = ReferralEscalationForm(request.POST or None, organisation=actor.organisation,
                                  initial=referral_initial(contact, request.GET.get("service", "")))
    if request.method == "POST" and form.is_valid():
        try:
            made = escalation.escalate_to_referral(actor, contact, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The referral is sent. The contact is marked as referred."))
            return redirect("referrals:detail", made.referral_id)
    return _form_page(request, contact, form, title=_("Refer the caller to a service"),
                      intro=_("A referral from a contact carries no name. Say how the caller agreed, or name the "
                              "legal basis. The receiver sees the summary, age group, languages, needs and urgency."),
                      submit=_("Send the referral"), suggestions=_suggestions(contact))


@login_required
@require_http_methods(["GET", "POST"])
def escalate_case(request, contact_id):
    actor = actor_for(request)
    contact = contact_for(actor, contact_id, request=request)
    form = CaseEscalationForm(request.POST or None, initial={"municipality": contact.municipality_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = escalation.escalate_to_case(actor, contact, person=form.person(), request=request,
                                               municipality=data["municipality"], consent_given=data["consent_given"],
                                               consent_how=data["consent_how"])
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The case is opened, with the caller's consent in its ledger."))
            return redirect("cases:detail", made.case_id)
    return _form_page(request, contact, form, title=_("Open a case from the contact"),
                      intro=_("Only with the caller's consent: the case keeps her identity, the contact stays "
                              "anonymous and points to the case."),
                      submit=_("Open the case"))
