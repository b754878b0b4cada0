"""Writes to partnerships: the group, its members, agreements, meetings, decisions and action points.

Each function checks its policy before the transaction (`strom.lib.services.service`; who may:
partnership_policies.py), validates, changes the data and appends its audit event in that one
transaction: bad input raises ValidationError and changes nothing. Events name the record and the
fields that changed, never their values. django-simple-history keeps every version of the group,
its members, agreements and action points.

Agreement documents go to the default storage (encrypted at rest, strom/lib/storage.py) under a random
name; they are served only by
`partnership_views.agreement_document` to the group's members. A stored file whose row or audit event
fails is removed again, and a replaced document is removed only once the change is committed.
"""

from __future__ import annotations

import copy
import zipfile
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from strom.accounts.policies import Actor
from strom.audit.services import record
from strom.lib.services import service
from strom.network.models import (
    ActionPoint,
    ActionPointStatus,
    Agreement,
    Decision,
    Meeting,
    Municipality,
    Partnership,
    PartnershipMember,
    PartnershipRole,
)
from strom.network.partnership_policies import (
    require_keeper,
    require_keeper_of_municipality,
    require_status_update,
)
from strom.network.partnership_queries import is_possible_owner

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _event(action: str, actor: Actor, target, *, fields=(), request=None, detail=None) -> None:
    record(action, actor=actor.user, organisation=actor.organisation, target=target, fields=list(fields),
           detail=detail, request=request)


def _clean(item, *, exclude=()) -> None:
    """The model's own rules: lengths, choices, required fields. The services check what the database's
    constraints guard themselves, so that the message names the field and says what is wrong."""
    item.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


def _strip(value) -> str:
    return (value or "").strip()


def _apply(item, changes: dict) -> list[str]:
    """Set `changes` (plain fields, no relations) on `item`; the names of the fields whose value differs."""
    changed = []
    for name, value in changes.items():
        if getattr(item, name) != value:
            setattr(item, name, value)
            changed.append(name)
    return changed


def _save_with_history(actor: Actor, item) -> None:
    item._history_user = actor.user
    item.save()


# --- The partnership ----------------------------------------------------------------------------


@service(require_keeper_of_municipality)
def create_partnership(actor: Actor, municipality: Municipality, *, name: str, request=None) -> Partnership:
    """Set up the municipality's group; the keeper's own organisation joins it as its lead."""
    if Partnership.objects.filter(municipality=municipality).exists():
        raise ValidationError(_("This municipality already has a partnership."))
    partnership = Partnership(municipality=municipality, name=_strip(name))
    _clean(partnership)
    _save_with_history(actor, partnership)
    _event("partnership.created", actor, partnership, fields=["name"], request=request)
    lead = PartnershipMember(partnership=partnership, organisation=actor.organisation, role=PartnershipRole.LEAD,
                             active_from=timezone.localdate())
    _save_with_history(actor, lead)
    _event("partnership.member_added", actor, lead, fields=["organisation", "role", "active_from"],
           request=request)
    return partnership


@service(require_keeper)
def rename_partnership(actor: Actor, partnership: Partnership, *, name: str, request=None) -> list[str]:
    candidate = copy.copy(partnership)
    changed = _apply(candidate, {"name": _strip(name)})
    _clean(candidate)
    if changed:
        _save_with_history(actor, candidate)
        partnership.name = candidate.name
        _event("partnership.updated", actor, partnership, fields=changed, request=request)
    return changed


# --- Members ------------------------------------------------------------------------------------


def _check_member(member: PartnershipMember) -> None:
    _clean(member, exclude=["partnership"])
    if not member.organisation.is_active:
        raise ValidationError({"organisation": _("This organisation is no longer active in Strom.")})
    if member.active_to and member.active_to < member.active_from:
        raise ValidationError({"active_to": _("The end comes before the beginning.")})
    others = PartnershipMember.objects.filter(partnership=member.partnership, organisation=member.organisation)
    if others.exclude(pk=member.pk).exists():
        raise ValidationError({"organisation": _("This organisation is already a member; change its row instead.")})


@service(require_keeper)
def add_member(actor: Actor, partnership: Partnership, *, organisation, role: str, contribution: str = "",
               active_from: date | None = None, active_to: date | None = None, request=None) -> PartnershipMember:
    member = PartnershipMember(partnership=partnership, organisation=organisation, role=role,
                               contribution=_strip(contribution), active_from=active_from or timezone.localdate(),
                               active_to=active_to)
    _check_member(member)
    _save_with_history(actor, member)
    _event("partnership.member_added", actor, member, fields=["organisation", "role", "contribution",
                                                              "active_from", "active_to"], request=request)
    return member


