from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from strom.accounts import services as account_services
from strom.accounts.policies import actor_for
from strom.accounts.roles import Role
from strom.network import display, queries, services
from strom.network.finder import find_services
from strom.network.forms import (
    AdministratorForm,
    CapacityForm,
    DirectoryForm,
    ExceptionForm,
    FinderForm,
    HoursForm,
    LocationForm,
    MunicipalityForm,
    OrganisationForm,
    ServiceForm,
)
from strom.network.languages import language_names
from strom.network.policies import can_manage_services, can_update_capacity

RESULTS_LIMIT = 100  # directory searches show this many; narrower filters find the rest


def _apply_error(form, error: ValidationError) -> None:
    """A service's refusal on the form: on the field it names when the form has it, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, messages_)


def _submit(request, form, service, success: str, **extra) -> bool:
    """Run `service` with the form's data; a refusal becomes a form error and nothing changes."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        service(actor_for(request), request=request, **form.cleaned_data, **extra)
    except ValidationError as error:
        _apply_error(form, error)
        return False
    messages.success(request, success)
    return True


def _next(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                                   require_https=request.is_secure()):
        return target
    return default


# --- Organisations (system administrator) ------------------------------------------------------


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


# --- Our services (the organisation's administrator) -------------------------------------------


@login_required
@require_GET
def our_services(request):
    actor = actor_for(request)
    organisation = queries.organisation_managed_by(actor)
    due = set(queries.services_due_for_verification(organisation).values_list("pk", flat=True))
    return render(request, "network/our_services.html", {
        "organisation": organisation, "services": queries.services_of(organisation), "due": due})


def _service_form_page(request, form, organisation, service=None):
    return render(request, "network/service_form.html", {"form": form, "organisation": organisation,
                                                         "service": service})


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request):
    actor = actor_for(request)
    organisation = queries.organisation_managed_by(actor)
    form = ServiceForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            service = services.create_service(actor, organisation, request=request, **form.service_fields())
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The service has been added. Now give its opening hours."))
            return redirect("network:service_hours", service.pk)
    return _service_form_page(request, form, organisation)


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, service_id):
    actor = actor_for(request)
    service = queries.service_to_manage(actor, service_id)
    form = ServiceForm(request.POST or None, organisation=service.organisation, service=service,
                       initial=ServiceForm.initial_from(service))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_service(actor, service, request=request, **form.service_fields())
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The service has been saved.") if changed else _("Nothing was changed."))
            return redirect("network:our_services")
    return _service_form_page(request, form, service.organisation, service)


def _hours_page(request, service, hours_form, exception_form):
    _initial, lossy = HoursForm.initial_from(service)
    return render(request, "network/service_hours.html", {
        "service": service, "form": hours_form, "exception_form": exception_form, "lossy": lossy,
        "exceptions": service.exceptions.order_by("date"), "time_zone": display.time_zone_of(service),
    })


@login_required
@require_http_methods(["GET", "POST"])
def service_hours(request, service_id):
    actor = actor_for(request)
    service = queries.service_to_manage(actor, service_id)
    initial, _lossy = HoursForm.initial_from(service)
    form = HoursForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_hours(actor, service, always_open=form.cleaned_data["always_open"],
                               hours=form.cleaned_data["hours"], request=request)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The opening hours have been saved."))
            return redirect("network:service_hours", service.pk)
    return _hours_page(request, service, form, ExceptionForm(prefix="exception"))


@login_required
@require_POST
def service_exception_add(request, service_id):
    actor = actor_for(request)
    service = queries.service_to_manage(actor, service_id)
    form = ExceptionForm(request.POST, prefix="exception")
    if form.is_valid():
        try:
            services.add_exception(actor, service, request=request, **form.service_fields())
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The exception has been added."))
            return redirect("network:service_hours", service.pk)
    initial, _lossy = HoursForm.initial_from(service)
    return _hours_page(request, service, HoursForm(initial=initial), form)


@login_required
@require_POST
def service_exception_remove(request, service_id, exception_id):
    actor = actor_for(request)
    service = queries.service_to_manage(actor, service_id)
    services.remove_exception(actor, queries.exception_of(service, exception_id), request=request)
    messages.success(request, _("The exception has been removed."))
    return redirect("network:service_hours", service.pk)


@login_required
@require_http_methods(["GET", "POST"])
def service_locations(request, service_id):
    actor = actor_for(request)
    service = queries.service_to_manage(actor, service_id)
    initial = {"municipality": str(service.organisation.municipality_id or "")}
    form = LocationForm(request.POST or None, initial=initial)
    if _submit(request, form, lambda actor, **data: services.add_location(actor, service, **data),
               _("The location has been added.")):
        return redirect("network:service_locations", service.pk)
    locations = service.locations.select_related("municipality").order_by("name", "address")
    return render(request, "network/service_locations.html", {"service": service, "form": form,
                                                              "locations": locations})


@login_required
@require_POST
def service_location_remove(request, service_id, location_id):
    actor = actor_for(request)
    service = queries.service_to_manage(actor, service_id)
    services.remove_location(actor, queries.location_of(service, location_id), request=request)
    messages.success(request, _("The location has been removed."))
    return redirect("network:service_locations", service.pk)


