"""Writes on referrals: make, answer, withdraw; each checked by its policy first, each move recorded
as a ReferralEvent and an audit event (no values, only names and ids) in the same transaction.

Notifications go out after the commit: a "My work" item (work.py) and an e-mail with a link only.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from strom.accounts.models import User
from strom.accounts.policies import Actor
from strom.accounts.roles import role_permissions
from strom.audit.services import record
from strom.cases import services as case_services
from strom.cases.consent import How, LegalBasis, Purpose
from strom.cases.consent import current as current_consents
from strom.cases.queries import consent_ledger_of
from strom.lib.services import service
from strom.referrals import sharing
from strom.referrals.deadlines import due_for
from strom.referrals.models import OPEN_STATES, Referral, ReferralEvent, State, Urgency
from strom.referrals.policies import ANSWER, require_answering, require_making, require_sending_side

# Which moves each state allows, and who makes them ("receiver" or "sender").
MOVES = {
    "accept": ((State.SENT, State.INFO_REQUESTED), State.ACCEPTED),
    "decline": ((State.SENT, State.INFO_REQUESTED), State.DECLINED),
    "request_info": ((State.SENT,), State.INFO_REQUESTED),
    "reply": ((State.INFO_REQUESTED,), State.SENT),
    "complete": ((State.ACCEPTED,), State.COMPLETED),
    "withdraw": ((State.SENT, State.INFO_REQUESTED, State.ACCEPTED), State.WITHDRAWN),
}


def current_consent_for(case, organisation):
    """The case's current ledger entry for sharing with `organisation` for a referral, or None."""
    for entry in current_consents(consent_ledger_of(case)):
        if entry.purpose == Purpose.SHARE_FOR_REFERRAL and entry.recipient_organisation_id == organisation.pk:
            return entry
    return None


def _refuse(field: str, message) -> None:
    raise ValidationError({field: str(message)})


def _checked_basis(case, receiver, *, consent_how: str, legal_basis: str):
    """(consent entry, state, how) that allows the referral, or a clear refusal."""
    if case is not None:
        entry = current_consent_for(case, receiver)
        if entry is None or not sharing.consent_allows(entry.state):
            _refuse(
                "consent",
                _(
                    "No current consent to share with %(organisation)s for a referral, and no "
                    "legal basis, is recorded in the case's consent ledger. Record it first."
                )
                % {"organisation": receiver.name},
            )
        return entry, entry.state, entry.how
    if legal_basis:
        if legal_basis not in LegalBasis.values:
            _refuse("legal_basis", _("Choose a legal basis from the list."))
        return None, "not_required", ""
    if consent_how not in How.values:
        _refuse("consent_how", _("Say how the person agreed to this referral, or name the legal basis."))
    return None, "given", consent_how


def _event(referral, actor, action, from_state, note="") -> None:
    ReferralEvent.objects.create(
        referral=referral,
        from_state=from_state,
        to_state=referral.state,
        action=action,
        note=(note or "").strip(),
        at=timezone.now(),
        by=actor.user,
        by_organisation=actor.organisation,
    )


def _audit(action, actor, referral, request, **detail) -> None:
    record(
        f"referral.{action}",
        actor=actor.user,
        organisation=actor.organisation,
        target=referral,
        detail={"state": referral.state, **{key: str(value) for key, value in detail.items()}},
        request=request,
    )


@service(require_making)
def make_referral(
    actor: Actor,
    *,
    service,
    case=None,
    reason: str,
    urgency: str = Urgency.ROUTINE,
    needs: str = "",
    shared_fields=(),
    transfer_lead: bool = False,
    consent_how: str = "",
    legal_basis: str = "",
    summary: str = "",
    languages=(),
    age_group: str = "",
    request=None,
) -> Referral:
    """Send a referral to `service`, from a case or (case=None) case-less. Refused with a message on
    the field when consent or legal basis is missing or a field may not be shared."""
    receiver = service.organisation
    if not service.is_active or not receiver.is_active:
        _refuse("service", _("This service does not take referrals now."))
    if receiver.pk == actor.organisation.pk:
        _refuse("service", _("Refer to another organisation's service."))
    if not (reason or "").strip():
        _refuse("reason", _("Say why you refer the person."))
    if urgency not in Urgency.values:
        _refuse("urgency", _("Choose the urgency."))
    entry, state, how = _checked_basis(case, receiver, consent_how=consent_how, legal_basis=legal_basis)
    if case is None:
        shared_fields = [name for name in shared_fields if name not in sharing.IDENTITY]
        transfer_lead = False
    try:
        fields = sharing.checked_fields(
            shared_fields, consent_state=state, consent_how=how, service_consent=service.consent
        )
    except sharing.SharingError as error:
        raise ValidationError({error.field: str(error.message)}) from None
    now = timezone.now()
    referral = Referral.objects.create(
        case=case,
        service=service,
        sender_organisation=actor.organisation,
        sender=actor.user,
        receiver_organisation=receiver,
        urgency=urgency,
        reason=reason.strip(),
        needs=(needs or "").strip(),
        shared_fields=fields,
        consent=entry,
        consent_how=consent_how if case is None else "",
        legal_basis=legal_basis if case is None else "",
        transfer_lead=bool(transfer_lead and case is not None),
        summary=(summary or "").strip() if case is None else "",
        languages=list(languages or ()),
        age_group=age_group if case is None else "",
        sent_at=now,
        due_at=due_for(service, now),
    )
    _event(referral, actor, "sent", "")
    _audit(
        "sent",
        actor,
        referral,
        request,
        case=case.pk if case else "",
        service=service.pk,
        consent=entry.pk if entry else "",
        fields=",".join(fields),
    )
    notify(referral, receiving=True, request=request)
    return referral


