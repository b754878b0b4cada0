"""Pages of a municipality's partnership: the group, its members, agreements, meetings, decisions,
action points, and the picture of the network. Who sees what: partnership_policies.py.

Meeting times are shown and entered in the municipality's local time.
"""

from __future__ import annotations

import contextlib
import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from strom.accounts.policies import actor_for
from strom.audit.services import record
from strom.network import partnership_queries as queries
from strom.network import partnership_services as services
from strom.network.partnership_forms import (
    ActionPointForm,
    AgreementForm,
    DecisionForm,
    MeetingForm,
    MemberForm,
    PartnershipForm,
    StatusForm,
)
from strom.network.partnership_policies import (
    READ,
    Access,
    can_update_status,
    is_keeper_of,
    require_keeper_of_municipality,
    require_status_update,
)
from strom.network.picture import EDGE_STYLES, picture_of


@contextlib.contextmanager
def local_time(municipality):
    """Show and read times in the municipality's time zone for the length of the block."""
    try:
        zone = zoneinfo.ZoneInfo(municipality.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_default_timezone()
    with timezone.override(zone):
        yield


def _apply_error(form, error: ValidationError) -> None:
    """A service's refusal on the form: on the field it names when the form has it, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, texts in error.message_dict.items():
        form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None, texts)


def _submitted(request, form, write, success: str, *args, **extra) -> bool:
    """Run `write(actor, *args, **cleaned data)` for a valid POST; a refusal becomes a form error."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        write(actor_for(request), *args, request=request, **form.cleaned_data, **extra)
    except ValidationError as error:
        _apply_error(form, error)
        return False
    messages.success(request, success)
    return True


def _form_page(request, form, *, title: str, cancel: str, submit: str, intro: str = "", partnership=None,
               multipart: bool = False):
    return render(request, "network/partnership_form.html", {
        "form": form, "title": title, "intro": intro, "cancel": cancel, "submit": submit,
        "partnership": partnership, "multipart": multipart})


def _page_of(partnership) -> str:
    return reverse("partnerships:detail", args=[partnership.municipality_id])


# --- The partnership ----------------------------------------------------------------------------


@login_required
@require_GET
def index(request):
    actor = actor_for(request)
    partnerships = list(queries.visible_partnerships(actor))
    organisation = actor.organisation
    own = organisation.municipality if organisation is not None and organisation.municipality_id else None
    set_up = own if own is not None and is_keeper_of(actor, own) and not any(
        p.municipality_id == own.pk for p in partnerships) else None
    mine = queries.partnerships_of(organisation) if organisation is not None else set()
    return render(request, "network/partnership_index.html", {
        "partnerships": partnerships, "set_up": set_up, "mine": mine, "can_read": actor.can(READ)})


@login_required
@require_GET
def detail(request, municipality_id):
    actor = actor_for(request)
    municipality, partnership, access = queries.municipality_for(actor, municipality_id)
    today = timezone.localdate()
    context = {"municipality": municipality, "partnership": partnership, "access": access, "today": today,
               "is_member": access >= Access.MEMBER, "is_keeper": access == Access.KEEPER,
               "can_read_directory": actor.can(READ)}
    if partnership is not None:
        members = list(queries.members_of(partnership))
        current = [m for m in members if m.active_from <= today and (m.active_to is None or m.active_to >= today)]
        context["members"] = members if access >= Access.MEMBER else current
        context["current"] = {m.pk for m in current}
        if access >= Access.MEMBER:
            context.update(agreements=queries.agreements_of(partnership),
                           upcoming=queries.upcoming_meetings(partnership),
                           past=queries.past_meetings(partnership),
                           action_points=queries.open_action_points(partnership))
    with local_time(municipality):
        return render(request, "network/partnership.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request, municipality_id):
    actor = actor_for(request)
    municipality, partnership, _access = queries.municipality_for(actor, municipality_id)
    if partnership is not None:
        return redirect(_page_of(partnership))
    require_keeper_of_municipality(actor, municipality)
    name = _("Partnership against trafficking in %(municipality)s") % {"municipality": municipality.name}
    form = PartnershipForm(request.POST or None, initial={"name": name})
    if _submitted(request, form, services.create_partnership, _("The partnership has been set up."), municipality):
        return redirect("partnerships:detail", municipality.pk)
    return _form_page(request, form, title=_("Set up the partnership"), submit=_("Set up the partnership"),
                      intro=_("Your organisation becomes its lead. You add the other members next."),
                      cancel=reverse("partnerships:detail", args=[municipality.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, municipality_id):
    actor = actor_for(request)
    partnership = queries.partnership_to_keep(actor, municipality_id)
    form = PartnershipForm(request.POST or None, initial={"name": partnership.name})
    if _submitted(request, form, services.rename_partnership, _("The partnership has been saved."), partnership):
        return redirect(_page_of(partnership))
    return _form_page(request, form, title=_("Rename the partnership"), submit=_("Save"),
                      cancel=_page_of(partnership), partnership=partnership)


@login_required
@require_GET
def picture(request, municipality_id):
    actor = actor_for(request)
    municipality, partnership, _access = queries.municipality_for(actor, municipality_id)
    return render(request, "network/picture.html", {
        "municipality": municipality, "partnership": partnership, "picture": picture_of(municipality),
        "edge_styles": EDGE_STYLES, "can_read_directory": actor.can(READ)})


# --- Members ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, municipality_id):
    actor = actor_for(request)
    partnership = queries.partnership_to_keep(actor, municipality_id)
    form = MemberForm(request.POST or None, partnership=partnership)
    if _submitted(request, form, services.add_member, _("The member has been added."), partnership):
        return redirect(_page_of(partnership))
    return _form_page(request, form, title=_("Add a member"), submit=_("Add the member"),
                      cancel=_page_of(partnership), partnership=partnership)


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, member_id):
    actor = actor_for(request)
    member = queries.member_to_keep(actor, member_id)
    form = MemberForm(request.POST or None, member=member, initial=MemberForm.initial_from(member))
    if _submitted(request, form, services.update_member, _("The member has been saved."), member):
        return redirect(_page_of(member.partnership))
    return _form_page(request, form, title=_("%(organisation)s in the partnership") % {
        "organisation": member.organisation.name}, submit=_("Save"), cancel=_page_of(member.partnership),
        partnership=member.partnership)


# --- Agreements ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def agreement_add(request, municipality_id):
    actor = actor_for(request)
    partnership = queries.partnership_to_keep(actor, municipality_id)
    form = AgreementForm(request.POST or None, request.FILES or None)
    if _submitted(request, form, services.add_agreement, _("The agreement has been added."), partnership):
        return redirect(_page_of(partnership))
    return _form_page(request, form, title=_("Add an agreement"), submit=_("Add the agreement"),
                      cancel=_page_of(partnership), partnership=partnership, multipart=True)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request, agreement_id):
    actor = actor_for(request)
    agreement = queries.agreement_to_keep(actor, agreement_id)
    form = AgreementForm(request.POST or None, request.FILES or None, agreement=agreement,
                         initial=AgreementForm.initial_from(agreement))
    if _submitted(request, form, services.update_agreement, _("The agreement has been saved."), agreement):
        return redirect(_page_of(agreement.partnership))
    return _form_page(request, form, title=_("Edit the agreement"), submit=_("Save"),
                      cancel=_page_of(agreement.partnership), partnership=agreement.partnership, multipart=True)


@login_required
@require_GET
def agreement_document(request, agreement_id):
    """The agreement's document, to members of the group only; every download is recorded."""
    actor = actor_for(request)
    agreement = queries.agreement_for(actor, agreement_id)
    if not agreement.document or agreement.document_type not in services.DOCUMENT_TYPES:
        raise Http404
    try:
        handle = default_storage.open(agreement.document.name, "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    record("partnership.agreement_document_read", actor=request.user, organisation=actor.organisation,
           target=agreement, fields=["document"], request=request)
    filename = f"{slugify(agreement.title) or 'agreement'}.{agreement.document_type}"
    response = FileResponse(handle, as_attachment=True, filename=filename,
                            content_type=services.DOCUMENT_TYPES[agreement.document_type])
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Meetings and decisions ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def meeting_add(request, municipality_id):
    actor = actor_for(request)
    partnership = queries.partnership_to_keep(actor, municipality_id)
    with local_time(partnership.municipality):
        form = MeetingForm(request.POST or None, new=True)
        if _submitted(request, form, services.schedule_meeting, _("The meeting has been scheduled."), partnership):
            return redirect(_page_of(partnership))
        return _form_page(request, form, title=_("Schedule a meeting"), submit=_("Schedule the meeting"),
                          cancel=_page_of(partnership), partnership=partnership)


@login_required
@require_GET
def meeting(request, meeting_id):
    actor = actor_for(request)
    item = queries.meeting_details(queries.meeting_for(actor, meeting_id))
    is_keeper = is_keeper_of(actor, item.partnership.municipality_id)
    with local_time(item.partnership.municipality):
        return render(request, "network/partnership_meeting.html", {
            "meeting": item, "partnership": item.partnership, "is_keeper": is_keeper,
            "decision_form": DecisionForm() if is_keeper else None, "today": timezone.localdate(),
            "now": timezone.now()})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, meeting_id):
    actor = actor_for(request)
    item = queries.meeting_to_keep(actor, meeting_id)
    with local_time(item.partnership.municipality):
        form = MeetingForm(request.POST or None, initial=MeetingForm.initial_from(item))
        if _submitted(request, form, services.update_meeting, _("The meeting has been saved."), item):
            return redirect("partnerships:meeting", item.pk)
        return _form_page(request, form, title=_("Agenda and minutes"), submit=_("Save"),
                          cancel=reverse("partnerships:meeting", args=[item.pk]), partnership=item.partnership)


@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request, meeting_id):
    actor = actor_for(request)
    item = queries.meeting_to_keep(actor, meeting_id)
    form = DecisionForm(request.POST or None)
    if _submitted(request, form, services.record_decision, _("The decision has been recorded."), item):
        return redirect("partnerships:meeting", item.pk)
    return _form_page(request, form, title=_("Record a decision"), submit=_("Record the decision"),
                      cancel=reverse("partnerships:meeting", args=[item.pk]), partnership=item.partnership)


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request, decision_id):
    actor = actor_for(request)
    decision = queries.decision_to_keep(actor, decision_id)
    form = DecisionForm(request.POST or None, initial={"text": decision.text})
    if _submitted(request, form, services.update_decision, _("The decision has been saved."), decision):
        return redirect("partnerships:meeting", decision.meeting_id)
    return _form_page(request, form, title=_("Edit the decision"), submit=_("Save"),
                      cancel=reverse("partnerships:meeting", args=[decision.meeting_id]),
                      partnership=decision.meeting.partnership)


