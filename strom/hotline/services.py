"""Writes on hotline contacts: record, correct, follow-ups. Each checks its policy first and changes
the data and appends its audit event (names and ids only, never the values) in one transaction.

A contact never gets an identity here: no name, phone number or e-mail field exists on it. A repeat
caller is linked by the reference the operator read out (reference.py), never by a number.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from strom.accounts.models import Membership
from strom.accounts.policies import Actor
from strom.accounts.roles import role_permissions
from strom.audit.services import record
from strom.hotline.models import Caller, Contact, FollowUp, Outcome
from strom.hotline.policies import RECORD, require_editing, require_following_up, require_recording
from strom.hotline.reference import new_reference, normalise_reference
from strom.lib.services import service
from strom.network.languages import is_language_code
from strom.network.vocabularies import ExploitationForm

# What an operator records; everything else (organisation, operator, caller, escalation) is set here.
CONTACT_FIELDS = ("channel", "started_at", "duration_minutes", "language", "caller_type", "topic",
                  "exploitation_forms", "municipality", "country", "destination_country", "urgency", "outcome",
                  "referred_to", "police_reason", "notes", "campaign_code")
CAMPAIGN_CODE_LENGTH = 32


def normalise_campaign_code(code: str) -> str:
    return "".join((code or "").split()).upper()


def problems(values: dict) -> dict[str, str]:
    """Field → message for values no contact may hold (the forms check most of it first; the API and
    any other caller meet the same rules here)."""
    found = {}
    unknown = [form for form in values.get("exploitation_forms") or [] if form not in ExploitationForm.values]
    if unknown:
        found["exploitation_forms"] = _("Choose forms of exploitation from the list.")
    if values.get("language") and not is_language_code(values["language"]):
        found["language"] = _("Choose a language from the list.")
    if values.get("outcome") == Outcome.REFERRED and not values.get("referred_to"):
        found["referred_to"] = _("Say to which service the caller was referred.")
    if values.get("outcome") == Outcome.POLICE and not (values.get("police_reason") or "").strip():
        found["police_reason"] = _("Say why the police were notified.")
    if len(values.get("campaign_code") or "") > CAMPAIGN_CODE_LENGTH:
        found["campaign_code"] = _("A campaign code has at most 32 characters.")
    started = values.get("started_at")
    if started is not None and started > timezone.now() + timedelta(minutes=5):
        found["started_at"] = _("The contact cannot start in the future.")
    return found


def _clean(values: dict) -> dict:
    unknown = sorted(set(values) - set(CONTACT_FIELDS))
    if unknown:  # a programming error, and the way a phone number or e-mail could slip in: refuse loudly
        raise TypeError(f"A contact has no field {', '.join(unknown)}")
    if "campaign_code" in values:
        values["campaign_code"] = normalise_campaign_code(values["campaign_code"])
    for name in ("police_reason", "notes"):
        if name in values:
            values[name] = (values[name] or "").strip()
    if "exploitation_forms" in values:
        values["exploitation_forms"] = sorted(set(values["exploitation_forms"] or []))
    found = problems(values)
    if found:
        raise ValidationError(found)
    return values


def _caller_for(organisation, typed: str) -> Caller:
    """The caller a typed reference names, or a new caller with a fresh reference."""
    if typed and typed.strip():
        code = normalise_reference(typed)
        caller = Caller.objects.filter(organisation=organisation, reference=code).first() if code else None
        if caller is None:
            raise ValidationError({"caller_reference": _(
                "No caller of your hotline has this reference. Check it with the caller, or leave it "
                "empty to give a new reference.")})
        return caller
    for _attempt in range(20):
        code = new_reference()
        if not Caller.objects.filter(organisation=organisation, reference=code).exists():
            return Caller.objects.create(organisation=organisation, reference=code, created=timezone.now())
    raise RuntimeError("No free caller reference after 20 attempts")  # 23^6 codes: only if nearly full


def _check_owner(organisation, owner) -> None:
    roles = Membership.objects.filter(user=owner, organisation=organisation, is_active=True).values_list("role",
                                                                                                        flat=True)
    if not any(RECORD in role_permissions(role) for role in roles):
        raise ValidationError({"follow_up_owner": _("The owner must be an operator of your hotline.")})


def _new_follow_up(actor, contact, *, task: str, due_on, owner) -> FollowUp:
    if not (task or "").strip():
        raise ValidationError({"follow_up_task": _("Say what is to be done.")})
    if due_on is None:
        raise ValidationError({"follow_up_due": _("Give the day it is due.")})
    owner = owner or actor.user
    _check_owner(contact.organisation, owner)
    return FollowUp.objects.create(contact=contact, organisation=contact.organisation, task=task.strip(),
                                   due_on=due_on, owner=owner)


@service(require_recording)
def record_contact(actor: Actor, *, caller_reference: str = "", follow_up: dict | None = None, request=None,
                   **values) -> Contact:
    """Record one contact for the actor's hotline; with `follow_up` ({task, due_on, owner}) its first task."""
    values = _clean(values)
    values.setdefault("started_at", timezone.now())
    organisation = actor.organisation
    caller = _caller_for(organisation, caller_reference)
    contact = Contact.objects.create(organisation=organisation, operator=actor.user, caller=caller, **values)
    if follow_up and (follow_up.get("task") or "").strip():
        _new_follow_up(actor, contact, **follow_up)
    record("hotline.contact_recorded", actor=actor.user, organisation=organisation, target=contact,
           fields=sorted(name for name, value in values.items() if value not in ("", None, [])),
           detail={"topic": contact.topic, "repeat_caller": bool(caller_reference and caller_reference.strip()),
                   "follow_up": bool(follow_up and follow_up.get("task"))}, request=request)
    return contact


@service(require_editing)
def change_contact(actor: Actor, contact: Contact, *, request=None, **values) -> Contact:
    """Correct a contact (its operator, or a coordinator of the hotline); records which fields changed."""
    values = _clean(values)
    changed = sorted(name for name, value in values.items() if getattr(contact, name) != value)
    for name in changed:
        setattr(contact, name, values[name])
    if changed:
        contact.save()
        record("hotline.contact_changed", actor=actor.user, organisation=actor.organisation, target=contact,
               fields=changed, request=request)
    return contact


@service(require_following_up)
def add_follow_up(actor: Actor, contact: Contact, *, task: str, due_on, owner=None, request=None) -> FollowUp:
    follow_up = _new_follow_up(actor, contact, task=task, due_on=due_on, owner=owner)
    record("hotline.follow_up_added", actor=actor.user, organisation=actor.organisation, target=follow_up,
           detail={"contact": str(contact.pk)}, request=request)
    return follow_up


@service(require_following_up)
def set_follow_up_done(actor: Actor, follow_up: FollowUp, *, done: bool, request=None) -> FollowUp:
    """Mark a follow-up done (or open again, when it was marked by mistake)."""
    if done == (follow_up.done_at is not None):
        return follow_up
    follow_up.done_at, follow_up.done_by = (timezone.now(), actor.user) if done else (None, None)
    follow_up.save(update_fields=["done_at", "done_by"])
    record("hotline.follow_up_done" if done else "hotline.follow_up_reopened", actor=actor.user,
           organisation=actor.organisation, target=follow_up, request=request)
    return follow_up