@service(require_keeper)
def update_member(actor: Actor, member: PartnershipMember, *, role: str, contribution: str = "",
                  active_from: date, active_to: date | None = None, request=None) -> list[str]:
    candidate = copy.copy(member)
    changed = _apply(candidate, {"role": role, "contribution": _strip(contribution), "active_from": active_from,
                                 "active_to": active_to})
    _check_member(candidate)
    if changed:
        _save_with_history(actor, candidate)
        _event("partnership.member_updated", actor, member, fields=changed, request=request)
        for name in changed:
            setattr(member, name, getattr(candidate, name))
    return changed


# --- Agreements and their documents -------------------------------------------------------------


def document_kind(upload) -> str:
    """"pdf", "odt" or "docx" when the file is one by name and by content; ValidationError otherwise.

    The content decides, not what the browser claims: a PDF starts with "%PDF-"; an OpenDocument text
    is a ZIP whose "mimetype" entry names it; a Word document is a ZIP with word/document.xml.
    """
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError({"document": _("The document is larger than 10 MB.")})
    if not upload.size:
        raise ValidationError({"document": _("The document is empty.")})
    name = (upload.name or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in DOCUMENT_TYPES or not _content_is(extension, upload):
        raise ValidationError({"document": _("Upload a PDF, OpenDocument text (.odt) or Word (.docx) document.")})
    return extension


def _content_is(extension: str, upload) -> bool:
    upload.seek(0)
    try:
        if extension == "pdf":
            return upload.read(5) == b"%PDF-"
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if extension == "docx":
                    return "[Content_Types].xml" in names and "word/document.xml" in names
                if "mimetype" not in names:
                    return False
                with archive.open("mimetype") as mimetype:
                    return mimetype.read(100).strip() == DOCUMENT_TYPES["odt"].encode()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
    finally:
        upload.seek(0)


def _check_agreement(agreement: Agreement) -> None:
    _clean(agreement, exclude=["partnership", "document"])
    if agreement.valid_to and agreement.valid_to < agreement.valid_from:
        raise ValidationError({"valid_to": _("The agreement ends before it begins.")})


def _save_agreement(actor: Actor, agreement: Agreement, document, event: str, fields: list[str], request) -> None:
    """Store the (already checked) document, save the row and record the event; a failure leaves no file.

    The file is written before the row that names it; should saving the row or recording the event
    fail, the file is removed again before the error goes on to roll the transaction back.
    """
    stored = ""
    try:
        if document:
            document.seek(0)
            agreement.document.save(document.name, document, save=False)
            stored = agreement.document.name
        _save_with_history(actor, agreement)
        _event(event, actor, agreement, fields=fields, request=request)
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise


@service(require_keeper)
def add_agreement(actor: Actor, partnership: Partnership, *, title: str, valid_from: date, signed: date | None = None,
                  valid_to: date | None = None, document=None, request=None) -> Agreement:
    agreement = Agreement(partnership=partnership, title=_strip(title), signed=signed, valid_from=valid_from,
                          valid_to=valid_to)
    _check_agreement(agreement)
    fields = ["title", "signed", "valid_from", "valid_to"]
    if document:
        agreement.document_type = document_kind(document)
        fields.append("document")
    _save_agreement(actor, agreement, document, "partnership.agreement_added", fields, request)
    return agreement


@service(require_keeper)
def update_agreement(actor: Actor, agreement: Agreement, *, title: str, valid_from: date, signed: date | None = None,
                     valid_to: date | None = None, document=None, request=None) -> list[str]:
    """Change the facts; a new `document` replaces the old one, which is removed once this commits."""
    candidate = copy.copy(agreement)
    changed = _apply(candidate, {"title": _strip(title), "signed": signed, "valid_from": valid_from,
                                 "valid_to": valid_to})
    _check_agreement(candidate)
    if document:
        candidate.document_type = document_kind(document)
        changed.append("document")
    if not changed:
        return []
    old_document = agreement.document.name if document else ""
    _save_agreement(actor, candidate, document, "partnership.agreement_updated", changed, request)
    if old_document:
        transaction.on_commit(lambda: default_storage.delete(old_document))
    for name in [*changed, "document_type"]:
        setattr(agreement, name, getattr(candidate, name))
    return changed


# --- Meetings and decisions ---------------------------------------------------------------------


def _check_meeting(meeting: Meeting) -> None:
    _clean(meeting, exclude=["partnership"])


@service(require_keeper)
def schedule_meeting(actor: Actor, partnership: Partnership, *, starts, place: str = "", agenda: str = "",
                     minutes: str = "", request=None) -> Meeting:
    meeting = Meeting(partnership=partnership, starts=starts, place=_strip(place), agenda=_strip(agenda),
                      minutes=_strip(minutes))
    _check_meeting(meeting)
    meeting.save()
    _event("partnership.meeting_scheduled", actor, meeting,
           fields=[name for name in ("starts", "place", "agenda", "minutes") if getattr(meeting, name)],
           request=request)
    return meeting


@service(require_keeper)
def update_meeting(actor: Actor, meeting: Meeting, *, starts, place: str = "", agenda: str = "", minutes: str = "",
                   request=None) -> list[str]:
    candidate = copy.copy(meeting)
    changed = _apply(candidate, {"starts": starts, "place": _strip(place), "agenda": _strip(agenda),
                                 "minutes": _strip(minutes)})
    _check_meeting(candidate)
    if changed:
        candidate.save()
        _event("partnership.meeting_updated", actor, meeting, fields=changed, request=request)
        for name in changed:
            setattr(meeting, name, getattr(candidate, name))
    return changed


@service(require_keeper)
def record_decision(actor: Actor, meeting: Meeting, *, text: str, request=None) -> Decision:
    decision = Decision(meeting=meeting, text=_strip(text))
    _clean(decision, exclude=["meeting"])
    decision.save()
    _event("partnership.decision_recorded", actor, decision, fields=["text"], request=request)
    return decision


@service(require_keeper)
def update_decision(actor: Actor, decision: Decision, *, text: str, request=None) -> list[str]:
    candidate = copy.copy(decision)
    changed = _apply(candidate, {"text": _strip(text)})
    _clean(candidate, exclude=["meeting"])
    if changed:
        candidate.save()
        decision.text = candidate.text
        _event("partnership.decision_updated", actor, decision, fields=changed, request=request)
    return changed


# --- Action points ------------------------------------------------------------------------------


def _settle_done_date(action_point: ActionPoint) -> None:
    """Done points carry the day they were done (today unless given); others carry none."""
    if action_point.status == ActionPointStatus.DONE:
        action_point.done = action_point.done or timezone.localdate()
    else:
        action_point.done = None


def _check_action_point(action_point: ActionPoint, *, new_owner: bool = True) -> None:
    """`new_owner`: the owner is chosen now (someone who left the group may keep a point she had)."""
    _clean(action_point, exclude=["partnership", "meeting", "owner"])
    if action_point.meeting_id and action_point.meeting.partnership_id != action_point.partnership_id:
        raise ValidationError({"meeting": _("The meeting belongs to another partnership.")})
    if action_point.owner is None:
        raise ValidationError({"owner": _("Choose who does it.")})
    if new_owner and not is_possible_owner(action_point.partnership, action_point.owner):
        raise ValidationError({"owner": _("Choose someone who works for a member of the partnership.")})
    if action_point.done and action_point.done > timezone.localdate():
        raise ValidationError({"done": _("The done date cannot be in the future.")})


@service(require_keeper)
def add_action_point(actor: Actor, partnership: Partnership, *, text: str, owner, due: date, meeting=None,
                     request=None) -> ActionPoint:
    action_point = ActionPoint(partnership=partnership, meeting=meeting, text=_strip(text), owner=owner, due=due)
    _check_action_point(action_point)
    _save_with_history(actor, action_point)
    _event("partnership.action_point_added", actor, action_point, fields=["text", "owner", "due"],
           request=request)
    return action_point


@service(require_keeper)
def update_action_point(actor: Actor, action_point: ActionPoint, *, text: str, owner, due: date, status: str,
                        done: date | None = None, request=None) -> list[str]:
    candidate = copy.copy(action_point)
    candidate.text, candidate.owner, candidate.due = _strip(text), owner, due
    candidate.status, candidate.done = status, done
    _settle_done_date(candidate)
    changed = [name for name in ("text", "owner", "due", "status", "done")
               if _value(candidate, name) != _value(action_point, name)]
    _check_action_point(candidate, new_owner="owner" in changed)
    return _save_action_point(actor, action_point, candidate, changed, request)


@service(require_status_update)
def set_action_point_status(actor: Actor, action_point: ActionPoint, *, status: str, done: date | None = None,
                            request=None) -> list[str]:
    """The owner's (or keeper's) update: status and the day it was done, nothing else."""
    candidate = copy.copy(action_point)
    candidate.status, candidate.done = status, done
    _settle_done_date(candidate)
    changed = [name for name in ("status", "done") if _value(candidate, name) != _value(action_point, name)]
    _clean(candidate, exclude=["partnership", "meeting", "owner"])
    if candidate.done and candidate.done > timezone.localdate():
        raise ValidationError({"done": _("The done date cannot be in the future.")})
    return _save_action_point(actor, action_point, candidate, changed, request, action="status_changed")


def _value(item, name: str):
    return getattr(item, f"{name}_id") if name == "owner" else getattr(item, name)


def _save_action_point(actor, action_point, candidate, changed, request, action="updated") -> list[str]:
    if changed:
        _save_with_history(actor, candidate)
        _event(f"partnership.action_point_{action}", actor, action_point, fields=changed, request=request,
               detail={"status": candidate.status} if "status" in changed else None)
        for name in changed:
            setattr(action_point, name, getattr(candidate, name))
    return changed
