from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from strom.accounts import queries, services
from strom.accounts.forms import InviteForm, ProfileForm, RolesForm
from strom.accounts.policies import actor_for
from strom.api.models import PersonalToken


@login_required
@require_GET
def mfa_required(request):
    """Shown to someone who may see personal data but has no second factor yet."""
    return render(request, "accounts/mfa_required.html")


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    actor = actor_for(request)
    form = ProfileForm(request.POST or None, initial={
        "display_name": request.user.display_name, "preferred_language": request.user.preferred_language})
    if request.method == "POST" and form.is_valid():
        services.update_profile(actor, request=request, **form.cleaned_data)
        messages.success(request, _("Your profile has been saved."))
        response = redirect("profile")
        if form.cleaned_data["preferred_language"]:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, form.cleaned_data["preferred_language"],
                                samesite="Lax", secure=settings.SESSION_COOKIE_SECURE, httponly=True)
        return response
    return render(request, "accounts/profile.html", {"form": form, "actor": actor})


@login_required
@require_GET
def security(request):
    context = {
        "authenticators": Authenticator.objects.filter(user=request.user).order_by("type"),
        "sessions": UserSession.objects.purge_and_list(request.user),
        "current_session_key": request.session.session_key,
        "tokens": PersonalToken.objects.filter(user=request.user, revoked__isnull=True).order_by("-created"),
    }
    return render(request, "accounts/security.html", context)


@login_required
@require_POST
def sign_out_everywhere(request):
    services.sign_out_everywhere(request.user, request=request)
    logout(request)
    return redirect(settings.LOGIN_URL)


@login_required
@require_POST
def switch_organisation(request):
    actor = actor_for(request)
    organisation = next((o for o in actor.organisations if str(o.id) == request.POST.get("organisation")), None)
    if organisation is None:
        raise Http404
    services.switch_organisation(actor, organisation, request=request)
    messages.success(request, _("You are now working for %(organisation)s.") % {"organisation": organisation.name})
    return redirect("home")


@login_required
@require_http_methods(["GET", "POST"])
def organisation_users(request):
    actor = actor_for(request)
    organisation = queries.organisation_for_manager(actor)
    form = InviteForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invite_user(actor, organisation, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s has been added.") % {"name": user})
            return redirect("organisation_users")
    context = {"organisation": organisation, "members": queries.members_of(organisation), "form": form}
    return render(request, "accounts/organisation_users.html", context)


def _colleague(request, user_id):
    """The actor, the organisation whose users she manages, and one of its members (404 otherwise)."""
    actor = actor_for(request)
    organisation = queries.organisation_for_manager(actor)
    return actor, organisation, queries.member_of(organisation, user_id)


@login_required
@require_POST
def deactivate_member(request, user_id):
    actor, organisation, member = _colleague(request, user_id)
    try:
        services.deactivate_user(actor, organisation, member, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s no longer works in Strom for this organisation.") % {"name": member})
    return redirect("organisation_users")


@login_required
@require_http_methods(["GET", "POST"])
def member_roles(request, user_id):
    actor, organisation, member = _colleague(request, user_id)
    if member == request.user:
        messages.error(request, _("Your own access is changed by another administrator."))
        return redirect("organisation_users")
    form = RolesForm(request.POST or None, organisation=organisation,
                     initial={"roles": [m.role for m in member.roles_here]})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_roles(actor, organisation, member, form.cleaned_data["roles"], request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The roles of %(name)s have been changed.") % {"name": member})
            return redirect("organisation_users")
    return render(request, "accounts/member_roles.html", {"organisation": organisation, "member": member,
                                                           "form": form})