# --- Action points ------------------------------------------------------------------------------


def _action_point_add(request, partnership, meeting=None):
    form = ActionPointForm(request.POST or None, partnership=partnership)
    back = reverse("partnerships:meeting", args=[meeting.pk]) if meeting else _page_of(partnership)
    if _submitted(request, form, services.add_action_point, _("The action point has been added."), partnership,
                  meeting=meeting):
        return redirect(back)
    return _form_page(request, form, title=_("Add an action point"), submit=_("Add the action point"),
                      cancel=back, partnership=partnership)


@login_required
@require_http_methods(["GET", "POST"])
def action_point_add(request, municipality_id):
    actor = actor_for(request)
    return _action_point_add(request, queries.partnership_to_keep(actor, municipality_id))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_action_point_add(request, meeting_id):
    actor = actor_for(request)
    item = queries.meeting_to_keep(actor, meeting_id)
    return _action_point_add(request, item.partnership, item)


@login_required
@require_http_methods(["GET", "POST"])
def action_point(request, action_point_id):
    """The action point; its owner (or the keeper) updates the status here."""
    actor = actor_for(request)
    item = queries.action_point_for(actor, action_point_id)
    may_update = can_update_status(actor, item)
    if request.method == "POST" and not may_update:
        require_status_update(actor, item)  # records the refusal and raises 403
    form = StatusForm(request.POST or None, initial={"status": item.status, "done": item.done}) if may_update else None
    if form is not None and _submitted(request, form, services.set_action_point_status,
                                       _("The status has been saved."), item):
        return redirect("partnerships:action_point", item.pk)
    with local_time(item.partnership.municipality):
        return render(request, "network/partnership_action_point.html", {
            "action_point": item, "partnership": item.partnership, "form": form,
            "is_keeper": is_keeper_of(actor, item.partnership.municipality_id), "today": timezone.localdate()})


@login_required
@require_http_methods(["GET", "POST"])
def action_point_edit(request, action_point_id):
    actor = actor_for(request)
    item = queries.action_point_to_keep(actor, action_point_id)
    form = ActionPointForm(request.POST or None, partnership=item.partnership, action_point=item,
                           initial=ActionPointForm.initial_from(item))
    if _submitted(request, form, services.update_action_point, _("The action point has been saved."), item):
        return redirect("partnerships:action_point", item.pk)
    return _form_page(request, form, title=_("Edit the action point"), submit=_("Save"),
                      cancel=reverse("partnerships:action_point", args=[item.pk]), partnership=item.partnership)
