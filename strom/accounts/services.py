"""Every change to who works in Strom: invitations, roles, deactivation, sessions.

Each function checks the policy, changes the data in one transaction and appends the audit event
in that same transaction.
"""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from strom.accounts.models import Membership, User
from strom.accounts.policies import Actor, assignable_roles, can_manage_users_of, deny
from strom.api.tokens import revoke_all_tokens
from strom.audit.services import record
from strom.lib.services import service


def _require_manager(actor: Actor, organisation, *args, **kwargs) -> None:
    if not can_manage_users_of(actor, organisation):
        deny(actor, "organisation.manage_users", organisation)


def _require_manager_of_another(actor: Actor, organisation, user: User, *args, **kwargs) -> None:
    """An administrator never removes her own access: someone must always be left to manage it."""
    _require_manager(actor, organisation)
    if user == actor.user:
        raise ValidationError(_("Your own access is changed by another administrator."))


def _require_membership(actor: Actor, organisation, *args, **kwargs) -> None:
    if not actor.is_member_of(organisation):
        deny(actor, "organisation.switch", organisation)


def _anyone(actor: Actor, *args, **kwargs) -> None:
    """Changes to one's own account: being signed in is the right."""


def _check_roles(organisation, roles) -> list[str]:
    allowed = {value for value, _label in assignable_roles(organisation)}
    roles = list(dict.fromkeys(roles))
    if not roles:
        raise ValidationError(_("Choose at least one role."))
    refused = [role for role in roles if role not in allowed]
    if refused:
        raise ValidationError(_("These roles cannot be given in this organisation: %(roles)s"),
                              params={"roles": ", ".join(refused)})
    return roles


@service(_require_manager)
def invite_user(actor: Actor, organisation, *, email: str, username: str, display_name: str,
                roles: list[str], request=None) -> User:
    """Add a colleague to `organisation` with `roles`; new people get a link to set a password.

    An organisation's administrator reaches only people who are new to Strom or have worked for her
    organisation before: attaching anyone else's account would let her sign them out, or deactivate
    them, at will. A system administrator may add an existing account to any organisation.
    """
    roles = _check_roles(organisation, roles)
    user = User.objects.filter(Q(email__iexact=email) | Q(username__iexact=username)).first()
    if user is None:
        user = _new_user(organisation, email=email, username=username, display_name=display_name)
        transaction.on_commit(lambda: send_invitation(user, organisation, request))
    elif not (actor.is_system_admin or user.memberships.filter(organisation=organisation).exists()):
        raise ValidationError(_("This person already has a Strom account elsewhere. A system administrator "
                                "can add them to your organisation."))
    elif not user.is_active:
        _reactivate(actor, organisation, user, request)
    for role in roles:
        _add_role(actor, organisation, user, role, request)
    record("user.invited", actor=actor.user, organisation=organisation, target=user, request=request)
    return user


def _new_user(organisation, *, email: str, username: str, display_name: str) -> User:
    user = User(username=username, email=email, display_name=display_name, current_organisation=organisation)
    user.set_unusable_password()
    user.save()
    return user


def _reactivate(actor: Actor, organisation, user: User, request) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])
    record("user.reactivated", actor=actor.user, organisation=organisation, target=user, request=request)


def _add_role(actor: Actor, organisation, user: User, role: str, request) -> None:
    membership, _new = Membership.objects.update_or_create(
        user=user, organisation=organisation, role=role, defaults={"is_active": True, "ended": None})
    record("membership.added", actor=actor.user, organisation=organisation, target=membership,
           detail={"role": role}, request=request)


def send_invitation(user: User, organisation, request=None) -> None:
    """An e-mail with only a link: never anything about the work itself."""
    path = reverse("account_reset_password_from_key",
                   kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)})
    link = request.build_absolute_uri(path) if request is not None else path
    context = {"user": user, "organisation": organisation, "link": link}
    send_mail(
        _("You have been invited to Strom"),
        render_to_string("accounts/email/invitation.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )


@service(_require_manager_of_another)
def set_roles(actor: Actor, organisation, user: User, roles: list[str], request=None) -> None:
    """Give `user` exactly `roles` in `organisation`; her sessions end so the change takes effect now."""
    roles = set(_check_roles(organisation, roles))
    current = {m.role: m for m in Membership.objects.filter(user=user, organisation=organisation, is_active=True)}
    for role, membership in current.items():
        if role not in roles:
            _end(actor, membership, request)
    for role in roles - current.keys():
        _add_role(actor, organisation, user, role, request)
    if current.keys() - roles:
        end_all_sessions(user, actor=actor, request=request)


@service(_require_manager_of_another)
def deactivate_user(actor: Actor, organisation, user: User, request=None) -> None:
    """End every role `user` has in `organisation`; without any other organisation she is deactivated.

    Her sessions end either way: what she may see has changed.
    """
    for membership in Membership.objects.filter(user=user, organisation=organisation, is_active=True):
        _end(actor, membership, request)
    if not _deactivate_if_alone(actor, user, request):
        end_all_sessions(user, actor=actor, request=request)


def _end(actor: Actor, membership: Membership, request) -> None:
    membership.is_active = False
    membership.ended = timezone.now()
    membership.save(update_fields=["is_active", "ended"])
    record("membership.ended", actor=actor.user, organisation=membership.organisation, target=membership,
           detail={"role": membership.role}, request=request)


def _deactivate_if_alone(actor: Actor, user: User, request) -> bool:
    """Deactivate a user left without any organisation; system administrators are never deactivated
    this way, since they keep Strom running without belonging anywhere."""
    if user.is_superuser or user.is_staff or not user.is_active:
        return False
    if Membership.objects.filter(user=user, is_active=True).exists():
        return False
    user.is_active = False
    user.save(update_fields=["is_active"])
    record("user.deactivated", actor=actor.user, organisation=actor.organisation, target=user, request=request)
    sign_out_everywhere(user, actor=actor, request=request)
    return True


def sign_out_everywhere(user: User, *, actor: Actor | None = None, request=None) -> None:
    """End every session and revoke every API token: after a suspected theft nothing may outlive it."""
    end_all_sessions(user, actor=actor, request=request)
    revoke_all_tokens(user, actor=actor.user if actor else user, request=request)


def end_all_sessions(user: User, *, actor: Actor | None = None, request=None) -> int:
    """Sign `user` out on every device (allauth's usersessions tracks each signed-in session)."""
    ended = 0
    for user_session in UserSession.objects.filter(user=user):
        user_session.end()
        ended += 1
    record("session.ended", actor=actor.user if actor else user, target=user, detail={"sessions": ended},
           request=request)
    return ended


@service(_require_membership)
def switch_organisation(actor: Actor, organisation, request=None) -> None:
    actor.user.current_organisation = organisation
    actor.user.save(update_fields=["current_organisation"])
    record("organisation.switched", actor=actor.user, organisation=organisation, request=request)


@service(_anyone)
def update_profile(actor: Actor, *, display_name: str, preferred_language: str, request=None) -> None:
    user = actor.user
    user.display_name = display_name
    user.preferred_language = preferred_language
    user.save(update_fields=["display_name", "preferred_language"])
    record("profile.updated", actor=user, target=user, fields=["display_name", "preferred_language"],
           request=request)
