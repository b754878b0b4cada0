from __future__ import annotations

from functools import wraps

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from strom.accounts.policies import actor_for, session_passed_second_factor
from strom.api import tokens
from strom.api.forms import TokenForm
from strom.api.models import PersonalToken
from strom.api.permissions import HasPermission
from strom.api.serializers import MeSerializer, OrganisationSerializer
from strom.network.models import Organisation


class MeView(APIView):
    """Who the caller is, where she works and what she may do there."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        actor = actor_for(request)
        return Response(MeSerializer(request.user, context={"actor": actor}).data)


class OrganisationList(generics.ListAPIView):
    """The organisations of the network (no personal data)."""

    serializer_class = OrganisationSerializer
    permission_classes = [HasPermission.of("network.read")]

    def get_queryset(self):
        return Organisation.objects.filter(is_active=True).select_related("municipality")


# --- Token pages (HTML): reached from the security page -----------------------------------------
def second_factor_required(view):
    """Only a session that has passed a second factor may go on (others are sent to set one up)."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not session_passed_second_factor(request):
            messages.info(request, _("Add a second factor and sign in with it before you create an API token."))
            return redirect("mfa_index")
        return view(request, *args, **kwargs)

    return guarded


@login_required
@second_factor_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def token_create(request):
    """A token outlives the session that makes it, so making one needs the password again."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = tokens.create_token(request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("days", error)
        else:
            return render(request, "api/token_created.html", {"token": token, "raw": raw})
    return render(request, "api/token_create.html", {"form": form})


@login_required
@require_POST
def token_revoke(request, token_id):
    token = PersonalToken.objects.filter(pk=token_id, user=request.user, revoked__isnull=True).first()
    if token is None:
        raise Http404
    tokens.revoke_token(request.user, token, request=request)
    messages.success(request, _("The token %(name)s has been revoked.") % {"name": token.name})
    return redirect("security")