@login_required
@require_http_methods(["GET", "POST"])
def service_capacity(request, service_id):
    actor = actor_for(request)
    service = queries.service_for_capacity(actor, service_id)
    form = CapacityForm(request.POST or None, initial={"free": service.capacity_free})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_capacity(actor, service, free=form.cleaned_data["free"], request=request)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Free places of %(service)s: %(free)d.")
                             % {"service": service.name, "free": service.capacity_free})
            return redirect(_next(request, reverse("network:service", args=[service.pk])))
    return render(request, "network/service_capacity.html", {
        "service": service, "form": form, "manages": can_manage_services(actor, service.organisation)})


@login_required
@require_POST
def service_verify(request, service_id):
    actor = actor_for(request)
    service = queries.service_to_manage(actor, service_id)
    services.mark_verified(actor, service, request=request)
    messages.success(request, _("Thank you: %(service)s is confirmed as correct today.") % {"service": service.name})
    return redirect(_next(request, reverse("network:our_services")))


# --- The partners' directory -------------------------------------------------------------------


@login_required
@require_GET
def directory(request):
    actor = actor_for(request)
    queries.directory_services(actor)  # the right to read the directory
    form = DirectoryForm(request.GET or None)
    results, more = None, False
    if form.is_searching() and form.is_valid():
        found = queries.directory_search(actor, **form.filters(), limit=RESULTS_LIMIT + 1)
        results, more = found[:RESULTS_LIMIT], len(found) > RESULTS_LIMIT
    return render(request, "network/directory.html", {
        "form": form, "results": results, "more": more, "municipalities": queries.municipalities()})


@login_required
@require_GET
def service_detail(request, service_id):
    actor = actor_for(request)
    service = queries.service_in_directory(actor, service_id)
    capacity_form = CapacityForm(initial={"free": service.capacity_free}) if can_update_capacity(actor, service) \
        else None
    return render(request, "network/service_detail.html", {
        "service": service, "week": display.week_of(service), "open": display.open_state(service),
        "exceptions": display.coming_exceptions(service), "time_zone": display.time_zone_of(service),
        "spoken": language_names(service.languages), "locations": service.locations.all(),
        "capacity_form": capacity_form, "manages": can_manage_services(actor, service.organisation),
        "eligibility": display.eligibility_of(service), "intake": display.intake_of(service),
    })


@login_required
@require_GET
def organisation_detail(request, organisation_id):
    actor = actor_for(request)
    organisation = queries.organisation_in_directory(actor, organisation_id)
    return render(request, "network/organisation_detail.html", {
        "organisation": organisation, "services": queries.services_of_organisation(organisation)})


@login_required
@require_GET
def municipality_detail(request, municipality_id):
    actor = actor_for(request)
    municipality = queries.municipality_in_directory(actor, municipality_id)
    return render(request, "network/municipality_detail.html", {
        "municipality": municipality, "organisations": queries.organisations_in(municipality),
        "services": queries.services_serving(municipality)})


@login_required
@require_GET
def procedure(request, municipality_id):
    """The written local referral procedure: per kind of help, who gives it and how to refer (printable)."""
    actor = actor_for(request)
    municipality = queries.municipality_in_directory(actor, municipality_id)
    by_type: dict = {}
    for service in queries.services_serving(municipality).prefetch_related("hours"):
        service.week_text = display.week_text(service)
        by_type.setdefault(service.type, []).append(service)
    types = sorted(queries.service_types(), key=lambda t: str(t).casefold())
    sections = [{"type": t, "services": by_type.get(t, [])} for t in types]
    return render(request, "network/procedure.html", {
        "municipality": municipality, "sections": sections,
        "gaps": [section["type"] for section in sections if not section["services"]]})


@login_required
@require_GET
def finder(request):
    actor = actor_for(request)
    queries.directory_services(actor)  # the right to read the directory
    form = FinderForm(request.GET or None)
    fitting = others = None
    if form.is_bound and form.is_valid():
        results = [_result(found) for found in find_services(form.need_value())]
        fitting = [result for result in results if result["fits"]]
        others = [result for result in results if not result["fits"]]
    return render(request, "network/finder.html", {"form": form, "fitting": fitting, "others": others})


def _result(found) -> dict:
    """A finding for the page: the why-list without the intake lines, which get their own place."""
    intake = display.intake_of(found.service)
    why = [reason for reason in found.reasons if reason.text not in intake]
    return {"service": found.service, "fits": found.fits, "open_now": found.open_now, "why": why,
            "intake": intake}


# --- The public directory (no sign-in) ---------------------------------------------------------


@require_GET
def public_directory(request):
    form = DirectoryForm(request.GET or None)
    results, more = None, False
    if form.is_searching() and form.is_valid():
        found = queries.public_search(**form.filters(), limit=RESULTS_LIMIT + 1)
        results, more = found[:RESULTS_LIMIT], len(found) > RESULTS_LIMIT
    return render(request, "network/public_directory.html", {"form": form, "results": results, "more": more})


@require_GET
def public_service(request, service_id):
    service = queries.public_service(service_id)
    return render(request, "network/public_service.html", {
        "service": service, "week": display.week_of(service), "open": display.open_state(service),
        "exceptions": display.coming_exceptions(service), "time_zone": display.time_zone_of(service),
        "spoken": language_names(service.languages), "locations": queries.public_locations(service),
    })