def _move(actor, referral, action, note="", request=None, **detail) -> Referral:
    allowed_from, to_state = MOVES[action]
    if referral.state not in allowed_from:
        _refuse(
            "action",
            _("This referral is %(state)s: that is not possible now.")
            % {"state": referral.get_state_display().lower()},
        )
    from_state = referral.state
    referral.state = to_state
    if action in ("accept", "decline") and referral.answered_at is None:
        referral.answered_at = timezone.now()
    referral.save()
    _event(referral, actor, action, from_state, note)
    _audit(action, actor, referral, request, **detail)
    return referral


@service(require_answering)
def accept(actor: Actor, referral: Referral, *, assigned_to: User, note: str = "", request=None) -> Referral:
    """Accept and name the receiver's case worker; moves the case lead when the referral asks for it."""
    if assigned_to is None or not _can_answer(assigned_to, referral.receiver_organisation):
        _refuse("assigned_to", _("Choose a case worker of your organisation."))
    referral.assigned_to = assigned_to
    _move(actor, referral, "accept", note, request, assigned_to=assigned_to.pk)
    if referral.transfer_lead and referral.case_id:
        case_services.transfer_lead(
            actor,
            referral.case,
            to_organisation=referral.receiver_organisation,
            team=[assigned_to],
            referral=referral,
            request=request,
        )
    notify(referral, receiving=False, request=request)
    return referral


@service(require_answering)
def decline(actor: Actor, referral: Referral, *, reason: str, suggested_service=None, request=None) -> Referral:
    if not (reason or "").strip():
        _refuse("reason", _("Say why you decline, so that the sender can find other help."))
    referral.suggested_service = suggested_service
    _move(
        actor, referral, "decline", reason, request, suggested_service=suggested_service.pk if suggested_service else ""
    )
    notify(referral, receiving=False, request=request)
    return referral


@service(require_answering)
def request_info(actor: Actor, referral: Referral, *, question: str, request=None) -> Referral:
    if not (question or "").strip():
        _refuse("note", _("Write what you need to know."))
    _move(actor, referral, "request_info", question, request)
    notify(referral, receiving=False, request=request)
    return referral


@service(require_sending_side)
def reply(actor: Actor, referral: Referral, *, answer: str, request=None) -> Referral:
    if not (answer or "").strip():
        _refuse("note", _("Write your answer."))
    _move(actor, referral, "reply", answer, request)
    notify(referral, receiving=True, request=request)
    return referral


@service(require_answering)
def complete(actor: Actor, referral: Referral, *, note: str = "", request=None) -> Referral:
    _move(actor, referral, "complete", note, request)
    notify(referral, receiving=False, request=request)
    return referral


@service(require_sending_side)
def withdraw(actor: Actor, referral: Referral, *, note: str = "", request=None) -> Referral:
    _move(actor, referral, "withdraw", note, request)
    notify(referral, receiving=True, request=request)
    return referral


@service(require_answering)
def open_case_from(actor: Actor, referral: Referral, *, request=None):
    """The receiver opens a case from an accepted case-less referral and links it (no identity yet)."""
    if referral.case_id or referral.opened_case_id:
        _refuse("action", _("This referral already has a case."))
    if referral.state != State.ACCEPTED:
        _refuse("action", _("Accept the referral before you open a case from it."))
    municipality = referral.receiver_organisation.municipality
    if municipality is None:
        _refuse("action", _("Your organisation has no municipality: open the case from the case list."))
    case = case_services.open_case(
        actor, person={"languages": list(referral.languages)}, municipality=municipality, request=request
    )
    referral.opened_case = case
    referral.save(update_fields=["opened_case", "updated"])
    _audit("case_opened", actor, referral, request, case=case.pk)
    return case


def _can_answer(user, organisation) -> bool:
    """Does `user` hold a role with `referral.answer` in `organisation` (whatever she acts for now)?"""
    roles = user.memberships.filter(organisation=organisation, is_active=True).values_list("role", flat=True)
    return user.is_active and any(ANSWER in role_permissions(role) for role in roles)


def people_to_notify(referral, *, receiving: bool) -> list[User]:
    """The side that has to act next: the receiver's members with `referral.answer`, or the sender."""
    if not receiving:
        return [referral.sender] if referral.sender and referral.sender.is_active else []
    users = User.objects.filter(
        memberships__organisation=referral.receiver_organisation, memberships__is_active=True, is_active=True
    ).distinct()
    return [user for user in users if _can_answer(user, referral.receiver_organisation)]


def notify(referral, *, receiving: bool, request=None) -> None:
    """An e-mail with a link only (no name, no pseudonym, no service), after the commit."""
    path = reverse("referrals:detail", args=[referral.pk])
    link = request.build_absolute_uri(path) if request is not None else path
    recipients = [user.email for user in people_to_notify(referral, receiving=receiving) if user.email]
    if not recipients:
        return

    def send() -> None:
        send_mail(
            _("Strom: a referral needs your attention"),
            _("A referral in Strom has changed and may need your attention:\n%(link)s\n") % {"link": link},
            None,
            recipients,
            fail_silently=True,
        )

    transaction.on_commit(send)


__all__ = [
    "MOVES",
    "OPEN_STATES",
    "accept",
    "complete",
    "decline",
    "make_referral",
    "open_case_from",
    "reply",
    "request_info",
    "withdraw",
]
