from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from strom.accounts import services as account_services
from strom.accounts.policies import actor_for
from strom.accounts.roles import Role
from strom.network import queries, services
from strom.network.forms import AdministratorForm, MunicipalityForm, OrganisationForm


def _submit(request, form, service, success: str, **extra) -> bool:
    """Run `service` with the form's data; a refusal becomes a form error and nothing changes."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        service(actor_for(request), request=request, **form.cleaned_data, **extra)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, success)
    return True


@login_required
@require_http_methods(["GET", "POST"])
def organisations(request):
    actor = actor_for(request)
    listing = queries.organisations_for_administration(actor)
    which = request.POST.get("form")
    organisation_form = OrganisationForm(request.POST if which == "organisation" else None, prefix="org")
    municipality_form = MunicipalityForm(request.POST if which == "municipality" else None, prefix="mun")
    if _submit(request, organisation_form, services.create_organisation, _("The organisation has been added.")) \
            or _submit(request, municipality_form, services.create_municipality,
                       _("The municipality has been added.")):
        return redirect("network:organisations")
    return render(request, "network/organisations.html", {
        "organisations": listing, "organisation_form": organisation_form, "municipality_form": municipality_form})


@login_required
@require_http_methods(["GET", "POST"])
def invite_administrator(request, organisation_id):
    actor = actor_for(request)
    organisation = queries.organisation_for_administration(actor, organisation_id)
    form = AdministratorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_services.invite_user(actor, organisation, roles=[Role.ORG_ADMIN], request=request,
                                         **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The administrator has been invited."))
            return redirect("network:organisations")
    return render(request, "network/invite_administrator.html", {"organisation": organisation, "form": form})


@login_required
@require_POST
def toggle_organisation(request, organisation_id):
    actor = actor_for(request)
    organisation = queries.organisation_for_administration(actor, organisation_id)
    services.set_organisation_active(actor, organisation, not organisation.is_active, request=request)
    return redirect("network:organisations")
